"""Who a view is from, and whether it is a reader's view at all.

A reader is known by a random id in a signed cookie. A reader who comes without one (the first view, or
cookies blocked) is known for the day by a keyed hash of their address and browser: nothing personal is
stored, and the id means nothing outside this site and this day.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache

import crawleruseragents
from django.conf import settings
from django.utils import timezone

from portal.limits import client_address

COOKIE_NAME = "doc_gia"
COOKIE_SALT = "articles.counting.reader"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
# A reader's views of one article count once in this long.
SEEN_SECONDS = 24 * 60 * 60

# Link-preview fetchers that the maintained crawler list (crawler-user-agents) does not know. Zalo's
# preview fetcher names Zalo, but so does Zalo's in-app browser, where many readers open shared articles:
# that one (marked "Zalo android/", "Zalo iOS/" or "ZaloTheme") is a reader.
_ZALO = re.compile(r"zalo", re.IGNORECASE)
_ZALO_IN_APP_BROWSER = re.compile(r"Zalo (?:android|iOS)/|ZaloTheme", re.IGNORECASE)


@dataclass(frozen=True)
class Reader:
    id: str
    # A random id to give a reader who came without the cookie; their views are remembered under both
    # ids, so this view and their later ones (with the cookie) count once. Readers behind one address with
    # the same browser (an office) share the derived id only for that first view, never afterwards.
    new_cookie_id: str | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.id, self.new_cookie_id) if self.new_cookie_id else (self.id,)


def is_a_readers_view(request) -> bool:
    # Read from META: request.headers would first copy every header of the request, on every view.
    meta = request.META
    user_agent = meta.get("HTTP_USER_AGENT", "").strip()
    if request.method == "HEAD" or not user_agent or _is_prefetch(meta):
        return False
    # Another site embedding our pixel or beacon would count its own visitors as our readers.
    if meta.get("HTTP_SEC_FETCH_SITE") == "cross-site":
        return False
    # Cut: the cache below must stay small whatever a client sends, and robots name themselves early.
    if is_robot(user_agent[:512]):
        return False
    # The session is only looked up when a session cookie came with the request, so readers cost nothing.
    return not request.user.is_staff


def reader_of(request) -> Reader:
    """The reader making this request, worked out once per request."""
    if not hasattr(request, "_view_reader"):
        known = request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT)
        request._view_reader = Reader(known) if known else Reader(_daily_id(request), secrets.token_hex(16))
    return request._view_reader


def give_cookie(request, response):
    """Give a reader seen without the cookie their id, so their next views are known as theirs."""
    reader = getattr(request, "_view_reader", None)
    if reader is not None and reader.new_cookie_id:
        response.set_signed_cookie(
            COOKIE_NAME,
            reader.new_cookie_id,
            salt=COOKIE_SALT,
            max_age=COOKIE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


def seen_key(reader_id: str, article_id: int) -> str:
    """The one-way key a reader's view of an article is remembered by (32 hex digits)."""
    return hashlib.blake2b(f"{reader_id}:{article_id}".encode(), digest_size=16).hexdigest()


@lru_cache(maxsize=4096)
def is_robot(user_agent: str) -> bool:
    # Cached: a few browsers' strings make most requests, and the crawler list is hundreds of patterns.
    if _ZALO.search(user_agent) and not _ZALO_IN_APP_BROWSER.search(user_agent):
        return True
    return crawleruseragents.is_crawler(user_agent)


def _is_prefetch(meta) -> bool:
    """Prefetched or prerendered pages (browsers' speculation, Firefox's link prefetch) are not read yet."""
    return (
        "prefetch" in meta.get("HTTP_SEC_PURPOSE", "")
        or meta.get("HTTP_PURPOSE", "") == "prefetch"
        or meta.get("HTTP_X_PURPOSE", "") in {"prefetch", "preview"}
        or meta.get("HTTP_X_MOZ", "") == "prefetch"
    )


def _daily_id(request) -> str:
    # Keyed with SECRET_KEY and salted with the date, so the id can't be turned back into an address,
    # and tomorrow's id for the same address and browser is unrelated to today's.
    message = "\n".join(
        [timezone.localdate().isoformat(), client_address(request), request.META.get("HTTP_USER_AGENT", "")]
    )
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()[:32]
