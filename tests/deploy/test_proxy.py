"""The reader's address behind the reverse proxy (portal/proxy.py)."""

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.test import RequestFactory

from portal.proxy import ForwardedClientAddressMiddleware


def _address_seen(request):
    return HttpResponse(request.META["REMOTE_ADDR"])


def _seen_by_django(*, remote_addr, forwarded_for=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    request = RequestFactory().get("/", **headers)
    return ForwardedClientAddressMiddleware(_address_seen)(request).content.decode()


def test_a_request_through_the_proxy_is_the_readers_at_the_last_hop(settings):
    settings.TRUSTED_PROXY = ["127.0.0.1"]
    # The first address was written by the client itself; only the one nginx appended is vouched for.
    assert _seen_by_django(remote_addr="127.0.0.1", forwarded_for="10.9.9.9, 203.0.113.7") == "203.0.113.7"


def test_a_request_from_elsewhere_cannot_claim_an_address(settings):
    settings.TRUSTED_PROXY = ["127.0.0.1"]
    assert _seen_by_django(remote_addr="198.51.100.4", forwarded_for="203.0.113.7") == "198.51.100.4"


def test_the_proxy_without_the_header_stays_the_address(settings):
    settings.TRUSTED_PROXY = ["127.0.0.1"]
    assert _seen_by_django(remote_addr="127.0.0.1") == "127.0.0.1"


def test_without_trusted_proxies_the_middleware_steps_aside(settings):
    settings.TRUSTED_PROXY = []
    with pytest.raises(MiddlewareNotUsed):
        ForwardedClientAddressMiddleware(_address_seen)
