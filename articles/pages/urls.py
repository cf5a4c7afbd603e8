from django.urls import path, register_converter

from . import views
from .models import SLUG_PATTERN


class PagePathConverter:
    """ "gioi-thieu" or "gioi-thieu/lich-su": the only shapes of a page's address.

    Narrower than `path:` so that the catch-all takes no other address: an unknown "/a/../b" is a plain 404,
    and Django's APPEND_SLASH does not redirect it first to "/a/../b/" as if a page might be there.
    """

    regex = rf"{SLUG_PATTERN.pattern}(?:/{SLUG_PATTERN.pattern})?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PagePathConverter, "page_path")

app_name = "pages"

urlpatterns = [
    path("so-do-cong/", views.SiteMapView.as_view(), name="site_map"),
    # Last of all the site's patterns (portal/urls.py): whatever no section claimed may be a page.
    path("<page_path:page_path>/", views.PageView.as_view(), name="page"),
]
