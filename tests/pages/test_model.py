"""The page model's own rules: two levels, reserved first segments, the reading rules of its QuerySet."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver

from articles.pages.models import RESERVED_SLUGS, Page

pytestmark = pytest.mark.django_db


def first_segments(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "pages":
                continue  # the pages' own catch-all
            yield from first_segments(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            segment = route.lstrip("^").split("/")[0]
            if segment and "<" not in segment and "." not in segment:
                yield segment


def test_every_section_of_the_site_is_a_reserved_slug():
    # A top-level page must never take the address of a section: its page would never be reached.
    assert set(first_segments(get_resolver().url_patterns)) <= RESERVED_SLUGS


def test_a_sub_page_cannot_have_sub_pages(standard_pages):
    page = Page(parent=standard_pages["gioi-thieu/lich-su"], slug="con", title="Con")
    with pytest.raises(ValidationError, match="Chỉ được chọn trang cấp một làm trang cha."):
        page.full_clean()


def test_a_page_cannot_be_its_own_parent(standard_pages):
    page = standard_pages["lien-he"]
    page.parent = page
    with pytest.raises(ValidationError, match="Trang không thể là trang cha của chính nó."):
        page.full_clean()


def test_body_is_cleaned_whichever_way_it_is_saved(standard_pages):
    page = Page.objects.create(slug="thu", title="Thử", body='<p onclick="x()">A<script>b()</script></p>')
    assert page.body == "<p>A</p>"


def test_published_hides_sub_pages_of_a_hidden_page(standard_pages):
    Page.objects.filter(slug="gioi-thieu").update(is_published=False)
    assert {page.path for page in Page.objects.published().select_related("parent")} == {"lien-he", "en"}


def test_tree_gives_each_top_page_its_sub_pages(standard_pages, django_assert_num_queries):
    with django_assert_num_queries(1):
        tree = [(page.path, [sub.path for sub in subs]) for page, subs in Page.objects.published().tree()]
    assert tree == [
        (
            "gioi-thieu",
            [
                "gioi-thieu/lich-su",
                "gioi-thieu/chuc-nang-nhiem-vu",
                "gioi-thieu/co-cau-to-chuc",
                "gioi-thieu/lanh-dao",
            ],
        ),
        ("lien-he", []),
        ("en", []),
    ]
