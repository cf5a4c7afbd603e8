"""Anonymous readers' pages are served whole from the cache, with headers that let browsers revalidate."""

import logging

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from portal import page_cache
from portal.page_cache import PageCacheMiddleware
from tests.documents.factories import DocumentFactory
from tests.factories import ArticleFactory, CategoryFactory
from tests.questions.factories import QuestionFactory

from .conftest import outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(title="Hội nghị Ban Chấp hành Đảng bộ huyện")


def reading_pages(article):
    document = DocumentFactory()
    question = QuestionFactory()
    return [
        reverse("articles:home"),
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        reverse("documents:list"),
        document.get_absolute_url(),
        reverse("questions:list"),
        question.get_absolute_url(),
        reverse("pages:site_map"),
    ]


def test_every_reading_page_is_stored_then_served_from_the_cache(reader, article):
    for url in reading_pages(article):
        first, second = reader.get(url), reader.get(url)
        assert (first.status_code, outcome(first)) == (200, "MISS"), url
        assert (second.status_code, outcome(second)) == (200, "HIT"), url
        assert second.content == first.content, url


def test_a_page_from_the_cache_takes_no_query(reader, article, django_assert_num_queries):
    reader.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        response = reader.get(article.get_absolute_url())
    assert outcome(response) == "HIT"
    assert article.title in response.content.decode()


def test_the_page_from_the_cache_keeps_the_headers_of_the_page(reader, article):
    rendered = reader.get(article.get_absolute_url())
    cached = reader.get(article.get_absolute_url())
    for header in ("Content-Type", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert cached[header] == rendered[header], header
    assert cached["Content-Length"] == str(len(cached.content))


def test_browsers_revalidate_and_a_proxy_keeps_it_briefly(reader, article):
    for response in (reader.get("/"), reader.get("/")):
        assert response["Cache-Control"] == f"public, max-age=0, s-maxage={page_cache.PROXY_SECONDS}"
        assert response["ETag"].startswith('"') and response["Last-Modified"].endswith("GMT")


def test_an_unchanged_page_is_answered_304_on_its_etag(reader, article):
    etag = reader.get("/")["ETag"]
    response = reader.get("/", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert reader.get("/", headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_an_unchanged_page_is_answered_304_on_its_date(reader, article):
    last_modified = reader.get("/")["Last-Modified"]
    assert reader.get("/", headers={"If-Modified-Since": last_modified}).status_code == 304


def test_head_is_served_from_the_cache_without_a_body(reader, article):
    body = reader.get(article.get_absolute_url()).content
    response = reader.head(article.get_absolute_url())
    assert (response.status_code, outcome(response)) == (200, "HIT")
    assert response.content == b""
    assert response["Content-Length"] == str(len(body))


def test_the_address_by_id_is_stored_as_its_redirect(reader, article):
    url = reverse("articles:article_by_id", kwargs={"pk": article.pk})
    reader.get(url)
    response = reader.get(url)
    assert (response.status_code, outcome(response)) == (301, "HIT")
    assert response["Location"] == article.get_absolute_url()


def test_each_query_string_is_its_own_page(reader):
    category = CategoryFactory()
    ArticleFactory.create_batch(13, category=category)
    first = reader.get(category.get_absolute_url(), {"page": 1})
    second = reader.get(category.get_absolute_url(), {"page": 2})
    assert (outcome(first), outcome(second)) == ("MISS", "MISS")
    assert first.content != second.content
    assert outcome(reader.get(category.get_absolute_url(), {"page": 2})) == "HIT"


def test_tracking_parameters_of_shared_links_read_the_same_page(reader, article):
    url = article.get_absolute_url()
    reader.get(url)
    for shared in (f"{url}?fbclid=IwAR3x", f"{url}?utm_source=zalo&utm_medium=social", f"{url}?zarsrc=30"):
        assert outcome(reader.get(shared)) == "HIT", shared


def test_other_parameters_stay_once_tracking_ones_are_dropped(reader):
    category = CategoryFactory()
    ArticleFactory.create_batch(13, category=category)
    reader.get(category.get_absolute_url(), {"page": 2})
    response = reader.get(category.get_absolute_url(), {"page": 2, "fbclid": "abc"})
    assert outcome(response) == "HIT"


def test_a_very_long_query_string_is_served_but_never_stored(reader):
    url = "/?" + "x=" + "a" * page_cache.MAX_QUERY_LENGTH
    assert reader.get(url).status_code == 200
    response = reader.get(url)
    assert response.status_code == 200 and outcome(response) is None


def test_post_is_never_served_from_the_cache(reader, article):
    reader.get("/")
    response = reader.post("/")
    assert response.status_code == 405 and outcome(response) is None


def test_error_pages_are_never_stored(reader, article):
    url = f"/bai-viet/{article.pk + 1000}/khong-co/"
    for _ in range(2):
        response = reader.get(url)
        assert response.status_code == 404 and outcome(response) is None


def test_search_is_never_cached(reader, article):
    for _ in range(2):
        response = reader.get("/tim-kiem/", {"q": "hội nghị"})
        assert response.status_code == 200 and outcome(response) is None


def test_the_view_counting_endpoints_are_never_cached(reader, article):
    for _ in range(2):
        beacon = reader.post(f"/bai-viet/{article.pk}/luot-xem/")
        pixel = reader.get(f"/bai-viet/{article.pk}/luot-xem.gif")
        assert outcome(beacon) is None and outcome(pixel) is None
    assert not {"articles:count_view", "articles:count_view_pixel"} & page_cache.CACHED_VIEWS


def test_the_question_form_is_never_cached(reader):
    for _ in range(2):
        response = reader.get(reverse("questions:ask"))
        assert response.status_code == 200 and outcome(response) is None


# --- what a view answers decides whether it is stored ------------------------------------------------------


def _through_middleware(response):
    request = RequestFactory().get("/")
    return PageCacheMiddleware(lambda request: response)(request)


@pytest.mark.parametrize(
    "mark",
    [
        lambda response: response.set_cookie("csrftoken", "abc"),
        lambda response: response.headers.__setitem__("Cache-Control", "private"),
        lambda response: response.headers.__setitem__("Cache-Control", "no-store"),
        lambda response: response.headers.__setitem__("Vary", "Cookie"),
    ],
    ids=["sets-a-cookie", "private", "no-store", "varies-on-cookie"],
)
def test_a_personal_answer_is_never_stored(mark):
    response = HttpResponse("<p>Trang của một người</p>")
    mark(response)
    assert outcome(_through_middleware(response)) is None
    # The next reader gets their own page, not the first one's.
    other = _through_middleware(HttpResponse("<p>Trang của mọi người</p>"))
    assert (outcome(other), other.content.decode()) == ("MISS", "<p>Trang của mọi người</p>")


# --- the cache failing never fails a page ------------------------------------------------------------------


def test_with_the_cache_unreachable_pages_are_served_uncached(reader, article, monkeypatch, caplog):
    def unreachable(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(cache, "get_many", unreachable)
    with caplog.at_level(logging.WARNING, logger="portal.page_cache"):
        responses = [reader.get(article.get_absolute_url()) for _ in range(3)]
    assert [(response.status_code, outcome(response)) for response in responses] == [(200, None)] * 3
    assert article.title in responses[-1].content.decode()
    assert len([r for r in caplog.records if "unavailable" in r.getMessage()]) == 1


def test_a_page_that_cannot_be_stored_is_still_served(reader, article, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("Connection refused.")

    monkeypatch.setattr(cache, "set", unreachable)
    response = reader.get(article.get_absolute_url())
    assert (response.status_code, outcome(response)) == (200, None)
