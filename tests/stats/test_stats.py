"""The view statistics' queries: missing days filled in, Vietnam's days, what the week's top list leaves
out, one query each."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from articles import stats
from articles.models import Article, ArticleDailyViews
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def views(article, days_ago, count):
    return ArticleDailyViews.objects.create(
        article=article, day=stats.today() - timedelta(days=days_ago), views=count
    )


def test_today_is_vietnams_whatever_the_active_time_zone():
    # 18:30 UTC is already 01:30 the next morning in Hà Nội.
    late_evening_utc = datetime(2024, 11, 20, 18, 30, tzinfo=UTC)
    with mock.patch("articles.stats.timezone.now", return_value=late_evening_utc), timezone.override("UTC"):
        assert stats.today().isoformat() == "2024-11-21"


def test_site_views_sum_every_article_per_day_with_missing_days_as_zero():
    first, second = ArticleFactory(), ArticleFactory()
    views(first, 0, 5)
    views(second, 0, 7)
    views(first, 2, 3)
    days = stats.site_views_by_day()
    assert len(days) == 30
    assert days[-1] == stats.DayViews(stats.today(), 12)
    assert days[-2].views == 0
    assert days[-3].views == 3
    assert days[0].day == stats.today() - timedelta(days=29)
    assert sum(day.views for day in days) == 15


def test_site_views_leave_out_days_before_the_window():
    article = ArticleFactory()
    views(article, 29, 4)
    views(article, 30, 1000)
    assert [day.views for day in stats.site_views_by_day()][0] == 4
    assert sum(day.views for day in stats.site_views_by_day()) == 4
    assert sum(day.views for day in stats.site_views_by_day(days=7)) == 0


def test_an_articles_days_are_its_own():
    mine, other = ArticleFactory(), ArticleFactory()
    views(mine, 1, 9)
    views(other, 1, 100)
    days = stats.article_views_by_day(mine)
    assert len(days) == 30
    assert [day.views for day in days][-2:] == [9, 0]
    assert sum(day.views for day in days) == 9


def test_top_articles_of_the_week_in_order_of_this_weeks_views():
    steady, burst, quiet = ArticleFactory(), ArticleFactory(), ArticleFactory()
    for days_ago in range(7):
        views(steady, days_ago, 10)
    views(burst, 0, 50)
    views(quiet, 3, 1)
    top = stats.top_articles(stats.week_start())
    assert [(article.pk, article.period_views) for article in top] == [
        (steady.pk, 70),
        (burst.pk, 50),
        (quiet.pk, 1),
    ]


def test_top_articles_count_no_day_before_the_week():
    old_hit, new_one = ArticleFactory(), ArticleFactory()
    views(old_hit, 7, 1000)
    views(old_hit, 0, 2)
    views(new_one, 0, 5)
    assert [(article.pk, article.period_views) for article in stats.top_articles(stats.week_start())] == [
        (new_one.pk, 5),
        (old_hit.pk, 2),
    ]


def test_top_articles_leave_out_what_readers_cannot_see():
    public = ArticleFactory()
    unpublished = ArticleFactory(status=Article.Status.UNPUBLISHED)
    trashed = ArticleFactory(deleted_at=timezone.now())
    for article in (public, unpublished, trashed):
        views(article, 0, 10)
    assert [article.pk for article in stats.top_articles(stats.week_start())] == [public.pk]


def test_top_articles_stop_at_ten():
    for n in range(12):
        views(ArticleFactory(), 0, n + 1)
    top = stats.top_articles(stats.week_start())
    assert [article.period_views for article in top] == list(range(12, 2, -1))


@pytest.mark.parametrize("article_count", [5, 50])
def test_each_query_is_one_query_whatever_the_number_of_articles(article_count, django_assert_num_queries):
    articles = ArticleFactory.create_batch(article_count)
    ArticleDailyViews.objects.bulk_create(
        ArticleDailyViews(article=article, day=stats.today() - timedelta(days=n % 30), views=n + 1)
        for n, article in enumerate(articles)
    )
    with django_assert_num_queries(1):
        stats.site_views_by_day()
    with django_assert_num_queries(1):
        top = stats.top_articles(stats.week_start())
    with django_assert_num_queries(0):
        [(article.title, article.author_id, article.period_views) for article in top]
    with django_assert_num_queries(1):
        stats.article_views_by_day(articles[0])
