from django import template

from articles.photos import renditions

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(photo, width, height, alt, sizes="100vw", eager=False, css_class=""):
    """A <picture> with WebP and JPEG renditions of a stored photo; URLs only, no disk or database.

    Photos above the fold load `eager`ly: lazy loading them would delay what the reader sees first.
    """
    return {
        "sources": renditions.sources(photo, width or 0),
        "width": width,
        "height": height,
        "alt": alt,
        "sizes": sizes,
        "lazy": not eager,
        "css_class": css_class,
    }
