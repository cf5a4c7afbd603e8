"""The shared cache on Redis, failing soft: with Redis down, pages are still served, only slower.

Everything the site keeps in the cache (the identity, "Xem nhiều", whole pages, rate limits, "this reader
has been counted") can be rebuilt or done without, so an unreachable Redis is treated as an empty cache that
keeps nothing: reads miss, writes are dropped, `add` reports success (a rate limit or a "seen" mark then
errs on the reader's side). Each worker logs the outage once a minute, not once a request. Django's own Redis
backend raises instead, and every page would answer 500.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (ConnectionError, TimeoutError)
LOG_EVERY_SECONDS = 60


class _PooledClient(RedisCacheClient):
    """One client per connection pool, made once: Django makes a new one on every cache call."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if pool not in clients:
            clients[pool] = self._client(connection_pool=pool)
        return clients[pool]


class FailSoftRedisCache(RedisCache):
    # What each operation answers while Redis is unreachable.
    _WHEN_DOWN = {
        "add": True,
        "get": None,  # the caller's default, below
        "get_many": {},
        "has_key": False,
        "set": None,
        "set_many": [],
        "touch": False,
        "delete": False,
        "delete_many": None,
        "clear": False,
    }
    _last_logged = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _PooledClient

    def _soft(self, operation, *args, **kwargs):
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except UNREACHABLE as error:
            now = time.monotonic()
            if now - FailSoftRedisCache._last_logged > LOG_EVERY_SECONDS:
                FailSoftRedisCache._last_logged = now
                logger.warning("Redis cache unreachable, serving without it: %s", error)
            if operation == "get":
                return kwargs.get("default", args[1] if len(args) > 1 else None)
            return self._WHEN_DOWN[operation]

    def add(self, *args, **kwargs):
        return self._soft("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._soft("get", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._soft("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._soft("has_key", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._soft("set", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._soft("set_many", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._soft("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._soft("delete", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._soft("delete_many", *args, **kwargs)

    def clear(self):
        return self._soft("clear")

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE:
            # As for a key that is not there: callers of incr() already handle that (a limit starts again).
            raise ValueError(f"Key '{key}' not found (Redis unreachable)") from None
