from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("so-do-cong/", views.SiteMapView.as_view(), name="site_map"),
    # Last of all the site's patterns (portal/urls.py): whatever no section claimed may be a page.
    path("<path:page_path>/", views.PageView.as_view(), name="page"),
]
