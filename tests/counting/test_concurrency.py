"""Many readers at once: every view counted exactly once, through a real server."""

import http.client
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.http import HttpResponse

from articles.counting import flush_views
from articles.counting.readers import COOKIE_NAME, COOKIE_SALT
from articles.models import ArticleDailyViews
from tests.factories import ArticleFactory

from .conftest import BROWSER, beacon_url, views_of

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEACONS = 2000
AT_ONCE = 32


def _reader_cookie():
    """The signed cookie of a reader of their own, as the endpoint gives it."""
    response = HttpResponse()
    response.set_signed_cookie(COOKIE_NAME, uuid.uuid4().hex, salt=COOKIE_SALT)
    return f"{COOKIE_NAME}={response.cookies[COOKIE_NAME].value}"


def _send_beacons(server_url, path, cookies):
    address = urlsplit(server_url)
    statuses = []
    lock = threading.Lock()

    def send(cookie):
        server = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        try:
            server.request(
                "POST", path, headers={"User-Agent": BROWSER, "Cookie": cookie, "Content-Length": "0"}
            )
            response = server.getresponse()
            response.read()
            with lock:
                statuses.append(response.status)
        finally:
            server.close()

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        list(pool.map(send, cookies))
    return statuses


@pytest.mark.redis
def test_two_thousand_concurrent_beacons_through_redis_are_exactly_two_thousand_views(
    live_server, buffered, settings
):
    settings.VIEW_FLUSH_SECONDS = 1  # requests flush while others are still counting
    article = ArticleFactory(view_count=227)
    connection.close()  # the server's threads have their own connections

    statuses = _send_beacons(live_server.url, beacon_url(article), [_reader_cookie() for _ in range(BEACONS)])
    flush_views()

    assert statuses == [200] * BEACONS
    assert views_of(article) == 227 + BEACONS
    assert ArticleDailyViews.objects.get(article=article).views == BEACONS


def test_concurrent_beacons_written_straight_to_the_database_are_never_lost(live_server):
    article = ArticleFactory(view_count=227)
    connection.close()

    statuses = _send_beacons(live_server.url, beacon_url(article), [_reader_cookie() for _ in range(200)])

    assert statuses == [200] * 200
    assert views_of(article) == 227 + 200
    assert ArticleDailyViews.objects.get(article=article).views == 200
