from ckeditor_uploader import views as ckeditor_views
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.static import serve

from articles.editor_uploads import EditorImageUploadView

admin.site.site_header = "Cổng thông tin điện tử - Quản trị"
admin.site.site_title = "Quản trị cổng thông tin"
admin.site.index_title = "Bảng điều khiển"

urlpatterns = [
    # Before the admin's catch-all: the editor's upload and browse, for logged-in staff only.
    path("quan-tri/ckeditor/upload/", EditorImageUploadView.as_view(), name="ckeditor_upload"),
    path(
        "quan-tri/ckeditor/browse/",
        never_cache(staff_member_required(ckeditor_views.browse)),
        name="ckeditor_browse",
    ),
    path("quan-tri/", admin.site.urls),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    # Django's static() helper serves nothing unless DEBUG is on; local runs with DEBUG off still need photos.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
