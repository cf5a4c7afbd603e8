"""A question's life through HTTP: asked by a reader, unseen while staff answer, public once published."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from articles.questions.models import Question
from tests.questions.factories import ask_form

pytestmark = pytest.mark.django_db

TITLE = "Thủ tục tách thửa đất nông nghiệp"


def visible_to_readers(client, question) -> dict:
    """Where readers could come across the question: list, page, list search, site search, sitemaps."""
    index = client.get("/sitemap.xml").content.decode()
    sitemaps = "".join(
        client.get(urlsplit(location).path).content.decode()
        for location in re.findall(r"<loc>([^<]+)</loc>", index)
    )
    return {
        "list": TITLE in client.get(reverse("questions:list")).content.decode(),
        "page": client.get(question.get_absolute_url()).status_code == 200,
        "list search": TITLE in client.get(reverse("questions:list"), {"q": "tach thua"}).content.decode(),
        "site search": TITLE in client.get("/tim-kiem/", {"q": "tach thua"}).content.decode(),
        "sitemap": question.get_absolute_url() in sitemaps,
    }


def test_a_question_is_unseen_until_answered_and_published(client, editor, approver):
    client.post(reverse("questions:ask"), ask_form(title=TITLE))
    question = Question.objects.get()
    assert question.status == Question.Status.WAITING
    assert not any(visible_to_readers(client, question).values())

    client.force_login(editor)
    client.post(
        reverse("admin:questions_question_change", args=[question.pk]),
        {
            "topic": question.topic_id,
            "answer": "<p>Trả lời.</p>",
            "answering_unit": "Phòng Kinh tế",
            "_save": "1",
        },
    )
    client.logout()
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert not any(visible_to_readers(client, question).values())

    client.force_login(approver)
    client.post(reverse("admin:questions_question_workflow", args=[question.pk, "publish"]))
    client.logout()

    seen = visible_to_readers(client, question)
    assert seen["list"] and seen["page"] and seen["list search"] and seen["sitemap"]
