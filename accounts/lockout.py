"""The page a locked-out login gets (django-axes calls `locked_out`, settings.AXES_LOCKOUT_CALLABLE).

django-axes' own answer is a line of English text. This one is the admin's login page look, in Vietnamese:
how long to wait, and the two ways out that need no waiting (a password reset by email, or an administrator).
Every further try while locked starts the wait again (django-axes' default), so Retry-After is the whole
cool-off from now.
"""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    cool_off = int(settings.AXES_COOLOFF_TIME.total_seconds())
    context = {
        **admin.site.each_context(request),
        "title": "Tạm khóa đăng nhập",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_minutes": max(1, cool_off // 60),
    }
    response = render(request, "accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(cool_off)
    return response
