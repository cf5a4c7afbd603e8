"""The admin's words that Django's own Vietnamese gets wrong, as the project translates them."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_article_page_links_to_its_history_as_lich_su(admin_client):
    article = ArticleFactory()

    page = admin_client.get(f"/quan-tri/articles/article/{article.pk}/change/").content.decode()

    assert ">Lịch sử</a>" in page
    assert "Bản ghi nhớ" not in page
