import os

import pytest
from django.db import connection

from accounts.roles import Role
from tests.factories import UserFactory, staff_in_role

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


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")


def _redis_unavailable_reason():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        return f"needs Redis at {REDIS_URL} (TEST_REDIS_URL): {error}"
    return None


@pytest.fixture(autouse=True)
def _redis_for_marked_tests(request):
    if request.node.get_closest_marker("redis") is None:
        return
    reason = _redis_unavailable_reason()
    if reason and IN_CI:
        pytest.fail(f"Redis tests must run in CI: {reason}")
    if reason:
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _media_root_is_temporary(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_caches():
    # Cached lists (most viewed, the site's identity) must not leak from one test into the next, nor the
    # renditions cache's "this file exists": each test has its own MEDIA_ROOT, so a rendition made in an
    # earlier test's folder is missing from this one's.
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


# --- the newsroom's people: one staff member per role, as an administrator would set them up ---------------


@pytest.fixture
def contributor(db):
    return staff_in_role(Role.CONTRIBUTOR, username="ctv", display_name="Nguyễn Văn An")


@pytest.fixture
def editor(db):
    return staff_in_role(Role.EDITOR, username="btv", display_name="Lê Thị Hoa")


@pytest.fixture
def approver(db):
    return staff_in_role(Role.APPROVER, username="lanhdao", display_name="Trần Văn Bình")


@pytest.fixture
def administrator(db):
    return staff_in_role(Role.ADMINISTRATOR, username="quantri")


@pytest.fixture
def superuser(db):
    return UserFactory(username="sieuquantri", is_staff=True, is_superuser=True)


@pytest.fixture
def superuser_client(client, superuser):
    """The test client, logged in as a superuser (who may do everything in the admin)."""
    client.force_login(superuser)
    client.user = superuser
    return client
