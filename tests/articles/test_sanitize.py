"""What the article body sanitizer lets through: nothing that runs, everything news writing needs.

Every payload carries its own marker: the script it would run sets `top.__xss_N` and calls `alert(N)`, so a
failure names the payload (and tests/browser/test_xss.py can look for the globals in a real browser).
Rendered HTML is checked by parsing it (html.parser), not by searching the text, so what is checked are the
tags and attributes a browser would build.
"""

import base64
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

from articles import publishing
from articles.models import Article
from articles.sanitize import clean_html
from tests.factories import CategoryFactory, UserFactory

ADMIN = "/quan-tri/articles/article"

# A photo of our own: the admin and browser tests store it, so the renditions code rewrites its <img> after
# sanitizing (the payload using it hides markup in an attribute value, which must stay an attribute value).
OWN_PHOTO_NAME = "xss/anh-that.jpg"
OWN_PHOTO_URL = f"/media/{OWN_PHOTO_NAME}"


def _script(n):
    return f"top.__xss_{n}=1,alert({n})"


def _b64(text):
    return base64.b64encode(text.encode()).decode()


# (name, template): $JS is the payload's script, $N its number, $B64 an HTML page running the script,
# base64-encoded, and $SVG64 the same as an SVG image. Every <img> has an alt, as an attacker would give it,
# so the admin form (which refuses photos without alt text) accepts the payload.
# Payloads that leave the parser in another context (unclosed tags, open tables, foreign content) come last,
# so the corpus can also be used as one body without swallowing the payloads after them.
_TEMPLATES = [
    # <script> in its spellings
    ("script", "<script>$JS</script>"),
    ("script-upper", "<SCRIPT>$JS</SCRIPT>"),
    ("script-mixed-case-spaces", "<ScRiPt >$JS</sCrIpT >"),
    ("script-newline-in-tag", "<script\n>$JS</script\n>"),
    ("script-type", '<script type="text/javascript">$JS</script>'),
    ("script-split-by-script", "<scr<script>ipt>$JS</scr</script>ipt>"),
    ("script-data-src", '<script src="data:text/javascript,$JS"></script>'),
    ("script-in-conditional-comment", "<!--[if gte IE 4]><script>$JS</script><![endif]-->"),
    ("script-after-broken-attribute", '<img alt=a """><script>$JS</script>">'),
    # event handlers
    ("img-onerror", "<img src=x alt=a onerror=$JS>"),
    ("img-onerror-quoted", '<img src="x" alt="a" onerror="$JS">'),
    ("img-onerror-mixed-case", "<IMG SRC=x ALT=a OnErRoR=$JS>"),
    ("img-onerror-tabs", "<img\tsrc=x\talt=a\tonerror=$JS>"),
    ("img-onerror-slashes", '<img/src="x"/alt="a"/onerror="$JS">'),
    (
        "img-onload",
        '<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" alt=a '
        "onload=$JS>",
    ),
    ("body-onload", "<body onload=$JS>"),
    ("svg-onload", "<svg onload=$JS></svg>"),
    ("svg-script", "<svg><script>$JS</script></svg>"),
    ("svg-animate-onbegin", "<svg><animate onbegin=$JS attributeName=x dur=1s></animate></svg>"),
    ("svg-a-xlink-href", '<svg><a xlink:href="javascript:$JS"><text x="20" y="20">XSS</text></a></svg>'),
    ("svg-use-data", '<svg><use href="data:image/svg+xml;base64,$SVG64#x"></use></svg>'),
    (
        "math-maction-href",
        '<math><maction actiontype="statusline" xlink:href="javascript:$JS">x</maction></math>',
    ),
    ("details-ontoggle", "<details open ontoggle=$JS><summary>Chi tiết</summary></details>"),
    ("video-source-onerror", "<video><source src=x onerror=$JS></video>"),
    ("audio-onerror", "<audio src=x onerror=$JS></audio>"),
    ("marquee-onstart", "<marquee onstart=$JS>Tin chạy</marquee>"),
    ("input-autofocus-onfocus", "<input autofocus onfocus=$JS>"),
    ("div-autofocus-onfocus", "<div tabindex=1 autofocus onfocus=$JS>khung</div>"),
    ("p-onclick-onmouseover", "<p onclick=$JS onmouseover=$JS>Đoạn văn</p>"),
    ("h2-onmouseover", "<h2 onmouseover=$JS>Tiêu đề</h2>"),
    ("a-onclick", '<a href="https://example.com/" onclick="$JS">liên kết</a>'),
    (
        "figure-handlers",
        '<figure class="image" onclick=$JS><img src=x alt=a onerror=$JS><figcaption onmouseover=$JS>c'
        "</figcaption></figure>",
    ),
    ("table-handlers", '<table background="javascript:$JS"><tr><td onclick=$JS>ô</td></tr></table>'),
    ("custom-element-onclick", "<x-tin onclick=$JS>thẻ lạ</x-tin>"),
    ("frameset-onload", "<frameset onload=$JS></frameset>"),
    # embedding and navigation
    ("iframe-src-javascript", '<iframe src="javascript:$JS"></iframe>'),
    ("iframe-srcdoc", '<iframe srcdoc="<script>$JS</script>"></iframe>'),
    ("iframe-src-data", '<iframe src="data:text/html;base64,$B64"></iframe>'),
    ("object-data-javascript", '<object data="javascript:$JS"></object>'),
    ("object-data-html", '<object data="data:text/html;base64,$B64"></object>'),
    ("embed-src-javascript", '<embed src="javascript:$JS">'),
    ("embed-src-svg", '<embed src="data:image/svg+xml;base64,$SVG64">'),
    ("form-action-javascript", '<form action="javascript:$JS"><input type="submit" value="Gửi"></form>'),
    ("button-formaction", '<form><button formaction="javascript:$JS">Gửi</button></form>'),
    ("isindex-action", '<isindex action="javascript:$JS" type="image">'),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:$JS">'),
    ("base-href", '<base href="javascript:$JS//">'),
    ("link-import", '<link rel="import" href="data:text/html;base64,$B64">'),
    ("link-stylesheet-javascript", '<link rel="stylesheet" href="javascript:$JS">'),
    # styles
    ("style-import", "<style>@import 'javascript:$JS';</style>"),
    ("style-background-url", '<style>body{background:url("javascript:$JS")}</style>'),
    ("style-attribute-url", "<p style=\"background:url('javascript:$JS')\">nền</p>"),
    ("style-attribute-expression", '<div style="width:expression($JS)">ie</div>'),
    # image sources the renditions code adds itself
    ("img-srcset-javascript", '<img srcset="javascript:$JS 1x" src="/media/anh.jpg" alt=a>'),
    (
        "picture-source-srcset",
        '<picture><source srcset="javascript:$JS" type="image/webp"><img src=x alt=a onerror=$JS></picture>',
    ),
    # URLs
    ("a-javascript", '<a href="javascript:$JS">j</a>'),
    ("a-javascript-mixed-case", '<a href="JaVaScRiPt:$JS">j</a>'),
    ("a-javascript-decimal-entity", '<a href="&#106;avascript:$JS">j</a>'),
    (
        "a-javascript-hex-entities",
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;$JS">j</a>',
    ),
    ("a-javascript-padded-entities", '<a href="&#0000106&#0000097vascript:$JS">j</a>'),
    ("a-javascript-tab", '<a href="java\tscript:$JS">j</a>'),
    ("a-javascript-tab-entity", '<a href="java&#9;script:$JS">j</a>'),
    ("a-javascript-newline-entity", '<a href="java&#x0A;script:$JS">j</a>'),
    ("a-javascript-tab-and-colon-entities", '<a href="jav&#x09;ascript&#x3A;$JS">j</a>'),
    ("a-javascript-leading-spaces", '<a href="  javascript:$JS">j</a>'),
    ("a-javascript-leading-control", '<a href="&#1;javascript:$JS">j</a>'),
    ("a-javascript-colon-entity", '<a href="javascript&colon;$JS">j</a>'),
    ("a-vbscript", '<a href="vbscript:msgbox($N)">v</a>'),
    ("a-data-html-base64", '<a href="data:text/html;base64,$B64">d</a>'),
    ("a-data-html", '<a href="DATA:text/html,<script>$JS</script>">d</a>'),
    ("img-src-javascript", '<img src="javascript:$JS" alt=a>'),
    ("img-src-vbscript", '<img src="vbscript:msgbox($N)" alt=a>'),
    ("img-src-data-svg", '<img src="data:image/svg+xml;base64,$SVG64" alt=a>'),
    ("blockquote-cite", '<blockquote cite="javascript:$JS">trích dẫn</blockquote>'),
    ("a-title-markup", '<a href="https://example.com/" title="&quot;><script>$JS</script>">tiêu đề</a>'),
    (
        "own-photo-markup-in-title",
        f'<img src="{OWN_PHOTO_URL}" alt="a" title="x><img src=x alt=a onerror=$JS>">',
    ),
    # markup hidden in comments and bogus comments
    ("comment", "<!--<img src=x alt=a onerror=$JS>-->"),
    ("empty-comment-trick", "<!--><img src=x alt=a onerror=$JS>-->"),
    ("cdata-bogus-comment", "<![CDATA[><img src=x alt=a onerror=$JS>]]>"),
    # client-side template syntax (the site has none, so it must stay inert text)
    ("template-expression", "<p>{{constructor.constructor('$JS')()}}</p>"),
    # DOM clobbering: an id or name would create the global the browser test looks for
    ("clobber-a-id", '<a id="__xss_$N" name="__xss_$N" href="https://example.com/">clobber</a>'),
    ("clobber-img-name", '<img name="__xss_$N" src="https://example.com/a.png" alt=a>'),
    ("clobber-form-id", '<form id="__xss_$N"><input name="attributes"></form>'),
    # tabnabbing: the editor's rel must not win
    ("rel-opener", '<a href="https://example.com/" target="_blank" rel="opener">mở</a>'),
    # raw-text elements
    ("textarea-script", "<textarea><script>$JS</script></textarea>"),
    ("title-img", "<title><img src=x alt=a onerror=$JS></title>"),
    ("xmp-img", "<xmp><img src=x alt=a onerror=$JS></xmp>"),
    ("template-img", "<template><img src=x alt=a onerror=$JS></template>"),
    ("noscript-title-mxss", '<noscript><p title="</noscript><img src=x alt=a onerror=$JS>">'),
    # mutation XSS: markup that changes meaning when parsed a second time (known sanitizer bypasses)
    ("svg-style-mxss", '<svg></p><style><a id="</style><img src=1 alt=a onerror=$JS>">'),
    (
        "select-template-mxss",
        '<select><template><style><!--</style><a rel="--></template></select><img src=x alt=a onerror=$JS>">',
    ),
    (
        "form-math-mxss",
        "<form><math><mtext></form><form><mglyph><style></math><img src=x alt=a onerror=$JS>",
    ),
    ("math-table-style-mxss", "<math><mtext><table><mglyph><style><img src=x alt=a onerror=$JS>"),
    # unclosed tags
    ("double-lt", "<<img src=x alt=a onerror=$JS>"),
    ("img-unclosed", "<img src=x alt=a onerror=$JS "),
    ("script-unclosed", "<script>$JS"),
]


