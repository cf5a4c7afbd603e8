"""The reader's address behind the reverse proxy (scripts/deploy/nginx.conf).

Behind nginx every request reaches gunicorn from nginx's address, so REMOTE_ADDR names the proxy and the
per-address limits (portal/limits.py) would count every reader as one. nginx appends the address
it saw to X-Forwarded-For (`$proxy_add_x_forwarded_for`); that last hop is the only one nginx vouches for,
since everything before it was written by the client or by proxies we know nothing about.

The header is believed only on requests that come from an address in TRUSTED_PROXY: anyone who can reach
gunicorn directly could otherwise write it and pass for any address.
"""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed


class ForwardedClientAddressMiddleware:
    def __init__(self, get_response):
        if not settings.TRUSTED_PROXY:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.proxies = frozenset(settings.TRUSTED_PROXY)

    def __call__(self, request):
        meta = request.META
        if meta.get("REMOTE_ADDR") in self.proxies:
            last_hop = meta.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
            if last_hop:
                meta["REMOTE_ADDR"] = last_hop
        return self.get_response(request)
