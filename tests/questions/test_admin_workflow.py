"""Staff answer in the admin, approvers publish: each rule holds on the server, whatever the page offered."""

import pytest
from django.urls import reverse

from articles.questions.models import Question, Topic
from tests.questions.factories import QuestionFactory, topic, waiting

pytestmark = pytest.mark.django_db

Status = Question.Status
ANSWER = "<p>Hồ sơ gồm đơn đăng ký theo mẫu và giấy tờ về nhân thân.</p>"


def change_url(question):
    return reverse("admin:questions_question_change", args=[question.pk])


def step_url(question, step):
    return reverse("admin:questions_question_workflow", args=[question.pk, step])


def answer_form(question, **changes):
    """The change form as a browser posts it back: the fields staff may edit, with `changes`."""
    return {
        "topic": question.topic_id,
        "answer": question.answer,
        "answering_unit": question.answering_unit,
        "_save": "Lưu",
        **changes,
    }


def logged_in(client, user):
    client.force_login(user)
    return client


def is_public(client, question):
    listed = question.title in client.get(reverse("questions:list")).content.decode()
    shown = client.get(question.get_absolute_url()).status_code == 200
    assert listed == shown
    return shown


def test_an_editor_reads_the_question_with_the_askers_contacts(client, editor):
    question = waiting(asker_email="dan@example.com", asker_phone="0912 111 222")

    page = logged_in(client, editor).get(change_url(question)).content.decode()

    assert question.question in page
    assert "dan@example.com" in page and "0912 111 222" in page
    # The reader's words are shown, not offered for editing.
    assert 'name="question"' not in page and 'name="asker_email"' not in page
    assert 'name="answer"' in page


def test_an_editors_answer_makes_the_question_answered_but_not_public(client, editor):
    question = waiting()

    response = logged_in(client, editor).post(
        change_url(question), answer_form(question, answer=ANSWER, answering_unit="Ban Tuyên giáo")
    )

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Status.ANSWERED
    assert question.answered_by == editor and question.answered_at is not None
    assert question.answering_unit == "Ban Tuyên giáo"
    client.logout()
    assert not is_public(client, question)


def test_an_editor_cannot_publish_by_posting_a_status(client, editor):
    question = waiting()

    logged_in(client, editor).post(
        change_url(question), answer_form(question, answer=ANSWER, status=Status.PUBLISHED, published_at="x")
    )

    question.refresh_from_db()
    assert question.status == Status.ANSWERED and question.published_at is None


def test_an_editor_cannot_take_the_approvers_steps(client, editor):
    question = QuestionFactory(status=Status.ANSWERED, published_at=None)
    logged_in(client, editor)

    assert client.get(step_url(question, "publish")).status_code == 403
    assert client.post(step_url(question, "publish")).status_code == 403
    client.post(
        reverse("admin:questions_question_changelist"),
        {"action": "publish_selected", "_selected_action": [question.pk]},
    )

    question.refresh_from_db()
    assert question.status == Status.ANSWERED
    assert (
        "publish_selected" not in client.get(reverse("admin:questions_question_changelist")).content.decode()
    )


def test_an_approver_publishes_and_readers_see_question_and_answer(client, approver):
    question = QuestionFactory(status=Status.ANSWERED, published_at=None)
    logged_in(client, approver)
    assert "Đăng câu hỏi và trả lời" in client.get(change_url(question)).content.decode()

    response = client.post(step_url(question, "publish"))

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED and question.published_at is not None
    client.logout()
    assert is_public(client, question)


def test_an_approver_publishes_the_selected_questions_all_or_nothing(client, approver):
    answered = QuestionFactory(status=Status.ANSWERED, published_at=None)
    unanswered = waiting()
    changelist = reverse("admin:questions_question_changelist")
    logged_in(client, approver)

    client.post(changelist, {"action": "publish_selected", "_selected_action": [answered.pk, unanswered.pk]})
    answered.refresh_from_db()
    assert answered.status == Status.ANSWERED

    client.post(changelist, {"action": "publish_selected", "_selected_action": [answered.pk]})
    answered.refresh_from_db()
    assert answered.status == Status.PUBLISHED


def test_a_question_without_an_answer_cannot_be_published(client, approver):
    question = waiting()

    logged_in(client, approver).post(step_url(question, "publish"))

    question.refresh_from_db()
    assert question.status == Status.WAITING
    client.logout()
    assert not is_public(client, question)