def _render(n, template):
    page = f"<script>{_script(n)}</script>"
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" onload="{_script(n)}"/>'
    return (
        template.replace("$JS", _script(n))
        .replace("$N", str(n))
        .replace("$B64", _b64(page))
        .replace("$SVG64", _b64(svg))
    )


# [(id, html)], numbered from 1; the number is the marker.
XSS_PAYLOADS = [
    (f"{n:02d}-{name}", _render(n, template)) for n, (name, template) in enumerate(_TEMPLATES, start=1)
]
XSS_MARKERS = [f"__xss_{n}" for n in range(1, len(XSS_PAYLOADS) + 1)]
XSS_CORPUS = "\n".join(html for _, html in XSS_PAYLOADS)

# What CKEditor 4 with image2 sends for an ordinary article; only the links change (rel is added).
LEGITIMATE_BODY = (
    "<h2>Đại hội Đảng bộ xã Thanh Bính nhiệm kỳ 2025–2030</h2>"
    "<p>Sáng ngày 18/5, <strong>Đảng bộ xã</strong> tổ chức <em>đại hội</em> lần thứ <u>XXV</u>, "
    "<s>dự kiến</s> với 120 đại biểu; H<sub>2</sub>O, m<sup>2</sup>.</p>"
    "<h3>Kết quả nhiệm kỳ</h3>"
    "<ul><li>Thu nhập bình quân đạt 62 triệu đồng/người/năm.</li><li>Tỷ lệ hộ nghèo giảm còn 1,2%.</li></ul>"
    "<ol><li>Xây dựng Đảng</li><li>Phát triển kinh tế</li></ol>"
    "<h4>Ý kiến đại biểu</h4>"
    "<blockquote><p>Phát huy truyền thống đoàn kết, dân chủ, kỷ cương.</p></blockquote>"
    '<figure class="image image-style-align-center"><img alt="Quang cảnh đại hội" height="400" '
    'src="/media/uploads/1/2025/05/18/dai-hoi.jpg" width="600"><figcaption>Quang cảnh đại hội '
    "(Ảnh: <em>Tuyên giáo</em>)</figcaption></figure>"
    '<figure class="image image-style-align-left"><img alt="Đại biểu" src="https://thanhha.example.vn/a.jpg">'
    "<figcaption>Đại biểu biểu quyết</figcaption></figure>"
    '<p class="image-style-align-center"><img alt="Biểu đồ" src="bieu-do.png"></p>'
    '<table><caption>Chỉ tiêu chủ yếu</caption><thead><tr><th scope="col">Chỉ tiêu</th>'
    '<th scope="col">Kết quả</th></tr></thead><tbody><tr><td>Tăng trưởng</td><td>8,5%</td></tr>'
    '<tr><td colspan="2" rowspan="1">Số liệu ước đến 30/4</td></tr></tbody></table>'
    "<hr>"
    '<p>Xem <a href="https://thanhha.example.vn/van-kien" title="Văn kiện">toàn văn</a>, liên hệ '
    '<a href="mailto:tuyengiao@thanhha.example.vn">hộp thư</a> hoặc '
    '<a href="tel:+842203123456">điện thoại</a>, hoặc bài <a href="/tin-tuc/123-bai-truoc/">trước</a>.'
    "<br>Tiếng Việt: ắ ằ ẳ ẵ ặ ơ ư đ Đ ỹ ỵ.</p>"
)
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
# After saving, our own code wraps our own photos in <picture> with these (articles/renditions.py).
RENDITION_TAGS = {"picture", "source"}
RENDITION_ATTRIBUTES = {
    "img": {"srcset", "sizes", "loading", "decoding"},
    "source": {"type", "srcset", "sizes"},
}

