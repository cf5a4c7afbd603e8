import os

import pytest
from django.db import connection

# CI must run every test; on a user's machine, tests needing what isn't installed skip and say why.
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "postgresql":
        return
    postgres_only = [item for item in items if item.get_closest_marker("postgres")]
    if not postgres_only:
        return
    if IN_CI:
        # CI runs these in its PostgreSQL pass (.ci/run fails if that server is unreachable), so the SQLite
        # pass leaves them out rather than reporting them as skipped.
        config.hook.pytest_deselected(items=postgres_only)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]
        return
    reason = (
        "needs PostgreSQL: run with DATABASE_URL=postgres://USER@127.0.0.1:5432/DB "
        f"(this run uses {connection.vendor})"
    )
    for item in postgres_only:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _media_root_is_temporary(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached lists (most viewed) must not leak from one test into the next.
    from django.core.cache import cache

    cache.clear()
