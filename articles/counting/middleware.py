"""The counting endpoint's short way through the middleware, for the many beacons of readers.

A beacon comes after every article a reader opens: in a burst, as many as the pages themselves, and the
pages are served from the page cache at little cost. A reader's beacon (no session cookie) needs none of
what sits below this middleware: the endpoint is exempt from CSRF, keeps no session, shows no message and
is never cached, and a request without a session is not staff. Answering it here saves that work on every
view. A beacon that carries the session cookie takes the usual way, where a logged-in editor is known
(and not counted).
"""

import functools

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import Resolver404, resolve

from .views import count_view


class ReaderBeaconMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            article_id = _beacon_article(settings.ROOT_URLCONF, request.path_info)
            if article_id is not None:
                request.user = AnonymousUser()
                return count_view(request, article_id)
        return self.get_response(request)


@functools.lru_cache(maxsize=4096)
def _beacon_article(urlconf: str, path: str) -> int | None:
    # Remembered per address (and the URLconf, which only tests swap): a popular article's beacons are
    # resolved once per worker.
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    return match.kwargs["pk"] if match.func is count_view else None
