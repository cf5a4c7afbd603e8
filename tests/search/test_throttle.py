"""One address may search SEARCHES_PER_ADDRESS_PER_MINUTE times a minute; past that, 429 and the form back."""

from unittest import mock

import pytest
from django.core.cache import cache

from tests.factories import ArticleFactory

from .conftest import SEARCH_URL, hit_titles

pytestmark = pytest.mark.django_db

ADDRESS, OTHER_ADDRESS = "203.0.113.7", "198.51.100.23"
# Twenty seconds into a clock minute.
MOMENT = 1_790_000_000 - 1_790_000_000 % 60 + 20


@pytest.fixture
def clock():
    with mock.patch("portal.limits.time.time", return_value=MOMENT) as time:
        yield time


@pytest.fixture
def three_a_minute(settings):
    settings.SEARCHES_PER_ADDRESS_PER_MINUTE = 3


def search(client, q="hội nghị", address=ADDRESS, **params):
    return client.get(SEARCH_URL, {"q": q, **params}, REMOTE_ADDR=address)


def test_thirty_searches_a_minute_by_default(client, settings, clock):
    assert settings.SEARCHES_PER_ADDRESS_PER_MINUTE == 30
    for _ in range(30):
        assert search(client).status_code == 200

    assert search(client).status_code == 429


def test_past_the_limit_the_reader_gets_the_form_back_with_the_wait(client, three_a_minute, clock):
    ArticleFactory(title="Hội nghị tổng kết năm")
    for _ in range(3):
        assert hit_titles(search(client)) == ["Hội nghị tổng kết năm"]

    response = search(client, q="tổng kết")

    assert response.status_code == 429
    assert response["Retry-After"] == "40"
    page = response.content.decode()
    assert "Bạn đã tìm kiếm quá nhiều lần trong một phút, xin thử lại sau 40 giây." in page
    assert 'value="tổng kết"' in page
    assert hit_titles(response) == []


def test_another_address_may_still_search(client, three_a_minute, clock):
    for _ in range(4):
        search(client)

    assert search(client, address=OTHER_ADDRESS).status_code == 200


def test_the_next_minute_the_address_may_search_again(client, three_a_minute, clock):
    for _ in range(4):
        search(client)

    clock.return_value = MOMENT + 60

    assert search(client).status_code == 200


def test_the_empty_form_counts_nothing(client, three_a_minute, clock):
    for _ in range(5):
        assert client.get(SEARCH_URL, REMOTE_ADDR=ADDRESS).status_code == 200
        assert search(client, q="  ").status_code == 200

    assert search(client).status_code == 200


def test_the_address_itself_is_kept_nowhere(client, three_a_minute, clock):
    for _ in range(4):
        search(client)

    assert not any(ADDRESS in key for key in cache._cache)
