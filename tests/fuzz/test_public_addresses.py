"""Whatever a reader, a crawler or a scanner sends to any public address, the answer is never a server error.

Every route of the URLconf outside the admin is tried (tests/fuzz/site.py finds them), with its parameters
filled by real values, values the route accepts and anything at all; with the query parameters the site's
pages use and others; by GET, HEAD, POST (with and without a CSRF token) and the methods nobody should send;
with the headers the site reads.
"""

import pytest
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.questions.views import SENT_PARAMETER
from portal.page_cache import TRACKING_PARAMETERS

from .probe import FUZZ, SCALE, fetch, reader
from .site import ADMIN_SIGN_IN, crawl, public_endpoints
from .strategies import form_bodies, path_values, query_strings, request_headers

pytestmark = pytest.mark.django_db

ENDPOINTS = public_endpoints()
METHODS = ["GET", "GET", "GET", "HEAD", "POST", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# What the views read from the query string (request.GET) beyond the names the crawl finds in links and
# forms: "page" when a list has one page only, the flag after a question is sent, the search's own names
# when no page links them, where to go after signing in, and the tracking names the page cache drops.
READ_BY_VIEWS = {
    "page",
    "q",
    "chuyen-muc",
    "tu",
    "den",
    "loai",
    SENT_PARAMETER,
    "CKEditorFuncNum",
    REDIRECT_FIELD_NAME,
}
TRACKING = {*TRACKING_PARAMETERS, "utm_source", "utm_campaign"}


@pytest.fixture
def harvest(published_site):
    # The sign-in page is linked from no public page; its form's names are worth sending.
    found = crawl(reader(), start=("/", "/sitemap.xml", reverse("admin:login")))
    for name in READ_BY_VIEWS | TRACKING:
        found.fields.setdefault(name, set())
    return found


def test_every_route_is_fuzzed():
    """The walk of the URLconf reaches the routes of every public section (a broken walk would fuzz none)."""
    names = {endpoint.view_name for endpoint in ENDPOINTS}
    assert {
        "articles:home",
        "articles:article",
        "search:results",
        "documents:download",
        "pages:page",
        "admin:login",
    } <= names
    assert {name for name in names if name.startswith("admin:")} == ADMIN_SIGN_IN


def test_the_crawl_finds_real_pages(harvest):
    assert harvest.pages >= 10
    assert harvest.kwargs["articles:article"] and harvest.kwargs["documents:download"]
    assert {"q", "topic", "kind", "year", "username", "password"} <= set(harvest.fields)


@given(data=st.data())
@settings(FUZZ, max_examples=300 * SCALE)
def test_no_address_gives_a_server_error(harvest, data):
    endpoint = data.draw(st.sampled_from(ENDPOINTS), label="route")
    path = endpoint.path(data.draw(path_values(endpoint, harvest), label="parameters"))
    query = data.draw(query_strings(harvest.fields), label="query")
    method = data.draw(st.sampled_from(METHODS), label="method")
    content_type, body = "", b""
    if method in ("POST", "PUT", "PATCH"):
        content_type, body = data.draw(form_bodies(harvest.fields), label="body")
    client = reader(csrf_checked=method in SAFE_METHODS or data.draw(st.booleans(), label="CSRF checked"))
    fetch(
        client,
        method,
        f"{path}?{query}" if query else path,
        tally="public addresses",
        body=body,
        content_type=content_type,
        headers=data.draw(request_headers(), label="headers"),
    )
