"""Settings for the district news portal.

Every value that differs between a laptop and production is read from the environment (or a `.env` file
next to manage.py). The defaults run the site locally on SQLite with no other server.
"""

import re
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
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
    # Two-step sign-in for the roles that publish or hand out accounts (accounts/two_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ckeditor",
    "ckeditor_uploader",
    # django-csp: only for its system checks, which catch policy settings in its pre-4.0 format.
    "csp",
    "imagekit",
    "reversion",
    "reversion_compare",
    # Backups of the database and the uploaded files (manage.py backup / restore, portal/backups.py).
    "dbbackup",
    # django-axes (failed logins and lockouts), under a Vietnamese name in the admin.
    "accounts.apps.LoginAttemptsConfig",
    "accounts",
    "articles",
    "articles.documents",
    "articles.pages",
    "articles.questions",
    "portal.identity",
    # The project package itself: the database cache's table (CACHES below), `backup` and `restore`.
    "portal",
]

MIDDLEWARE = [
    # First, so everything below (the questions' per-address limit, logs) sees the reader's address.
    "portal.proxy.ForwardedClientAddressMiddleware",
    # /healthz, before the HTTPS redirect and the Host check: load balancers probe by address over HTTP.
    "portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before the rest: a reader's view beacon needs no static files, page cache, session, CSRF or auth.
    "articles.counting.middleware.ReaderBeaconMiddleware",
    # Above everything a stored page needs no more: the policies' headers below are stored with the page
    # (under the settings that made them: see portal/page_cache.py), and a hit for an anonymous reader costs
    # none of the session, CSRF and auth work. The HTTPS redirect and its headers stay above.
    "portal.page_cache.PageCacheMiddleware",
    "portal.headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after auth: tells whether this session's user also gave the second step (user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Innermost, so the page it puts into a bare 405 still gets every header the middleware above adds.
    "portal.errors.MethodNotAllowedPageMiddleware",
    # Last, as django-axes asks: it turns a login refused for a lockout into the page of accounts/lockout.py.
    "axes.middleware.AxesMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, except that a worker stops waiting on a server it failed to reach (portal/outage.py).
    DATABASES["default"]["ENGINE"] = "portal.postgresql"
    # libpq would wait for ever on a server that does not answer; it takes no less than 2 seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=2)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent readers and a writer (the view counter) must not fail with "database is locked". In WAL
    # mode, synchronous=NORMAL syncs the disk at checkpoints instead of on every commit: a power cut may
    # lose the last commits, never corrupt the file, and each counted view costs a write, not a disk flush.
    # SQLite copies the log into the database (a checkpoint, and those syncs) inside the commit that crosses
    # wal_autocheckpoint pages, while every other writer waits. Workers do most of that copying themselves,
    # outside their lock (articles/counting/writers.py); SQLite's own, only needed to bring the log back to
    # its start, comes every 4,000 pages (a log of up to 16 MB) instead of 1,000 and finds little left.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=4000;"
            ),
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
# Each worker also serves recent pages from its own memory while it learns of every new content version at
# once (portal/page_memory.py): through Redis, or, on SQLite with the database cache, through this file
# beside the database, which every worker can read because they all run on the database's machine.
_SQLITE_FILE = str(DATABASES["default"]["NAME"])
PAGE_VERSION_FILE = env.str(
    "PAGE_VERSION_FILE",
    default=f"{_SQLITE_FILE}.page-version"
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    and CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    and _SQLITE_FILE not in {"", ":memory:"}
    and not _SQLITE_FILE.startswith("file:")
    else "",
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Every account can publish on the unit's official site. Messages in Vietnamese: portal/locale.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        # The name the newsroom signs with is the first thing a guesser would try.
        "OPTIONS": {"user_attributes": ["username", "display_name", "first_name", "last_name", "email"]},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
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
# Backups (`manage.py backup` and `restore`, portal/backups.py, made by django-dbbackup): the database and
# MEDIA_ROOT, gzipped, in BACKUP_DIR, where each new backup leaves the BACKUP_KEEP newest. A dump holds every
# account's password hash, so the folder and its files are the site's user's alone (0700, 0600), and `backup`
# refuses a folder inside MEDIA_ROOT or STATIC_ROOT, which the web server hands to anyone.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
STORAGES["dbbackup"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": BACKUP_DIR, "file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
}
# Both halves of a backup carry the time it was made: db-2025-06-01-020000.psql.bin.gz (or .sqlite3.gz) and
# media-2025-06-01-020000.tar.gz; `restore` takes them as a pair.
DBBACKUP_FILENAME_TEMPLATE = "db-{datetime}.{extension}"
DBBACKUP_MEDIA_FILENAME_TEMPLATE = "media-{datetime}.{extension}"
DBBACKUP_CLEANUP_KEEP = BACKUP_KEEP
# SQLite is copied and restored through its online backup API both ways (portal/backups.py says why);
# PostgreSQL, under the site's own backend (DATABASES above), by pg_dump and pg_restore as the library does.
DBBACKUP_CONNECTOR_MAPPING = {
    "django.db.backends.sqlite3": "portal.backups.SqliteConnector",
    "portal.postgresql": "dbbackup.db.postgresql.PgDumpBinaryConnector",
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

# Two-step sign-in (django-otp): with REQUIRE_2FA on, superusers, administrators and approvers get into the
# admin only after a code from an authenticator app or a one-time recovery code (accounts/two_factor.py,
# enforced by portal/admin_site.py). Off by default while DEBUG is on, so a local demo signs in with the
# password alone.
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=not DEBUG)

# Guessing passwords (django-axes): AXES_FAILURE_LIMIT wrong passwords for one account from one address lock
# that pair out for AXES_COOLOFF_MINUTES, counted again from each further try; while locked, even the right
# password is refused with a 429 page (accounts/lockout.py). Locking the pair, not the account, means a
# stranger cannot lock a journalist out from elsewhere. Attempts and lockouts are kept in the database and
# shown in the admin ("Đăng nhập"), where an administrator can unlock; `manage.py axes_reset_username NAME`
# does the same from a shell, and so does resetting one's password by email.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
# REMOTE_ADDR as portal/proxy.py leaves it: the address nginx saw, never a header the client wrote.
AXES_CLIENT_IP_CALLABLE = "portal.limits.client_address"
# One row per failed login, kept after the lockout ends (the attempts themselves are forgotten then):
# the history an administrator reads after an incident. Prune with `manage.py axes_reset_failure_logs`.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# accounts/admin.py shows them instead, with "Mở khóa đăng nhập" as an action of its own.
AXES_ENABLE_ADMIN = False

# "Quên mật khẩu?" on the admin's login page (accounts/password_reset.py): a link by email, valid this long,
# once. An address may ask PASSWORD_RESETS_PER_ADDRESS_PER_HOUR times an hour, so the form cannot be used
# to flood a colleague's mailbox.
PASSWORD_RESET_TIMEOUT = 60 * 60
PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = env.int("PASSWORD_RESETS_PER_ADDRESS_PER_HOUR", default=5)
# Mail: EMAIL_URL such as smtp+tls://user:password@mail.example.vn:587 (django-environ); by default messages
# are printed to the app server's log, which is enough to try the reset locally.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A form sent without its token (often: a page left open past its cookie) gets the site's Vietnamese page.
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"

SESSION_COOKIE_HTTPONLY = True
# Only staff have sessions (readers never log in), so these cost readers nothing. A staff session ends when
# the browser closes, or after SESSION_COOKIE_AGE seconds without a request (a working day by default):
# saving it on every request is what makes the age count from the last request, not from the login. Django
# gives a new session key at login, so a key planted before it is worthless.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS at nginx (BEHIND_HTTPS_PROXY): Django believes its X-Forwarded-Proto, sends a plain-HTTP request to
# the HTTPS address and tells browsers (HSTS) to use nothing but HTTPS here, subdomains included, for a year.
# Preloading HSTS into browsers stays off unless asked for (security.W021 is silenced below): it binds the
# whole registered domain, often the province's own, for months, which is not the district's to decide.
BEHIND_HTTPS_PROXY = env.bool("BEHIND_HTTPS_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS_PROXY else None
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=BEHIND_HTTPS_PROXY)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60 if SECURE_SSL_REDIRECT else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)

