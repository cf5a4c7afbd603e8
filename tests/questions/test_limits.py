"""One address may send QUESTIONS_PER_ADDRESS_PER_HOUR questions an hour; past that, 429, nothing stored."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.questions.models import Question
from tests.questions.factories import ask_form

pytestmark = pytest.mark.django_db

ASK_URL = reverse("questions:ask")
ADDRESS, OTHER_ADDRESS = "203.0.113.7", "198.51.100.23"
# A moment a few minutes into a clock hour: the window's end is near enough to see, far enough to stay in.
NOON = 1_790_000_000 - 1_790_000_000 % 3600 + 300


def ask(client, address=ADDRESS, **changes):
    return client.post(ASK_URL, ask_form(**changes), REMOTE_ADDR=address)


@pytest.fixture
def clock():
    with mock.patch("portal.limits.time.time", return_value=NOON) as time:
        yield time


def test_the_sixth_question_within_the_hour_is_refused_and_not_stored(client, settings, clock):
    assert settings.QUESTIONS_PER_ADDRESS_PER_HOUR == 5
    for number in range(5):
        assert ask(client, title=f"Câu hỏi thứ {number + 1}").status_code == 302

    response = ask(client, title="Câu hỏi thứ sáu")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Bạn đã gửi quá nhiều câu hỏi trong một giờ, xin thử lại sau khoảng 55 phút." in page
    # The reader's words stay in the form, to send later.
    assert 'value="Câu hỏi thứ sáu"' in page
    assert response["Retry-After"] == str(3600 - 300)
    assert Question.objects.count() == 5
    assert not Question.objects.filter(title="Câu hỏi thứ sáu").exists()


def test_another_address_may_still_ask(client, clock):
    for _ in range(6):
        ask(client)

    assert ask(client, address=OTHER_ADDRESS, title="Từ địa chỉ khác").status_code == 302
    assert Question.objects.filter(title="Từ địa chỉ khác").exists()


def test_the_address_may_ask_again_in_the_next_hour(client, clock):
    for _ in range(6):
        ask(client)

    clock.return_value = NOON + 3600
    response = ask(client, title="Một giờ sau")

    assert response.status_code == 302
    assert Question.objects.filter(title="Một giờ sau").exists()


def test_a_trapped_bot_counts_against_its_address_too(client, clock):
    for _ in range(5):
        ask(client, website="spam")

    assert ask(client).status_code == 429
    assert not Question.objects.exists()


def test_questions_refused_by_the_form_do_not_count(client, clock):
    for _ in range(8):
        assert ask(client, asker_name="").status_code == 200

    assert ask(client).status_code == 302
    assert Question.objects.count() == 1


def test_the_address_itself_is_kept_nowhere(client, clock):
    for _ in range(6):
        ask(client)

    assert not any(ADDRESS in key for key in cache._cache)
    assert not any(ADDRESS in str(value) for value in Question.objects.values_list())
