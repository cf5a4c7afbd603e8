""" "Có phải bạn muốn tìm …": a near spelling that finds something, when a word of the query finds nothing."""

import re
from collections import Counter
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from articles.models import Article
from articles.search.suggestions import closest_words, typing_slips
from tests.factories import ArticleFactory

from .conftest import hit_titles

pytestmark = pytest.mark.django_db
_SUGGESTION = re.compile(r'Có phải bạn muốn tìm: <a href="([^"]*)">([^<]*)</a>')


def suggestion(response) -> str | None:
    found = _SUGGESTION.search(response.content.decode())
    return unescape(found.group(2)) if found else None


@pytest.fixture
def newsroom():
    # Neighbours of the misspellings to be passed over: "tác" (công tác) is everywhere in a Party portal's
    # titles, "tạp" (tạp chí) folds to "tap" too, and "ta" is one slip from "tpa" as well.
    ArticleFactory(title="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
    ArticleFactory(title="Đẩy mạnh học tập và làm theo Bác trong đoàn viên")
    ArticleFactory(title="Công tác dân vận năm 2024: công tác tuyên truyền")
    ArticleFactory(title="Tạp chí Cộng sản ra số mới")
    ArticleFactory(title="Chúng ta chung tay vì người nghèo")
    ArticleFactory(title="Xã Thanh Hải đạt chuẩn nông thôn mới nâng cao")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hoc tpa", "hoc tap"),
        ("hocj tap", "hoc tap"),
        ("nong thom moi", "nong thon moi"),
        ("nông thôm mới", "nong thon moi"),
        ("phogn cach", "phong cach"),
        # No word spelt right: PostgreSQL finds the titles by trigrams, SQLite in all title words.
        ("nongg thonn", "nong thon"),
    ],
)
def test_misspelt_query_gets_a_suggestion_that_finds_articles(search, newsroom, query, expected):
    response = search(query)
    assert "0 bài viết" in response.content.decode()
    assert suggestion(response) == expected
    link = unescape(_SUGGESTION.search(response.content.decode()).group(1))
    assert hit_titles(search(parse_qs(urlsplit(link).query)["q"][0]))


def test_no_suggestion_when_something_is_found(search, newsroom):
    assert suggestion(search("hoc tap")) is None


def test_no_suggestion_when_nothing_is_near(search, newsroom):
    assert suggestion(search("xyzxyz qqq")) is None


def test_no_suggestion_from_articles_readers_may_not_see(search):
    ArticleFactory(title="Thông tin mật về nhân sự", status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(title="Tin khác")
    assert suggestion(search("thong tin mta")) is None


@pytest.mark.parametrize(
    ("a", "b", "slips"),
    [
        ("tap", "tap", 0),
        ("tpa", "tap", 1),
        ("tap", "ta", 1),
        ("hocj", "hoc", 1),
        ("thom", "thon", 1),
        ("abc", "cba", 2),
    ],
)
def test_typing_slips_count_swapped_neighbours_as_one(a, b, slips):
    assert typing_slips(a, b) == slips


def test_closest_words_prefer_fewer_slips_then_frequent_words():
    words = Counter({"tap": 5, "tac": 9, "ta": 1, "tuong": 3, "tpa": 7})
    # "tac" is two slips from "tpa", too many for a short word; the word itself is no suggestion.
    assert closest_words("tpa", words) == ["tap", "ta"]
    assert closest_words("tuongg", words) == ["tuong"]
