"""Malformed addresses and parameters give a 404 or a real page, never a server error."""

import pytest
from django.test import Client
from django.views.defaults import server_error

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    # A real user's browser gets the error page, not an exception.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "path",
    [
        "/bai-viet/0/",
        "/bai-viet/999999/khong-co/",
        "/bai-viet/99999999999999999999/",
        "/bai-viet/99999999999999999999/abc/",
        "/bai-viet/-1/abc/",
        "/bai-viet/abc/",
        "/bai-viet/1%00/",
        "/chuyen-muc/%E1%BA%A1/",
        "/chuyen-muc/%ff%fe/",
        "/chuyen-muc/" + "a" * 5000 + "/",
        "/" + "x/" * 2000,
        "/bai-viet/1/../../etc/passwd",
        "/media/../portal/settings.py",
    ],
)
def test_malformed_paths_are_404(client, path):
    assert client.get(path).status_code == 404


def test_non_utf8_query_string_is_harmless(client):
    article = ArticleFactory()
    category_url = article.category.get_absolute_url()
    for url in ("/", category_url, article.get_absolute_url()):
        response = client.get(url, QUERY_STRING="page=%ff%fe&q=%c3%28")
        assert response.status_code == 200, url


def test_over_long_slug_on_a_real_article_redirects(client):
    article = ArticleFactory()
    response = client.get(f"/bai-viet/{article.pk}/{'x' * 3000}/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_server_error_page_is_vietnamese_and_needs_no_database(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()
