"""The portal's settings, as production reads them, plus what only a test run needs."""

import os
import tempfile

# Tests run with DEBUG off, like production, so they need a key; a real deployment never uses this one.
os.environ.setdefault("SECRET_KEY", "tests-only-key-not-used-anywhere-else")
# Never a BACKUP_DIR from the environment or .env: the backup tests empty this folder (tests/backups/).
os.environ["BACKUP_DIR"] = os.path.join(tempfile.gettempdir(), f"portal-test-backups-{os.getpid()}")

from portal.settings import *  # noqa: E402, F403

# Uploaded files of a test run must not land in the project's media folder.
# (tests/conftest.py gives each test its own folder; this one only catches code that runs before that.)
MEDIA_ROOT = os.path.join(tempfile.gettempdir(), "portal-test-media")
# Most tests sign staff in with force_login, the password alone; the two-step tests turn this on themselves.
REQUIRE_2FA = False
# Hashing passwords slowly is a production safeguard that only slows the suite.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The suite empties the cache before every test (conftest.py), also in tests that may not use the database,
# and must never empty a running site's cache (a CACHE_URL in .env): each test run gets its own, in memory.
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
# Pages in the workers' memory are tested on their own (tests/page_cache/test_page_memory.py).
PAGE_VERSION_FILE = ""
