"""One fuzzed request: sent as a real client would, answered with anything but a server error, and counted."""

import os
import traceback
from collections import Counter

from django.core.cache import caches
from django.test import Client
from hypothesis import HealthCheck, settings

from tests.conftest import IN_CI

# FUZZ_SCALE=20 for a deeper run by hand; the suite's own run stays within a minute or so.
SCALE = int(os.environ.get("FUZZ_SCALE", "1"))

FUZZ = settings(
    # Page renders vary in time (first template load, image renditions); no timing is asserted here.
    deadline=None,
    # The fixtures (the site's content, the signed-in role) are made once for all of a test's examples: the
    # content they start from, which a bulk action may change on the way like a real session does.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # CI tries the same examples on every run, so a red build points at the commit that broke it; runs by
    # hand explore new ones and replay the failures they found (Hypothesis' database, .hypothesis/).
    derandomize=IN_CI,
    print_blob=True,
    **({"database": None} if IN_CI else {}),
)

# (test, method, status) → requests, printed at the end of the run (conftest.pytest_terminal_summary).
TALLY: Counter = Counter()


def fetch(client: Client, method: str, url: str, *, tally: str, body=b"", content_type="", headers=None):
    """The response to one request; a 5xx fails the test with the exception behind it."""
    # Each example starts from empty caches (page cache, throttles), so that it fails or passes by itself
    # and Hypothesis can shrink a failure to its smallest form.
    for cache in caches.all():
        cache.clear()
    response = client.generic(method, url, data=body, content_type=content_type, headers=headers)
    TALLY[tally, method, response.status_code] += 1
    if response.status_code >= 500:
        cause = (
            "".join(traceback.format_exception(*response.exc_info)) if response.exc_info else "(no exception)"
        )
        raise AssertionError(f"{method} {url!r} answered {response.status_code}\n{cause}")
    return response


def reader(*, csrf_checked: bool = True) -> Client:
    """A browser as the site meets it: CSRF enforced (unlike Django's test client), errors as pages."""
    return Client(enforce_csrf_checks=csrf_checked, raise_request_exception=False)