# What a page may load and do (django-csp; relaxed for the admin and the editor only, see portal/headers.py).
# No nonce anywhere: the page cache stores readers' pages whole. Photos come from this site or MEDIA_URL's
# host; CSP_IMAGE_SOURCES adds others (e.g. "https:" to show photos that articles link from other sites).
_MEDIA_ORIGIN = re.match(r"https?://[^/]+", MEDIA_URL)
_IMAGE_SOURCES = [SELF, "data:", *([_MEDIA_ORIGIN[0]] if _MEDIA_ORIGIN else [])]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [*_IMAGE_SOURCES, *env.list("CSP_IMAGE_SOURCES", default=[])],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": SECURE_SSL_REDIRECT,
        # The address of portal.csp_reports.csp_report, written out: django-csp builds the header on every
        # answer, and resolving a reverse_lazy() there cost more than the rest of the header together.
        "report-uri": "/csp-report/",
    },
}
# Reports are logged (portal/csp_reports.py); one address may send this many a minute.
CSP_REPORTS_PER_ADDRESS_PER_MINUTE = env.int("CSP_REPORTS_PER_ADDRESS_PER_MINUTE", default=30)
# Powerful browser features no page here uses are refused to every page and anything it embeds. Only names
# Chromium knows: it logs an error for any other (Bluetooth's, for one, which Chromium has no policy for).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# Who hears of a weakness found in the site (/.well-known/security.txt): comma-separated e-mail addresses or
# URLs; empty, the e-mail in the unit's profile.
SECURITY_CONTACT = env.list("SECURITY_CONTACT", default=[])
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
# security.W021 (HSTS not preloaded) is silenced because preloading is left to whoever runs the registered
# domain (SECURE_HSTS_PRELOAD, with the HTTPS settings above).
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001", "security.W021"]

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
# The name a phone's authenticator app lists a newsroom account under (two-step sign-in, above).
OTP_TOTP_ISSUER = SITE_PROFILE_DEFAULTS["unit_name"]

# Questions from citizens (Hỏi đáp): how many one address may send in an hour, and how many a list page shows.
QUESTIONS_PER_ADDRESS_PER_HOUR = env.int("QUESTIONS_PER_ADDRESS_PER_HOUR", default=5)
# Searches one address may run in a minute (a reader paging through results runs one per page).
SEARCHES_PER_ADDRESS_PER_MINUTE = env.int("SEARCHES_PER_ADDRESS_PER_MINUTE", default=30)
QUESTIONS_PER_PAGE = 10
