"""With the shared cache on Redis and Redis down, readers are still served (portal/cache.py)."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory
from tests.questions.factories import ask_form

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every connection is refused at once.
NOWHERE = "redis://127.0.0.1:1/0"
PHONE_BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.cache.FailSoftRedisCache",
            "LOCATION": NOWHERE,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    settings.VIEW_BUFFER_URL = NOWHERE


def test_reading_pages_are_served(client, redis_down):
    article = ArticleFactory(status=Article.Status.PUBLISHED)
    for url in [
        "/",
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        "/van-ban/",
        "/hoi-dap/",
    ]:
        assert client.get(url).status_code == 200, url


def test_healthz_reports_the_cache_failing_and_the_site_up(client, redis_down):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "fail"}


def test_a_view_is_still_counted_in_the_database(client, redis_down):
    article = ArticleFactory(status=Article.Status.PUBLISHED, view_count=7)
    response = client.post(
        reverse("articles:count_view", kwargs={"pk": article.pk}),
        HTTP_USER_AGENT=PHONE_BROWSER,
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert (response.json()["views"], article.view_count) == (8, 8)


def test_a_reader_can_still_ask_a_question(client, redis_down):
    response = client.post(reverse("questions:ask"), ask_form())
    assert response.status_code == 302


def test_saving_what_pages_show_still_works(admin_client, redis_down):
    article = ArticleFactory(status=Article.Status.PUBLISHED)
    article.title = "Đã sửa khi Redis ngừng"
    article.save()
    assert Article.objects.get(pk=article.pk).title == "Đã sửa khi Redis ngừng"


@pytest.mark.redis
def test_with_redis_up_it_is_an_ordinary_cache(settings):
    from django.core.cache import caches

    from tests.conftest import REDIS_URL

    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "portal.cache.FailSoftRedisCache", "LOCATION": f"{REDIS_URL}/9"},
    }
    cache = caches["default"]
    cache.set("portal-test", {"a": 1}, 30)
    assert cache.get("portal-test") == {"a": 1}
    assert cache.add("portal-test", 2) is False
    cache.delete("portal-test")
    assert cache.get("portal-test", "gone") == "gone"
