"""Marking the reader's words in the original text: whole words only, everything else escaped."""

from articles.search.highlight import ELLIPSIS, highlight, snippet


def test_marks_accented_words_from_an_unaccented_query():
    assert highlight("Đảng bộ xã Thanh Hà", ["dang", "bo"]) == "<mark>Đảng</mark> <mark>bộ</mark> xã Thanh Hà"


def test_marks_whole_words_only():
    assert highlight("Dân và đảng", ["dan"]) == "<mark>Dân</mark> và đảng"


def test_escapes_the_text_around_the_marks():
    assert highlight("<b>x</b> & y", ["x"]) == "&lt;b&gt;<mark>x</mark>&lt;/b&gt; &amp; y"


def test_escapes_text_without_matches():
    assert highlight('<script>alert("x")</script>', []) == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def test_snippet_is_cut_around_the_words_at_word_boundaries():
    text = " ".join(["mở đầu"] * 100) + " Đảng bộ xã " + " ".join(["kết thúc"] * 100)
    result = snippet(text, ["dang", "bo"], length=80)
    assert result.startswith(ELLIPSIS) and result.endswith(ELLIPSIS)
    assert "<mark>Đảng</mark> <mark>bộ</mark>" in result
    words = result.strip(ELLIPSIS).replace("<mark>", "").replace("</mark>", "").split()
    assert set(words) <= {"mở", "đầu", "Đảng", "bộ", "xã", "kết", "thúc"}


def test_snippet_prefers_the_passage_with_most_query_words():
    text = "Đảng viên mới. " + "Nội dung khác. " * 40 + "Đảng bộ xã Thanh Hà tổ chức đại hội."
    result = snippet(text, ["dang", "bo", "dai", "hoi"], length=60)
    assert "<mark>Đảng</mark> <mark>bộ</mark>" in result and "<mark>đại</mark> <mark>hội</mark>" in result


def test_snippet_without_matches_is_the_start_of_the_text():
    assert snippet("Một hai ba bốn năm sáu", ["muoi"], length=12) == "Một hai ba" + ELLIPSIS
