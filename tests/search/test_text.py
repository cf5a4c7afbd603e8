"""Folding Vietnamese text for matching: the rules both databases and the highlighting share."""

import unicodedata

import pytest

from articles.search.text import MAX_TERMS, fold, html_to_text, normalize, terms


@pytest.mark.parametrize(
    "text",
    [
        "Đảng bộ",
        "Học tập và làm theo Bác",
        "01-KL/TW",
        "Ồ! Nghị quyết số 10.",
        "m² ½",
        unicodedata.normalize("NFD", "Học"),
    ],
)
def test_fold_keeps_every_position(text):
    assert len(fold(text)) == len(text)


def test_fold_drops_marks_and_case_and_reads_d_stroke_as_d():
    assert fold("ĐẢNG Bộ Được") == "dang bo duoc"


def test_fold_turns_punctuation_into_spaces():
    assert fold("01-KL/TW") == "01 kl tw"


def test_normalize_pads_single_spaced_words():
    assert normalize("  Học   tập,  và làm theo Bác ") == " hoc tap va lam theo bac "


def test_normalize_reads_decomposed_vietnamese_as_composed():
    # "Unicode tổ hợp" keyboards send a base letter followed by its marks.
    assert normalize(unicodedata.normalize("NFD", "Nghị quyết Đảng bộ")) == " nghi quyet dang bo "


def test_html_to_text_keeps_words_of_separate_blocks_apart():
    html = (
        "<p>cuối đoạn</p><p>đầu đoạn</p><ul><li>một</li><li>hai</li></ul>"
        "<div>ba</div><figcaption>bốn</figcaption>"
    )
    assert html_to_text(html) == "cuối đoạn đầu đoạn một hai ba bốn"


def test_html_to_text_keeps_inline_markup_inside_words():
    assert (
        html_to_text('<p><strong>Đảng</strong> bộ <a href="/x">xã</a> &amp; huyện</p>')
        == "Đảng bộ xã & huyện"
    )


def test_terms_are_distinct_folded_words_in_order():
    assert terms("Đảng bộ, ĐẢNG BỘ xã") == ["dang", "bo", "xa"]


@pytest.mark.parametrize("query", ["", "   ", "%", "_", "'", '"', "\\", "%_'\"\\", "<>!?", "\x00"])
def test_punctuation_only_gives_no_terms(query):
    assert terms(query) == []


def test_terms_of_a_pasted_page_are_bounded():
    assert len(terms(" ".join(f"tu{n}" for n in range(500)))) == MAX_TERMS
