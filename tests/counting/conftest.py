from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import REDIS_URL

# A reader's browser: the test client sends no User-Agent, and a request without one is not a reader.
BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)
# The counting helper's own Redis database, emptied around each test that uses it (never the others').
VIEW_BUFFER_URL = urlsplit(REDIS_URL)._replace(path="/5").geturl()


def reader(number=0, **defaults):
    """A reader of their own: their own browser session (cookies) and address."""
    return Client(
        headers={"User-Agent": BROWSER}, REMOTE_ADDR=f"10.0.{number // 250}.{number % 250 + 1}", **defaults
    )


def beacon_url(article_or_pk):
    return reverse("articles:count_view", kwargs={"pk": getattr(article_or_pk, "pk", article_or_pk)})


def pixel_url(article_or_pk):
    return reverse("articles:count_view_pixel", kwargs={"pk": getattr(article_or_pk, "pk", article_or_pk)})


def views_of(article):
    article.refresh_from_db()
    return article.view_count


@pytest.fixture
def buffered(settings):
    """Views buffered in Redis (the counting helper's database), flushed only when a test says so."""
    import redis

    settings.VIEW_BUFFER_URL = VIEW_BUFFER_URL
    settings.VIEW_FLUSH_SECONDS = 3600
    client = redis.Redis.from_url(VIEW_BUFFER_URL)
    client.flushdb()
    yield client
    client.flushdb()
