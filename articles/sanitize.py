"""The one place rich text from editors is made safe for readers.

CKEditor 4 is end-of-life, so nothing it produces is trusted: every rich-text value passes through
`clean_html` when it is saved, whichever door it came in by (admin, shell, import). The editor's own filter
(CKEDITOR_CONFIGS in portal/settings.py) mirrors this allowlist so that editors see what readers will get,
but only this module is relied on.

Everything is an allowlist: a tag, attribute, class or URL scheme not named here is removed.
"""

import re

import nh3

# What news writing in the editor needs. h1 is the page's own title; b/i/span/div-with-style and the like
# come from pasted pages and Word, and the editor turns the useful ones into strong/em before saving.
# `picture` and `source` are deliberately absent, as are `srcset`/`sizes`/`loading`/`decoding` below: our
# own code (articles/photos/renditions.py) adds them to our own photos after sanitizing, and an editor must
# not be able to point them anywhere.
ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "u",
    "s",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    # Only as the image2 plugin's wrapper of a centred captioned photo (see ALLOWED_CLASSES); a bare div
    # is harmless, since no attribute but that class survives on it.
    "div",
}
# No `style`, `id` or `name` anywhere: styles carry url()/expression() tricks and fight the site's CSS, and
# ids/names let content overwrite page globals (DOM clobbering). No `on*` handler is ever listed.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
# Attributes that only take a few fixed values (kept out of ALLOWED_ATTRIBUTES, which would accept any).
ALLOWED_ATTRIBUTE_VALUES = {"th": {"scope": {"row", "col", "rowgroup", "colgroup"}}}

# The image2 plugin's classes (image2_captionedClass / image2_alignClasses in settings): a captioned photo is
# <figure class="image">; aligning puts the left/right class on the figure or, without a caption, on the
# img, and wraps a centred photo in <div>/<p> with the centre class. No other class gets through.
IMAGE_CAPTIONED_CLASS = "image"
IMAGE_ALIGN_CLASSES = ("image-style-align-left", "image-style-align-center", "image-style-align-right")
ALLOWED_CLASSES = {
    "figure": {IMAGE_CAPTIONED_CLASS, *IMAGE_ALIGN_CLASSES},
    "img": {"image-style-align-left", "image-style-align-right"},
    "p": {"image-style-align-center"},
    "div": {"image-style-align-center"},
}

# Removed together with everything inside them: their content is code (script, style, svg, math, the
# parser-confusing elements behind mutation XSS) or a fallback that makes no sense as article text.
# Any other disallowed tag is unwrapped and its text kept.
CLEAN_CONTENT_TAGS = {
    "script",
    "style",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "iframe",
    "frame",
    "frameset",
    "object",
    "applet",
    "svg",
    "math",
    "textarea",
    "select",
    "title",
}

# Relative URLs (our own pages and media) are kept. Anything else needs one of these schemes, which rules out
# javascript:, vbscript: and data: however they are spelled (nh3 decodes entities and, like browsers, drops
# tabs, newlines and leading control characters before reading the scheme).
LINK_URL_SCHEMES = {"http", "https", "mailto", "tel"}
IMAGE_URL_SCHEMES = {"http", "https"}
# Added to every link (editors cannot set rel or target): a linked page can't reach back into ours through
# window.opener, and isn't told which article sent the reader. Applied to internal links too, for simplicity.
LINK_REL = "noopener noreferrer"

NUMERIC_ATTRIBUTES = {"width", "height", "colspan", "rowspan"}

_URL_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
_C0_CONTROLS_AND_SPACE = "".join(chr(code) for code in range(0x21))
_NUMBER = re.compile(r"[0-9]{1,5}")


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    """Checks nh3 cannot express as sets; it runs after nh3's own, on decoded values."""
    if element == "img" and attribute == "src":
        # nh3's URL schemes are shared by href and src; a photo has no business with mailto: or tel:.
        # The URL is read as a browser reads it, so "ma\tilto:" counts as mailto:.
        scheme = _URL_SCHEME.match(_IGNORED_IN_URLS.sub("", value).lstrip(_C0_CONTROLS_AND_SPACE))
        if scheme and scheme.group(1).lower() not in IMAGE_URL_SCHEMES:
            return None
    if attribute in NUMERIC_ATTRIBUTES and not _NUMBER.fullmatch(value.strip()):
        return None
    if attribute == "class" and not set(value.split()) & ALLOWED_CLASSES.get(element, set()):
        return None  # rather than leave an empty class="" behind
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=CLEAN_CONTENT_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
    allowed_classes=ALLOWED_CLASSES,
    attribute_filter=_filter_attribute,
    url_schemes=LINK_URL_SCHEMES,
    link_rel=LINK_REL,
    strip_comments=True,  # conditional comments and "-->" tricks; editors never need them
)

# articles/photos/renditions.py rewrites <img> tags in the cleaned HTML with regular expressions. That is
# safe only because nh3 (from 0.3.7, as pyproject.toml requires) writes "<" and ">" inside attribute values
# as &lt; &gt;, so a ">" in an alt text can't end a tag early; tests/articles/test_sanitize.py checks it.


def clean_html(html: str) -> str:
    if not html:
        return ""
    return _cleaner.clean(html)
