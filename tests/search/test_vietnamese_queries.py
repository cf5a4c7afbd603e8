"""Readers type Vietnamese with or without marks, in any case; every word they type must be in the article."""

import unicodedata

import pytest

from tests.factories import ArticleFactory

from .conftest import hit_titles

pytestmark = pytest.mark.django_db

HOC_TAP = "Học tập và làm theo Bác: những tấm gương bình dị"
DANG_BO = "Đảng bộ xã Thanh Hải tổ chức đại hội nhiệm kỳ 2025 - 2030"


@pytest.fixture
def articles():
    ArticleFactory(title=HOC_TAP, lead="Sáng nay, huyện biểu dương các tập thể.")
    ArticleFactory(title=DANG_BO, lead="Đại hội thành công tốt đẹp.")
    ArticleFactory(title="Dân vận khéo ở thôn Đông", lead="Mô hình hay của Hội Nông dân.")


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("hoc tap lam theo bac", HOC_TAP),
        ("Học tập và làm theo Bác", HOC_TAP),
        ("HOC TAP", HOC_TAP),
        ("dang bo", DANG_BO),
        ("Đảng Bộ", DANG_BO),
        ("ĐẢNG BỘ", DANG_BO),
        ("đang bô", DANG_BO),
        ("dai hoi nhiem ky 2025-2030", DANG_BO),
    ],
)
def test_query_finds_the_article_with_or_without_marks(search, articles, query, title):
    assert hit_titles(search(query)) == [title]


def test_decomposed_query_finds_composed_title(search, articles):
    assert hit_titles(search(unicodedata.normalize("NFD", "Đảng bộ"))) == [DANG_BO]


def test_decomposed_title_is_found(search):
    ArticleFactory(title=unicodedata.normalize("NFD", "Nghị quyết về công tác dân vận"))
    assert len(hit_titles(search("nghi quyet dan van"))) == 1


def test_every_word_must_be_in_the_article(search, articles):
    assert hit_titles(search("dang bo hoc tap")) == []


def test_words_match_whole_words_only(search, articles):
    # "Đảng" folds to "dang": "dan" is inside it, but is not the word.
    assert hit_titles(search("dan van")) == ["Dân vận khéo ở thôn Đông"]
    assert hit_titles(search("dang b")) == []


def test_words_may_be_spread_over_title_lead_body_and_byline(search):
    ArticleFactory(
        title="Hội nghị sơ kết",
        lead="Huyện ủy Thanh Hà tổ chức hội nghị.",
        body="<p>Các đại biểu thảo luận về chuyển đổi số.</p>",
        byline="Hoàng Thị Thu Thủy - Tuyên giáo",
    )
    assert hit_titles(search("so ket thanh ha chuyen doi so thu thuy")) == ["Hội nghị sơ kết"]


@pytest.mark.parametrize("word", ["strong", "href", "class", "figure", "nbsp", "amp", "noopener"])
def test_body_markup_is_not_searchable(search, word):
    ArticleFactory(
        title="Bài có định dạng",
        body='<p><strong>Đậm</strong> &amp; <a href="https://example.org/" rel="noopener">liên kết</a>&nbsp;'
        '<span class="marker">tô</span></p>'
        '<figure class="image"><figcaption>Chú thích ảnh</figcaption></figure>',
    )
    assert hit_titles(search(word)) == []
    assert hit_titles(search("dam lien ket chu thich anh")) == ["Bài có định dạng"]


def test_document_numbers_match_however_they_are_typed(search):
    ArticleFactory(title="Quán triệt Kết luận số 01-KL/TW của Bộ Chính trị")
    for query in ("01-KL/TW", "01 kl tw", "kl/tw 01"):
        assert len(hit_titles(search(query))) == 1, query
