"""Speed figures for the reading site (home, category, article and search pages) at stated data sizes,
and the targets of issue 10 as ratios to a bare Django view measured in the same run.

Usage, from the project root:

    .venv/bin/python scripts/benchmark.py [--articles 10000 | --sizes 1000,10000,100000]
                                          [--engines sqlite,postgres] [--database-url URL]
                                          [--redis-url redis://127.0.0.1:6379/7] [--reuse] [--sqlite-dir DIR]
                                          [--duration 15] [--connections 16] [--targets-only] [--no-nginx]
                                          [--requests 1000] [--concurrency 8] [--search-requests 200]
                                          [--workers 2] [--threads 1]

What a run does, for each database engine and size:

1. Prepares the size's database: SQLite ``benchmark_<size>.sqlite3`` in ``--sqlite-dir`` (default a temp
   dir), or PostgreSQL ``<--database-url's name>_<size>`` (default ``portal_bench_<size>``), which is
   dropped and created again; the name must contain "bench" so a mistyped URL can never drop a real
   database. Then ``manage.py migrate`` and ``manage.py seed_demo --articles N`` run (seeding is timed).
   With ``--reuse`` a database that already holds N articles is only migrated. On PostgreSQL the script
   then runs VACUUM ANALYZE, as autovacuum would on a live server, so the planner has statistics and counts
   can be read off an index. PostgreSQL runs use ``--redis-url`` as CACHE_URL (so also as the view
   buffer), emptied first; SQLite runs the default database cache.
2. Counts the SQL queries of each page with Django's test client, in a child process that has the same
   environment as the server: on a page-cache miss (the content version bumped, as a publish does) and on
   a hit, and those of one counted view (the beacon POST).
3. Serves the site with gunicorn (``scripts/deploy/gunicorn.conf.py``, ``--workers`` sync workers) on a
   free port of 127.0.0.1, with the settings of ``scripts/benchmark_settings.py``: the site's own plus a
   bare view (16 KB, ``scripts/benchmark_urls.py``) through the same middleware.
4. Unless ``--targets-only``: sends ``--requests`` GET requests per page from ``--concurrency`` threads,
   each keeping its own connection (standard library only), and prints one plain-text table: requests,
   errors, requests/s, latency percentiles and SQL queries per page. The pages include search results
   (/tim-kiem/) for a few realistic queries, typed with and without diacritics, a very common word and a
   misspelt query. Then measures search latency apart: ``--search-requests`` requests per query sent one
   at a time, so each figure is the time one reader waits for an answer, not time spent queueing behind
   the other client threads.
5. The targets: ``wrk -t2 -c16 -d15s --latency`` (``--connections``, ``--duration``; the Python load
   generator when wrk is not installed) on the bare view (at the start and again at the end: the better
   figure is the one pages are divided by), the article page with its view counted (each reader's GET
   and beacon POST, a new reader each pair), the article page alone, the beacon alone (a new reader each
   beacon; every measurement's readers are new to the database, see new_crowd()), home and category;
   then the same pages behind nginx running ``scripts/deploy/nginx.conf`` (its micro-cache) in front of
   the same gunicorn. Prints page, req/s, p50, p99, the ratio to the bare view, the target and pass or
   fail, and the query targets.
6. After all sizes: each page's p50 at the largest size against the smallest (flat with size); the
   page-cache misses are timed again first, once the load of the measurements has settled, in MISS_ROUNDS
   processes per size, the sizes in turn.

Anything but a 200 counts as an error. The load generator runs on the same machine as the server and
competes with it for CPU, so the figures are a floor for what the server alone could do, and only
comparable between runs on the same machine; the load average at the start of each run is printed.

gunicorn is one of the project's dependencies, so ``scripts/serve.sh`` or ``scripts/test.sh`` installs it;
wrk and nginx come from Debian (``apt-get install wrk nginx``).
"""

from __future__ import annotations

import argparse
import http.client
import importlib.metadata
import importlib.util
import itertools
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PAGE_TIME_LIMIT = 120.0
# One stuck request must not hold a client thread past the page's time limit for long.
REQUEST_TIMEOUT = 30.0
SERVER_START_TIMEOUT = 30.0
# The first requests of each worker compile templates and open database connections; they are not
# what a reader usually waits for, so each page is warmed up before it is timed.
WARMUP_REQUESTS_PER_PAGE = 20
INSPECT_FLAG = "--inspect-pages"
# What readers type into the search box: without and with diacritics, a phrase, a word in nearly every
# article (every match must be ranked), and a misspelling (no match; a suggestion is looked for).
SEARCH_QUERIES = {
    "search hoc tap lam theo bac": "hoc tap lam theo bac",
    "search dang bo": "dang bo",
    "search nông thôn mới": "nông thôn mới",
    "search Đảng bộ xã": "Đảng bộ xã",
    "search huyen (common)": "huyen",
    "search nong thom moi (typo)": "nong thom moi",
}
SEARCH_PREFIX = "search "
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"
SETTINGS_MODULE = "scripts.benchmark_settings"
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
BARE_PATH = "/__benchmark__/bare/"
GUNICORN_CONFIG = PROJECT_ROOT / "scripts" / "deploy" / "gunicorn.conf.py"
# Readers of a burst come from many addresses with the few browsers most phones run: each reader is another
# address (X-Forwarded-For, believed from the TRUSTED_PROXY the server runs with) with one of these.
# Unique local IPv6 addresses under a prefix drawn for this run (see new_crowd()).
RUN_PREFIX = f"fd{random.getrandbits(8):02x}:{random.getrandbits(16):x}:{random.getrandbits(16):x}"
_crowds = itertools.count(1)
READER_AGENTS = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile "
    "Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 13; SM-A546E Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 Zalo android/12090000 ZaloTheme/light",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
    "Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148 [FBAN/FBIOS;FBAV/460.0.0.38.108;FBBV/580409064;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS]",
)


