"""Speed figures for the reading site (home, category, article and search pages) at a stated data size.

Usage, from the project root:

    .venv/bin/python scripts/benchmark.py [--articles 10000] [--requests 1000] [--concurrency 8]
                                          [--search-requests 200] [--database-url URL] [--workers 2]
                                          [--threads 1]

What a run does:

1. Builds a throwaway database and media folder. By default that is a fresh SQLite file in a temporary
   directory. With ``--database-url postgres://postgres@127.0.0.1:5432/portal_bench`` the named PostgreSQL
   database is dropped and created again first, so every run starts from the same state; the name must
   contain "bench" so a mistyped URL can never drop a real database. Then ``manage.py migrate`` and
   ``manage.py seed_demo --articles N`` run (seeding is timed). On PostgreSQL the script then runs
   ANALYZE, as autovacuum would on a live server, so the planner has statistics.
2. Counts the SQL queries of each page with Django's test client, in a child process that has the same
   environment as the server.
3. Serves the site with gunicorn (``portal.wsgi:application``) on a free port of 127.0.0.1 and sends
   ``--requests`` GET requests per page from ``--concurrency`` threads, each keeping its own connection
   (standard library only). Anything but a 200 counts as an error. A page stops after 120 s.
4. Prints one plain-text table: requests, errors, requests/s, latency percentiles and SQL queries per page.
   The pages include search results (/tim-kiem/) for a few realistic queries, typed with and without
   diacritics, a very common word and a misspelt query.
5. Measures search latency apart: ``--search-requests`` requests per query sent one at a time, so each
   figure is the time one reader waits for an answer, not time spent queueing behind the other client
   threads; then prints per query the published articles it matches, p50/p99 and SQL queries, p50/p99
   over all search requests together, and the home page's figures timed the same way for comparison.

The article page increments the article's view counter on every GET, so each request to it also writes
the article row (an UPDATE); that write is part of what is measured, and on SQLite only one worker at a
time may write. Every request to the article page goes to the same article, the worst case for that row.

The load generator runs on the same machine as the server and competes with it for CPU, so the figures
are a floor for what the server alone could do, and only comparable between runs on the same machine.

gunicorn is one of the project's dependencies, so ``scripts/serve.sh`` or ``scripts/test.sh`` installs it.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.metadata
import importlib.util
import json
import math
import os
import platform
import signal
import socket
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
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per gunicorn worker; above 1 uses gthread (default 1)"
    )
    # The child process that counts queries is this same script; the flag is not for people.
    parser.add_argument(INSPECT_FLAG, action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    for name in ("articles", "requests", "concurrency", "search_requests", "workers", "threads"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


# --- the throwaway database and environment -----------------------------------------------------------


def bench_env(*, database_url: str, media_root: Path, static_root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-key-never-used-for-a-real-site",
            "ALLOWED_HOSTS": HOST,
            "SERVE_MEDIA": "0",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media_root),
            # An existing (empty) folder keeps WhiteNoise from warning on every worker start.
            "STATIC_ROOT": str(static_root),
            "PYTHONUNBUFFERED": "1",
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
    """Refresh the planner's statistics; return a note on it for the report.

    A production server's autovacuum analyses a freshly filled table within a minute or so. Without
    statistics PostgreSQL plans full scans and sorts that a live site would not run, and a server with
    autovacuum off (as on some development machines) would keep them for the whole benchmark.
    """
    import psycopg2

    connection = psycopg2.connect(urlunsplit(urlsplit(database_url)._replace(scheme="postgresql")))
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("SHOW autovacuum")
            autovacuum = cursor.fetchone()[0]
    finally:
        connection.close()
    return f" (autovacuum {autovacuum} on this server; ANALYZE run after seeding)"


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
    pages = []
    for name, path in paths.items():
        # The first request of a process fills caches (templates, content types); count a later one.
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        pages.append(
            {
                "name": name,
                "path": path,
                "status": response.status_code,
                "queries": len(captured),
                "bytes": len(response.content),
            }
        )
    family = Category.objects.families_of([category])[category.pk]
    category_articles = Article.objects.published().in_categories(family).count()
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
        "search_matches": search_matches,
    }


def first_top_category_with_articles(article_model, category_model):
    public = article_model.objects.published()
    top_categories = list(category_model.objects.top_level())
    for category, family in category_model.objects.families_of(top_categories).items():
        if public.in_categories(family).exists():
            return next(top for top in top_categories if top.pk == category)
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
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "portal.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--error-logfile",
        "-",
    ]
    if threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    if gunicorn_has_control_socket():
        # Recent gunicorn otherwise opens a control socket at one fixed path in the home folder, which leaves
        # a file behind and would collide with a second server.
        command.append("--no-control-socket")
    # A session of its own keeps the terminal's Ctrl-C away from gunicorn: this script decides how it stops.
    with log_path.open("w") as log:
        return subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def gunicorn_has_control_socket() -> bool:
    from gunicorn.config import KNOWN_SETTINGS

    return any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS)


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


def client_thread(port: int, path: str, budget: RequestBudget, load: PageLoad, lock: threading.Lock) -> None:
    # One connection per thread, kept alive where the server allows it; gunicorn's sync workers close it
    # after each response and http.client then reconnects by itself, as a browser would.
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    headers = {"User-Agent": "portal-benchmark", "Accept": "text/html"}
    try:
        while budget.take():
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
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


def load_page(port: int, path: str, *, requests: int, concurrency: int, stop: threading.Event) -> PageLoad:
    load = PageLoad(path)
    lock = threading.Lock()
    started = time.perf_counter()
    budget = RequestBudget(requests, time.monotonic() + PAGE_TIME_LIMIT, stop)
    threads = [
        threading.Thread(target=client_thread, args=(port, path, budget, load, lock), daemon=True)
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


def print_report(
    *,
    args,
    facts: dict,
    loads: dict[str, PageLoad],
    search_latency: dict[str, PageLoad],
    seed_seconds: float,
    migrate_seconds: float,
) -> None:
    print()
    print_conditions(args, facts, seed_seconds=seed_seconds, migrate_seconds=migrate_seconds)
    print()
    print_pages(facts, loads)
    print_search_latency(args, facts, search_latency)


def print_conditions(args, facts: dict, *, seed_seconds: float, migrate_seconds: float) -> None:
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
    print(
        f"Load: {args.requests} GET requests per page from {args.concurrency} client threads on this machine "
        f"(after {WARMUP_REQUESTS_PER_PAGE} uncounted warm-up requests)"
    )
    print(f"Seed: migrate {migrate_seconds:.1f} s, seed_demo --articles {args.articles} {seed_seconds:.1f} s")


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


# --- the whole run ------------------------------------------------------------------------------------


def prepare_database(args, workdir: Path) -> str:
    if args.database_url:
        if not is_postgres(args.database_url):
            raise SystemExit("--database-url must be a postgres:// URL; leave it out for SQLite.")
        recreate_postgres_database(args.database_url)
        return args.database_url
    return f"sqlite:///{workdir / 'benchmark.sqlite3'}"


def measure_pages(env: dict[str, str], args, facts: dict, workdir: Path, stop: threading.Event):
    port = free_port()
    log_path = workdir / "gunicorn.log"
    server = start_gunicorn(env, port=port, workers=args.workers, threads=args.threads, log_path=log_path)
    try:
        wait_until_answering(server, port, log_path)
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
        return loads, search_latency, log_path
    finally:
        stop.set()
        stop_gunicorn(server)


def benchmark(args) -> None:
    if importlib.util.find_spec("gunicorn") is None:
        raise SystemExit("gunicorn is not installed: .venv/bin/pip install gunicorn")
    # Taken before this script adds any work of its own.
    loadavg_at_start = os.getloadavg()
    stop = threading.Event()
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        workdir = Path(tmp)
        (workdir / "media").mkdir()
        (workdir / "static").mkdir()
        database_url = prepare_database(args, workdir)
        env = bench_env(
            database_url=database_url, media_root=workdir / "media", static_root=workdir / "static"
        )
        print("Migrating ...", flush=True)
        migrate_seconds = manage(env, "migrate", "--no-input")
        print(f"Seeding {args.articles} articles ...", flush=True)
        seed_seconds = manage(env, "seed_demo", "--articles", str(args.articles))
        database_note = analyze_postgres(database_url) if is_postgres(database_url) else ""
        print("Counting queries ...", flush=True)
        facts = run_inspection(env)
        facts["loadavg"] = loadavg_at_start
        facts["database_note"] = database_note
        loads, search_latency, log_path = measure_pages(env, args, facts, workdir, stop)
        print_report(
            args=args,
            facts=facts,
            loads=loads,
            search_latency=search_latency,
            seed_seconds=seed_seconds,
            migrate_seconds=migrate_seconds,
        )
        print_server_problems(log_path)


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
