"""The XSS corpus: what a hostile article body might carry, and an ordinary body to set beside it.

Read by the sanitizer's tests (tests/articles/test_sanitize.py) and by Chromium's (tests/browser/test_xss.py).
Every payload carries its own marker: the script it would run sets `top.__xss_N` and calls `alert(N)`, so a
failure names the payload, and a real browser can be watched for the globals (XSS_MARKERS).
`Markup` reads HTML into the tags, attributes and comments a browser would build, so checks look at those
rather than search the text.
"""

import base64
from html.parser import HTMLParser

from django.core.files.storage import default_storage

from tests.factories import jpeg_file

# A photo of our own: tests store it (store_own_photo), so the renditions code rewrites its <img> after
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


def store_own_photo():
    """Store the photo OWN_PHOTO_URL points at (big enough for renditions); return the name it got."""
    return default_storage.save(OWN_PHOTO_NAME, jpeg_file(size=(1200, 800)))
