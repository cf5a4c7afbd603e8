"""The editorial workflow's rules and its audit trail."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.roles import Role
from articles import publishing
from articles.models import Article, ArticleTransition
from tests.factories import ArticleFactory, staff_in_role

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def contributor():
    return staff_in_role(Role.CONTRIBUTOR, username="ctv", display_name="Nguyễn Văn An")


@pytest.fixture
def editor():
    return staff_in_role(Role.EDITOR, username="btv")


@pytest.fixture
def approver():
    return staff_in_role(Role.APPROVER, username="lanhdao", display_name="Trần Văn Bình")


@pytest.fixture
def draft(contributor):
    return ArticleFactory(author=contributor, status=Status.DRAFT, published_at=None)


def test_full_path_draft_to_published_to_unpublished(draft, contributor, editor, approver):
    publishing.submit(draft, by=contributor)
    assert draft.status == Status.PENDING
    publishing.return_to_author(draft, by=editor, reason="Bổ sung số liệu quý III.")
    assert (draft.status, draft.return_reason) == (Status.DRAFT, "Bổ sung số liệu quý III.")
    publishing.submit(draft, by=contributor)
    assert draft.return_reason == ""
    publishing.publish(draft, by=approver)
    assert draft.is_public
    publishing.unpublish(draft, by=approver, note="Sai số liệu")
    draft.refresh_from_db()
    assert draft.status == Status.UNPUBLISHED
    steps = list(draft.transitions.values_list("action", "from_status", "to_status", "actor__username"))
    assert steps == [
        ("submit", "draft", "pending", "ctv"),
        ("return", "pending", "draft", "btv"),
        ("submit", "draft", "pending", "ctv"),
        ("publish", "pending", "published", "lanhdao"),
        ("unpublish", "published", "unpublished", "lanhdao"),
    ]


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR, Role.EDITOR])
def test_only_approvers_publish(draft, contributor, role):
    publishing.submit(draft, by=contributor)
    with pytest.raises(publishing.WorkflowError):
        publishing.publish(draft, by=staff_in_role(role))
    draft.refresh_from_db()
    assert draft.status == Status.PENDING
    assert not draft.transitions.filter(action="publish").exists()


def test_return_needs_a_reason(draft, contributor, editor):
    publishing.submit(draft, by=contributor)
    with pytest.raises(publishing.WorkflowError, match="lý do"):
        publishing.return_to_author(draft, by=editor, reason="   ")
    draft.refresh_from_db()
    assert draft.status == Status.PENDING


def test_a_step_on_a_stale_copy_is_refused(draft, contributor, editor, approver):
    publishing.submit(draft, by=contributor)
    stale = Article.objects.get(pk=draft.pk)
    publishing.return_to_author(draft, by=editor, reason="Viết lại phần mở đầu.")
    # The approver's page still shows "pending": publishing from it must not skip the return.
    with pytest.raises(publishing.WorkflowError, match="người khác"):
        publishing.publish(stale, by=approver)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_scheduled_article_goes_public_at_its_time_with_nothing_run(draft, contributor, approver):
    publishing.submit(draft, by=contributor)
    publishing.publish(draft, by=approver, at=timezone.now() + timedelta(seconds=2))
    reader = Client()
    assert reader.get(draft.get_absolute_url()).status_code == 404
    assert draft.transitions.last().action == ArticleTransition.Action.SCHEDULE
    time.sleep(2.2)
    assert reader.get(draft.get_absolute_url()).status_code == 200


def test_scheduled_article_can_be_rescheduled_until_it_goes_public(draft, approver):
    publishing.publish(draft, by=approver, at=timezone.now() + timedelta(days=1))
    publishing.publish(draft, by=approver, at=timezone.now() + timedelta(days=2))
    assert draft.transitions.count() == 2
    draft.published_at = timezone.now() - timedelta(minutes=1)
    draft.save()
    with pytest.raises(publishing.WorkflowError):
        publishing.publish(draft, by=approver)


def test_trash_hides_from_readers_and_restore_brings_back(approver):
    article = ArticleFactory()
    publishing.trash(article, by=approver)
    assert Client().get(article.get_absolute_url()).status_code == 404
    publishing.restore(article, by=approver)
    assert Client().get(article.get_absolute_url()).status_code == 200
    assert list(article.transitions.values_list("action", flat=True)) == ["trash", "restore"]


def test_waiting_for_me(contributor, editor, approver):
    own_returned = ArticleFactory(author=contributor, status=Status.DRAFT, return_reason="Sửa tít")
    own_draft = ArticleFactory(author=contributor, status=Status.DRAFT)
    pending = ArticleFactory(status=Status.PENDING)
    assert set(Article.objects.waiting_for(contributor)) == {own_returned}
    assert pending in Article.objects.waiting_for(editor)
    assert pending in Article.objects.waiting_for(approver)
    assert own_draft not in Article.objects.waiting_for(editor)


def test_unpublished_article_leaves_the_most_viewed_list_at_once(approver):
    article = ArticleFactory(title="Bài được đọc nhiều nhất", view_count=10_000)
    reader = Client()
    assert article.title in reader.get("/").content.decode()
    publishing.unpublish(article, by=approver)
    assert article.title not in reader.get("/").content.decode()


def test_a_workflow_step_leaves_the_body_alone(draft, contributor, monkeypatch):
    # Sanitizing and making renditions are for saves that change the text, not for moving it along.
    monkeypatch.setattr("articles.models.clean_html", lambda html: pytest.fail("body cleaned again"))
    publishing.submit(draft, by=contributor)
    draft.refresh_from_db()
    assert draft.status == Status.PENDING
