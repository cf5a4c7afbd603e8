"""Readers' views over time, read from the daily table (ArticleDailyViews) for the admin's charts.

Each function is one query whatever the number of articles: the daily table is summed by the database,
and the days without a row (no views, or nothing flushed yet) are filled in here as zeros. Days are
Vietnam's, as the counting flush writes them, whatever time zone a request may have activated.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Sum
from django.utils import timezone

from .models import Article, ArticleDailyViews

TOP_ARTICLES_COUNT = 10
WEEK_DAYS = 7


@dataclass(frozen=True)
class DayViews:
    day: date
    views: int


def today() -> date:
    return timezone.localdate(timezone.now(), timezone.get_default_timezone())


def week_start() -> date:
    """The first day of "this week" on the dashboard: the last seven days, today included.

    A rolling week rather than the calendar's, so that on a Monday the list is not empty.
    """
    return today() - timedelta(days=WEEK_DAYS - 1)


def site_views_by_day(days: int = 30) -> list[DayViews]:
    """The whole site's views on each of the last `days` days, oldest first, today last.

    Every article counts, trashed or unpublished since included: the views happened, and the chart is
    the site's traffic, not a ranking.
    """
    first = today() - timedelta(days=days - 1)
    totals = (
        ArticleDailyViews.objects.filter(day__gte=first)
        .values("day")
        .annotate(total=Sum("views"))
        .values_list("day", "total")
    )
    return _every_day(first, days, dict(totals))


def article_views_by_day(article: Article, days: int = 30) -> list[DayViews]:
    """One article's views on each of the last `days` days, oldest first, today last."""
    first = today() - timedelta(days=days - 1)
    views = ArticleDailyViews.objects.filter(article=article, day__gte=first).values_list("day", "views")
    return _every_day(first, days, dict(views))


def top_articles(since: date, count: int = TOP_ARTICLES_COUNT) -> list[Article]:
    """The most viewed published articles since that day (included), each with its `period_views`.

    Only what readers can see now: an article unpublished or moved to the trash leaves the list, even
    if it was read this week. Ties go to the newer article.
    """
    return list(
        Article.objects.published()
        .most_viewed_since(since)
        .only("title", "author_id", "published_at")[:count]
    )


def _every_day(first: date, days: int, views_on: dict) -> list[DayViews]:
    return [DayViews(day, views_on.get(day, 0)) for day in (first + timedelta(days=n) for n in range(days))]
