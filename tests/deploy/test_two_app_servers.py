"""Two app servers behind one nginx share everything: one PostgreSQL database, one Redis (the cache, the
pages' cache and the view buffer). Each runs gunicorn with the production config on its own port."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core import signing
from django.test import override_settings

from tests.conftest import REDIS_URL

from .servers import AppServer, Browser, manage, site_env

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

DATABASE_NAME = "portal_deploy_two"
# The deploy tests' own Redis database, emptied before and after (never FLUSHALL).
REDIS_DB = 7
SERVER_KEY = "deploy-tests-only-key"
TITLE = "Khánh thành cầu Hà Thanh nối hai xã vùng bãi"
BEACONS = 2000

MAKE_PEOPLE = """
from accounts.roles import Role
from articles.models import Article
from tests.factories import ArticleFactory, staff_in_role

staff_in_role(Role.APPROVER, username="lanhdao")
ArticleFactory.create_batch(3)
print(ArticleFactory(title={title!r}, status=Article.Status.PENDING, published_at=None).pk)
"""


def _database_url(name):
    # The test run's own PostgreSQL server, another database on it.
    db = settings.DATABASES["default"]
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{port}/{name}"


def _recreate_database(url):
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    connection = psycopg2.connect(urlunsplit(parts._replace(scheme="postgresql", path="/postgres")))
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            name = sql.Identifier(parts.path.lstrip("/"))
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    finally:
        connection.close()


def _views_in_database(url, article_id):
    import psycopg2

    connection = psycopg2.connect(urlunsplit(urlsplit(url)._replace(scheme="postgresql")))
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT view_count FROM articles_article WHERE id = %s", [article_id])
            return cursor.fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def redis_url():
    import redis

    url = urlunsplit(urlsplit(REDIS_URL)._replace(path=f"/{REDIS_DB}"))
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()


@pytest.fixture
def two_servers(tmp_path, redis_url):
    database_url = _database_url(DATABASE_NAME)
    _recreate_database(database_url)
    env = site_env(database_url=database_url, workdir=tmp_path, CACHE_URL=redis_url, SECRET_KEY=SERVER_KEY)
    manage(env, "migrate", "--no-input")
    article_id = int(manage(env, "shell", "-c", MAKE_PEOPLE.format(title=TITLE)).split()[-1])
    servers = []
    try:
        servers.append(AppServer(env, tmp_path / "a.log"))
        servers.append(AppServer(env, tmp_path / "b.log"))
        yield env, database_url, article_id, servers
    finally:
        for server in servers:
            server.stop()


def _reader_cookies(count):
    """Readers' own ids, signed as the counting code signs them: every beacon comes from another reader."""
    from articles.counting.readers import COOKIE_NAME, COOKIE_SALT

    # Made before the threads start: override_settings is process-wide.
    with override_settings(SECRET_KEY=SERVER_KEY):
        signer = signing.get_cookie_signer(salt=COOKIE_NAME + COOKIE_SALT)
        return [{COOKIE_NAME: signer.sign(uuid.uuid4().hex)} for _ in range(count)]


def _page_cache_status(response):
    return response.headers.get("X-Cache") or response.headers.get("X-Page-Cache")


def test_published_through_one_server_read_at_once_through_the_other(two_servers):
    _, _, article_id, (server_a, server_b) = two_servers
    reader_b = Browser(server_b.port)
    reader_b.get("/")
    cached_home = reader_b.get("/")
    assert _page_cache_status(cached_home) == "HIT"
    assert TITLE not in cached_home.text
    assert reader_b.get(f"/bai-viet/{article_id}/").status == 404

    approver_a = Browser(server_a.port)
    login = approver_a.submit(
        "/quan-tri/login/", {"username": "lanhdao", "password": "mat-khau-thu-nghiem", "next": "/quan-tri/"}
    )
    assert login.status == 302, login.text[:2000]
    published = approver_a.submit(f"/quan-tri/articles/article/{article_id}/workflow/publish/", {"at": ""})
    assert published.status == 302, published.text[:2000]

    article = reader_b.get(f"/bai-viet/{article_id}/")
    if article.status in {301, 302}:
        article = reader_b.get(article.headers["Location"])
    assert article.status == 200
    assert TITLE in article.text
    assert TITLE in reader_b.get("/").text


def test_views_counted_through_both_servers_are_all_in_the_database_after_the_flush(two_servers):
    env, database_url, article_id, servers = two_servers
    approver = Browser(servers[0].port)
    approver.submit(
        "/quan-tri/login/", {"username": "lanhdao", "password": "mat-khau-thu-nghiem", "next": "/quan-tri/"}
    )
    approver.submit(f"/quan-tri/articles/article/{article_id}/workflow/publish/", {"at": ""})
    before = _views_in_database(database_url, article_id)
    answers = []
    lock = threading.Lock()
    cookies = _reader_cookies(BEACONS)

    def beacon(number):
        reader = Browser(servers[number % 2].port)
        reader.cookies.update(cookies[number])
        response = reader.post(f"/bai-viet/{article_id}/luot-xem/", headers={"Sec-Fetch-Site": "same-origin"})
        with lock:
            answers.append(response.status)

    with ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(beacon, range(BEACONS)))

    assert answers == [200] * BEACONS
    manage(env, "flush_views")
    assert _views_in_database(database_url, article_id) == before + BEACONS
