"""Whole pages for anonymous readers, kept in the shared cache and forgotten at once when content changes.

A reader's GET or HEAD of a reading page (CACHED_VIEWS) is answered from the default cache with no template,
no database query and no session, CSRF or auth work: one cache round trip that reads the content version and
the page together, or none for a page the worker keeps in its own memory while it hears of every new version
(portal/page_memory.py). Each stored page carries the version it was rendered under;
`bump_content_version()` (called on every save or delete of what readers see, see connect()) puts a fresh
version in place, so every page stored before it stops being served, on every worker and app server sharing
the cache.

A page is stored with the headers the middleware below this one gave it (the Content-Security-Policy, the
Permissions-Policy, the framing rule), so a hit does not build them again, and under the settings that make
them (HEADER_SETTINGS): a page stored before a deploy that changed a policy is never served with the old one.

The version also knows when the site changes by itself: the next scheduled article or document goes public,
and the date line in the header turns at midnight in Vietnam. It expires then (and after PAGE_CACHE_SECONDS
in any case), and no page outlives it.

Who is never served from here: requests carrying the session cookie (staff; their pages are marked private)
or the messages cookie (a message waits to be shown to that reader). A CSRF cookie alone does not bypass:
a page that puts a token into a form sends the cookie again, and a response that sets a cookie is never
stored. Only 200 and 301 answers are stored, and only without cookies, `Vary: Cookie` or a private/no-store
Cache-Control.

If the cache fails (Redis down), pages are served as if it were empty, and the failure is logged once.
"""

import functools
import hashlib
import json
import logging
import secrets
import time
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import page_memory

logger = logging.getLogger(__name__)

CACHED_VIEWS = frozenset(
    {
        "articles:home",
        "articles:category",
        "articles:article",
        "articles:article_by_id",  # a permanent redirect to the article's address: stored like a page
        "documents:list",
        "documents:detail",
        "documents:detail_by_id",
        "pages:page",
        "pages:site_map",
        "questions:list",
        "questions:detail",
    }
)
# What readers see changes when one of these is saved or deleted (proxies such as the trash included).
SOURCES = (
    ("articles", "Article"),
    ("articles", "ArticleImage"),
    ("articles", "Category"),
    ("documents", "Document"),
    ("documents", "DocumentFile"),
    ("documents", "DocumentKind"),
    ("pages", "Page"),
    ("questions", "Question"),
    ("questions", "Topic"),
    ("identity", "SiteProfile"),
    ("identity", "MenuItem"),
    ("identity", "AgencyLink"),
)
STORED_STATUSES = frozenset({200, 301})
# Longer query strings are someone's experiment, not a page readers share: served, never stored.
MAX_QUERY_LENGTH = 200
# Added by Facebook, Zalo, Google and newsletters to shared links, different on every click: a burst of
# readers from one shared post would otherwise miss the cache every time. Dropped before the page is
# rendered, so the stored page is the same as for the plain address.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "msclkid", "zarsrc"})
TRACKING_PREFIX = "utm_"
# How long a reverse proxy (nginx's micro-cache) may keep a page without asking again. Short: a publish
# reaches readers behind the proxy within this time.
PROXY_SECONDS = 10
BYPASS_COOKIES = frozenset({settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name})
# Set by this middleware on the way out, or meaningless for another request.
UNSTORED_HEADERS = frozenset(
    {"cache-control", "content-length", "date", "etag", "expires", "last-modified", "set-cookie"}
    | {"x-page-cache"}
)
# What the headers stored with a page are made of (the policies' middleware sit below this one).
HEADER_SETTINGS = (
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    "PERMISSIONS_POLICY",
    "X_FRAME_OPTIONS",
)
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
VERSION_KEY = "page-cache:version"
PAGE_KEY_PREFIX = "page-cache:page:"

