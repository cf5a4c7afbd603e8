"""The database unreachable: readers get the Vietnamese 503 page, or the page cache's copy, never a traceback.

tests/deploy/test_outage.py stops a real PostgreSQL under a running app server; these run in-process.
"""

import logging
import socket
import time

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client

from portal import outage
from tests.factories import ArticleFactory

HEADING = "<h1>Trang tin tạm thời gián đoạn</h1>"


@pytest.fixture
def reader():
    # An uncaught exception becomes the reader's error page, as on the live site, instead of failing the test.
    return Client(raise_request_exception=False)


def _assert_unavailable_page(response, url):
    assert response.status_code == 503, url
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert HEADING in page, url
    # The site's own header and footer, with its name from the settings (the profile is in the database).
    assert 'class="site-header"' in page
    assert "Huyện ủy Thanh Hà" in page
    assert "Traceback" not in page
    assert "OperationalError" not in page


@pytest.mark.django_db
def test_reading_pages_answer_the_vietnamese_503_while_the_database_is_down(reader, stop_database):
    article = ArticleFactory()
    pages = ["/", article.get_absolute_url(), article.category.get_absolute_url(), "/van-ban/", "/hoi-dap/"]

    stop_database()

    for url in pages:
        _assert_unavailable_page(reader.get(url), url)


@pytest.mark.django_db
def test_a_page_the_page_cache_holds_is_still_served(reader, stop_database):
    article = ArticleFactory(title="Đại hội Đảng bộ xã Thanh Hải")
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "MISS"

    stop_database()

    cached = reader.get(article.get_absolute_url())
    assert (cached.status_code, cached["X-Page-Cache"]) == (200, "HIT")
    assert "Đại hội Đảng bộ xã Thanh Hải" in cached.content.decode()
    _assert_unavailable_page(reader.get("/"), "/")


@pytest.mark.django_db
def test_the_outage_is_logged_once_without_a_traceback(reader, stop_database, caplog):
    stop_database()

    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            assert reader.get("/").status_code == 503

    assert [(record.name, record.levelno) for record in caplog.records] == [
        ("portal.outage", logging.WARNING)
    ]
    [record] = caplog.records
    assert record.exc_info is None
    assert "unreachable" in record.getMessage()
    assert "Connection refused" in record.getMessage()


@pytest.mark.django_db
@pytest.mark.urls("tests.portal.error_urls")
def test_a_failing_query_is_still_a_500_with_its_traceback(reader, caplog):
    response = reader.get("/loi/truy-van/")

    assert response.status_code == 500
    assert "<h1>Hệ thống đang gặp sự cố</h1>" in response.content.decode()
    [record] = [record for record in caplog.records if record.name == "django.request"]
    assert record.exc_info is not None


@pytest.mark.postgres
def test_a_server_that_does_not_answer_holds_one_request_per_retry_not_every_one(
    reader, monkeypatch, django_db_setup, django_db_blocker, caplog
):
    monkeypatch.setattr(outage, "_last_wait", {})
    monkeypatch.setattr(outage, "_down_since", {})
    monkeypatch.setattr(outage, "RETRY_SECONDS", 2.0)
    database = connections[DEFAULT_DB_ALIAS]
    # The kernel completes the connections into the backlog, and then nothing answers: a hung server.
    silent = socket.create_server(("127.0.0.1", 0), backlog=16)
    real_port = database.settings_dict["PORT"]
    try:
        with django_db_blocker.unblock():
            database.close()
            monkeypatch.setitem(database.settings_dict, "PORT", silent.getsockname()[1])
            seconds = []
            for _ in range(3):
                started = time.monotonic()
                _assert_unavailable_page(reader.get("/"), "/")
                seconds.append(time.monotonic() - started)

            monkeypatch.setitem(database.settings_dict, "PORT", real_port)
            with caplog.at_level(logging.WARNING, logger="portal.outage"):
                _assert_unavailable_page(reader.get("/"), "/")  # within RETRY_SECONDS: not even tried
                time.sleep(outage.RETRY_SECONDS)
                back = reader.get("/")
    finally:
        database.close()
        silent.close()

    # The first request waits for connect_timeout (libpq's least, 2 s), the next ones not at all.
    assert 2 <= seconds[0] < 4, seconds
    assert max(seconds[1:]) < 0.5, seconds
    assert back.status_code == 200
    assert any("reachable again" in record.getMessage() for record in caplog.records)
