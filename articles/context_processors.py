from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .menu import build_menu
from .popular import most_viewed_articles


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        # Lazy: pages that never draw the menu or the sidebar (admin, errors) make no query for them.
        "site_menu": SimpleLazyObject(build_menu),
        "most_viewed": SimpleLazyObject(most_viewed_articles),
    }
