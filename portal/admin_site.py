"""The newsroom's admin site: Django's, with its "view on site" shortcut limited to what the user may see."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import path


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Cổng thông tin điện tử - Quản trị"
    site_title = "Quản trị cổng thông tin"
    index_title = "Bảng điều khiển"

    def get_urls(self):
        shortcut = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [
            shortcut if getattr(url, "name", None) == "view_on_site" else url for url in super().get_urls()
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Redirect to an object's public page, only if this user may see the object in the admin.

        Django's own shortcut redirects any staff member to any object's URL, and an unpublished article's
        URL carries its slug, which is its title: a contributor could read the titles of others' drafts.
        """
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except (ContentType.DoesNotExist, ValueError):
            raise Http404("Không tìm thấy nội dung.") from None
        model_admin = self._registry.get(model)
        if model_admin is None:
            raise Http404("Không tìm thấy nội dung.")
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404("Không tìm thấy nội dung.")
        return contenttype_views.shortcut(request, content_type_id, object_id)