# --- command line -------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000, help="articles to seed (default 10000)")
    parser.add_argument("--requests", type=int, default=1000, help="GET requests per page (default 1000)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (default 8)")
    parser.add_argument(
        "--search-requests",
        type=int,
        default=200,
        help="requests per search query sent one at a time, for search latency (default 200)",
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="a PostgreSQL URL to drop, recreate and use (default: a fresh SQLite file in a temp dir)",
    )
    parser.add_argument(
        "--sizes",
        default="",
        help="article counts, one database each, e.g. 1000,10000,100000 (default: --articles)",
    )
    parser.add_argument(
        "--engines",
        default="",
        help="sqlite, postgres or both, comma-separated (default: postgres with --database-url, else sqlite)",
    )
    parser.add_argument(
        "--redis-url",
        default="",
        help="CACHE_URL for the PostgreSQL runs, e.g. redis://127.0.0.1:6379/7; EMPTIED before each run "
        "(default: none, the database cache)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a database that already holds the size's articles instead of seeding it again "
        "(SQLite files in --sqlite-dir)",
    )
    parser.add_argument(
        "--sqlite-dir", default="", help="where SQLite databases are kept (default: a temp dir)"
    )
    parser.add_argument(
        "--duration", type=int, default=15, help="seconds per target measurement (default 15)"
    )
    parser.add_argument(
        "--connections", type=int, default=16, help="connections for the targets (default 16)"
    )
    parser.add_argument(
        "--targets-only",
        action="store_true",
        help="measure only the issue's targets, not the reading-site table and search latency",
    )
    parser.add_argument("--no-nginx", action="store_true", help="skip the measurements behind nginx")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per gunicorn worker; above 1 uses gthread (default 1)"
    )
    # The child process that counts queries is this same script; the flag is not for people.
    parser.add_argument(INSPECT_FLAG, action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    for name in ("articles", "requests", "concurrency", "search_requests", "workers", "threads", "duration"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    try:
        args.size_list = [int(size) for size in args.sizes.split(",")] if args.sizes else [args.articles]
    except ValueError:
        parser.error("--sizes must be numbers separated by commas")
    args.engine_list = [e.strip() for e in args.engines.split(",") if e.strip()] or [
        "postgres" if args.database_url else "sqlite"
    ]
    if set(args.engine_list) - {"sqlite", "postgres"}:
        parser.error("--engines takes sqlite and/or postgres")
    if "postgres" in args.engine_list and not args.database_url:
        args.database_url = DEFAULT_POSTGRES_URL
    return args


# --- the throwaway database and environment -----------------------------------------------------------


def bench_env(
    *, database_url: str, media_root: Path, static_root: Path, cache_url: str = ""
) -> dict[str, str]:
    # The caller's own cache and buffer must not leak in: each run says which it uses.
    env = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "VIEW_BUFFER_URL", "TRUSTED_PROXY"}}
    if cache_url:
        env["CACHE_URL"] = cache_url
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-key-never-used-for-a-real-site",
            "ALLOWED_HOSTS": HOST,
            "SERVE_MEDIA": "0",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media_root),
            # An existing (empty) folder keeps WhiteNoise from warning on every worker start.
            "STATIC_ROOT": str(static_root),
            "PYTHONUNBUFFERED": "1",
            # Behind nginx (the micro-cache runs), as in production.
            "TRUSTED_PROXY": HOST,
            "WEB_CONCURRENCY": "2",
        }
    )
    return env


def is_postgres(database_url: str) -> bool:
    return urlsplit(database_url).scheme in {"postgres", "postgresql", "pgsql", "postgis"}


def recreate_postgres_database(database_url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"Refusing to drop database {name!r}: its name must contain 'bench'.")
    # DROP/CREATE DATABASE cannot run inside the database itself, hence the maintenance database.
    maintenance_url = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    connection = psycopg2.connect(maintenance_url)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            # FORCE ends sessions a previous, interrupted run may have left open.
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


def analyze_postgres(database_url: str) -> str:
    """Vacuum and refresh the planner's statistics; return a note on it for the report.

    A production server's autovacuum analyses a freshly filled table within a minute or so, and vacuums it
    after a migration rewrote its rows. Without statistics PostgreSQL plans full scans and sorts that a live
    site would not run, and without the vacuum a count cannot be answered from an index alone; a server with
    autovacuum off (as on some development machines) would keep both for the whole benchmark.
    """
    import psycopg2

    connection = psycopg2.connect(urlunsplit(urlsplit(database_url)._replace(scheme="postgresql")))
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("SHOW autovacuum")
            autovacuum = cursor.fetchone()[0]
    finally:
        connection.close()
    return f" (autovacuum {autovacuum} on this server; VACUUM ANALYZE run after migrating)"


def manage(env: dict[str, str], *arguments: str) -> float:
    """Run a manage.py command; return how long it took. Its output is shown only if it fails."""
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-5000:] + completed.stderr[-5000:])
        raise SystemExit(f"manage.py {' '.join(arguments)} failed with exit code {completed.returncode}")
    return elapsed


# --- queries per page (runs in the child process) -----------------------------------------------------


