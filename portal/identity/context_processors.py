from django.utils.functional import SimpleLazyObject

from articles.menu import build_menu
from articles.popular import most_viewed_articles

from .current import identity_of


def site(request):
    # Lazy: pages that never draw them (the admin) make no query and no cache read for them. The identity's
    # three parts share one lazy value, so a page that draws them all reads the cache once.
    identity = SimpleLazyObject(lambda: identity_of(request))
    return {
        "site": SimpleLazyObject(lambda: identity.profile),
        "navigation": SimpleLazyObject(lambda: identity.navigation),
        "agency_links": SimpleLazyObject(lambda: identity.agency_links),
        "category_tree": SimpleLazyObject(build_menu),
        "most_viewed": SimpleLazyObject(most_viewed_articles),
    }