_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
_URL_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


class Markup(HTMLParser):
    """The elements, attributes and comments a browser would build from an HTML fragment."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, [(name, value)])
        self.comments = []
        self.declarations = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_decl(self, decl):
        self.declarations.append(decl)

    def handle_pi(self, data):
        self.declarations.append(data)

    def unknown_decl(self, data):
        self.declarations.append(data)


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
def editor_client(client, db):
    user = UserFactory(username="bientap-xss", is_staff=True, is_superuser=True)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def own_photo(db):
    from django.core.files.storage import default_storage

    from tests.factories import jpeg_file

    name = default_storage.save(OWN_PHOTO_NAME, jpeg_file(size=(1200, 800)))
    assert name == OWN_PHOTO_NAME
    return name


def _publish_through_admin(client, body, *, title):
    category = CategoryFactory()
    response = client.post(
        f"{ADMIN}/add/",
        {
            "title": title,
            "slug": "",
            "category": category.pk,
            "lead": "Bài thử mã độc.",
            "body": body,
            "byline": "Kiểm thử",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(title=title)
    publishing.publish(article, by=client.user)
    return article


def test_whole_corpus_saved_in_admin_is_defused_on_the_public_page(editor_client, client, own_photo):
    article = _publish_through_admin(editor_client, LEGITIMATE_BODY + XSS_CORPUS, title="Tổng hợp mã độc")
    assert _problems(article.body, rendered=True) == [], article.body

    client.logout()
    page = client.get(article.get_absolute_url())
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
    editor_client, client, own_photo, name, payload
):
    article = _publish_through_admin(editor_client, f"<p>Trước {name}</p>{payload}", title=f"Mã độc {name}")
    html = client.get(article.get_absolute_url()).content.decode()
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
    # articles/renditions.py finds <img> tags with regular expressions; a raw ">" in a value would end the
    # tag early and let the rest of the value out as markup.
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
