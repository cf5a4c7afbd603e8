"""Error pages in Vietnamese, in the site's own look, for every status Django answers by itself.

They render without the request's context processors: those read the database (the menu, the sidebar),
and an error page must still render when the database is what failed. The category menu is added when the
database answers, so a reader who hit a 400, 403 or 405 can go on browsing.
"""

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.template.loader import render_to_string

from portal.identity.current import default_profile, site_identity


def bad_request(request, exception):
    return _page("400.html", 400)


def permission_denied(request, exception):
    return _page("403.html", 403)


def csrf_failure(request, reason=""):
    # Django's reason ("CSRF cookie not set.") helps a developer and means nothing to a reader.
    return _page("403_csrf.html", 403, reason=reason if settings.DEBUG else "")


def server_error(request):
    # The database may be why we are here: not even the menu.
    return _page("500.html", 500, with_menu=False)


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


def _page(template_name, status, *, with_menu=True, **context):
    context.update(
        **_identity_if_available(with_menu),
    )
    return HttpResponse(render_to_string(template_name, context), status=status)


def _identity_if_available(with_menu):
    """The unit's profile and menu when the database (or the cache) answers; the settings' profile otherwise."""
    if with_menu:
        try:
            identity = site_identity()
        except DatabaseError:
            pass
        else:
            return {"site": identity.profile, "navigation": identity.navigation}
    return {"site": default_profile(), "navigation": ()}
