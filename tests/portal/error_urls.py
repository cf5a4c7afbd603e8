"""The site's URLs plus views that fail on purpose, for the error page and logging tests."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import re_path
from django.views.static import serve

# The error handlers are looked up on the root URLconf, which this one replaces in the tests.
from portal.urls import handler400, handler403, handler500  # noqa: F401
from portal.urls import urlpatterns as site_urlpatterns


def refused(request):
    raise PermissionDenied("Chỉ lãnh đạo được duyệt bài.")


def broken(request):
    raise RuntimeError("the view is broken")


def failing_query(request):
    # A bug, not an outage; on SQLite it raises the same OperationalError as a database that is gone.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")


urlpatterns = [
    re_path(r"^loi/403/$", refused),
    re_path(r"^loi/500/$", broken),
    re_path(r"^loi/truy-van/$", failing_query),
    # What portal/urls.py adds with SERVE_MEDIA on (local runs), which the test settings leave off.
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
