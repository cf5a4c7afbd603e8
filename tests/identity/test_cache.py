"""The identity is built from a few queries once per change, then read from the cache: one read per page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.pages.models import Page
from portal.identity import current
from portal.identity.current import site_identity
from portal.identity.models import AgencyLink, MenuItem, SiteProfile
from portal.page_cache import bump_content_version
from tests.factories import ArticleFactory, CategoryFactory

from .profiles import WARD

pytestmark = pytest.mark.django_db

# The profile, the menu entries, the published pages, the category tree and the agency links.
BUILD_QUERIES = 5


def _portal(size):
    SiteProfile.objects.create(**WARD)
    parents = [CategoryFactory(name=f"Chuyên mục {n}") for n in range(size)]
    for parent in parents:
        CategoryFactory(name=f"Con của {parent.name}", parent=parent)
    for n in range(size):
        AgencyLink.objects.create(name=f"Cơ quan {n}", url=f"https://co-quan-{n}.vn")
        page = Page.objects.create(title=f"Trang {n}", slug=f"trang-{n}")
        MenuItem.objects.create(kind="page", page=page, position=n)
        MenuItem.objects.create(kind="category", category=parents[n], position=n)
    MenuItem.objects.create(kind="categories", position=size)


@pytest.mark.parametrize("size", [2, 20])
def test_building_it_takes_the_same_queries_however_many_entries(size, django_assert_num_queries):
    _portal(size)
    cache.clear()

    with django_assert_num_queries(BUILD_QUERIES):
        identity = site_identity()

    assert len(identity.agency_links) == size


def test_once_built_a_page_reads_it_from_the_cache_without_a_query(client, django_assert_num_queries):
    _portal(3)
    client.get("/")

    with django_assert_num_queries(0):
        site_identity()


@pytest.fixture
def database_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"},
    }


@pytest.mark.parametrize("page", ["home", "article", "feed"])
def test_with_the_database_cache_a_page_reads_it_in_one_query(client, database_cache, page):
    _portal(3)
    url = {
        "home": "/",
        "article": ArticleFactory(byline="").get_absolute_url(),  # the publisher and author name the unit
        "feed": "/rss/",
    }[page]
    client.get(url)
    bump_content_version()  # the page itself is rendered again, not served whole from the page cache

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    sql = [query["sql"] for query in queries]
    assert len([q for q in sql if "portal_cache" in q and current.CACHE_KEY in q]) == 1
    assert not [q for q in sql if "identity_" in q]


def test_admin_pages_do_not_read_it(client, superuser):
    client.force_login(superuser)
    client.get("/quan-tri/")
    _portal(1)

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/quan-tri/").status_code == 200

    assert not [query["sql"] for query in queries if "identity_" in query["sql"]]
    assert current.cached_identity() is None


@pytest.mark.parametrize(
    "change",
    [
        lambda: SiteProfile.objects.update_or_create(
            pk=SiteProfile.objects.get().pk, defaults={"phone": "1"}
        ),
        lambda: MenuItem.objects.create(kind="home"),
        lambda: AgencyLink.objects.first().delete(),
        lambda: CategoryFactory(name="Chuyên mục mới"),
        lambda: Page.objects.create(title="Trang mới", slug="trang-moi"),
    ],
    ids=["profile", "menu entry", "agency link", "category", "page"],
)
def test_saving_what_it_is_built_from_forgets_it(change):
    _portal(1)
    site_identity()

    change()

    assert current.cached_identity() is None
