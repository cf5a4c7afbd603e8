"""Narrowing a search by category (with its sub-categories) and by dates, and keeping it from page to page."""

import re
from datetime import datetime
from html import unescape
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from tests.factories import ArticleFactory, CategoryFactory

from .conftest import hit_titles

pytestmark = pytest.mark.django_db
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_category_filter_includes_its_sub_categories(search):
    party = CategoryFactory(name="Xây dựng Đảng")
    inspection = CategoryFactory(name="Công tác kiểm tra", parent=party)
    ArticleFactory(title="Đảng bộ xã A", category=party)
    ArticleFactory(title="Đảng bộ xã B", category=inspection)
    ArticleFactory(title="Đảng bộ xã C", category=CategoryFactory(name="Kinh tế"))
    assert sorted(hit_titles(search("dang bo", **{"chuyen-muc": party.slug}))) == [
        "Đảng bộ xã A",
        "Đảng bộ xã B",
    ]
    assert hit_titles(search("dang bo", **{"chuyen-muc": inspection.slug})) == ["Đảng bộ xã B"]


def test_category_filter_is_selected_in_the_form(search):
    party = CategoryFactory(name="Xây dựng Đảng")
    html = search("dang bo", **{"chuyen-muc": party.slug}).content.decode()
    assert f'<option value="{party.slug}" selected>' in html


def test_date_range_includes_both_days_in_vietnam_time(search):
    def at(*moment):
        return datetime(*moment, tzinfo=VIETNAM)

    ArticleFactory(title="Đảng bộ ngày 31/12", published_at=at(2023, 12, 31, 23, 59))
    ArticleFactory(title="Đảng bộ ngày 1/1 sáng sớm", published_at=at(2024, 1, 1, 0, 1))
    ArticleFactory(title="Đảng bộ ngày 31/1 tối", published_at=at(2024, 1, 31, 23, 59))
    ArticleFactory(title="Đảng bộ ngày 1/2", published_at=at(2024, 2, 1, 0, 0))
    response = search("dang bo", tu="2024-01-01", den="2024-01-31")
    assert hit_titles(response) == ["Đảng bộ ngày 31/1 tối", "Đảng bộ ngày 1/1 sáng sớm"]
    html = response.content.decode()
    assert 'name="tu" value="2024-01-01"' in html and 'name="den" value="2024-01-31"' in html


def test_dates_typed_day_first_and_in_either_order_are_understood(search):
    ArticleFactory(title="Đảng bộ tháng Giêng", published_at=datetime(2024, 1, 15, 9, tzinfo=VIETNAM))
    ArticleFactory(title="Đảng bộ tháng Ba", published_at=datetime(2024, 3, 15, 9, tzinfo=VIETNAM))
    assert hit_titles(search("dang bo", tu="31/01/2024", den="01/01/2024")) == ["Đảng bộ tháng Giêng"]


def test_pages_keep_the_query_and_filters(search, settings):
    settings.ARTICLES_PER_PAGE = 2
    party = CategoryFactory(name="Xây dựng Đảng")
    for n in range(5):
        ArticleFactory(title=f"Đảng bộ xã số {n}", category=party)
    html = search("dang bo", page=2, tu="2000-01-01", **{"chuyen-muc": party.slug}).content.decode()
    assert "Trang 2 / 3" in html
    next_link = unescape(re.search(r'href="([^"]*)" rel="next"', html).group(1))
    assert parse_qs(urlsplit(next_link).query) == {
        "q": ["dang bo"],
        "page": ["3"],
        "tu": ["2000-01-01"],
        "chuyen-muc": [party.slug],
    }
