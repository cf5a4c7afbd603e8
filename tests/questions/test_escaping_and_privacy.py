"""What a reader types is shown as text wherever it appears; the asker's contacts appear on no public page."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils.html import escape

from articles.questions.models import Question
from tests.questions.factories import QuestionFactory, ask_form
from tests.xss_corpus import XSS_PAYLOADS

pytestmark = pytest.mark.django_db

ASK_URL = reverse("questions:ask")
LIST_URL = reverse("questions:list")
# What fits in the name field (100 characters) on one line: the question's text is shown with its line
# breaks turned into <br>, which would change a payload that has them.
PAYLOADS = [
    pytest.param(html.strip(), id=name)
    for name, html in XSS_PAYLOADS
    if len(html) <= 100 and "\n" not in html and "\t" not in html
]
# The one kind of markup an email address may carry: a quoted local part.
EMAIL_PAYLOAD = '"<script>top.__xss_email=1</script>"@example.com'


def assert_shown_as_text(page: str, payload: str):
    assert payload not in page
    assert escape(payload) in page


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_every_field_comes_back_escaped_in_the_refused_form(client, payload):
    response = client.post(
        ASK_URL,
        ask_form(
            asker_name=payload,
            asker_email=payload,
            asker_phone=payload,
            topic=payload,
            title=payload,
            question=f"Câu hỏi có mã: {payload}",
        ),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert_shown_as_text(page, payload)
    assert not Question.objects.exists()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_every_field_is_shown_escaped_on_every_page_before_and_after_publishing(
    client, payload, editor, approver
):
    client.post(
        ASK_URL,
        ask_form(
            asker_name=payload, asker_email=EMAIL_PAYLOAD, title=payload, question=f"Câu hỏi có mã: {payload}"
        ),
    )
    question = Question.objects.get()
    change_url = reverse("admin:questions_question_change", args=[question.pk])

    client.force_login(editor)
    page = client.get(change_url).content.decode()
    assert_shown_as_text(page, payload)
    assert_shown_as_text(page, EMAIL_PAYLOAD)
    assert_shown_as_text(client.get(reverse("admin:questions_question_changelist")).content.decode(), payload)
    client.post(
        change_url,
        {"topic": question.topic_id, "answer": "<p>Trả lời.</p>", "answering_unit": payload, "_save": "Lưu"},
    )
    client.force_login(approver)
    client.post(reverse("admin:questions_question_workflow", args=[question.pk, "publish"]))
    assert_shown_as_text(client.get(change_url).content.decode(), payload)
    client.logout()

    for url in [LIST_URL, question.get_absolute_url()]:
        page = client.get(url).content.decode()
        assert_shown_as_text(page, payload)
        assert EMAIL_PAYLOAD not in page and escape(EMAIL_PAYLOAD) not in page
    assert_shown_as_text(client.get(LIST_URL, {"q": payload}).content.decode(), payload)
    topic_page = client.get(LIST_URL, {"topic": payload})
    assert topic_page.status_code == 200
    assert payload not in topic_page.content.decode()


def test_an_answer_is_shown_as_the_sanitizer_left_it(client):
    question = QuestionFactory(answer='<p>Trả lời <a href="javascript:alert(1)" onclick="x()">đây</a></p>')

    page = client.get(question.get_absolute_url()).content.decode()

    assert "javascript:" not in page and "onclick" not in page
    assert f'<div class="article__body">{question.answer}</div>' in page
    assert "đây</a></p>" in question.answer


# --- the asker's contacts --------------------------------------------------------------------------------

EMAIL, PHONE = "lienhe.nguoihoi@example.com", "0987 654 321"


def _public_pages(client, question):
    """Every public page a published question could appear on, or leak through."""
    pages = [
        "/",
        LIST_URL,
        question.get_absolute_url(),
        f"{LIST_URL}?q=chung+nhan+quyen",
        f"{LIST_URL}?topic={question.topic_id}",
        "/tim-kiem/?q=chung+nhan+quyen",
        "/tim-kiem/?q=chung+nhan+quyen&loai=van-ban",
        reverse("articles:feed"),
        "/sitemap.xml",
        "/sitemap-news.xml",
    ]
    index = client.get("/sitemap.xml").content.decode()
    pages += [urlsplit(location).path for location in re.findall(r"<loc>([^<]+)</loc>", index)]
    return pages


def test_the_askers_contacts_appear_on_no_public_page_even_once_published(client, approver):
    question = QuestionFactory(
        asker_email=EMAIL,
        asker_phone=PHONE,
        title="Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        status=Question.Status.ANSWERED,
        published_at=None,
    )
    client.force_login(approver)
    client.post(reverse("admin:questions_question_workflow", args=[question.pk, "publish"]))
    client.logout()

    for url in _public_pages(client, question):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert EMAIL not in page, url
        assert PHONE not in page and PHONE.replace(" ", "") not in page, url
    assert question.asker_name in client.get(question.get_absolute_url()).content.decode()
