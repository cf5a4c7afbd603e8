"""Counting writers on SQLite queue on a file lock, so a waiting one wakes as soon as the lock is free."""

import json
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from articles.counting import writers
from tests.fresh_process import run

pytestmark = pytest.mark.skipif(writers.fcntl is None, reason="needs flock (not on Windows)")


@pytest.fixture
def lock_path(tmp_path, monkeypatch):
    path = str(tmp_path / "db.sqlite3.writers")
    monkeypatch.setattr(writers, "_lock_path", lambda: path)
    # These writers write nothing: no checkpoint may come due from them.
    monkeypatch.setattr(writers, "_written_since_checkpoint", 0)
    return path


def test_threads_of_one_worker_write_one_at_a_time(lock_path):
    inside, overlaps = [], []

    def write():
        for _ in range(50):
            with writers.one_writer_at_a_time():
                inside.append(1)
                if len(inside) > 1:
                    overlaps.append(1)
                time.sleep(0.0005)
                inside.pop()

    threads = [threading.Thread(target=write) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == []


def test_another_worker_waits_for_the_lock_and_gets_it_when_freed(lock_path):
    other = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({lock_path!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "time.sleep(0.5)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert other.stdout.readline().strip() == "locked"
    started = time.monotonic()
    with writers.one_writer_at_a_time():
        waited = time.monotonic() - started
    other.wait(timeout=5)
    assert 0.3 < waited < 2


def test_no_lock_without_a_sqlite_database_file(db):
    assert writers._lock_path() is None


def test_the_sites_sqlite_database_syncs_only_at_checkpoints(tmp_path):
    # A fresh process on the real settings, on a database file of its own: what every worker opens.
    pragmas = "journal_mode", "synchronous", "wal_autocheckpoint"
    script = (
        "import json, django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        f"    print(json.dumps([cursor.execute(f'PRAGMA {{name}}').fetchone()[0] for name in {pragmas!r}]))\n"
    )
    result = run(["-c", script], folder=tmp_path, DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'site.db'}")

    assert result.returncode == 0, result.stderr
    # WAL, NORMAL (1): a disk sync at each checkpoint, not each commit; SQLite's own every 4,000 pages.
    assert json.loads(result.stdout) == ["wal", 1, 4000]


def test_a_worker_copies_the_log_into_the_database_after_its_answers(tmp_path):
    # A fresh process on the real settings and a database file, counting views through the endpoint: after
    # CHECKPOINT_EVERY of them the database file itself holds them, though SQLite's own checkpoint (every
    # 4,000 pages of log) has not come yet.
    database, alone = tmp_path / "site.db", tmp_path / "alone.db"
    script = (
        "import shutil, django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from django.test import Client\n"
        "from articles.counting.writers import CHECKPOINT_EVERY\n"
        "from tests.factories import ArticleFactory\n"
        "call_command('migrate', verbosity=0)\n"
        "article = ArticleFactory(view_count=0)\n"
        "client = Client(HTTP_USER_AGENT='Mozilla/5.0 (Android 14) Chrome/124.0 Mobile')\n"
        "for reader in range(CHECKPOINT_EVERY):\n"
        "    client.cookies.clear()\n"
        "    address = f'10.0.{reader // 256}.{reader % 256}'\n"
        "    client.post(f'/bai-viet/{article.pk}/luot-xem/', REMOTE_ADDR=address)\n"
        "print(article.pk, CHECKPOINT_EVERY)\n"
        # The database file alone, without its log, while the site has it open (closing it would checkpoint).
        f"shutil.copyfile({str(database)!r}, {str(alone)!r})\n"
    )
    result = run(
        ["-c", script],
        folder=tmp_path,
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    assert result.returncode == 0, result.stderr
    article_id, views = map(int, result.stdout.split())

    with sqlite3.connect(alone) as copy:
        stored = copy.execute("SELECT view_count FROM articles_article WHERE id = ?", [article_id]).fetchone()
    assert stored == (views,)
