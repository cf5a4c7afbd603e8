"""What search engines and social networks read about a page: JSON-LD (schema.org) and the share photo.

Structured data is built as plain dicts and serialized in one place, `json_ld`, so no value (a title
typed by an editor) is ever pasted into a <script> as text.
"""

import json
import re

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from portal.identity.current import identity_of

from .photos import renditions

# As django.utils.html.json_script escapes: inside <script>, "</script>" or "<!--" in a string would end or
# change the element before the JSON parser ever sees it. The \u escapes mean the same characters to JSON.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

# "Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)": the name, then the department and how the text was made.
_BYLINE_PARTS = re.compile(r"\s+[-–—]\s+")
_BYLINE_NOTE = re.compile(r"\s*\([^)]*\)\s*$")


def json_ld(data) -> SafeString:
    """`data` as a <script type="application/ld+json"> that no value inside it can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def iso_vietnam(moment) -> str | None:
    """ISO 8601 in Vietnam time ("2023-05-18T19:30:00+07:00"), as readers saw the date on the page."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def byline_author(byline: str) -> str:
    """The writer's name: "Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)" → "Hoàng Thị Thu Thủy"."""
    name = _BYLINE_PARTS.split(byline.strip(), maxsplit=1)[0]
    return _BYLINE_NOTE.sub("", name).strip()


def modified_at(article):
    """When the public page last changed: a scheduled article appears after its last save."""
    return max(filter(None, [article.published_at, article.updated_at]), default=None)


def cover_share_image(article) -> renditions.ShareImage | None:
    if not article.cover_image:
        return None
    return renditions.share_image(article.cover_image, article.cover_width, article.cover_height)


def publisher(request) -> dict:
    """The unit, with its logo (the administrator's, or the default emblem): Google asks for one ≥ 112 px."""
    profile = identity_of(request).profile
    logo = {"@type": "ImageObject", "url": request.build_absolute_uri(profile.logo_url)}
    if profile.logo_width and profile.logo_height:
        logo.update(width=profile.logo_width, height=profile.logo_height)
    return {
        "@type": "Organization",
        "name": profile.unit_name,
        "url": request.build_absolute_uri(reverse("articles:home")),
        "logo": logo,
    }


def news_article(request, article) -> dict:
    canonical = request.build_absolute_uri(article.get_absolute_url())
    author_name = byline_author(article.byline)
    data = {
        "@type": "NewsArticle",
        "@id": f"{canonical}#bai-viet",
        "headline": article.title,
        "description": article.lead,
        "inLanguage": "vi",
        "url": canonical,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "datePublished": iso_vietnam(article.published_at),
        "dateModified": iso_vietnam(modified_at(article)),
        # Without a byline the article is the committee's own.
        "author": (
            {"@type": "Person", "name": author_name}
            if author_name
            else {"@type": "Organization", "name": identity_of(request).profile.unit_name}
        ),
        "publisher": publisher(request),
        "articleSection": article.category.name,
    }
    image = cover_share_image(article)
    if image:
        data["image"] = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(image.url),
            "width": image.width,
            "height": image.height,
        }
    # A preview of an unpublished article has no date yet; an absent key is better than a null one.
    return {key: value for key, value in data.items() if value not in (None, "")}


def breadcrumbs(request, article) -> dict:
    """Home › parent category › category › article, as the page's own breadcrumbs show."""
    trail = [("Trang chủ", reverse("articles:home"))]
    category = article.category
    if category.parent_id:
        trail.append((category.parent.name, category.parent.get_absolute_url()))
    trail.append((category.name, category.get_absolute_url()))
    trail.append((article.title, article.get_absolute_url()))
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": request.build_absolute_uri(url)}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def article_graph(request, article) -> dict:
    """Everything an article page says about itself, as one JSON-LD document."""
    return {
        "@context": "https://schema.org",
        "@graph": [news_article(request, article), breadcrumbs(request, article)],
    }
