"""The demo's questions: most answered and published, some waiting, made once however often it runs."""

import pytest
from django.urls import reverse

from articles.questions.demo import ensure_questions
from articles.questions.models import Question

pytestmark = pytest.mark.django_db
Status = Question.Status


def test_the_demo_has_published_waiting_and_answered_questions_once(client):
    first = ensure_questions()
    second = ensure_questions()

    assert first == "Questions: 16 created (12 published, 3 waiting, 1 answered), 0 already there."
    assert second == "Questions: all 16 already there."
    assert Question.objects.count() == 16
    published = Question.objects.published()
    assert published.count() == 12
    assert all(question.has_answer and question.answering_unit for question in published)
    assert len(client.get(reverse("questions:list")).context["questions"]) == 10
    assert client.get(published.first().get_absolute_url()).status_code == 200
