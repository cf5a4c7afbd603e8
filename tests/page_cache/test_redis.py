"""The page cache on Redis, as production runs it: shared by every worker, forgotten at once by a bump."""

import pytest
from django.test import Client

from articles.models import Article
from portal import page_cache
from portal.page_cache import bump_content_version
from tests.factories import ArticleFactory, CategoryFactory

from .conftest import outcome

pytestmark = pytest.mark.django_db


def test_a_page_from_redis_takes_no_query(redis_cache, django_assert_num_queries):
    article = ArticleFactory()
    reader = Client()
    assert outcome(reader.get(article.get_absolute_url())) == "MISS"
    with django_assert_num_queries(0):
        response = reader.get(article.get_absolute_url())
    assert outcome(response) == "HIT"
    assert article.title in response.content.decode()


def test_a_bump_reaches_every_worker_through_redis(redis_cache):
    article = ArticleFactory()
    reader = Client()
    reader.get(article.get_absolute_url())
    token, _expires = redis_cache.get(page_cache.VERSION_KEY)
    bump_content_version()
    assert redis_cache.get(page_cache.VERSION_KEY)[0] != token
    assert outcome(reader.get(article.get_absolute_url())) == "MISS"


def test_a_save_with_redis_down_still_saves(settings, caplog):
    category = CategoryFactory()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/6",
        },
    }
    article = ArticleFactory(category=category)  # the bump finds no cache: logged, and the save goes through
    assert Article.objects.filter(pk=article.pk).exists()
    assert [r for r in caplog.records if "Page cache unavailable" in r.getMessage()]
