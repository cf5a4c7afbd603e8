"""PostgreSQL stopped under a running app server: pages answer the Vietnamese 503 at once, and the same server
serves them again by itself once PostgreSQL is back.

The test makes a PostgreSQL cluster of its own (Debian's pg_createcluster, on a free port, trusting
connections from this host), so that stopping it disturbs nothing else, and drops it at the end whatever
happened. It needs PostgreSQL's server and root rather than the suite's database, and is marked `postgres`
so that CI runs it once, in its PostgreSQL pass.
"""

import json
import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import IN_CI

from .servers import AppServer, Browser, free_port, manage, site_env

pytestmark = pytest.mark.postgres

POSTGRESQL_HOME = Path("/usr/lib/postgresql")
WORKERS = 2
ANSWER_LIMIT = 1.0  # seconds for a 503 while PostgreSQL is stopped
RECOVERY_LIMIT = 10.0  # seconds from PostgreSQL started again to every page answered
HEADING = "<h1>Trang tin tạm thời gián đoạn</h1>"

MAKE_ARTICLE = """
from tests.factories import ArticleFactory

print(ArticleFactory(title="Hội nghị sơ kết công tác tuyên giáo").get_absolute_url())
"""


def _missing() -> str | None:
    if shutil.which("pg_createcluster") is None:
        return "needs Debian's postgresql-common (pg_createcluster) and a PostgreSQL server"
    if not _versions():
        return f"needs a PostgreSQL server in {POSTGRESQL_HOME}"
    if os.geteuid() != 0:
        return "needs root to create and drop a PostgreSQL cluster"
    return None


def _versions() -> list[str]:
    found = [path.parent.parent.name for path in POSTGRESQL_HOME.glob("*/bin/postgres")]
    return sorted(found, key=lambda version: [int(part) for part in version.split(".") if part.isdigit()])


class Cluster:
    def __init__(self):
        self.version = _versions()[-1]
        self.port = free_port()
        self.name = f"portal_outage_{self.port}"

    def create(self) -> None:
        # Started by hand only (never at boot, should the test die before dropping it). Trust for every
        # connection, so the app server needs no password; the cluster listens on localhost only.
        self._run(
            *("pg_createcluster", "--start-conf=manual", "--port", str(self.port), "-o", "fsync=off"),
            *(self.version, self.name, "--", "--auth=trust"),
        )
        self.start()

    def start(self) -> None:
        self._run("pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, "start")

    def stop(self) -> None:
        self._run("pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, "stop", "-m", "fast")

    def drop(self) -> None:
        subprocess.run(
            ["pg_dropcluster", "--stop", self.version, self.name], capture_output=True, text=True, check=False
        )

    def database_url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    @staticmethod
    def _run(*command: str) -> None:
        completed = subprocess.run(command, capture_output=True, text=True)
        if completed.returncode != 0:
            raise AssertionError(f"{' '.join(command)} failed:\n{completed.stdout}\n{completed.stderr}")


@pytest.fixture
def cluster():
    missing = _missing()
    if missing and IN_CI:
        pytest.fail(f"The outage test must run in CI: {missing}")
    if missing:
        pytest.skip(missing)
    cluster = Cluster()
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.drop()


@pytest.fixture
def site(cluster, tmp_path):
    import psycopg2

    connection = psycopg2.connect(cluster.database_url("postgres"))
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("CREATE DATABASE portal")
    finally:
        connection.close()
    # No CACHE_URL: the cache is the database's own table, so nothing at all is served from elsewhere.
    env = site_env(
        database_url=cluster.database_url("portal"), workdir=tmp_path, WEB_CONCURRENCY=str(WORKERS)
    )
    manage(env, "migrate", "--no-input")
    article_url = manage(env, "shell", "-c", MAKE_ARTICLE).split()[-1]
    server = AppServer(env, tmp_path / "gunicorn.log")
    try:
        yield server, article_url
    finally:
        server.stop()


def _timed_get(reader, path):
    started = time.monotonic()
    response = reader.get(path)
    return response, time.monotonic() - started


def test_a_stopped_database_is_a_503_at_once_and_its_return_needs_no_restart(cluster, site):
    server, article_url = site
    pages = ["/", article_url]
    reader = Browser(server.port)
    for path in pages:
        assert reader.get(path).status == 200, path
    master = server.process.pid

    cluster.stop()
    # Several rounds, so that every worker finds its own connection dead.
    timings = []
    for _ in range(4):
        for path in pages:
            response, seconds = _timed_get(reader, path)
            timings.append(seconds)
            assert response.status == 503, (path, response.text[:2000])
            assert seconds < ANSWER_LIMIT, (path, seconds)
            assert response.headers["Retry-After"]
            assert HEADING in response.text
            assert "Traceback" not in response.text
    health = reader.get("/healthz")
    assert (health.status, json.loads(health.body)) == (503, {"database": "fail", "cache": "fail"})

    cluster.start()
    started = time.monotonic()
    deadline = started + RECOVERY_LIMIT
    # Back when every page answers on several requests in a row: each worker reconnects on its own.
    while [reader.get(path).status for path in pages * 3] != [200] * 6:
        assert time.monotonic() < deadline, (
            f"not back {RECOVERY_LIMIT:.0f} s after PostgreSQL:\n{server.log()}"
        )
        time.sleep(0.1)
    recovery = time.monotonic() - started
    health = reader.get("/healthz")
    assert (health.status, json.loads(health.body)) == (200, {"database": "ok", "cache": "ok"})

    # The same server, and the same workers: nothing was restarted.
    assert server.process.pid == master
    assert server.process.poll() is None
    log = server.log_path.read_text(errors="replace")
    assert log.count("Booting worker") == WORKERS, log
    assert "Traceback" not in log, log
    assert "unreachable" in log
    assert "reachable again" in log
    median = statistics.median(timings)
    print(
        f"503 while stopped: {min(timings):.3f}-{max(timings):.3f} s (median {median:.3f});"
        f" every page back {recovery:.2f} s after PostgreSQL started"
    )
