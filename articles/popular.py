"""The "most viewed" list shown beside every page, kept in the cache for a minute.

Sorting by views is the costliest query the reading pages make (SQLite's planner sorts every published
article for it), and the list barely moves in a minute. A workflow step that changes what is public
forgets it at once, so an unpublished article never lingers there.
"""

from django.conf import settings
from django.core.cache import cache

from .models import Article

CACHE_KEY = "articles:most-viewed"
CACHE_SECONDS = 60


def most_viewed_articles() -> list[Article]:
    return cache.get_or_set(CACHE_KEY, _most_viewed, CACHE_SECONDS)


def forget_most_viewed() -> None:
    cache.delete(CACHE_KEY)


def _most_viewed():
    return list(Article.objects.published().for_listing().most_viewed()[: settings.MOST_VIEWED_COUNT])