_failing = False


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if not BYPASS_COOKIES.isdisjoint(request.COOKIES):
            return _for_staff(request, self.get_response(request))
        if not _is_cached_view(settings.ROOT_URLCONF, request.path_info):
            return self.get_response(request)
        query = _query_without_tracking(request.META.get("QUERY_STRING", ""))
        key = _page_key(request, query)
        if key is None:
            return self.get_response(request)

        local = page_memory.memory(VERSION_KEY)
        known = local.version() if local else None
        if known is not None and time.time() < known[1]:
            page = local.page(key, known)
            if page is not None:
                return _serve(request, page, "HIT")

        reachable, version, page = _read(key)
        if local and known is None and version is not None and time.time() < version[1]:
            local.adopt(version)
        if page is not None and version is not None and page[0] == version[0] and time.time() < version[1]:
            if local:
                local.keep(key, page)
            return _serve(request, page, "HIT")

        if query != request.META.get("QUERY_STRING", ""):
            request.META["QUERY_STRING"] = query
            request.GET = QueryDict(query)
        if not reachable:
            return self.get_response(request)
        if version is None or time.time() >= version[1]:
            # A missing version is added, so that concurrent workers agree on one; an expired one is replaced.
            version = _new_version(only_if_missing=version is None)

        # Stored under the version read before rendering: a change saved meanwhile makes the copy unreachable.
        response = self.get_response(request)
        if version is None or not _storable(response):
            return response
        page = _store(key, version, response)
        if page is None:
            return response
        if local:
            local.keep(key, page)
        return _serve(request, page, "MISS")


def bump_content_version() -> None:
    """Forget every stored page at once: call after any change readers can see that no signal reports."""
    _new_version()
    # Again once committed: a reader between the save and the commit rendered the old rows under the
    # version above, and the first one could not see this change yet (a scheduled time, say).
    transaction.on_commit(_new_version)


def connect() -> None:
    """Bump the content version on every save or delete of what readers see (PortalConfig.ready)."""
    sources = {apps.get_model(*source) for source in SOURCES}
    for model in apps.get_models():
        if model._meta.concrete_model not in sources:
            continue
        uid = f"page-cache-{model._meta.label}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_changed, sender=through, dispatch_uid=f"{uid}-{field.name}")


def _saved(sender, update_fields=None, **kwargs):
    # A saved view count is no change worth re-rendering the whole site for: pages refresh it themselves.
    if update_fields is not None and set(update_fields) <= {"view_count"}:
        return
    bump_content_version()


def _changed(sender, action=None, **kwargs):
    if action is None or action.startswith("post_"):
        bump_content_version()


# --- the version --------------------------------------------------------------------------------------------


def _new_version(*, only_if_missing=False):
    """A fresh (token, expires at) pair in the cache, or None if the cache is unreachable."""
    now = time.time()
    expires = min(now + settings.PAGE_CACHE_SECONDS, _next_midnight(now), _next_scheduled(now))
    version = (secrets.token_hex(8), expires)
    timeout = max(1, int(expires - now))
    try:
        if only_if_missing and not cache.add(VERSION_KEY, version, timeout):
            # Another worker made it first: use theirs, so both store under the same version.
            return cache.get(VERSION_KEY) or version
        if not only_if_missing:
            cache.set(VERSION_KEY, version, timeout)
    except Exception as error:  # noqa: BLE001 - any cache failure means "serve uncached"
        _cache_failed(error)
        return None
    local = page_memory.memory(VERSION_KEY)
    if local:
        local.announce(version)
    return version


def _next_midnight(now: float) -> float:
    today = datetime.fromtimestamp(now, VIETNAM).date()
    return datetime.combine(today + timedelta(days=1), datetime.min.time(), VIETNAM).timestamp()


def _next_scheduled(now: float) -> float:
    """When the next scheduled article or document goes public by itself (infinity if none is waiting)."""
    from articles.documents.models import Document
    from articles.models import Article

    moment = datetime.fromtimestamp(now, VIETNAM)
    # One query: the moments are few (what the newsroom has scheduled), the minimum is taken here.
    articles = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__gt=moment, deleted_at__isnull=True
    ).values_list("published_at")
    documents = Document.objects.filter(status=Document.Status.PUBLISHED, published_at__gt=moment)
    waiting = articles.order_by().union(documents.order_by().values_list("published_at"))
    return min((when.timestamp() for (when,) in waiting), default=float("inf"))


