from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .menu import build_menu


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        # Lazy: pages that never draw the menu (admin, errors) make no query for it.
        "site_menu": SimpleLazyObject(build_menu),
    }
