from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PortalConfig(AppConfig):
    """The project package as an app, for what belongs to no single app (the cache table, the page cache)."""

    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        from . import outage, page_cache

        page_cache.connect()
        outage.connect()


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the newsroom's own site as `admin.site` (what every admin.register uses)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin; "portal" means PortalConfig
    default_site = "portal.admin_site.NewsroomAdminSite"
