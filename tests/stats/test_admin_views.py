"""The admin's view statistics: the dashboard's chart and week's top list, each article's own chart."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import stats
from articles.models import Article, ArticleDailyViews
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/quan-tri/"
ARTICLE_PAGE = "/quan-tri/articles/article/{}/change/"
SVG = "{http://www.w3.org/2000/svg}"


def views(article, days_ago, count):
    return ArticleDailyViews.objects.create(
        article=article, day=stats.today() - timedelta(days=days_ago), views=count
    )


def page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def chart(html, chart_id) -> ET.Element:
    """The chart's SVG, which must parse as XML on its own."""
    svg = re.search(rf'<svg [^>]*id="{chart_id}".*?</svg>', html, re.DOTALL)
    assert svg, f"no chart {chart_id} on the page"
    return ET.fromstring(svg.group(0))


def summary(svg: ET.Element) -> str:
    return svg.find(f"{SVG}title").text


def bar_titles(svg: ET.Element) -> list[str]:
    return [bar.find(f"{SVG}title").text for bar in svg.findall(f"{SVG}g")]


def top_rows(html) -> list[tuple[str, str]]:
    table = html[html.index("Xem nhiều trong tuần") :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td class=\"views\">([^<]*)</td>", table, re.DOTALL)
    return [(unescape(re.sub(r"<[^>]+>", "", title)), count) for title, count in rows]


def test_dashboard_chart_totals_the_sites_days_with_a_day_at_zero(client, editor):
    first, second = ArticleFactory(), ArticleFactory()
    views(first, 0, 1000)
    views(second, 0, 234)
    views(first, 2, 11)
    svg = chart(page(client, editor, DASHBOARD), "site-views")
    day = stats.today()
    assert summary(svg) == f"Lượt xem 30 ngày qua: tổng 1.245, cao nhất 1.234 ngày {day:%d/%m}"
    titles = bar_titles(svg)
    assert len(titles) == 30
    assert titles[-1] == f"{day:%d/%m/%Y}: 1.234 lượt xem"
    assert titles[-2] == f"{day - timedelta(days=1):%d/%m/%Y}: 0 lượt xem"
    assert titles[-3] == f"{day - timedelta(days=2):%d/%m/%Y}: 11 lượt xem"


def test_dashboard_lists_the_weeks_top_articles_in_order_linking_to_their_pages(client, editor):
    steady = ArticleFactory(title="Bài đọc đều")
    burst = ArticleFactory(title="Bài đọc nhiều hôm nay")
    for days_ago in range(7):
        views(steady, days_ago, 1000)
    views(burst, 0, 1500)
    html = page(client, editor, DASHBOARD)
    assert top_rows(html) == [("Bài đọc đều", "7.000"), ("Bài đọc nhiều hôm nay", "1.500")]
    assert f'<a href="{ARTICLE_PAGE.format(steady.pk)}">Bài đọc đều</a>' in html


def test_dashboard_top_list_leaves_out_older_days_unpublished_and_trashed_articles(client, editor):
    last_month = ArticleFactory(title="Bài tuần trước")
    views(last_month, 7, 5000)
    views(last_month, 6, 1)
    views(ArticleFactory(title="Bài đã gỡ", status=Article.Status.UNPUBLISHED), 0, 900)
    views(ArticleFactory(title="Bài trong thùng rác", deleted_at=timezone.now()), 0, 800)
    views(ArticleFactory(title="Bài đang đọc"), 0, 3)
    assert top_rows(page(client, editor, DASHBOARD)) == [("Bài đang đọc", "3"), ("Bài tuần trước", "1")]


def test_dashboard_without_views_says_so(client, editor):
    html = page(client, editor, DASHBOARD)
    assert summary(chart(html, "site-views")) == "Lượt xem 30 ngày qua: tổng 0"
    assert "Chưa có lượt xem nào trong tuần." in html


def test_a_contributor_sees_the_chart_and_links_only_to_their_own_articles(client, contributor):
    own = ArticleFactory(title="Bài của tôi", author=contributor)
    colleagues = ArticleFactory(title="Bài của đồng nghiệp")
    views(own, 0, 5)
    views(colleagues, 0, 9)
    html = page(client, contributor, DASHBOARD)
    assert summary(chart(html, "site-views")).startswith("Lượt xem 30 ngày qua: tổng 14,")
    assert top_rows(html) == [("Bài của đồng nghiệp", "9"), ("Bài của tôi", "5")]
    assert ARTICLE_PAGE.format(own.pk) in html
    assert ARTICLE_PAGE.format(colleagues.pk) not in html


def test_staff_without_access_to_articles_see_no_statistics(client):
    views(ArticleFactory(title="Bài được đọc"), 0, 5)
    html = page(client, UserFactory(is_staff=True), DASHBOARD)
    assert 'id="site-views"' not in html
    assert "Bài được đọc" not in html


def test_article_page_shows_its_own_thirty_days_not_others(client, editor):
    article = ArticleFactory(title="Bài có biểu đồ")
    other = ArticleFactory()
    views(article, 0, 1200)
    views(article, 29, 34)
    views(article, 30, 999)  # outside the window
    views(other, 0, 50000)
    svg = chart(page(client, editor, ARTICLE_PAGE.format(article.pk)), "article-views")
    assert summary(svg) == (
        "Lượt xem 30 ngày qua của bài “Bài có biểu đồ”: "
        f"tổng 1.234, cao nhất 1.200 ngày {stats.today():%d/%m}"
    )


def test_a_contributor_sees_the_chart_on_their_own_article(client, contributor):
    article = ArticleFactory(author=contributor, status=Article.Status.DRAFT)
    views(article, 3, 7)
    svg = chart(page(client, contributor, ARTICLE_PAGE.format(article.pk)), "article-views")
    assert "tổng 7," in summary(svg)


def test_titles_are_escaped_in_the_top_list_and_the_charts(client, editor):
    title = '<script>alert("tiêu đề")</script>'
    article = ArticleFactory(title=title)
    views(article, 0, 2)
    dashboard = page(client, editor, DASHBOARD)
    assert "<script>alert" not in dashboard
    assert top_rows(dashboard) == [(title, "2")]
    change_page = page(client, editor, ARTICLE_PAGE.format(article.pk))
    svg = re.search(r'<svg [^>]*id="article-views".*?</svg>', change_page, re.DOTALL).group(0)
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert title in summary(ET.fromstring(svg))


def dashboard_queries(client, user, article_count) -> int:
    articles = ArticleFactory.create_batch(article_count)
    ArticleDailyViews.objects.bulk_create(
        ArticleDailyViews(article=article, day=stats.today() - timedelta(days=day), views=n + day + 1)
        for n, article in enumerate(articles)
        for day in range(0, 30, 3)
    )
    client.force_login(user)
    client.get(DASHBOARD)  # sessions, permissions and content types warm up
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    ArticleDailyViews.objects.all().delete()
    Article.objects.all().delete()
    return len(queries)


def test_dashboard_queries_do_not_grow_with_the_articles(client, editor):
    assert dashboard_queries(client, editor, 5) == dashboard_queries(client, editor, 50)


def test_article_page_queries_do_not_grow_with_the_articles(client, editor):
    def article_page_queries(article_count):
        articles = ArticleFactory.create_batch(article_count)
        for article in articles:
            views(article, 0, 3)
        url = ARTICLE_PAGE.format(articles[0].pk)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.force_login(editor)
    assert article_page_queries(5) == article_page_queries(50)