def test_an_approver_takes_a_question_down(client, approver):
    question = QuestionFactory()

    logged_in(client, approver).post(step_url(question, "unpublish"))

    question.refresh_from_db()
    assert question.status == Status.ANSWERED and question.published_at is None
    client.logout()
    assert not is_public(client, question)


def test_a_declined_question_stays_unseen_until_reopened(client, approver):
    question = QuestionFactory(status=Status.ANSWERED, published_at=None)
    logged_in(client, approver)

    client.post(step_url(question, "decline"))
    question.refresh_from_db()
    assert question.status == Status.DECLINED
    assert client.post(step_url(question, "publish")).status_code == 302
    question.refresh_from_db()
    assert question.status == Status.DECLINED

    client.post(step_url(question, "reopen"))
    question.refresh_from_db()
    assert question.status == Status.ANSWERED


def test_emptying_the_answer_sends_the_question_back_to_waiting(client, editor):
    question = QuestionFactory(status=Status.ANSWERED, published_at=None, answered_by=editor)

    logged_in(client, editor).post(change_url(question), answer_form(question, answer="<p>&nbsp;</p>"))

    question.refresh_from_db()
    assert question.status == Status.WAITING and question.answered_by is None


def test_a_published_answer_cannot_be_emptied(client, approver):
    question = QuestionFactory()

    page = (
        logged_in(client, approver)
        .post(change_url(question), answer_form(question, answer=""))
        .content.decode()
    )

    assert "Câu hỏi đã đăng phải có câu trả lời" in page
    question.refresh_from_db()
    assert question.has_answer and question.status == Status.PUBLISHED


def test_an_editor_cannot_change_a_published_answer(client, editor):
    question = QuestionFactory()

    response = logged_in(client, editor).post(
        change_url(question), answer_form(question, answer="<p>Khác.</p>")
    )

    assert response.status_code == 403
    question.refresh_from_db()
    assert "Khác." not in question.answer


def test_the_answer_is_sanitized_when_saved(client, editor):
    question = waiting()

    logged_in(client, editor).post(
        change_url(question),
        answer_form(question, answer='<p onclick="alert(1)">Trả lời</p><script>x()</script>'),
    )

    question.refresh_from_db()
    assert question.answer == "<p>Trả lời</p>"


def test_the_list_shows_waiting_questions_first(client, editor):
    waiting_question = waiting(title="Câu hỏi chờ trả lời")
    QuestionFactory(title="Câu hỏi đã đăng")

    page = logged_in(client, editor).get(reverse("admin:questions_question_changelist")).content.decode()

    assert page.index("Câu hỏi chờ trả lời") < page.index("Câu hỏi đã đăng")
    assert waiting_question.asker_name in page


@pytest.mark.parametrize(
    "url",
    [
        lambda question: reverse("admin:questions_question_changelist"),
        lambda question: change_url(question),
        lambda question: step_url(question, "publish"),
    ],
    ids=["list", "change", "step"],
)
def test_contributors_have_no_access(client, contributor, url):
    question = waiting()

    assert logged_in(client, contributor).get(url(question)).status_code == 403


def test_nobody_adds_questions_in_the_admin(client, administrator):
    response = logged_in(client, administrator).get(reverse("admin:questions_question_add"))

    assert response.status_code == 403


def test_only_administrators_manage_topics(client, editor, administrator):
    add_url = reverse("admin:questions_topic_add")
    assert logged_in(client, editor).post(add_url, {"name": "Quốc phòng", "position": 7}).status_code == 403

    response = logged_in(client, administrator).post(add_url, {"name": "Quốc phòng", "position": 7})

    assert response.status_code == 302
    assert Topic.objects.filter(name="Quốc phòng").exists()


def test_only_administrators_delete_questions(client, approver, administrator):
    question = waiting()
    delete_url = reverse("admin:questions_question_delete", args=[question.pk])

    assert logged_in(client, approver).post(delete_url, {"post": "yes"}).status_code == 403
    logged_in(client, administrator).post(delete_url, {"post": "yes"})

    assert not Question.objects.exists()


def test_a_topic_with_questions_is_kept(client, administrator):
    question = waiting(topic=topic("Khác"))

    logged_in(client, administrator).post(
        reverse("admin:questions_topic_delete", args=[question.topic_id]), {"post": "yes"}
    )

    assert Topic.objects.filter(name="Khác").exists()