# --- pages --------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _is_cached_view(urlconf: str, path: str) -> bool:
    # Remembered per address and URLconf (which only tests swap): a hit, and every request for a page that is
    # never cached (search, feeds, the view counter), skips resolving it here.
    try:
        return resolve(path, urlconf).view_name in CACHED_VIEWS
    except Resolver404:
        return False


def _query_without_tracking(query: str) -> str:
    if not query or ("utm_" not in query and "clid" not in query and "zarsrc" not in query):
        return query
    kept = [
        (name, value)
        for name, value in parse_qsl(query, keep_blank_values=True)
        if name not in TRACKING_PARAMETERS and not name.startswith(TRACKING_PREFIX)
    ]
    return urlencode(kept)


def _page_key(request, query: str) -> str | None:
    if len(query) > MAX_QUERY_LENGTH:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    # Scheme and host are part of the page: its canonical link and structured data are absolute.
    address = f"{request.scheme}://{host}{request.path}?{query}"
    digest = hashlib.md5(address.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{PAGE_KEY_PREFIX}{_headers_made_by()}:{digest}"


@functools.cache
def _headers_made_by() -> str:
    """A short digest of HEADER_SETTINGS as they stand: the same in every worker of one deploy."""
    values = [getattr(settings, name, None) for name in HEADER_SETTINGS]
    described = json.dumps(values, sort_keys=True, default=_in_a_stable_order)
    return hashlib.md5(described.encode()).hexdigest()[:8]


def _in_a_stable_order(value):
    # A set's order changes from one process to the next; every worker must name the same settings alike.
    return sorted(value, key=repr) if isinstance(value, set | frozenset) else repr(value)


@receiver(setting_changed)
def _header_settings_changed(setting, **kwargs):
    if setting in HEADER_SETTINGS:
        _headers_made_by.cache_clear()


def _read(key):
    """(cache reachable, version, page), from one cache round trip."""
    global _failing
    try:
        found = cache.get_many([VERSION_KEY, key])
    except Exception as error:  # noqa: BLE001 - any cache failure means "serve uncached"
        _cache_failed(error)
        return False, None, None
    if _failing:
        _failing = False
        logger.warning("Page cache reachable again.")
    return True, found.get(VERSION_KEY), found.get(key)


def _storable(response) -> bool:
    if response.status_code not in STORED_STATUSES or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    vary = response.get("Vary", "").lower()
    return "cookie" not in vary and "*" not in vary


def _store(key, version, response):
    """The page as stored: (version token, status, headers, body, etag, last modified, expires at)."""
    now = time.time()
    timeout = int(min(settings.PAGE_CACHE_SECONDS, version[1] - now))
    if timeout < 1:
        return None
    headers = {name: value for name, value in response.items() if name.lower() not in UNSTORED_HEADERS}
    body = response.content
    etag = f'"{hashlib.md5(body).hexdigest()}"'
    page = (version[0], response.status_code, headers, body, etag, int(now), now + timeout)
    try:
        cache.set(key, page, timeout)
    except Exception as error:  # noqa: BLE001 - any cache failure means "serve uncached"
        _cache_failed(error)
        return None
    return page


def _serve(request, page, outcome: str):
    _version, status, headers, body, etag, last_modified, expires = page
    response = HttpResponse(body, status=status, headers=headers)
    response["Content-Length"] = str(len(body))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Browsers ask again every time (a 304 when nothing changed); a proxy may keep it a few seconds.
    proxy_seconds = max(0, min(PROXY_SECONDS, int(expires - time.time())))
    response["Cache-Control"] = f"public, max-age=0, s-maxage={proxy_seconds}"
    response["X-Page-Cache"] = outcome
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


def _for_staff(request, response):
    match = request.resolver_match
    if match is not None and match.view_name in CACHED_VIEWS:
        # Kept by no proxy, and asked for again by the browser: a staff member's page is theirs alone.
        patch_cache_control(response, private=True, no_cache=True)
    return response


def _cache_failed(error) -> None:
    global _failing
    if not _failing:
        _failing = True
        logger.warning("Page cache unavailable, serving pages uncached: %s", error)
