"""Counting writers on SQLite queue on a file lock, so a waiting one wakes as soon as the lock is free."""

import subprocess
import sys
import threading
import time

import pytest

from articles.counting import writers

pytestmark = pytest.mark.skipif(writers.fcntl is None, reason="needs flock (not on Windows)")


@pytest.fixture
def lock_path(tmp_path, monkeypatch):
    path = str(tmp_path / "db.sqlite3.writers")
    monkeypatch.setattr(writers, "_lock_path", lambda: path)
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
