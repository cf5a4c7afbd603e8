"""What the article body sanitizer lets through: nothing that runs, everything news writing needs.

The payloads are tests/xss_corpus.py's, which tests/browser/test_xss.py also opens in a real browser; each
carries its own marker, so a failure names the payload.
Rendered HTML is checked by parsing it (html.parser), not by searching the text, so what is checked are the
tags and attributes a browser would build.
"""

import re

import pytest
from django.conf import settings
from django.test import Client

from articles import publishing
from articles.models import Article
from articles.sanitize import clean_html
from tests.admin_forms import new_article_form
from tests.factories import CategoryFactory
from tests.xss_corpus import (
    LEGITIMATE_BODY,
    OWN_PHOTO_NAME,
    XSS_CORPUS,
    XSS_PAYLOADS,
    Markup,
    store_own_photo,
)

ADMIN = "/quan-tri/articles/article"

# The ordinary article as the sanitizer gives it back: only the links change (rel is added).
LEGITIMATE_CLEANED = re.sub(r"(<a [^>]*)>", r'\1 rel="noopener noreferrer">', LEGITIMATE_BODY)

# What may appear in a cleaned body; written out here rather than imported, so widening the allowlist in
# articles/sanitize.py is a decision these tests make someone look at.
EXPECTED_TAGS = {
    *("p", "br", "hr", "h2", "h3", "h4", "strong", "em", "u", "s", "sub", "sup", "ul", "ol", "li"),
    *("blockquote", "a", "img", "figure", "figcaption", "div"),
    *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"),
}
EXPECTED_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "title", "width", "height", "class"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "figure": {"class"},
    "p": {"class"},
    "div": {"class"},
}
IMAGE_CLASSES = {"image-style-align-left", "image-style-align-center", "image-style-align-right"}
EXPECTED_CLASSES = {
    "figure": {"image", *IMAGE_CLASSES},
    "img": {"image-style-align-left", "image-style-align-right"},
    "p": {"image-style-align-center"},
    "div": {"image-style-align-center"},
}
# After saving, our own code wraps our own photos in <picture> with these (articles/photos/renditions.py).
RENDITION_TAGS = {"picture", "source"}
RENDITION_ATTRIBUTES = {
    "img": {"srcset", "sizes", "loading", "decoding"},
    "source": {"type", "srcset", "sizes"},
}

_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
_URL_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def _url_scheme(url):
    """The scheme a browser would read from `url` (None if relative)."""
    normalized = _IGNORED_IN_URLS.sub("", url).lstrip("".join(chr(code) for code in range(0x21))).lower()
    match = _URL_SCHEME.match(normalized)
    return match.group(1) if match else None


