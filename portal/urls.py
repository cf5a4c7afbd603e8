from ckeditor_uploader import views as ckeditor_views
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.static import serve

from articles.photos.editor_upload import EditorImageUploadView
from articles.sitemaps import NEWS_SITEMAPS, SITEMAPS, RobotsView
from portal.csp_reports import csp_report
from portal.headers import editor_page
from portal.identity.views import favicon
from portal.security_txt import security_txt

urlpatterns = [
    # Before the admin's catch-all: the editor's upload and browse, behind the admin's own check (staff, and
    # the second step of signing in where it is required).
    path(
        "quan-tri/ckeditor/upload/",
        admin.site.admin_view(EditorImageUploadView.as_view()),
        name="ckeditor_upload",
    ),
    path(
        "quan-tri/ckeditor/browse/",
        admin.site.admin_view(editor_page(ckeditor_views.browse)),
        name="ckeditor_browse",
    ),
    # Before the admin's catch-all: "Quên mật khẩu?" and the pages its mail leads to (accounts/urls.py).
    path("quan-tri/", include("accounts.urls")),
    path("quan-tri/", admin.site.urls),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("csp-report/", csp_report, name="csp_report"),
    path("favicon.ico", favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    # Before the sections' pattern, which would otherwise take it for a section called "news".
    path(
        "sitemap-news.xml",
        sitemap_views.sitemap,
        {"sitemaps": NEWS_SITEMAPS, "template_name": "sitemaps/news.xml"},
        name="sitemap_news",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("tim-kiem/", include("articles.search.urls")),
    path("van-ban/", include("articles.documents.urls")),
    path("hoi-dap/", include("articles.questions.urls")),
    path("", include("articles.urls")),
    # Last: the standing pages (Giới thiệu, Liên hệ, /en/…) take whatever path no section above claimed.
    path("", include("articles.pages.urls")),
]

# Vietnamese pages in the site's look, that render even with the database down (portal/errors.py).
handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler500 = "portal.errors.server_error"

if settings.SERVE_MEDIA:
    # Django's static() helper serves nothing unless DEBUG is on; local runs with DEBUG off still need photos.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
