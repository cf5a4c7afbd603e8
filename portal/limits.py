"""How often one address may do something (ask a question, search, ask for a password reset): a fixed window
in the cache.

    verdict = limits.take(request, scope="questions", limit=5)
    if not verdict.allowed:
        ...  # answer 429, Retry-After: verdict.retry_after

Each call counts one attempt; what counts is the caller's choice (the question form counts questions that
passed validation, so a reader correcting a typo is not punished). Windows are fixed ("this hour"), which
needs one counter per address and scope rather than a list of timestamps.

The address is never stored: the cache key holds a keyed hash of it (HMAC with SECRET_KEY), which cannot be
reversed by hashing every IPv4 address. `add` then `incr` is atomic in Redis, Memcached and the local-memory
cache; the database cache's `incr` reads then writes, so a burst there may let a few extra attempts through,
which a limit against floods can afford.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.crypto import salted_hmac

MINUTE = 60
HOUR = 60 * 60


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int  # attempts in this window, this one included
    retry_after: int  # seconds until the window ends

    @property
    def retry_after_minutes(self) -> int:
        return max(1, -(-self.retry_after // 60))


def client_address(request) -> str:
    """The address the request came from, as the web server tells Django (REMOTE_ADDR).

    The one place that says so: the limits here, the login lockout (AXES_CLIENT_IP_CALLABLE) and the readers'
    daily ids all ask it. Behind nginx, portal/proxy.py sets REMOTE_ADDR to the reader's address for requests
    from the proxies listed in TRUSTED_PROXY; a header a client can write itself is not trusted here.
    """
    return request.META.get("REMOTE_ADDR", "")


def take(request, *, scope: str, limit: int, window: int = HOUR) -> Verdict:
    """Count one attempt of `scope` from the request's address; not allowed past `limit` in this window."""
    now = time.time()
    window_number = int(now // window)
    key = _key(scope, client_address(request), window, window_number)
    # The counter lives a little longer than its window: it is never read after it, and a clock step must
    # not cut a window short.
    cache.add(key, 0, timeout=window + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 60)
        count = 1
    retry_after = int((window_number + 1) * window - now) or 1
    return Verdict(allowed=count <= limit, count=count, retry_after=retry_after)


def _key(scope: str, address: str, window: int, window_number: int) -> str:
    hashed = salted_hmac(f"portal.limits.{scope}", address).hexdigest()[:32]
    return f"limit:{scope}:{window}:{window_number}:{hashed}"
