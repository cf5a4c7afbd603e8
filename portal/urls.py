from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

admin.site.site_header = "Cổng thông tin điện tử - Quản trị"
admin.site.site_title = "Quản trị cổng thông tin"
admin.site.index_title = "Bảng điều khiển"

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    # Django's static() helper serves nothing unless DEBUG is on; local runs with DEBUG off still need photos.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
