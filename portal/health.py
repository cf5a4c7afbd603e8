"""/healthz: whether this app server reaches its database and its cache, for a load balancer or monitoring.

    {"database": "ok", "cache": "ok"}      200
    {"database": "fail", "cache": "..."}   503  pages not held by a cache answer 503 (portal/outage.py)
    {"database": "ok", "cache": "fail"}    200  the site serves every page without its cache, only slower

Answered by a middleware near the top of the stack: a probe is no reader, and needs no page cache, static
files, session, CSRF or auth. Above SecurityMiddleware and without reading the Host header, so that a load
balancer may probe each app server by its address over plain HTTP, with no HTTPS redirect and no 400 for a
Host outside ALLOWED_HOSTS. It tells nothing but "ok" or "fail", so it may stay public. It is never cached.
"""

import os
import secrets
import threading

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils.cache import add_never_cache_headers

PATH = "/healthz"
CACHE_KEY_SECONDS = 10


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        database, cached = _database_answers(), _cache_answers()
        response = JsonResponse(
            {"database": "ok" if database else "fail", "cache": "ok" if cached else "fail"},
            status=200 if database else 503,
        )
        add_never_cache_headers(response)
        # A probe every few seconds would log a line each; portal/outage.py logs the outage once.
        response._has_been_logged = True
        return response


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def _cache_answers() -> bool:
    # A value written and read back: the Redis cache (portal/cache.py) hides its failures as misses. The key
    # is this worker's and thread's own, so that concurrent probes never read each other's value.
    key = f"healthz:{os.getpid()}:{threading.get_ident()}"
    value = secrets.token_hex(8)
    try:
        cache.set(key, value, CACHE_KEY_SECONDS)
        return cache.get(key) == value
    except Exception:  # noqa: BLE001 - whatever it raises (the database cache: DatabaseError), it failed
        return False
