"""Settings for the district news portal.

Every value that differs between a laptop and production is read from the environment (or a `.env` file
next to manage.py). The defaults run the site locally on SQLite with no other server.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

# A development key is tolerated only while DEBUG is on, so a forgotten variable never reaches production.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "ckeditor",
    "ckeditor_uploader",
    "imagekit",
    "reversion",
    "reversion_compare",
    "accounts",
    "articles",
    "articles.documents",
    "articles.pages",
    "articles.questions",
    "portal.identity",
    # The project package itself, for one migration: the table of the database cache (CACHES below).
    "portal",
]

MIDDLEWARE = [
    # First, so everything below (the questions' per-address limit, logs) sees the reader's address.
    "portal.proxy.ForwardedClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before the rest: a reader's view beacon needs no static files, page cache, session, CSRF or auth.
    "articles.counting.middleware.ReaderBeaconMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, CSRF and auth: a cached page for an anonymous reader costs none of them.
    "portal.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Innermost, so the page it puts into a bare 405 still gets every header the middleware above adds.
    "portal.errors.MethodNotAllowedPageMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.identity.context_processors.site",
            ],
        },
    },
]

# SQLite is the embedded default; production and CI set DATABASE_URL=postgres://...
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent readers and a writer (the view counter) must not fail with "database is locked". In WAL
    # mode, synchronous=NORMAL syncs the disk at checkpoints instead of on every commit: a power cut may
    # lose the last commits, never corrupt the file, and each counted view costs a write, not a disk flush.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

# What is cached (the "most viewed" list) is forgotten when an article leaves the site, and that must reach
# every worker: a per-process cache forgot it in one gunicorn worker only, and the others kept showing an
# unpublished article for up to a minute. So without DEBUG the default is Django's database cache: shared by
# every worker of every app server on the database, kept with the data it describes (a restored backup or a
# benchmark's throwaway database never shows another one's list), no folder to make writable and private.
# `migrate` makes its table (portal/migrations/0001_cache_table.py). A hit is one primary-key read, about
# 0.2 ms on SQLite against 16 ms for the list itself with 10,000 articles. Local runs (DEBUG on) keep the
# local-memory cache; Redis (CACHE_URL=redis://...) takes even that read off the database.
CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://" if DEBUG else "dbcache://portal_cache"),
    # django-imagekit remembers forever that a rendition exists (or is being made). That memory stays per
    # process, as it always was: in a shared cache it would outlive the files (media restored from a backup,
    # a worker killed mid-resize) and make `rebuild_renditions --missing` skip them. Pages never ask it
    # (IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY below).
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "renditions"},
}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis down must not take the site down with it: portal/cache.py serves pages without the cache.
    CACHES["default"]["BACKEND"] = "portal.cache.FailSoftRedisCache"
else:
    # The database and local-memory caches keep 300 entries unless told: far fewer than whole pages and
    # readers' "already counted" marks need, which would be evicted and counted again.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 200_000)
IMAGEKIT_CACHE_BACKEND = "renditions"

# Counting views (articles/counting/). With Redis, a view is one increment there and the counts reach the
# database in batches, at most every VIEW_FLUSH_SECONDS; without it (the embedded default), each view is
# written to the database at once.
_CACHE_URL = env.str("CACHE_URL", default="")
VIEW_BUFFER_URL = env.str("VIEW_BUFFER_URL", default=_CACHE_URL if _CACHE_URL.startswith("redis") else "")
VIEW_FLUSH_SECONDS = env.int("VIEW_FLUSH_SECONDS", default=5)

# Whole pages for anonymous readers, in the shared cache (portal/page_cache.py). Every change readers could
# see forgets them all at once; this only bounds how long an unchanged page is kept.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Renditions are made when a photo is saved (articles/photos/renditions.py), so pages never check for them.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
# The editor's uploads: one folder per user (by id, not name) and per date; only checked photos are kept
# (articles/photos/editor_upload.py replaces the package's own upload view).
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_RESTRICT_BY_USER = "pk"
CKEDITOR_RESTRICT_BY_DATE = True
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_BROWSE_SHOW_DIRS = False

# Django serves uploaded media only when SERVE_MEDIA is on (local runs); in production the web server does.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)

# The only login is the admin's. Django's default landing page, /accounts/profile/, does not exist here: a
# login whose `next` is refused (another site's address) ended on a 404.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
# A form sent without its token (often: a page left open past its cookie) gets the site's Vietnamese page.
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_HTTPS_PROXY", False) else None
)
# The reverse proxies (nginx, scripts/deploy/nginx.conf) whose X-Forwarded-For is believed: a request from one
# of these addresses is the reader's at the header's last hop (portal/proxy.py). Empty: REMOTE_ADDR as is.
# nginx sends the reader's Host itself, so X-Forwarded-Host is never read (USE_X_FORWARDED_HOST stays off).
TRUSTED_PROXY = env.list("TRUSTED_PROXY", default=[])

CKEDITOR_CONFIGS = {
    "default": {
        # Only what news writing needs; everything the toolbar can make is in allowedContent below.
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format"],
            ["Bold", "Italic", "Underline"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table"],
            ["Undo", "Redo"],
            ["RemoveFormat", "PasteFromWord"],
        ],
        "format_tags": "p;h2;h3;h4",
        # image2 (captioned photos as <figure>) replaces the old image plugin. Off: iframe/flash embeds,
        # forms, source mode (raw HTML), code snippets, the PDF export and spell-check services (which load
        # third-party scripts), and the image plugin image2 replaces.
        "extraPlugins": "image2",
        "removePlugins": "image,iframe,flash,codesnippet,forms,sourcearea,exportpdf,scayt,wsc",
        "image2_captionedClass": "image",
        "image2_alignClasses": [
            "image-style-align-left",
            "image-style-align-center",
            "image-style-align-right",
        ],
        # The editor's content filter, kept in step with articles/sanitize.py (the server-side allowlist that
        # is actually relied on): editors see and save only what readers will get. Never `True`.
        "allowedContent": (
            "p br hr h2 h3 h4 strong em u s sub sup ul ol li blockquote figcaption;"
            "a[!href,title];"
            "img[!src,alt,title,width,height](image-style-align-left,image-style-align-right);"
            "figure(!image,image-style-align-left,image-style-align-center,image-style-align-right);"
            "p(image-style-align-center);"
            "div(!image-style-align-center);"
            "table thead tbody tfoot tr caption;"
            "th[colspan,rowspan,scope];"
            "td[colspan,rowspan]"
        ),
        "disallowedContent": "*[on*]; *{*}; script; style; iframe; object; embed; form; input; svg; math",
        "fullPage": False,
        "pasteFilter": "semantic-content",
        "pasteFromWordRemoveFontStyles": True,
        "pasteFromWordRemoveStyles": True,
        "linkDefaultProtocol": "https://",
        "height": 420,
        "width": "100%",
    },
}
# django-ckeditor warns (ckeditor.W001) that its bundled CKEditor 4 is end-of-life. The owner keeps it, and
# the warning is silenced because the editor is not trusted: articles/sanitize.py (an nh3 allowlist) cleans
# the body on every save, whatever the editor sent. The config above also narrows the editor itself: an
# explicit allowedContent mirroring that allowlist, no on* attributes, styles, scripts or iframes, and the
# plugins behind known CKEditor 4 XSS vectors removed (iframe, flash, forms, source mode, code snippets,
# PDF export, spell-check services, the old image plugin).
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

# One handler, on the root logger, at LOG_LEVEL. Django's default configuration gives its "django" logger a
# console handler of its own while DEBUG is on, which printed every line twice (there, and again through
# the root); here that logger only passes its records on. A 4xx is logged as one line: a traceback of a
# stale form or a mistyped address says nothing more, and a 500 still gets its traceback.
LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_in_one_line": {"()": "portal.log_filters.ClientErrorsInOneLine"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "level": LOG_LEVEL,
            "filters": ["client_errors_in_one_line"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django": {"handlers": [], "level": "NOTSET"}},
}

# Site-wide figures readers see; kept here so a newsroom can tune them without touching code.
ARTICLES_PER_PAGE = 12
HOME_LATEST_COUNT = 8
HOME_FEATURED_COUNT = 4
HOME_CATEGORY_BLOCK_COUNT = 4
MOST_VIEWED_COUNT = 5
RELATED_COUNT = 6

# The unit's identity until an administrator fills in its profile (portal/identity): an empty database still
# renders a complete header and footer.
SITE_PROFILE_DEFAULTS = {
    "unit_name": env.str("SITE_NAME", default="Huyện ủy Thanh Hà"),
    "tagline": env.str("SITE_TAGLINE", default="Trang thông tin điện tử Ban Tuyên giáo Huyện ủy"),
    "english_name": env.str("SITE_ENGLISH_NAME", default="Thanh Ha District Party Committee"),
    "address": env.str("SITE_ADDRESS", default=""),
    "phone": env.str("SITE_PHONE", default=""),
    "email": env.str("SITE_EMAIL", default=""),
    "licence": env.str("SITE_LICENCE", default=""),
    "responsible_person": env.str("SITE_RESPONSIBLE_PERSON", default=""),
    "office_hours": env.str("SITE_OFFICE_HOURS", default=""),
    "footer_text": env.str(
        "SITE_FOOTER_TEXT", default="Ghi rõ nguồn khi phát hành lại thông tin từ trang này."
    ),
}

# Questions from citizens (Hỏi đáp): how many one address may send in an hour, and how many a list page shows.
QUESTIONS_PER_ADDRESS_PER_HOUR = env.int("QUESTIONS_PER_ADDRESS_PER_HOUR", default=5)
QUESTIONS_PER_PAGE = 10
