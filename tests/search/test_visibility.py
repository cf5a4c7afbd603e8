"""Only what readers may see is ever found: no drafts, pending, scheduled, unpublished or trashed items."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.documents.factories import DocumentFactory
from tests.factories import ArticleFactory

from .conftest import document_links, hit_titles

pytestmark = pytest.mark.django_db

NOW = timezone.now()
HIDDEN_ARTICLES = {
    "draft": {"status": Article.Status.DRAFT, "published_at": None},
    "pending": {"status": Article.Status.PENDING, "published_at": None},
    "scheduled": {"published_at": NOW + timedelta(days=1)},
    "unpublished": {"status": Article.Status.UNPUBLISHED},
    "trashed": {"deleted_at": NOW},
}


@pytest.mark.parametrize("state", HIDDEN_ARTICLES)
def test_article_readers_may_not_see_is_never_found(search, state):
    ArticleFactory(title="Bí mật chưa đăng", **HIDDEN_ARTICLES[state])
    ArticleFactory(title="Tin đã đăng về bí mật quân sự")
    assert hit_titles(search("bi mat")) == ["Tin đã đăng về bí mật quân sự"]


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"status": Article.Status.PENDING, "published_at": None},
        {"status": Article.Status.UNPUBLISHED},
        {"published_at": NOW + timedelta(days=1)},
    ],
    ids=["draft", "pending", "unpublished", "scheduled"],
)
def test_document_readers_may_not_see_is_never_found(search, fields):
    hidden = DocumentFactory(number="99-NQ/HU", summary="Về công tác bảo mật", **fields)
    shown = DocumentFactory(number="98-NQ/HU", summary="Về công tác bảo mật đã công bố")
    response = search("bao mat")
    assert document_links(response) == [shown.get_absolute_url()]
    assert hidden.get_absolute_url() not in response.content.decode()


def test_hidden_articles_do_not_count(search):
    ArticleFactory(title="Bí mật nháp", status=Article.Status.DRAFT, published_at=None)
    assert "0 bài viết" in search("bi mat").content.decode()
