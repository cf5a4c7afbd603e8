"""Hỏi đáp's public list and each question's page: only what is published, found with or without accents."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.questions.models import Question
from portal.page_cache import bump_content_version
from tests.questions.factories import QuestionFactory, topic

pytestmark = pytest.mark.django_db

LIST_URL = reverse("questions:list")
Status = Question.Status


def listed_titles(client, **params):
    bump_content_version()  # rendered, so that the response has its context (a cached page has none)
    response = client.get(LIST_URL, params)
    assert response.status_code == 200
    return [question.title for question in response.context["questions"]]


def test_the_list_shows_published_questions_newest_first(client):
    now = timezone.now()
    older = QuestionFactory(title="Câu hỏi cũ hơn", published_at=now - timedelta(days=2))
    newer = QuestionFactory(title="Câu hỏi mới hơn", published_at=now - timedelta(hours=2))

    response = client.get(LIST_URL)

    assert listed_titles(client) == [newer.title, older.title]
    page = response.content.decode()
    assert f'href="{newer.get_absolute_url()}"' in page
    assert newer.asker_name in page and newer.topic.name in page
    assert newer.asked_at.strftime("%d/%m/%Y") in page
    assert f'href="{reverse("questions:ask")}">Đặt câu hỏi</a>' in page


@pytest.mark.parametrize(
    "unpublished",
    [
        {"status": Status.WAITING, "answer": "", "published_at": None},
        {"status": Status.ANSWERED, "published_at": None},
        {"status": Status.DECLINED, "published_at": None},
        {"status": Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["waiting", "answered", "declined", "published-in-the-future"],
)
def test_questions_not_published_are_on_neither_page(client, unpublished):
    question = QuestionFactory(**unpublished)

    assert question.title not in client.get(LIST_URL).content.decode()
    assert client.get(question.get_absolute_url()).status_code == 404


def test_a_question_page_shows_question_answer_and_unit(client):
    question = QuestionFactory(
        question="Dòng thứ nhất.\nDòng thứ hai của câu hỏi.",
        answer="<p>Hồ sơ gồm <strong>đơn đăng ký</strong>.</p>",
        answering_unit="Ban Tuyên giáo",
    )

    page = client.get(question.get_absolute_url()).content.decode()

    assert f'<h1 class="article__title">{question.title}</h1>' in page
    assert "<p>Dòng thứ nhất.<br>Dòng thứ hai của câu hỏi.</p>" in page
    assert "<p>Hồ sơ gồm <strong>đơn đăng ký</strong>.</p>" in page
    assert "Ban Tuyên giáo" in page and question.asker_name in page and question.topic.name.upper() in page


def test_the_list_search_ignores_accents(client):
    QuestionFactory(title="Tranh chấp đất đai giữa hai hộ liền kề")
    QuestionFactory(title="Đăng ký khai sinh cho con", answer="<p>Theo Luật Hộ tịch.</p>")

    assert listed_titles(client, q="dat dai") == ["Tranh chấp đất đai giữa hai hộ liền kề"]
    assert listed_titles(client, q="ĐẤT ĐAI") == ["Tranh chấp đất đai giữa hai hộ liền kề"]
    # Every word must match, in the title, the question or the answer.
    assert listed_titles(client, q="khai sinh ho tich") == ["Đăng ký khai sinh cho con"]
    assert listed_titles(client, q="dat dai ho tich") == []


def test_the_list_filters_by_topic(client):
    QuestionFactory(title="Về đất", topic=topic("Đất đai, môi trường"))
    QuestionFactory(title="Về Đảng", topic=topic("Xây dựng Đảng"))

    assert listed_titles(client, topic=topic("Xây dựng Đảng").pk) == ["Về Đảng"]


def test_the_list_is_paginated_and_keeps_the_filters(client, settings):
    settings.QUESTIONS_PER_PAGE = 2
    now = timezone.now()
    for number in range(5):
        QuestionFactory(title=f"Đất đai {number}", published_at=now - timedelta(hours=number + 1))

    first = client.get(LIST_URL, {"q": "dat"})
    third = client.get(LIST_URL, {"q": "dat", "page": 3})

    assert [question.title for question in first.context["questions"]] == ["Đất đai 0", "Đất đai 1"]
    assert 'href="?q=dat&amp;page=2" rel="next"' in first.content.decode()
    assert [question.title for question in third.context["questions"]] == ["Đất đai 4"]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
        {"topic": "999"},
        {"topic": "abc"},
        {"topic": "1.5"},
        {"q": "đất " * 5000},
        {"q": "!!! ??? ..."},
        {"q": "\x00"},
        {"q": ["a", "b"], "topic": ["1", "2"]},
    ],
)
def test_malformed_parameters_give_a_page_not_an_error(client, params):
    QuestionFactory()

    assert client.get(LIST_URL, params).status_code == 200


def test_a_question_number_that_does_not_exist_is_404(client):
    assert client.get(reverse("questions:detail", args=[999999])).status_code == 404
    assert client.get("/hoi-dap/abc/").status_code == 404


def _count_queries(client, url):
    client.get(url)  # the site's cached parts (identity, most viewed) are read once, not per page
    bump_content_version()  # the page itself is rendered again, not served whole from the page cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [LIST_URL, f"{LIST_URL}?q=thu+tuc&topic=1"])
def test_the_list_makes_as_many_queries_for_many_questions_as_for_few(client, url, django_assert_num_queries):
    for _ in range(3):
        QuestionFactory()
    few = _count_queries(client, url)
    for _ in range(30):
        QuestionFactory(topic=topic("Khác"))

    with django_assert_num_queries(few):
        client.get(url)
