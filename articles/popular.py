"""The "most viewed" box shown beside every page: today, the last 7 days and the last 30 days.

Read from the views per article per day (ArticleDailyViews, filled by the counting in articles/counting/),
summed over each period, published articles only; kept in the cache for a minute, as the lists barely move
in a minute and summing them is the costliest query the reading pages make. A workflow step that changes
what is public forgets them at once, so an unpublished article never lingers there.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import Article

CACHE_KEY = "articles:most-viewed"
CACHE_SECONDS = 60

# (anchor, title, days back including today)
PERIODS = [("hom-nay", "Hôm nay", 1), ("7-ngay", "7 ngày qua", 7), ("30-ngay", "30 ngày qua", 30)]


@dataclass
class Period:
    slug: str
    title: str  # empty for the all-time list of a new site, which has no periods to choose from
    articles: list
    shown_first: bool = False


def most_viewed_articles() -> list[Period]:
    return cache.get_or_set(CACHE_KEY, _most_viewed, CACHE_SECONDS)


def forget_most_viewed() -> None:
    cache.delete(CACHE_KEY)


def _most_viewed() -> list[Period]:
    today = timezone.localdate()
    # The longest period first: when it is empty, the shorter ones are too, and cost no query.
    periods = []
    for slug, title, days in reversed(PERIODS):
        articles = _top_since(today - timedelta(days=days - 1)) if not periods or periods[0].articles else []
        periods.insert(0, Period(slug, title, articles))
    if periods[-1].articles:
        # Early in the morning "today" may be empty still: the shortest period with views opens first.
        next(period for period in periods if period.articles).shown_first = True
        return periods
    # A new site (or one with no views for a month) has no daily views yet: the all-time counts stand in,
    # so the box is never empty.
    everything = list(Article.objects.published().for_listing().most_viewed()[: settings.MOST_VIEWED_COUNT])
    return [Period("tat-ca", "", everything, shown_first=True)] if everything else []


def _top_since(day) -> list[Article]:
    return list(
        Article.objects.published().for_listing().most_viewed_since(day)[: settings.MOST_VIEWED_COUNT]
    )
