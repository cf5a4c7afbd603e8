"""The site's own settings with one addition, for scripts/benchmark.py only: a bare view to measure against.

Every middleware, the database and the cache stay as production has them, so the bare view costs what
Django itself costs on this machine, and the pages' figures are read as a share of it.
"""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "scripts.benchmark_urls"