def _problems(html, *, rendered=False):
    """Everything in `html` that a sanitized article body must not contain; empty if it is safe.

    `rendered`: the body as stored and shown, after our renditions code added <picture> to our own photos.
    """
    markup = Markup(html)
    problems = []
    if "<script" in html.lower():
        problems.append("raw <script")
    problems += [f"comment {c!r}" for c in markup.comments]
    problems += [f"declaration {d!r}" for d in markup.declarations]
    allowed_tags = EXPECTED_TAGS | (RENDITION_TAGS if rendered else set())
    for tag, attrs in markup.elements:
        if tag not in allowed_tags:
            problems.append(f"tag <{tag}>")
            continue
        allowed = EXPECTED_ATTRIBUTES.get(tag, set()) | (
            RENDITION_ATTRIBUTES.get(tag, set()) if rendered else set()
        )
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            problems.append(f"<{tag}> repeats an attribute: {names}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                problems.append(f"<{tag}> event handler {name}={value!r}")
            elif name not in allowed:
                problems.append(f"<{tag}> attribute {name}={value!r}")
            elif name in {"href", "src"}:
                allowed_schemes = {"http", "https", "mailto", "tel"} if name == "href" else {"http", "https"}
                scheme = _url_scheme(value)
                if scheme is not None and scheme not in allowed_schemes:
                    problems.append(f"<{tag}> {name} with scheme {scheme}: {value!r}")
                if re.search(r"(java|vb)script|data:", _IGNORED_IN_URLS.sub("", value), re.IGNORECASE):
                    problems.append(f"<{tag}> {name}={value!r}")
            elif name == "class":
                unexpected = set(value.split()) - EXPECTED_CLASSES[tag]
                if unexpected or not value.split():
                    problems.append(f"<{tag}> class={value!r}")
            elif name == "rel" and value != "noopener noreferrer":
                problems.append(f"<a> rel={value!r}")
            elif name in {"srcset", "sizes", "type"}:
                # Only the renditions code's own: our media files, for our own photos.
                urls = [part.split()[0] for part in value.split(",") if part.strip()]
                if name == "srcset" and not all(url.startswith(settings.MEDIA_URL) for url in urls):
                    problems.append(f"<{tag}> srcset={value!r}")
                if name == "type" and value != "image/webp":
                    problems.append(f"<{tag}> type={value!r}")
        if tag == "a" and dict(attrs).get("rel") != "noopener noreferrer":
            problems.append(f"<a> without rel: {attrs}")
    return problems


def _body_section(page_html):
    """The HTML inside the article page's <div class="article__body">."""
    start_tag = '<div class="article__body">'
    start = page_html.index(start_tag) + len(start_tag)
    depth, position = 1, start
    for match in re.compile(r"<(/?)div\b[^>]*>").finditer(page_html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            position = match.start()
            break
    else:
        raise AssertionError("the article body's div is not closed")
    return page_html[start:position]


def _page_problems(page_html):
    """Whole-page checks: no payload reached an event handler or a script anywhere on the page."""
    markup = Markup(page_html)
    problems = [
        f"<{tag}> {name}" for tag, attrs in markup.elements for name, _ in attrs if name.startswith("on")
    ]
    problems += [
        f"script mentions a marker: {s[:80]!r}"
        for s in re.findall(r"<script.*?</script>", page_html, re.S | re.I)
        if "__xss" in s
    ]
    return problems


# --- (a) each payload, straight through clean_html ------------------------------------------------------


# Payloads that are inert on their own: text that looks like a template, markup kept inside an attribute value
# (dangerous only to code that edits the HTML as text), and a tag cut off by the end of the input (which
# parsers drop). They matter in the concatenated corpus and after the renditions code has run.
HARMLESS_ALONE = ("-template-expression", "-own-photo-markup-in-title", "-img-unclosed")


def test_the_corpus_is_big_enough():
    assert len(XSS_PAYLOADS) >= 50
    assert len({html for _, html in XSS_PAYLOADS}) == len(XSS_PAYLOADS)


@pytest.mark.parametrize(("name", "payload"), XSS_PAYLOADS, ids=[name for name, _ in XSS_PAYLOADS])
def test_payload_is_defused(name, payload):
    # The checker itself must see what it is looking for in the raw payload (else the test proves nothing).
    assert _problems(payload) or name.endswith(HARMLESS_ALONE), "checker sees nothing wrong in the payload"
    cleaned = clean_html(payload)
    assert _problems(cleaned) == [], cleaned


def test_the_whole_corpus_at_once_is_defused():
    cleaned = clean_html(XSS_CORPUS)
    assert _problems(cleaned) == [], cleaned


def test_text_that_only_looks_like_code_stays_text():
    (payload,) = [html for name, html in XSS_PAYLOADS if name.endswith("-template-expression")]
    cleaned = clean_html(payload)
    assert cleaned.startswith("<p>{{constructor.constructor(") and cleaned.endswith(")()}}</p>")


# --- (b) the whole way: the admin form, publishing, the public page ----------------------------------


@pytest.fixture
def own_photo(db):
    name = store_own_photo()
    assert name == OWN_PHOTO_NAME
    return name


def _publish_through_admin(client, body, *, title):
    response = client.post(f"{ADMIN}/add/", new_article_form(CategoryFactory(), title=title, body=body))
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(title=title)
    publishing.publish(article, by=client.user)
    return article


def test_whole_corpus_saved_in_admin_is_defused_on_the_public_page(superuser_client, own_photo):
    article = _publish_through_admin(superuser_client, LEGITIMATE_BODY + XSS_CORPUS, title="Tổng hợp mã độc")
    assert _problems(article.body, rendered=True) == [], article.body

    page = Client().get(article.get_absolute_url())  # a reader's
    assert page.status_code == 200
    html = page.content.decode()
    body = _body_section(html)
    assert _problems(body, rendered=True) == [], body
    assert _page_problems(html) == []
    assert "Đại hội Đảng bộ xã Thanh Bính" in body
    # Our own photo got its renditions, and the markup hidden in its title stayed inside the attribute.
    assert "<picture>" in body and 'title="x&gt;&lt;img src=x alt=a onerror=' in body


@pytest.mark.parametrize(("name", "payload"), XSS_PAYLOADS, ids=[name for name, _ in XSS_PAYLOADS])
def test_each_payload_saved_in_admin_is_defused_on_the_public_page(
    superuser_client, own_photo, name, payload
):
    written = f"<p>Trước {name}</p>{payload}"
    article = _publish_through_admin(superuser_client, written, title=f"Mã độc {name}")
    html = superuser_client.get(article.get_absolute_url()).content.decode()
    body = _body_section(html)
    assert _problems(body, rendered=True) == [], body
    assert _page_problems(html) == []


# --- (c) what news writing needs survives --------------------------------------------------------------


def test_legitimate_article_survives_with_only_rel_added():
    assert clean_html(LEGITIMATE_BODY) == LEGITIMATE_CLEANED
    assert _problems(LEGITIMATE_CLEANED) == []


def test_links_get_rel_and_keep_their_urls():
    cleaned = clean_html(
        '<a href="https://baochinhphu.vn/tin" target="_blank" rel="opener">ngoài</a>'
        '<a href="mailto:toasoan@thanhha.example.vn">thư</a>'
    )
    assert cleaned == (
        '<a href="https://baochinhphu.vn/tin" rel="noopener noreferrer">ngoài</a>'
        '<a href="mailto:toasoan@thanhha.example.vn" rel="noopener noreferrer">thư</a>'
    )


def test_vietnamese_text_is_unchanged():
    text = "<p>Huyện ủy Thanh Hà: Nghị quyết số 01-NQ/HU về phát triển nông nghiệp – “đột phá” năm 2025.</p>"
    assert clean_html(text) == text
    # Entities (CKEditor writes some letters that way) come back as the letters themselves.
    assert clean_html("<p>&agrave; &ecirc; &ocirc;&nbsp;đ</p>") == "<p>à ê ô&nbsp;đ</p>"


def test_image_classes_are_only_image2s():
    cleaned = clean_html(
        '<figure class="image image-style-align-right pull-left"><img src="/media/a.jpg" alt="a" '
        'class="image-style-align-center shadow"><figcaption>c</figcaption></figure>'
        '<p class="lead">x</p><div class="image-style-align-center note">y</div>'
    )
    assert cleaned == (
        '<figure class="image image-style-align-right"><img src="/media/a.jpg" alt="a">'
        '<figcaption>c</figcaption></figure><p>x</p><div class="image-style-align-center">y</div>'
    )


def test_images_take_only_web_urls():
    cleaned = clean_html(
        '<img src="mailto:a@b.vn" alt="1"><img src="TE&#9;L:123" alt="2"><img src="//cdn.example.vn/a.jpg" '
        'alt="3"><img src="../media/b.jpg" alt="4"><img src="https://example.vn/c.jpg" alt="5">'
    )
    assert cleaned == (
        '<img alt="1"><img alt="2"><img src="//cdn.example.vn/a.jpg" alt="3">'
        '<img src="../media/b.jpg" alt="4"><img src="https://example.vn/c.jpg" alt="5">'
    )


def test_sizes_and_spans_must_be_numbers_and_scope_a_known_value():
    cleaned = clean_html(
        '<img src="/a.jpg" alt="a" width="100%" height=" 300 "><table><tr><th scope="col" colspan="x">a</th>'
        '<th scope="javascript">b</th><td rowspan="2">c</td></tr></table>'
    )
    assert cleaned == (
        '<img src="/a.jpg" alt="a" height=" 300 "><table><tbody><tr><th scope="col">a</th><th>b</th>'
        '<td rowspan="2">c</td></tr></tbody></table>'
    )


def test_editors_cannot_supply_what_the_renditions_code_adds():
    cleaned = clean_html(
        '<picture><source type="image/webp" srcset="/media/a.webp 480w" sizes="100vw">'
        '<img src="/media/a.jpg" alt="a" srcset="/media/a-480.jpg 480w" sizes="100vw" loading="eager" '
        'decoding="sync"></picture>'
    )
    assert cleaned == '<img src="/media/a.jpg" alt="a">'


def test_markup_in_attribute_values_is_escaped():
    # articles/photos/renditions.py finds <img> tags with regular expressions; a raw ">" in a value would end
    # the tag early and let the rest of the value out as markup.
    cleaned = clean_html('<img src="/media/a.jpg" alt="a>b" title="<img src=x onerror=alert(1)>">')
    assert cleaned == '<img src="/media/a.jpg" alt="a&gt;b" title="&lt;img src=x onerror=alert(1)&gt;">'


def test_headings_and_formatting_outside_the_allowlist_are_unwrapped():
    assert clean_html("<h1>Tiêu đề</h1><p><b>đậm</b> <span style='color:red'>đỏ</span></p>") == (
        "Tiêu đề<p>đậm đỏ</p>"
    )


def test_empty_body():
    assert clean_html("") == ""
    assert clean_html(None) == ""


# --- (d) cleaning twice changes nothing ----------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [html for _, html in XSS_PAYLOADS] + [XSS_CORPUS, LEGITIMATE_BODY],
    ids=[name for name, _ in XSS_PAYLOADS] + ["whole-corpus", "legitimate"],
)
def test_cleaning_is_idempotent(html):
    once = clean_html(html)
    assert clean_html(once) == once


# --- the editor's own filter is kept in step with the sanitizer -----------------------------------------


def _acf_rules(allowed_content):
    """{element: (attributes, classes)} from a CKEditor allowedContent string (the subset we write)."""
    rules = {}
    rule = re.compile(r"^([a-z0-9\s]+?)\s*(?:\[([^\]]*)\])?\s*(?:\(([^)]*)\))?$")
    for text in filter(None, (part.strip() for part in allowed_content.split(";"))):
        match = rule.match(text)
        assert match, f"unexpected allowedContent rule {text!r}"
        attributes = {a.strip().lstrip("!") for a in (match.group(2) or "").split(",") if a.strip()}
        classes = {c.strip().lstrip("!") for c in (match.group(3) or "").split(",") if c.strip()}
        for element in match.group(1).split():
            known_attributes, known_classes = rules.get(element, (set(), set()))
            rules[element] = (known_attributes | attributes, known_classes | classes)
    return rules


def test_ckeditor_allowed_content_matches_the_sanitizer():
    from articles import sanitize

    config = settings.CKEDITOR_CONFIGS["default"]
    assert isinstance(config["allowedContent"], str)
    rules = _acf_rules(config["allowedContent"])
    assert set(rules) == sanitize.ALLOWED_TAGS
    for element, (attributes, classes) in rules.items():
        expected_attributes = set(sanitize.ALLOWED_ATTRIBUTES.get(element, set())) | set(
            sanitize.ALLOWED_ATTRIBUTE_VALUES.get(element, {})
        )
        assert attributes == expected_attributes, element
        assert classes == sanitize.ALLOWED_CLASSES.get(element, set()), element
    assert config["image2_captionedClass"] == sanitize.IMAGE_CAPTIONED_CLASS
    assert tuple(config["image2_alignClasses"]) == sanitize.IMAGE_ALIGN_CLASSES
    assert "image" in config["removePlugins"].split(",") and config["extraPlugins"] == "image2"
