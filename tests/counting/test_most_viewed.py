""" "Đọc nhiều nhất": today, the last 7 days and the last 30 days, from the views per day."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles import publishing
from articles.models import Article, ArticleDailyViews
from articles.popular import most_viewed_articles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _viewed(title, **views_days_ago):
    """An article with views on days back from today: _viewed("A", d0=5, d3=10)."""
    article = ArticleFactory(title=title)
    today = timezone.localdate()
    for days_ago, views in views_days_ago.items():
        ArticleDailyViews.objects.create(
            article=article, day=today - timedelta(days=int(days_ago[1:])), views=views
        )
    return article


def _titles(period):
    return [article.title for article in period.articles]


def test_each_period_ranks_by_the_views_within_it(settings):
    settings.MOST_VIEWED_COUNT = 3
    _viewed("Tin nóng hôm nay", d0=50)
    _viewed("Tin của tuần", d0=10, d2=100)
    _viewed("Tin của tháng", d10=1000)
    _viewed("Tin cũ", d40=5000)
    _viewed("Tin ít người đọc", d0=1, d5=1, d20=1)

    today, week, month = most_viewed_articles()

    assert (today.title, week.title, month.title) == ("Hôm nay", "7 ngày qua", "30 ngày qua")
    assert _titles(today) == ["Tin nóng hôm nay", "Tin của tuần", "Tin ít người đọc"]
    assert _titles(week) == ["Tin của tuần", "Tin nóng hôm nay", "Tin ít người đọc"]
    assert _titles(month) == ["Tin của tháng", "Tin của tuần", "Tin nóng hôm nay"]
    assert [article.period_views for article in month.articles] == [1000, 110, 50]
    assert today.shown_first and not week.shown_first


def test_only_published_articles_are_ranked():
    _viewed("Bài đang đăng", d0=1)
    hidden = _viewed("Bài đã gỡ", d0=100)
    Article.objects.filter(pk=hidden.pk).update(status=Article.Status.UNPUBLISHED)
    trashed = _viewed("Bài trong thùng rác", d0=100)
    Article.objects.filter(pk=trashed.pk).update(deleted_at=timezone.now())

    for period in most_viewed_articles():
        assert _titles(period) == ["Bài đang đăng"]


def test_a_quiet_morning_opens_the_week(settings):
    _viewed("Tin hôm qua", d1=10)
    today, week, month = most_viewed_articles()
    assert today.articles == [] and week.shown_first


def test_a_new_site_without_daily_views_shows_the_all_time_counts():
    ArticleFactory(title="Bài cũ được đọc nhiều", view_count=900)
    ArticleFactory(title="Bài cũ ít người đọc", view_count=3)
    (everything,) = most_viewed_articles()
    assert everything.title == "" and _titles(everything) == ["Bài cũ được đọc nhiều", "Bài cũ ít người đọc"]


def test_a_site_without_articles_shows_no_box():
    assert most_viewed_articles() == []
    assert "Đọc nhiều nhất" not in Client().get("/").content.decode()


def test_the_box_lets_the_reader_switch_periods_without_a_script():
    _viewed("Tin nóng hôm nay", d0=50)
    html = Client().get("/").content.decode()
    box = html[html.index("Đọc nhiều nhất") : html.index("</section>", html.index("Đọc nhiều nhất"))]
    assert box.count('<details class="most-viewed__period" name="doc-nhieu-nhat"') == 3
    assert box.count(" open>") == 1
    assert [box.index(title) for title in ("Hôm nay", "7 ngày qua", "30 ngày qua")] == sorted(
        box.index(title) for title in ("Hôm nay", "7 ngày qua", "30 ngày qua")
    )
    assert box.count("Tin nóng hôm nay") == 3


def test_an_unpublished_article_leaves_the_periods_at_once(approver):
    article = _viewed("Bài được đọc nhiều nhất", d0=10_000)
    reader = Client()
    assert article.title in reader.get("/").content.decode()
    publishing.unpublish(article, by=approver)
    assert article.title not in reader.get("/").content.decode()


def test_the_lists_are_read_from_the_cache(django_assert_num_queries):
    _viewed("Tin nóng hôm nay", d0=50)
    with django_assert_num_queries(3):  # one per period
        most_viewed_articles()
    with django_assert_num_queries(0):
        most_viewed_articles()
