from django.utils.functional import SimpleLazyObject

from articles.menu import build_menu
from articles.popular import most_viewed_articles

from .current import site_identity


def site(request):
    identity = site_identity()
    return {
        "site": identity.profile,
        "navigation": identity.navigation,
        "agency_links": identity.agency_links,
        # Lazy: pages that never draw them (admin, errors) make no query for them.
        "category_tree": SimpleLazyObject(build_menu),
        "most_viewed": SimpleLazyObject(most_viewed_articles),
    }
