"""The library's pages and the article page make a fixed number of SQL queries, however many documents."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from articles.documents.models import Document, DocumentFile, DocumentKind
from portal.page_cache import bump_content_version
from tests.documents.factories import pdf_file
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# The site's identity (profile, menu entries, standing pages, category tree, agency links): built by the first
# page after a change, then read from the shared cache (tests/identity/test_cache.py). Every test starts with
# an empty cache, so each count below includes it once.
IDENTITY_QUERIES = 5
# "Đọc nhiều nhất" in the sidebar, built once then cached: with no views per day yet, the 30-day ranking
# (empty) and the all-time one standing in for it (articles/popular.py).
MOST_VIEWED_QUERIES = 2
# kinds (the filter's choices), issuers, years, count, the page's documents, their files
LIST_QUERIES = IDENTITY_QUERIES + MOST_VIEWED_QUERIES + 6
# the same, and the kind chosen in the filter, checked
FILTERED_LIST_QUERIES = IDENTITY_QUERIES + MOST_VIEWED_QUERIES + 7
# document with its kind, its files, related articles
DETAIL_QUERIES = IDENTITY_QUERIES + MOST_VIEWED_QUERIES + 3
# article, gallery, related documents, other articles (the view is counted by the page's script)
ARTICLE_QUERIES = IDENTITY_QUERIES + MOST_VIEWED_QUERIES + 4


@pytest.fixture(params=[5, 120], ids=["5-documents", "120-documents"])
def library(request):
    """`request.param` public documents of every kind, issuer and year, each with two files."""
    kinds = list(DocumentKind.objects.all())
    stored = DocumentFile(file=pdf_file())
    stored.file.save("van-ban.pdf", pdf_file(), save=False)
    now = timezone.now()
    documents = Document.objects.bulk_create(
        Document(
            number=f"{n + 1}-KL/HU",
            slug=f"van-ban-{n + 1}",
            kind=kinds[n % len(kinds)],
            issuer=f"Cơ quan {n % 4}",
            issued_on=date(2018, 1, 1) + timedelta(days=37 * n),
            summary=f"Trích yếu văn bản số {n + 1}",
            search_text=f" {n + 1} kl hu trich yeu van ban so {n + 1} ",
            status=Document.Status.PUBLISHED,
            published_at=now - timedelta(hours=1),
        )
        for n in range(request.param)
    )
    DocumentFile.objects.bulk_create(
        DocumentFile(
            document=document,
            file=stored.file.name,
            original_name=f"Văn bản {document.number}.pdf",
            file_type="pdf",
            size=1000,
            order=order,
        )
        for document in documents
        for order in (1, 2)
    )
    bump_content_version()  # bulk_create sends no signal; the counts below are the pages, not the cache setup
    return documents


def test_list_query_count_is_fixed(client, library, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/van-ban/", {"page": 1})
    assert response.status_code == 200
    assert response.content.decode().count('class="documents__number"') == min(len(library), 20)


def test_filtered_list_query_count_is_fixed(client, library, django_assert_num_queries):
    kind = library[0].kind
    with django_assert_num_queries(FILTERED_LIST_QUERIES):
        response = client.get(
            "/van-ban/", {"kind": kind.pk, "year": "2018", "q": "trich yeu", "issuer": "Cơ quan 0"}
        )
    assert response.status_code == 200


def test_detail_query_count_is_fixed(client, library, django_assert_num_queries):
    document = library[0]
    for article in ArticleFactory.create_batch(3):
        article.related_documents.add(document)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(document.get_absolute_url())
    assert response.status_code == 200


def test_article_page_query_count_does_not_grow_with_related_documents(
    client, library, django_assert_num_queries
):
    article = ArticleFactory()
    article.related_documents.set(library)
    with django_assert_num_queries(ARTICLE_QUERIES):
        response = client.get(article.get_absolute_url())
    assert response.content.decode().count('class="document-links__date"') == len(library)
