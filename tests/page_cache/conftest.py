import pytest
from django.core.cache import caches

from portal import page_memory
from tests.conftest import IN_CI


def outcome(response):
    """HIT, MISS, or None for a page the cache neither served nor stored."""
    return response.headers.get("X-Page-Cache")


@pytest.fixture
def reader(client):
    """An anonymous reader: no session, no cookies."""
    return client


REDIS_URL = "redis://127.0.0.1:6379/6"  # this suite's own database: emptied (FLUSHDB) before and after


@pytest.fixture
def redis_cache(settings):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        if IN_CI:
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"needs Redis at {REDIS_URL}")
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
    }
    caches["default"].clear()
    page_memory.forget_all()
    yield caches["default"]
    caches["default"].clear()
    page_memory.forget_all()
