"""Sơ đồ cổng (/so-do-cong/): the menu, completed with every category, page and section of the site."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.pages.models import Page
from portal.identity.models import MenuItem
from tests.factories import CategoryFactory

from .conftest import sub_page

pytestmark = pytest.mark.django_db


def site_map(client):
    response = client.get("/so-do-cong/")
    assert response.status_code == 200
    page_html = response.content.decode()
    assert page_html.count("<h1") == 1
    assert '<h1 class="standing-page__title">Sơ đồ cổng</h1>' in page_html
    return re.search(r'<nav class="site-map".*?</nav>', page_html, re.S).group(0)


def links(fragment):
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', fragment)


@pytest.fixture
def categories(db):
    party = CategoryFactory(name="Xây dựng Đảng", order=1)
    return {
        "party": party,
        "study": CategoryFactory(name="Học tập và làm theo Bác", parent=party),
        "economy": CategoryFactory(name="Kinh tế - Xã hội", order=2),
    }


def test_site_map_lists_categories_pages_and_sections(client, categories, standard_pages):
    listed = links(site_map(client))
    for category in categories.values():
        assert (category.get_absolute_url(), category.name) in listed
    for page in standard_pages.values():
        assert (page.get_absolute_url(), page.title) in listed
    for url, title in [
        ("/", "Trang chủ"),
        ("/van-ban/", "Văn bản"),
        ("/hoi-dap/", "Hỏi đáp"),
        ("/lien-ket-rss/", "Tin RSS"),
        ("/tim-kiem/", "Tìm kiếm"),
    ]:
        assert (url, title) in listed
    urls = [url for url, _ in listed]
    assert len(urls) == len(set(urls)), "each address once"


def test_site_map_nests_sub_categories_and_sub_pages(client, categories, standard_pages):
    fragment = site_map(client)
    party = re.search(r'<li><a href="/chuyen-muc/[^"]+/">Xây dựng Đảng</a>\s*<ul>(.*?)</ul>', fragment, re.S)
    assert "Học tập và làm theo Bác" in party.group(1)
    about = re.search(r'<li><a href="/gioi-thieu/">Giới thiệu</a>\s*<ul>(.*?)</ul>', fragment, re.S)
    assert [title for _, title in links(about.group(1))] == [
        "Lịch sử",
        "Chức năng, nhiệm vụ",
        "Cơ cấu tổ chức",
        "Lãnh đạo",
    ]


def test_site_map_follows_the_menu_and_adds_what_it_leaves_out(client, categories, standard_pages):
    MenuItem.objects.create(kind=MenuItem.Kind.QUESTIONS, position=1)
    MenuItem.objects.create(kind=MenuItem.Kind.HOME, position=2)
    listed = links(site_map(client))
    assert listed[:2] == [("/hoi-dap/", "Hỏi đáp"), ("/", "Trang chủ")]
    assert {"Xây dựng Đảng", "Giới thiệu", "Văn bản", "Introduction"} <= {title for _, title in listed}


def test_site_map_marks_the_english_page_as_english(client, standard_pages):
    assert '<a href="/en/" hreflang="en" lang="en">Introduction</a>' in site_map(client)


def test_site_map_leaves_out_unpublished_pages(client, standard_pages):
    sub_page(standard_pages["gioi-thieu"], slug="noi-bo", title="Trang nội bộ", is_published=False)
    Page.objects.filter(slug="en").update(is_published=False)
    fragment = site_map(client)
    assert "Trang nội bộ" not in fragment
    assert "Introduction" not in fragment


def test_site_map_queries_do_not_grow_with_categories_and_pages(
    client, categories, standard_pages, django_assert_num_queries
):
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        site_map(client)
    for n in range(6):
        parent = CategoryFactory(name=f"Chuyên mục {n}")
        CategoryFactory(name=f"Chuyên mục con {n}", parent=parent)
        top = Page.objects.create(slug=f"trang-{n}", title=f"Trang {n}")
        sub_page(top, slug="con", title=f"Trang con {n}")
    cache.clear()
    with django_assert_num_queries(len(few)):
        fragment = site_map(client)
    assert "Trang con 5" in fragment and "Chuyên mục con 5" in fragment
