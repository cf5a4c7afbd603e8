"""Whatever a reader or a bot puts in the address, the results page answers with a page, never an error."""

import pytest

from tests.factories import ArticleFactory

from .conftest import SEARCH_URL, hit_titles

pytestmark = pytest.mark.django_db

QUERIES = {
    "empty": "",
    "spaces": "   \t  ",
    "percent": "%",
    "underscore": "_",
    "quote": "'",
    "double-quote": '"',
    "backslash": "\\",
    "script": "<script>alert(1)</script>",
    "sql": "' OR 1=1 --",
    "tsquery-syntax": "dang & !bo | (xa) <-> :*",
    "nul": "dang\x00bo",
    "long": "dang bo " * 125,
    "long-word": "a" * 1000,
    "emoji": "🇻🇳 Đảng 🎉",
}


@pytest.fixture(autouse=True)
def article():
    ArticleFactory(title="Đảng bộ xã Thanh Hải 100% hoàn thành nhiệm vụ")


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
def test_any_query_gives_a_page(search, query):
    search(query)


@pytest.mark.parametrize("wildcard", ["%", "_", "\\", "%%", "_%_"])
def test_like_wildcards_match_nothing(search, wildcard):
    assert hit_titles(search(wildcard)) == []
    assert hit_titles(search(f"dang {wildcard} bo")) == ["Đảng bộ xã Thanh Hải 100% hoàn thành nhiệm vụ"]


@pytest.mark.parametrize(
    "params",
    [
        {"tu": "abc"},
        {"den": "2024-13-45"},
        {"tu": "0001-01-01", "den": "9999-12-31"},
        {"tu": "\x00"},
        {"chuyen-muc": "999999"},
        {"chuyen-muc": "khong-co"},
        {"chuyen-muc": "\x00'; DROP TABLE"},
        {"page": "-1"},
        {"page": "abc"},
        {"page": "0"},
        {"page": "99999999999999999999"},
        {"loai": "khong-biet"},
    ],
    ids=lambda params: "&".join(f"{key}={value!r}" for key, value in params.items()),
)
def test_bad_filters_are_ignored(search, params):
    assert hit_titles(search("dang bo", **params)) == ["Đảng bộ xã Thanh Hải 100% hoàn thành nhiệm vụ"]


def test_documents_tab_without_documents_gives_a_page(search):
    assert "Văn bản (0)" in search("dang bo", loai="van-ban", page="-5").content.decode()


def test_repeated_parameters_give_a_page(client):
    response = client.get(f"{SEARCH_URL}?q=dang&q=bo&page=1&page=x&tu=1&tu=2024-01-01")
    assert response.status_code == 200


def test_query_is_escaped_in_the_page(search):
    html = search('<script>alert("x")</script>').content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_markup_in_a_title_is_shown_as_text(search):
    ArticleFactory(title="<b>x</b> và <script>alert(1)</script>")
    html = search("x").content.decode()
    assert "&lt;b&gt;<mark>x</mark>&lt;/b&gt; và &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>x</b>" not in html and "<script>alert(1)" not in html


def test_post_is_not_allowed(client, db):
    assert client.post(SEARCH_URL, {"q": "dang"}).status_code == 405
