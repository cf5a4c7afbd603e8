"""The portal's identity in the admin: the unit's profile (one record), the main menu and the agency links.

Only administrators hold these permissions (accounts/roles.py); the admin answers 403 to everyone else.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse

from .models import AgencyLink, MenuItem, SiteProfile


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    """One profile: its list is its own form, it is added once and never deleted."""

    fieldsets = [
        ("Tên đơn vị", {"fields": ["unit_name", "tagline", "english_name"]}),
        ("Liên hệ", {"fields": ["address", "phone", "email", "office_hours"]}),
        ("Pháp lý", {"fields": ["licence", "responsible_person", "footer_text"]}),
        ("Hình ảnh", {"fields": ["logo", "banner"]}),
    ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        profile = SiteProfile.objects.first()
        if profile is not None:
            return redirect(reverse("admin:identity_siteprofile_change", args=[profile.pk]))
        if self.has_add_permission(request):
            return redirect(reverse("admin:identity_siteprofile_add"))
        raise PermissionDenied

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteProfile.objects.exists()

    def get_model_perms(self, request):
        # For the admin's menus, on every admin page: no "add" link (the list opens the add form when there is
        # no profile yet), and so no query to find out whether one exists.
        return {
            "add": False,
            "change": self.has_change_permission(request),
            "delete": False,
            "view": self.has_view_permission(request),
        }

    def has_delete_permission(self, request, obj=None):
        # Without it the site falls back to the settings' defaults: a deletion would change the footer.
        return False


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "target", "parent", "position", "is_visible"]
    list_display_links = ["__str__"]
    list_editable = ["position", "is_visible"]
    list_filter = ["kind", "is_visible"]
    list_select_related = ["category", "page", "parent"]
    fields = ["kind", "title", "category", "page", "url", "parent", "position", "is_visible"]

    @admin.display(description="dẫn tới")
    def target(self, item):
        return item.category or item.page or item.url or "—"


@admin.register(AgencyLink)
class AgencyLinkAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "position", "is_visible"]
    list_editable = ["position", "is_visible"]
    search_fields = ["name", "url"]
    # "chinhphu.vn" typed without its scheme is taken for https://chinhphu.vn, as every agency site is today.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
