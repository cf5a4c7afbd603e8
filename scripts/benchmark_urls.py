"""The site's URLs plus the bare view (scripts/benchmark_settings.py); never part of the real site."""

from django.http import HttpResponse
from django.urls import include, path

from portal.urls import handler400, handler403, handler500  # noqa: F401

BARE_PATH = "__benchmark__/bare/"
# 16 KB, about an article page's size, so the bare figure includes sending as many bytes.
BARE_BODY = b"<!doctype html><title>bare</title>" + b"x" * (16 * 1024 - 34)


def bare_view(request):
    return HttpResponse(BARE_BODY)


urlpatterns = [path(BARE_PATH, bare_view), path("", include("portal.urls"))]
