"""Error pages in Vietnamese, in the site's own look, for every status Django answers by itself.

They render without the request's context processors: those read the database (the menu, the sidebar),
and an error page must still render when the database is what failed. The unit's profile and menu are added
when they can be had, so a reader who hit a 400, 403 or 405 can go on browsing; the settings' profile
stands in otherwise.
"""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from portal import outage
from portal.identity.current import cached_identity, default_profile, site_identity

logger = logging.getLogger(__name__)


def bad_request(request, exception):
    return _page("400.html", 400)


def permission_denied(request, exception):
    return _page("403.html", 403)


def csrf_failure(request, reason=""):
    # Django's reason ("CSRF cookie not set.") helps a developer and means nothing to a reader.
    return _page("403_csrf.html", 403, reason=reason if settings.DEBUG else "")


def server_error(request):
    # Django hands this handler no exception, but the one it is handling is still the current one here.
    if outage.unreachable(sys.exc_info()[1]):
        return _service_unavailable()
    # The database may be why we are here: only what the cache already holds, without building anything.
    return _page("500.html", 500, may_query=False)


def _service_unavailable():
    """The database is unreachable (portal/outage.py): the reader is asked to come back in a while."""
    response = _page("503.html", 503, may_query=False)
    response["Retry-After"] = str(outage.RETRY_AFTER_SECONDS)
    # Kept by no cache, nginx's or a browser's: the next request may find the site back.
    add_never_cache_headers(response)
    # portal/outage.py logs the outage once; Django would log it again with a traceback for every request.
    response._has_been_logged = True
    return response


class MethodNotAllowedPageMiddleware:
    """Give the empty 405 that Django's views answer (e.g. a PUT, or a POST to a reading page) a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            # The response itself is kept, so its Allow header and everything else set on it stay.
            response.content = _page("405.html", 405).content
            response["Content-Type"] = "text/html; charset=utf-8"
        return response


def _page(template_name, status, *, may_query=True, **context):
    context.update(_identity_if_available(may_query))
    return HttpResponse(render_to_string(template_name, context), status=status)


def _identity_if_available(may_query):
    """The unit's profile and menu when the database (or the cache) answers; else the settings' profile."""
    try:
        identity = site_identity() if may_query else cached_identity()
    except DatabaseError:
        identity = None
    except Exception:
        # The cache's own server (Redis) may be down too; an error page must render all the same.
        logger.exception("The site's identity could not be read for an error page")
        identity = None
    if identity is None:
        return {"site": default_profile(), "navigation": ()}
    return {"site": identity.profile, "navigation": identity.navigation}
