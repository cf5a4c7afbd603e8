"""A reader asks through the form: what is stored, what is refused, and what the reader is told."""

import pytest
from django.urls import reverse

from articles.questions.models import Question
from tests.questions.factories import ask_form, topic

pytestmark = pytest.mark.django_db

ASK_URL = reverse("questions:ask")
THANKS = "Cảm ơn bạn đã gửi câu hỏi. Câu hỏi sẽ được đăng cùng câu trả lời sau khi cơ quan trả lời."


def test_form_labels_every_field_and_hides_the_trap(client):
    page = client.get(ASK_URL).content.decode()

    for field, label in [
        ("asker_name", "Họ và tên"),
        ("asker_email", "Thư điện tử"),
        ("asker_phone", "Điện thoại"),
        ("topic", "Lĩnh vực"),
        ("title", "Tiêu đề"),
        ("question", "Nội dung câu hỏi"),
        ("website", "Để trống ô này"),
    ]:
        assert f'<label for="id_{field}">{label}' in page
    assert '<div class="form-trap">' in page
    assert 'name="website" autocomplete="off" tabindex="-1"' in page
    assert 'aria-describedby="question-tro-giup"' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_a_question_is_stored_waiting_and_the_reader_is_thanked(client):
    response = client.post(ASK_URL, ask_form())

    assert response.status_code == 302
    assert response["Location"] == f"{ASK_URL}?da-gui=1"
    question = Question.objects.get()
    assert question.status == Question.Status.WAITING
    assert (question.asker_name, question.asker_email, question.asker_phone) == (
        "Trần Thị Bình",
        "binh.tran@example.com",
        "0912 345 678",
    )
    assert question.topic == topic()
    assert question.published_at is None
    assert THANKS in client.get(response["Location"]).content.decode()


def test_email_and_phone_may_be_left_out(client):
    client.post(ASK_URL, ask_form(asker_email="", asker_phone=""))

    assert Question.objects.filter(asker_email="", asker_phone="").exists()


def test_a_filled_trap_is_thanked_like_a_reader_but_nothing_is_stored(client):
    response = client.post(ASK_URL, ask_form(website="https://spam.example.com/"), follow=True)

    assert THANKS in response.content.decode()
    assert not Question.objects.exists()


def test_a_question_over_3000_characters_is_refused_in_vietnamese(client):
    response = client.post(ASK_URL, ask_form(question="Đ" * 3001))

    assert response.status_code == 200
    assert "Nội dung câu hỏi dài 3.001 ký tự, quá giới hạn 3.000 ký tự." in response.content.decode()
    assert not Question.objects.exists()


def test_the_length_is_counted_after_trimming_with_a_line_break_as_one_character(client):
    text = "  " + "a" * 1000 + "\r\n" + "b" * 1999 + "  \r\n"

    client.post(ASK_URL, ask_form(question=text))

    assert len(Question.objects.get().question) == 3000


def test_a_question_too_short_to_answer_is_refused(client):
    response = client.post(ASK_URL, ask_form(question="   Cho hỏi?   "))

    assert "Nội dung câu hỏi ngắn quá" in response.content.decode()
    assert not Question.objects.exists()


def test_a_missing_name_is_said_in_vietnamese_beside_the_field(client):
    page = client.post(ASK_URL, ask_form(asker_name="  ")).content.decode()

    assert '<p class="ask-form__error" id="asker_name-loi">Xin nhập họ và tên.</p>' in page
    assert 'aria-invalid="true" aria-describedby="asker_name-loi"' in page
    assert "Câu hỏi chưa được gửi: xin sửa 1 ô được đánh dấu bên dưới." in page
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    "phone", ["0912345678", "+84 912 345 678", "024.3825.1234", "0912-345-678", "38251234"]
)
def test_phone_numbers_as_people_write_them_are_accepted(client, phone):
    client.post(ASK_URL, ask_form(asker_phone=phone))

    assert Question.objects.get().asker_phone == phone


@pytest.mark.parametrize("phone", ["0912 abc 678", "1234567", "+84 912 345 678 123 45", "(024) 3825 1234"])
def test_anything_else_in_the_phone_field_is_refused(client, phone):
    page = client.post(ASK_URL, ask_form(asker_phone=phone)).content.decode()

    assert "Số điện thoại chỉ gồm chữ số" in page
    assert not Question.objects.exists()


def test_a_malformed_email_is_refused(client):
    page = client.post(ASK_URL, ask_form(asker_email="binh@")).content.decode()

    assert "Địa chỉ thư điện tử chưa đúng" in page
    assert not Question.objects.exists()


@pytest.mark.parametrize("value", ["999999", "abc", ""])
def test_a_topic_that_does_not_exist_is_refused(client, value):
    response = client.post(ASK_URL, ask_form(topic=value))

    assert response.status_code == 200
    assert "lĩnh vực" in response.content.decode()
    assert not Question.objects.exists()


def test_the_form_is_protected_against_cross_site_posts(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(ASK_URL, ask_form())

    assert response.status_code == 403
    assert not Question.objects.exists()
