"""The results page itself: the box on every page, what each hit shows, counts, pages, and no indexing."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import ArticleFactory, CategoryFactory

from .conftest import SEARCH_URL, hit_titles

pytestmark = pytest.mark.django_db

HEADER_BOX = re.compile(
    r'<form class="site-search" role="search" aria-label="[^"]+" action="/tim-kiem/" method="get">\s*'
    r'<label for="o-tim-kiem"[^>]*>[^<]+</label>\s*<input type="search" id="o-tim-kiem" name="q"'
)


def test_every_reading_page_has_the_search_box_in_its_header(client):
    article = ArticleFactory()
    for url in [
        "/",
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        SEARCH_URL,
        "/khong-co/",
    ]:
        assert HEADER_BOX.search(client.get(url).content.decode()), url


def test_results_page_is_not_indexed(search):
    html = search("dang bo").content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html


def test_query_stays_in_the_boxes(search):
    html = search("Đảng bộ").content.decode()
    assert 'id="o-tim-kiem" name="q" value="Đảng bộ"' in html
    assert 'id="tim-kiem-tu-khoa" name="q" value="Đảng bộ"' in html


def test_hit_shows_title_link_date_category_and_highlighted_snippet(search):
    category = CategoryFactory(name="Xây dựng Đảng")
    article = ArticleFactory(
        title="Đảng bộ xã Thanh Hải đại hội",
        category=category,
        lead="Sáng 18/5, Đảng bộ xã tổ chức đại hội đại biểu lần thứ XX.",
        published_at=datetime(2023, 5, 18, 19, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )
    html = search("dai hoi").content.decode()
    hit = html[html.index('<article class="card search-hit">') :]
    assert (
        f'href="{article.get_absolute_url()}">Đảng bộ xã Thanh Hải <mark>đại</mark> <mark>hội</mark></a>'
        in hit
    )
    assert "18/05/2023 19:30" in hit
    assert f'href="{category.get_absolute_url()}">Xây dựng Đảng</a>' in hit
    assert "tổ chức <mark>đại</mark> <mark>hội</mark> <mark>đại</mark> biểu" in hit


def test_count_and_empty_message(search):
    ArticleFactory(title="Đảng bộ xã A")
    ArticleFactory(title="Đảng bộ xã B")
    assert "2 bài viết có “dang bo”" in search("dang bo").content.decode()
    assert "Không tìm thấy bài viết nào." in search("khong co dau").content.decode()


@pytest.mark.parametrize(("query", "message"), [("", "Nhập từ khóa"), ("%_!", "ít nhất một chữ hoặc chữ số")])
def test_without_words_the_page_asks_for_them(search, query, message):
    assert message in search(query).content.decode()


@pytest.mark.parametrize(("page", "shown"), [("-1", 3), ("abc", 1), ("0", 3), ("999999", 3), ("2", 2)])
def test_any_page_number_gives_a_real_page(search, settings, page, shown):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        ArticleFactory(title=f"Đảng bộ xã số {n}")
    response = search("dang bo", page=page)
    assert f"Trang {shown} / 3" in response.content.decode()
    assert len(hit_titles(response)) == (1 if shown == 3 else 2)