def inspect_pages() -> dict:
    """Data size, database engine and the SQL queries of each benchmarked page, as JSON-ready data."""
    sys.path.insert(0, str(PROJECT_ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article, Category

    category = first_top_category_with_articles(Article, Category)
    article = Article.objects.published().newest_first().first()
    if category is None or article is None:
        raise SystemExit("The seeded database has no published article in a top-level category.")
    paths = {
        "home": "/",
        "category": category.get_absolute_url(),
        "category ?page=2": f"{category.get_absolute_url()}?page=2",
        "article": article.get_absolute_url(),
        **{name: f"/tim-kiem/?{urlencode({'q': query})}" for name, query in SEARCH_QUERIES.items()},
    }
    client = Client(HTTP_HOST=HOST, raise_request_exception=False)
    forget_pages = page_cache_forgetter()
    pages = []
    for name, path in paths.items():
        # The first request of a process fills caches (templates, content types, the site's identity);
        # count a later one that misses the page cache, then one that hits it.
        client.get(path)
        forget_pages()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        with CaptureQueriesContext(connection) as captured_hit:
            client.get(path)
        pages.append(
            {
                "name": name,
                "path": path,
                "status": response.status_code,
                "queries": site_queries(captured),
                "queries_hit": site_queries(captured_hit),
                "cache_queries": cache_queries(captured),
                "cache_queries_hit": cache_queries(captured_hit),
                "bytes": len(response.content),
            }
        )
    beacon_path = f"/bai-viet/{article.pk}/luot-xem/"
    with CaptureQueriesContext(connection) as captured:
        response = client.post(beacon_path, **reader_headers(new_crowd(), 0, django_meta=True))
    beacon = {
        "path": beacon_path,
        "status": response.status_code,
        "queries": site_queries(captured),
        "cache_queries": cache_queries(captured),
    }
    miss_ms = {name: render_time_on_a_miss(client, paths[name], forget_pages) for name in MISS_TIMED}
    category_articles = Article.objects.published().filed_under(category).count()
    from articles.search.query import search_articles
    from articles.search.text import terms

    search_matches = {name: search_articles(terms(query)).count() for name, query in SEARCH_QUERIES.items()}
    return {
        "engine": database_description(connection),
        "articles_total": Article.objects.count(),
        "articles_published": Article.objects.published().count(),
        "categories_total": Category.objects.count(),
        "categories_top_level": Category.objects.top_level().count(),
        "category_name": category.name,
        "category_articles": category_articles,
        "pages": pages,
        "beacon": beacon,
        "miss_ms": miss_ms,
        "search_matches": search_matches,
    }


def render_time_on_a_miss(client, path: str, forget_pages) -> float:
    """Median milliseconds of one request that misses the page cache: what the data's size can change."""
    times = []
    for _ in range(MISS_SAMPLES):
        forget_pages()
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)[len(times) // 2]


def site_queries(captured) -> int:
    """Queries of the site's own tables: the database cache's are counted apart (cache_queries), and
    statements that only begin or end a transaction are not counted (PostgreSQL's are not even sent)."""
    return sum(
        1
        for query in captured.captured_queries
        if not _is_cache_query(query["sql"]) and not query["sql"].startswith(TRANSACTION_CONTROL)
    )


def cache_queries(captured) -> int:
    """Queries of the database cache's table (none when the cache is Redis)."""
    return sum(1 for query in captured.captured_queries if _is_cache_query(query["sql"]))


def _is_cache_query(sql: str) -> bool:
    from django.conf import settings

    cache = settings.CACHES["default"]
    return cache["BACKEND"].endswith("DatabaseCache") and cache["LOCATION"] in sql


def page_cache_forgetter():
    """What makes the next request miss the page cache: the site's content version, as a publish bumps it."""
    try:
        from portal.page_cache import bump_content_version
    except ImportError:
        from django.core.cache import cache

        return cache.clear
    return bump_content_version


def reader_headers(crowd: str, number: int, *, django_meta: bool = False) -> dict[str, str]:
    """A reader of their own (the counting rules know a reader without a cookie by address and browser)."""
    headers = {
        "User-Agent": READER_AGENTS[number % len(READER_AGENTS)],
        "X-Forwarded-For": reader_address(crowd, number),
        "Sec-Fetch-Site": "same-origin",
    }
    if django_meta:
        return {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
    return headers


def new_crowd() -> str:
    """The address prefix of readers never seen before, by this run or an earlier one on this database.

    A reader's view counts once a day, and a reused SQLite database keeps the day's marks: readers numbered
    as an earlier measurement's (or an earlier run's, the same day) would all be repeat readers, whose
    beacons write nothing. Each measurement takes a crowd of its own, under a prefix random to this run.
    """
    return f"{RUN_PREFIX}:{next(_crowds):x}"


def reader_address(crowd: str, number: int) -> str:
    """Reader number N of a crowd: an address of the crowd's /64 (2**32 readers before they repeat)."""
    return f"{crowd}::{number >> 16 & 0xFFFF:x}:{number & 0xFFFF:x}"


def first_top_category_with_articles(article_model, category_model):
    public = article_model.objects.published()
    for category in category_model.objects.top_level():
        if public.filed_under(category).exists():
            return category
    return None


def database_description(connection) -> str:
    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    return connection.vendor


def run_inspection(env: dict[str, str]) -> dict:
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), INSPECT_FLAG],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    if completed.returncode != 0:
        raise SystemExit(f"Counting queries failed with exit code {completed.returncode}")
    # Only the last line is ours; anything the project prints on start-up comes before it.
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --- the HTTP server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict[str, str], *, port: int, workers: int, threads: int, log_path: Path):
    # The production config (scripts/deploy/gunicorn.conf.py); the command line only sets what is measured.
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        str(GUNICORN_CONFIG),
        "portal.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
    ]
    if threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    # A session of its own keeps the terminal's Ctrl-C away from gunicorn: this script decides how it stops.
    with log_path.open("w") as log:
        return subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_until_answering(server: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with code {server.returncode}:\n{tail(log_path)}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/")
            if connection.getresponse().status == 200:
                connection.close()
                return
            connection.close()
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer within {SERVER_START_TIMEOUT:.0f} s:\n{tail(log_path)}")


def stop_gunicorn(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        # The group holds the workers too; the session was started by this script, for this server only.
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# --- load generation ----------------------------------------------------------------------------------


@dataclass
class PageLoad:
    path: str
    latencies: list[float] = field(default_factory=list)
    # Connection failures have no meaningful latency but still count as requests sent and as errors.
    failures_without_response: int = 0
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    aborted: bool = False

    @property
    def completed(self) -> int:
        return len(self.latencies) + self.failures_without_response

    def record_error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1


class RequestBudget:
    """Hands out at most `total` request slots to the client threads, until the deadline or a stop."""

    def __init__(self, total: int, deadline: float, stop: threading.Event):
        self._left = total
        self._lock = threading.Lock()
        self.deadline = deadline
        self.stop = stop

    def take(self) -> bool:
        if self.stop.is_set() or time.monotonic() >= self.deadline:
            return False
        with self._lock:
            if self._left <= 0:
                return False
            self._left -= 1
            return True


def get_plan(path: str):
    headers = {"User-Agent": "portal-benchmark", "Accept": "text/html"}
    return lambda number: ("GET", path, headers)


def client_thread(
    port: int, plan, numbers, budget: RequestBudget, load: PageLoad, lock: threading.Lock
) -> None:
    # One connection per thread, kept alive where the server allows it; gunicorn's sync workers close it
    # after each response and http.client then reconnects by itself, as a browser would.
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        while budget.take():
            method, path, headers = plan(next(numbers))
            started = time.perf_counter()
            try:
                connection.request(method, path, body=b"" if method == "POST" else None, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                with lock:
                    load.failures_without_response += 1
                    load.record_error(type(error).__name__)
                continue
            latency = time.perf_counter() - started
            with lock:
                load.latencies.append(latency)
                if status != 200:
                    load.record_error(f"HTTP {status}")
    finally:
        connection.close()


def load_page(
    port: int,
    path: str,
    *,
    requests: int,
    concurrency: int,
    stop: threading.Event,
    plan=None,
    time_limit: float = PAGE_TIME_LIMIT,
) -> PageLoad:
    """Send `requests` requests (GET `path`, or what `plan` says for each request number) from threads."""
    load = PageLoad(path)
    lock = threading.Lock()
    plan = plan or get_plan(path)
    numbers = itertools.count()
    started = time.perf_counter()
    budget = RequestBudget(requests, time.monotonic() + time_limit, stop)
    threads = [
        threading.Thread(target=client_thread, args=(port, plan, numbers, budget, load, lock), daemon=True)
        for _ in range(min(concurrency, requests))
    ]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join()
    except KeyboardInterrupt:
        stop.set()
        raise
    load.elapsed = time.perf_counter() - started
    load.aborted = load.completed < requests
    return load


def warm_up(port: int, path: str, *, concurrency: int, stop: threading.Event) -> None:
    load_page(port, path, requests=WARMUP_REQUESTS_PER_PAGE, concurrency=concurrency, stop=stop)


# --- report -------------------------------------------------------------------------------------------


def percentile(sorted_values: list[float], percent: float) -> float:
    """Nearest-rank percentile: a latency that some request really had."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(percent / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def page_row(name: str, load: PageLoad, queries: int) -> list[str]:
    latencies = sorted(load.latencies)
    per_second = load.completed / load.elapsed if load.elapsed else 0.0
    return [
        name,
        f"{load.completed}" + (" (aborted)" if load.aborted else ""),
        str(load.errors),
        f"{per_second:.1f}",
        *(f"{percentile(latencies, p) * 1000:.1f}" for p in (50, 90, 99)),
        f"{latencies[-1] * 1000:.1f}" if latencies else "n/a",
        str(queries),
    ]


def format_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        # The page name reads left-aligned; the figures line up on their last digit.
        return "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def print_conditions(args, facts: dict, *, seed_seconds: float | None, migrate_seconds: float) -> None:
    import django

    server = f"gunicorn {importlib.metadata.version('gunicorn')}, {args.workers} " + (
        f"gthread workers x {args.threads} threads" if args.threads > 1 else "sync workers"
    )
    print("Reading-site benchmark")
    versions = f"Python {platform.python_version()}, Django {django.get_version()}"
    print(f"{versions}, os.cpu_count() = {os.cpu_count()}")
    # Other work on the machine skews every figure; the load average shows whether there was any.
    loadavg = ", ".join(f"{x:.2f}" for x in facts["loadavg"])
    print(f"Load average when the benchmark started (1, 5, 15 min): {loadavg}")
    print(
        f"Data: {facts['articles_total']} articles ({facts['articles_published']} published), "
        f"{facts['categories_total']} categories ({facts['categories_top_level']} top-level)"
    )
    print(f"Database: {facts['engine']}{facts['database_note']}")
    print(f"Server: {server}, {HOST}, DEBUG=0")
    if not args.targets_only:
        print(
            f"Load: {args.requests} GET requests per page from {args.concurrency} client threads on this "
            f"machine (after {WARMUP_REQUESTS_PER_PAGE} uncounted warm-up requests)"
        )
    seeding = f"{seed_seconds:.1f} s" if seed_seconds is not None else "not run (--reuse: already seeded)"
    print(f"Seed: migrate {migrate_seconds:.1f} s, seed_demo --articles {args.articles} {seeding}")


def print_search_latency(args, facts: dict, search_latency: dict[str, PageLoad]) -> None:
    if not search_latency:
        return
    queries = {page["name"]: page["queries"] for page in facts["pages"]}
    home = search_latency.pop("home", None)
    rows = []
    for name, load in search_latency.items():
        latencies = sorted(load.latencies)
        rows.append(
            [
                name[len(SEARCH_PREFIX) :],
                str(facts["search_matches"][name]),
                str(load.errors),
                *(f"{percentile(latencies, p) * 1000:.1f}" for p in (50, 99)),
                str(queries[name]),
            ]
        )
    everything = sorted(latency for load in search_latency.values() for latency in load.latencies)
    rows.append(
        [
            "all search requests",
            "",
            str(sum(load.errors for load in search_latency.values())),
            *(f"{percentile(everything, p) * 1000:.1f}" for p in (50, 99)),
            "",
        ]
    )
    print()
    print(f"Search latency, one request at a time ({args.search_requests} per query, after the load above):")
    print(format_table(["query", "matches", "errors", "p50 ms", "p99 ms", "SQL queries"], rows))
    if home is not None:
        p50, p99 = (percentile(sorted(home.latencies), p) * 1000 for p in (50, 99))
        print(
            f"For comparison, the home page one request at a time: p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
            f"{queries['home']} SQL queries"
        )


def print_pages(facts: dict, loads: dict[str, PageLoad]) -> None:
    header = ["page", "requests", "errors", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "SQL queries"]
    queries = {page["name"]: page["queries"] for page in facts["pages"]}
    print(format_table(header, [page_row(name, load, queries[name]) for name, load in loads.items()]))
    print()
    print(f"Category: {facts['category_name']!r}, {facts['category_articles']} published articles")
    for page in facts["pages"]:
        size = f"{page['bytes'] / 1024:.1f} KB"
        print(f"  {page['name']:<17} {page['path']}  ({size}, status {page['status']})")
    for name, load in loads.items():
        if load.error_kinds:
            kinds = ", ".join(f"{kind} x{count}" for kind, count in sorted(load.error_kinds.items()))
            print(f"Errors on {name}: {kinds}")


def print_server_problems(log_path: Path) -> None:
    # A clean run logs only start-up and shutdown lines; anything else (tracebacks, timeouts) matters.
    noise = (
        "Starting gunicorn",
        "Listening at",
        "Using worker",
        "Booting worker",
        "Handling signal",
        "Worker exiting",
        "Shutting down",
        "Goodbye",
    )
    problems = [
        line for line in tail(log_path, lines=100000).splitlines() if not any(n in line for n in noise)
    ]
    if problems:
        print(f"\ngunicorn log, {len(problems)} unexpected lines (last 30):")
        print("\n".join(problems[-30:]))


# --- the targets: ratios to a bare view measured in the same run ------------------------------

# (page, served by) -> (target text, check on (ratio to the bare view, req/s, p99 seconds))
TARGETS = {
    ("article + beacon", "gunicorn"): (
        "≥ 0.35× bare, p99 < 50 ms",
        lambda r, rps, p99: r >= 0.35 and p99 < 0.05,
    ),
    ("home", "gunicorn"): ("≥ 0.35× bare", lambda r, rps, p99: r >= 0.35),
    ("category", "gunicorn"): ("≥ 0.35× bare", lambda r, rps, p99: r >= 0.35),
    ("beacon", "gunicorn"): ("≥ 0.5× bare", lambda r, rps, p99: r >= 0.5),
    ("article", "nginx"): ("≥ 10000 req/s", lambda r, rps, p99: rps >= 10000),
    ("home", "nginx"): ("≥ 10000 req/s", lambda r, rps, p99: rps >= 10000),
    ("category", "nginx"): ("≥ 10000 req/s", lambda r, rps, p99: rps >= 10000),
}
QUERY_LIMITS = {"article": 4, "category": 4}
# Pages timed in-process on a page-cache miss, the figure "flat with size" is judged on as well.
MISS_TIMED = ("article", "home", "category")
MISS_SAMPLES = 21
# With several sizes, each size's misses are timed in this many processes (see time_misses_again).
MISS_ROUNDS = 3
# How long the second and third rounds wait at most for the load of the throughput measurements to settle.
QUIET_WAIT_SECONDS = 120
FLAT_LIMIT = 1.2
WRK_SCRIPT = """
page, beacon, crowd = "{page}", "{beacon}", "{crowd}"
local agents = {{{agents}}}
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local n = 0
function request()
  n = n + 1
  -- A page and its beacon share a reader; every pair is another reader, as the Python loader does. The
  -- beacon alone: every beacon another reader, so every one counts a view.
  -- Each thread its own range of reader numbers (and so of addresses), so no two threads send one reader;
  -- each measurement its own crowd (reader_address() in Python).
  local number = id * 4194304 + (page ~= "" and math.floor((n + 1) / 2) or n)
  local reader = {{["User-Agent"] = agents[number % #agents + 1],
                  ["X-Forwarded-For"] = string.format("%s::%x:%x", crowd, math.floor(number / 65536) % 65536,
                                                      number % 65536),
                  ["Sec-Fetch-Site"] = "same-origin"}}
  if page ~= "" and (beacon == "" or n % 2 == 1) then
    return wrk.format("GET", page, reader)
  end
  return wrk.format("POST", beacon, reader, "")
end
"""


@dataclass
class Measured:
    name: str
    via: str
    requests: int
    errors: int
    per_second: float
    p50: float
    p99: float
    served: str = ""
    # "article + beacon" counts a page and its beacon as one reader's view: its req/s is views per second.
    per_view: int = 1


def wrk_path() -> str | None:
    return shutil.which("wrk")


def run_wrk(
    port: int, *, page: str, beacon: str, args, workdir: Path
) -> tuple[int, int, float, float, float]:
    command = [
        "wrk",
        f"-t{min(2, args.connections)}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--latency",
    ]
    if beacon:
        script = workdir / "readers.lua"
        agents = ", ".join(json.dumps(agent) for agent in READER_AGENTS)
        script.write_text(WRK_SCRIPT.format(page=page, beacon=beacon, crowd=new_crowd(), agents=agents))
        command += ["-s", str(script)]
    command.append(f"http://{HOST}:{port}{page or beacon}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    units = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}
    latency = {
        int(p): float(value) * units[unit]
        for p, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    }
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)
    return requests, errors, per_second, latency.get(50, math.nan), latency.get(99, math.nan)


def run_python_load(port: int, *, page: str, beacon: str, args, stop: threading.Event):
    crowd = new_crowd()

    def plan(number):
        if page and (not beacon or number % 2 == 0):
            return "GET", page, reader_headers(crowd, number // 2)
        return "POST", beacon, reader_headers(crowd, number // 2 if page else number)

    load = load_page(
        port,
        page or beacon,
        requests=10**9,
        concurrency=args.connections,
        stop=stop,
        plan=plan,
        time_limit=args.duration,
    )
    latencies = sorted(load.latencies)
    per_second = load.completed / load.elapsed if load.elapsed else 0.0
    return load.completed, load.errors, per_second, percentile(latencies, 50), percentile(latencies, 99)


def cache_header(port: int, path: str) -> str:
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers={"User-Agent": "portal-benchmark"})
        response = connection.getresponse()
        response.read()
        return ", ".join(
            f"{name} {response.headers[name]}"
            for name in ("X-Cache-Status", "X-Cache", "X-Page-Cache")
            if response.headers.get(name)
        )
    finally:
        connection.close()


def measure(name, via, port, *, page="", beacon="", args, workdir, stop) -> Measured:
    print(f"  {name} via {via} ...", flush=True)
    if page:
        warm_up(port, page, concurrency=args.connections, stop=stop)
    if wrk_path():
        figures = run_wrk(port, page=page, beacon=beacon, args=args, workdir=workdir)
    else:
        figures = run_python_load(port, page=page, beacon=beacon, args=args, stop=stop)
    per_view = 2 if page and beacon else 1
    requests, errors, per_second, p50, p99 = figures
    served = cache_header(port, page) if page else ""
    return Measured(name, via, requests, errors, per_second / per_view, p50, p99, served, per_view)


def measure_targets(args, facts: dict, port: int, env: dict, workdir: Path, stop: threading.Event):
    paths = {page["name"]: page["path"] for page in facts["pages"]}
    beacon = facts["beacon"]["path"]
    results = [
        measure("bare view", "gunicorn", port, page=BARE_PATH, args=args, workdir=workdir, stop=stop),
        measure(
            "article + beacon",
            "gunicorn",
            port,
            page=paths["article"],
            beacon=beacon,
            args=args,
            workdir=workdir,
            stop=stop,
        ),
        measure("article", "gunicorn", port, page=paths["article"], args=args, workdir=workdir, stop=stop),
        measure("beacon", "gunicorn", port, beacon=beacon, args=args, workdir=workdir, stop=stop),
        measure("home", "gunicorn", port, page=paths["home"], args=args, workdir=workdir, stop=stop),
        measure("category", "gunicorn", port, page=paths["category"], args=args, workdir=workdir, stop=stop),
        # Again at the end: other work on the machine moves every figure, and two bare figures show how much.
        measure("bare view", "gunicorn", port, page=BARE_PATH, args=args, workdir=workdir, stop=stop),
    ]
    if args.no_nginx:
        return results, "skipped (--no-nginx)"
    local_nginx = load_local_nginx()
    if local_nginx.nginx_binary() is None:
        return results, "skipped: nginx is not installed"
    nginx_port = free_port()
    nginx = local_nginx.start(
        workdir / "nginx",
        listen_port=nginx_port,
        app_ports=[port],
        static_root=Path(env["STATIC_ROOT"]),
        media_root=Path(env["MEDIA_ROOT"]),
    )
    try:
        for name in ("article", "home", "category"):
            results.append(
                measure(name, "nginx", nginx_port, page=paths[name], args=args, workdir=workdir, stop=stop)
            )
    finally:
        local_nginx.stop(nginx)
    return results, "scripts/deploy/nginx.conf, micro-cache 5 s, in front of the same gunicorn"


def load_local_nginx():
    spec = importlib.util.spec_from_file_location(
        "local_nginx", PROJECT_ROOT / "scripts" / "deploy" / "local_nginx.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def print_targets(args, facts: dict, results: list[Measured], nginx_note: str) -> None:
    # The better of the two bare figures: a page's ratio is then never flattered by a slow moment.
    bare = max((result for result in results if result.name == "bare view"), key=lambda r: r.per_second)
    queries = {page["name"]: page["queries"] for page in facts["pages"]}
    queries["beacon"] = facts["beacon"]["queries"]
    tool = (
        f"wrk -t{min(2, args.connections)} -c{args.connections} -d{args.duration}s"
        if wrk_path()
        else (f"the Python load generator, {args.connections} threads, {args.duration} s (wrk not installed)")
    )
    print()
    print(f"Targets ({tool}; each page after {WARMUP_REQUESTS_PER_PAGE} warm-up requests)")
    print(f"nginx: {nginx_note}")
    rows = []
    for result in results:
        target, check = TARGETS.get((result.name, result.via), ("", None))
        ratio = result.per_second / bare.per_second if bare.per_second else math.nan
        verdict = ("PASS" if check(ratio, result.per_second, result.p99) else "FAIL") if check else ""
        page_queries = queries.get(result.name.split(" + ")[0], "")
        rows.append(
            [
                result.name,
                result.via,
                f"{result.per_second:.0f}" + (" views" if result.per_view > 1 else ""),
                f"{result.p50 * 1000:.1f}",
                f"{result.p99 * 1000:.1f}",
                str(result.errors),
                f"{ratio:.2f}",
                target,
                verdict,
                str(page_queries) if result.via == "gunicorn" else "",
                result.served,
            ]
        )
    header = [
        "page",
        "via",
        "req/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "× bare",
        "target",
        "result",
        "SQL",
        "served",
    ]
    print(format_table(header, rows))
    print(
        "article + beacon: each reader's page GET and its beacon POST (a new reader each pair); req/s is "
        "views per second, p50/p99 over both requests. beacon: a new reader each beacon, so each counts a "
        "view; no measurement's readers were seen before. SQL: queries of the site's tables on a page-cache "
        "miss (the beacon: one view; the database cache's own, without Redis, below; BEGIN and COMMIT not "
        "counted); served: the cache headers of a request after the load."
    )
    pages = {page["name"]: page for page in facts["pages"]}

    def cache_part(page, suffix=""):
        cached = page.get("cache_queries" + suffix, 0)
        return f" + {cached} of the database cache" if cached else ""

    for name in (*QUERY_LIMITS, "home"):
        page = pages[name]
        limit = QUERY_LIMITS.get(name)
        verdict = "PASS" if limit and page["queries"] <= limit else "FAIL"
        target = f"(target ≤ {limit}) {verdict}" if limit else "(no target)"
        print(
            f"Queries on a cache miss, {name}: {page['queries']}{cache_part(page)} {target}; "
            f"on a hit {page['queries_hit']}{cache_part(page, '_hit')}"
        )
    beacon = facts["beacon"]
    print(
        f"Queries of one counted view (beacon, status {beacon['status']}): "
        f"{beacon['queries']}{cache_part(beacon)}"
    )
    misses = ", ".join(f"{name} {ms:.1f} ms" for name, ms in facts["miss_ms"].items())
    print(f"Rendered on a page-cache miss (in-process, median of {MISS_SAMPLES}): {misses}")


def print_flatness(runs: list[dict]) -> None:
    """Each page's time at the largest size against the smallest, per database: as served by gunicorn (the
    page cache's hits, mostly) and rendered on a page-cache miss (in-process: the median of MISS_ROUNDS
    processes' medians)."""
    print()
    print(
        f"Flat with size (target: each page's time at the largest size within {FLAT_LIMIT}× of the smallest; "
        f"misses: the median of {MISS_ROUNDS} rounds, the sizes timed in turn)"
    )
    rows = []
    for engine in dict.fromkeys(run["engine"] for run in runs):
        sized = sorted((run for run in runs if run["engine"] == engine), key=lambda run: run["size"])
        if len(sized) < 2:
            continue
        small, large = sized[0], sized[-1]
        # Behind nginx every page is answered from memory in a fraction of a millisecond, whatever the size.
        for result in (r for r in large["results"] if r.via == "gunicorn" and r.name != "bare view"):
            base = next(r for r in small["results"] if (r.name, r.via) == (result.name, result.via))
            rows.append(
                flat_row(
                    engine,
                    f"{result.name}, p50 via gunicorn",
                    small,
                    large,
                    base.p50 * 1000,
                    result.p50 * 1000,
                )
            )
        for name in MISS_TIMED:
            rows.append(
                flat_row(
                    engine,
                    f"{name}, page-cache miss",
                    small,
                    large,
                    small["miss_ms"][name],
                    large["miss_ms"][name],
                )
            )
    if rows:
        print(format_table(["database", "page", "smallest size", "largest size", "×", "result"], rows))
    else:
        print("(one size only)")


def flat_row(engine: str, what: str, small: dict, large: dict, small_ms: float, large_ms: float) -> list[str]:
    ratio = large_ms / small_ms if small_ms else math.nan
    return [
        engine,
        what,
        f"{small['size']}: {small_ms:.1f} ms",
        f"{large['size']}: {large_ms:.1f} ms",
        f"{ratio:.2f}",
        "PASS" if ratio <= FLAT_LIMIT else "FAIL",
    ]


# --- the whole run ------------------------------------------------------------------------------------


def database_for(args, engine: str, size: int, workdir: Path) -> str:
    if engine == "postgres":
        if not is_postgres(args.database_url):
            raise SystemExit("--database-url must be a postgres:// URL.")
        parts = urlsplit(args.database_url)
        return urlunsplit(parts._replace(path=f"{parts.path}_{size}"))
    folder = Path(args.sqlite_dir) if args.sqlite_dir else workdir
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / f'benchmark_{size}.sqlite3'}"


def seeded_articles(database_url: str) -> int:
    """How many articles an existing database holds (0 if it or its table does not exist)."""
    if is_postgres(database_url):
        import psycopg2

        try:
            connection = psycopg2.connect(urlunsplit(urlsplit(database_url)._replace(scheme="postgresql")))
        except psycopg2.OperationalError:
            return 0
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM articles_article")
                return cursor.fetchone()[0]
        except psycopg2.Error:
            return 0
        finally:
            connection.close()
    import sqlite3

    path = database_url.removeprefix("sqlite:///")
    if not Path(path).exists():
        return 0
    with sqlite3.connect(path) as connection:
        try:
            return connection.execute("SELECT count(*) FROM articles_article").fetchone()[0]
        except sqlite3.Error:
            return 0


def prepare_database(args, database_url: str, env: dict[str, str], size: int) -> tuple[float, float | None]:
    """Migrate and seed (or reuse) the size's database; return migrate and seed seconds (None: reused)."""
    if args.reuse and seeded_articles(database_url) == size:
        migrate_seconds = manage(env, "migrate", "--no-input")
        return migrate_seconds, None
    if is_postgres(database_url):
        recreate_postgres_database(database_url)
    else:
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    print("Migrating ...", flush=True)
    migrate_seconds = manage(env, "migrate", "--no-input")
    print(f"Seeding {size} articles ...", flush=True)
    seed_seconds = manage(env, "seed_demo", "--articles", str(size))
    return migrate_seconds, seed_seconds


def empty_redis(url: str) -> None:
    import redis

    # Pages cached for another database (another size) would be served as this one's.
    redis.Redis.from_url(url).flushdb()


def measure_pages(port: int, args, facts: dict, stop: threading.Event):
    loads = {}
    for page in facts["pages"]:
        print(f"Loading {page['name']} ...", flush=True)
        warm_up(port, page["path"], concurrency=args.concurrency, stop=stop)
        loads[page["name"]] = load_page(
            port, page["path"], requests=args.requests, concurrency=args.concurrency, stop=stop
        )
    search_latency = {}
    for page in facts["pages"]:
        # The home page too, as the measure of what any page of the site costs.
        if page["name"].startswith(SEARCH_PREFIX) or page["name"] == "home":
            print(f"Timing {page['name']} one request at a time ...", flush=True)
            search_latency[page["name"]] = load_page(
                port, page["path"], requests=args.search_requests, concurrency=1, stop=stop
            )
    return loads, search_latency


def benchmark_one(args, engine: str, size: int, workdir: Path, stop: threading.Event) -> dict:
    loadavg_at_start = os.getloadavg()
    run_dir = workdir / f"{engine}-{size}"
    for folder in ("media", "static"):
        (run_dir / folder).mkdir(parents=True, exist_ok=True)
    database_url = database_for(args, engine, size, workdir)
    cache_url = args.redis_url if engine == "postgres" else ""
    env = bench_env(
        database_url=database_url,
        media_root=run_dir / "media",
        static_root=run_dir / "static",
        cache_url=cache_url,
    )
    print(f"\n=== {engine}, {size} articles ===", flush=True)
    migrate_seconds, seed_seconds = prepare_database(args, database_url, env, size)
    database_note = analyze_postgres(database_url) if is_postgres(database_url) else ""
    if cache_url:
        empty_redis(cache_url)
    print("Counting queries ...", flush=True)
    facts = run_inspection(env)
    facts["loadavg"] = loadavg_at_start
    facts["database_note"] = database_note + f"; cache {cache_url or 'the database cache (dbcache)'}"
    port = free_port()
    log_path = run_dir / "gunicorn.log"
    server = start_gunicorn(env, port=port, workers=args.workers, threads=args.threads, log_path=log_path)
    try:
        wait_until_answering(server, port, log_path)
        if not args.targets_only:
            loads, search_latency = measure_pages(port, args, facts, stop)
        results, nginx_note = measure_targets(args, facts, port, env, run_dir, stop)
    finally:
        stop_gunicorn(server)
    run_args = argparse.Namespace(**{**vars(args), "articles": size})
    print()
    print_conditions(run_args, facts, seed_seconds=seed_seconds, migrate_seconds=migrate_seconds)
    if not args.targets_only:
        print()
        print_pages(facts, loads)
        print_search_latency(run_args, facts, search_latency)
    print_targets(args, facts, results, nginx_note)
    print_server_problems(log_path)
    return {
        "engine": engine,
        "size": size,
        "results": results,
        "miss_ms": facts["miss_ms"],
        "env": env,
        "cache_url": cache_url,
    }


def benchmark(args) -> None:
    if importlib.util.find_spec("gunicorn") is None:
        raise SystemExit("gunicorn is not installed: .venv/bin/pip install gunicorn")
    stop = threading.Event()
    runs = []
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        for engine in args.engine_list:
            for size in args.size_list:
                runs.append(benchmark_one(args, engine, size, Path(tmp), stop))
        time_misses_again(runs)
    print_flatness(runs)


def wait_for_a_quiet_machine(limit_seconds: float = QUIET_WAIT_SECONDS) -> None:
    """Let the load of the measurements just before settle (the 1-minute load average under one)."""
    started = time.monotonic()
    while os.getloadavg()[0] >= 1.0 and time.monotonic() - started < limit_seconds:
        time.sleep(5)
    waited = time.monotonic() - started
    print(f"Waited {waited:.0f} s for a quiet machine: load average {os.getloadavg()[0]:.2f}", flush=True)


def time_misses_again(runs: list[dict]) -> None:
    """Time each size's page-cache misses MISS_ROUNDS times in all, the sizes of a database in turn.

    One process's miss times move by a fifth or more from one start to the next (what ran just before, the
    machine's caches), more than the data's size moves them; the flatness is judged on the median of the
    rounds, each size timed under the same conditions as the others, after the throughput measurements'
    load has settled.
    """
    engines = dict.fromkeys(run["engine"] for run in runs)
    sized_runs = [[run for run in runs if run["engine"] == engine] for engine in engines]
    sized_runs = [sized for sized in sized_runs if len(sized) > 1]
    if not sized_runs:
        return
    wait_for_a_quiet_machine()
    for sized in sized_runs:
        rounds = [[run["miss_ms"]] for run in sized]
        for number in range(2, MISS_ROUNDS + 1):
            for run, times in zip(sized, rounds, strict=True):
                where = f"{run['engine']} {run['size']}"
                print(f"Timing misses again, {where} (round {number} of {MISS_ROUNDS}) ...", flush=True)
                if run["cache_url"]:
                    empty_redis(run["cache_url"])
                times.append(run_inspection(run["env"])["miss_ms"])
        for run, times in zip(sized, rounds, strict=True):
            run["miss_ms"] = {name: statistics.median(each[name] for each in times) for name in MISS_TIMED}


def stop_on_signal(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.inspect_pages:
        print(json.dumps(inspect_pages()))
        return 0
    # A plain kill must also stop the server and remove the temp files, so it unwinds like Ctrl-C does.
    signal.signal(signal.SIGTERM, stop_on_signal)
    try:
        benchmark(args)
    except KeyboardInterrupt:
        print("\nInterrupted; the server was stopped.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
