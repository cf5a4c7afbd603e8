"""The results page makes a fixed number of SQL queries, however many articles and documents match."""

import pytest
from django.db import connection

from tests.documents.factories import DocumentFactory
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

# The site's identity (profile, menu entries, standing pages, category tree, agency links): built by the first
# page after a change, then read from the shared cache (tests/identity/test_cache.py). Every test starts with
# an empty cache, so each count below includes it once.
IDENTITY_QUERIES = 5
# "Đọc nhiều nhất" in the sidebar, built once then cached: with no views per day yet, the 30-day ranking
# (empty) and the all-time one standing in for it (articles/popular.py).
MOST_VIEWED_QUERIES = 2
# the category tree (the filter's choices), the ranked window of matches, the page of articles, document
# count, the documents shown above the articles
RESULTS_QUERIES = IDENTITY_QUERIES + MOST_VIEWED_QUERIES + 5
# the category tree, the ranked window (for the articles' count), document count, the page of documents
DOCUMENT_TAB_QUERIES = IDENTITY_QUERIES + MOST_VIEWED_QUERIES + 4
# the category and its sub-categories, on top of the above
CATEGORY_FILTER_QUERIES = 1
# PostgreSQL takes the window from the text index in a transaction of its own (savepoint, SET LOCAL,
# release; articles/search/ranking.py), after looking up where the newest articles start (then kept a
# minute in the cache).
POSTGRESQL_WINDOW_QUERIES = 3
POSTGRESQL_RECENT_QUERIES = 1


def extra(*, recent=True):
    if connection.vendor != "postgresql":
        return 0
    return POSTGRESQL_WINDOW_QUERIES + (POSTGRESQL_RECENT_QUERIES if recent else 0)


@pytest.fixture(params=[3, 40], ids=["3-hits", "40-hits"])
def matches(request):
    parent = CategoryFactory(name="Xây dựng Đảng")
    child = CategoryFactory(name="Công tác kiểm tra", parent=parent)
    for n in range(request.param):
        ArticleFactory(
            title=f"Đảng bộ xã số {n}",
            category=child if n % 2 else parent,
            body=f"<p>Đại hội <strong>Đảng bộ</strong> lần thứ {n}.</p>" * 20,
        )
        DocumentFactory(summary=f"Về công tác xây dựng Đảng bộ số {n}")
    ArticleFactory.create_batch(5, title="Tin khác")
    return parent


def test_results_page_query_count_is_fixed(client, matches, django_assert_num_queries):
    with django_assert_num_queries(RESULTS_QUERIES + extra()):
        response = client.get("/tim-kiem/", {"q": "dang bo"})
    assert response.status_code == 200


def test_later_results_page_query_count_is_fixed(client, matches, django_assert_num_queries, settings):
    settings.ARTICLES_PER_PAGE = 2
    # Documents are shown above the first page of articles only.
    with django_assert_num_queries(RESULTS_QUERIES - 1 + extra()):
        client.get("/tim-kiem/", {"q": "dang bo", "page": 2})


def test_documents_tab_query_count_is_fixed(client, matches, django_assert_num_queries):
    with django_assert_num_queries(DOCUMENT_TAB_QUERIES + extra()):
        client.get("/tim-kiem/", {"q": "dang bo", "loai": "van-ban"})


def test_filtered_results_page_query_count_is_fixed(client, matches, django_assert_num_queries):
    # A category search has no documents: one query for the category instead of two for documents, and
    # never walks the newest articles of the whole site (articles/search/ranking.py).
    with django_assert_num_queries(RESULTS_QUERIES - 2 + CATEGORY_FILTER_QUERIES + extra(recent=False)):
        client.get("/tim-kiem/", {"q": "dang bo", "chuyen-muc": matches.slug, "tu": "2000-01-01"})
