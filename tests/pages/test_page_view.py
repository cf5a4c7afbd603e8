"""The standing pages as readers open them: /gioi-thieu/ and its sub-pages, /lien-he/, /en/."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.pages.models import Page

from .conftest import STANDARD_PATHS, sub_page

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def main_column(page_html):
    return re.search(r'<div class="layout__main">(.*?)</div>\s*<aside', page_html, re.S).group(1)


def sidebar(page_html):
    return re.search(r'<aside class="layout__side">(.*?)</aside>', page_html, re.S).group(1)


@pytest.mark.parametrize("path, title", STANDARD_PATHS.items())
def test_every_standard_page_answers_with_its_title(client, profile, path, title):
    page_html = html(client, f"/{path}/")
    assert f'<h1 class="standing-page__title">{title}</h1>' in page_html
    assert f"<title>{title} | Đảng ủy phường Thanh Trì</title>" in page_html
    assert page_html.count("<h1") == 1
    assert f'<link rel="canonical" href="http://testserver/{path}/">' in page_html


def test_an_empty_page_says_it_is_being_updated(client, standard_pages):
    assert "Nội dung đang được cập nhật." in main_column(html(client, "/gioi-thieu/lich-su/"))


def test_about_page_lists_its_published_sub_pages_in_order(client, standard_pages):
    about = standard_pages["gioi-thieu"]
    sub_page(about, slug="an-di", title="Trang đã ẩn", is_published=False)
    main = main_column(html(client, "/gioi-thieu/"))
    titles = re.findall(r'<li><a href="/gioi-thieu/[a-z-]+/">([^<]+)</a></li>', main)
    assert titles == ["Lịch sử", "Chức năng, nhiệm vụ", "Cơ cấu tổ chức", "Lãnh đạo"]
    # A page with sub-pages is not "being updated", even before its own text is written.
    assert "Nội dung đang được cập nhật." not in main


def test_sub_page_has_breadcrumbs_and_its_section_in_the_sidebar(client, standard_pages):
    page_html = html(client, "/gioi-thieu/lanh-dao/")
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', page_html, re.S).group(0)
    assert re.findall(r">([^<>]+)</a>", crumbs) == ["Trang chủ", "Giới thiệu", "Lãnh đạo"]
    side = sidebar(page_html)
    assert '<a href="/gioi-thieu/">Giới thiệu</a>' in side
    assert '<a href="/gioi-thieu/lanh-dao/" aria-current="page">Lãnh đạo</a>' in side
    assert '<a href="/gioi-thieu/lich-su/">Lịch sử</a>' in side


def test_body_is_shown_as_html(client, standard_pages):
    page = standard_pages["gioi-thieu/lich-su"]
    page.body = "<p>Đảng bộ được thành lập năm <strong>1930</strong>.</p>"
    page.save()
    main = main_column(html(client, "/gioi-thieu/lich-su/"))
    assert "<p>Đảng bộ được thành lập năm <strong>1930</strong>.</p>" in main
    assert "Nội dung đang được cập nhật." not in main


def test_description_is_the_start_of_the_body_as_plain_text(client, standard_pages):
    page = standard_pages["gioi-thieu/lich-su"]
    page.body = "<p>Đảng bộ &amp; nhân dân <em>anh hùng</em>.</p>" + "<p>Đoạn sau.</p>" * 40
    page.save()
    description = re.search(
        r'<meta name="description" content="([^"]*)">', html(client, page.get_absolute_url())
    )
    assert description.group(1).startswith("Đảng bộ &amp; nhân dân anh hùng. Đoạn sau.")
    assert len(description.group(1).replace("&amp;", "&")) <= 160


def test_contact_page_shows_the_units_details_from_its_profile(client, profile):
    main = main_column(html(client, "/lien-he/"))
    assert '<h2 id="lien-he-don-vi">Đảng ủy phường Thanh Trì</h2>' in main
    assert "<dt>Địa chỉ</dt><dd>Số 8 phố Nguyễn Tam Trinh, phường Thanh Trì, Hà Nội</dd>" in main
    assert '<a href="tel:02438612345">024 3861 2345</a>' in main
    assert '<a href="tel:0912345678">0912.345.678</a>' in main
    assert '<a href="mailto:vanphong@thanhtri.example.vn">vanphong@thanhtri.example.vn</a>' in main
    assert "Sáng 7h30–11h30, chiều 13h30–17h00, thứ Hai đến thứ Sáu" in main
    assert f'<a href="{reverse("questions:ask")}">' in main


def test_contact_details_follow_the_profile_on_the_next_request(client, profile):
    html(client, "/lien-he/")
    profile.address = "Số 1 đường Mới"
    profile.save()
    assert "<dd>Số 1 đường Mới</dd>" in html(client, "/lien-he/")


def test_contact_page_shows_its_body_after_the_details(client, profile, standard_pages):
    page = standard_pages["lien-he"]
    page.body = "<p>Tiếp công dân vào thứ Năm hằng tuần.</p>"
    page.save()
    main = main_column(html(client, "/lien-he/"))
    assert main.index("vanphong@thanhtri.example.vn") < main.index("Tiếp công dân vào thứ Năm")


def test_english_page_is_in_english(client, profile):
    page_html = html(client, "/en/")
    main = main_column(page_html)
    assert '<h2 id="lien-he-don-vi">Thanh Tri Ward Party Committee</h2>' in main
    for label in ("Address", "Phone", "Email", "Office hours"):
        assert f"<dt>{label}</dt>" in main
    assert "Địa chỉ" not in main
    assert "Số 8 phố Nguyễn Tam Trinh" in main
    crumbs = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">.*?</nav>', page_html, re.S).group(
        0
    )
    assert re.findall(r">([^<>]+)</a>", crumbs) == ["Home", "Introduction"]


def test_english_pages_vietnamese_boxes_say_they_are_vietnamese(client, db):
    assert sidebar(html(client, "/en/")).strip().startswith('<div lang="vi">')


def test_contact_page_without_details_shows_no_empty_list(client, db):
    main = main_column(html(client, "/lien-he/"))
    assert "<dl>" not in main
    assert "Gửi câu hỏi tới chúng tôi" in main


def test_english_page_declares_its_language(client, db):
    response = client.get("/en/")
    assert response.context["page_language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_vietnamese_pages_declare_vietnamese(client, db):
    response = client.get("/gioi-thieu/")
    assert response.context["page_language"] == "vi"
    assert '<html lang="vi">' in response.content.decode()


def test_unpublished_page_is_404(client, standard_pages):
    Page.objects.filter(slug="lich-su").update(is_published=False)
    assert client.get("/gioi-thieu/lich-su/").status_code == 404


def test_sub_pages_of_an_unpublished_page_are_404_too(client, standard_pages):
    Page.objects.filter(slug="gioi-thieu").update(is_published=False)
    assert client.get("/gioi-thieu/").status_code == 404
    assert client.get("/gioi-thieu/lich-su/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/gioi-thieu/lich-su/x/",  # deeper than two levels
        "/lich-su/",  # a sub-page's slug at the top
        "/lien-he/lich-su/",  # under the wrong parent
        "/khong-co/",
        "/%00/",
        "/gioi-thieu/%00/",
        "/Gioi-Thieu/",
        "/gioi_thieu/",
        "/gioi-thieu//",
        "/gioi-thieu/../lien-he/",
        "/%E1%BB%9Di/",
        "/" + "a" * 81 + "/",
        "/" + "gioi-thieu/" * 200,
        "/" + "x" * 5000 + "/",
    ],
)
def test_malformed_or_unknown_paths_are_404(client, standard_pages, url):
    assert client.get(url).status_code == 404


def test_page_view_queries_do_not_grow_with_sub_pages(client, standard_pages, django_assert_num_queries):
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        html(client, "/gioi-thieu/lich-su/")
    about = standard_pages["gioi-thieu"]
    for n in range(8):
        sub_page(about, slug=f"muc-{n}", title=f"Mục {n}")
    cache.clear()
    with django_assert_num_queries(len(few)):
        html(client, "/gioi-thieu/lich-su/")
    cache.clear()
    with django_assert_num_queries(len(few)):
        html(client, "/gioi-thieu/")
