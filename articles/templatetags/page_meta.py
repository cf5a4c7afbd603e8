"""What a page says about itself in its <head>: its canonical address, its share photo, its JSON-LD."""

from dataclasses import replace

from django import template

from articles import structured_data
from portal.identity.current import identity_of

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's one address for search engines: no tracking or filter parameters, but its own page number.

    A view that knows better (the article's, whose address carries its slug) gives `canonical_url` itself.
    Page 1 has no ?page: "/chuyen-muc/x/" and "/chuyen-muc/x/?page=1" are the same page. A filtered list
    (a page that keeps `filter_query` from page to page) names the unfiltered list, so search engines keep
    one copy of it rather than one per combination of filters.
    """
    if context.get("canonical_url"):
        return context["canonical_url"]
    request = context.get("request")
    if request is None:  # error pages rendered without a request
        return ""
    url = request.build_absolute_uri(request.path)
    page = context.get("page_obj")
    if page is not None and page.number > 1 and not context.get("filter_query"):
        url += f"?page={page.number}"
    return url


@register.simple_tag(takes_context=True)
def site_logo_url(context) -> str:
    """The unit's logo, absolute, for pages shared without a photo of their own; "" without a request."""
    request = context.get("request")
    if request is None:
        return ""
    return request.build_absolute_uri(identity_of(request).profile.logo_url)


@register.simple_tag(takes_context=True)
def cover_share_image(context, article):
    """The cover's 1200-px rendition with an absolute URL (link previews need one), or None."""
    image = structured_data.cover_share_image(article)
    if image is None:
        return None
    return replace(image, url=context["request"].build_absolute_uri(image.url))


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    return structured_data.json_ld(structured_data.article_graph(context["request"], article))


@register.filter
def modified_at(article):
    return structured_data.modified_at(article)
