"""The editorial workflow's rules and its audit trail."""

import re
import time
from datetime import timedelta

import pytest
from django.db.models import Q
from django.test import Client
from django.utils import timezone

from accounts.roles import Role
from articles import permissions, publishing
from articles.models import Article, ArticleTransition
from tests.factories import ArticleFactory, staff_in_role

pytestmark = pytest.mark.django_db
Status = Article.Status


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
    assert set(publishing.waiting_for(contributor)) == {own_returned}
    assert pending in publishing.waiting_for(editor)
    assert pending in publishing.waiting_for(approver)
    assert own_draft not in publishing.waiting_for(editor)


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


# --- featuring is a step like the others ------------------------------------------------------------------


def test_featuring_through_the_admin_page_is_recorded(client, approver):
    article = ArticleFactory(title="Đại hội Đảng bộ huyện lần thứ XXI")
    client.force_login(approver)
    response = client.post(f"/quan-tri/articles/article/{article.pk}/workflow/feature/")
    assert response.status_code == 302
    assert Client().get("/").content.decode().count("Đại hội Đảng bộ huyện lần thứ XXI") >= 1
    article.refresh_from_db()
    assert article.is_featured
    step = article.transitions.get()
    assert (step.action, step.actor, step.from_status, step.to_status) == (
        "feature",
        approver,
        Status.PUBLISHED,
        Status.PUBLISHED,
    )


def test_unfeaturing_in_bulk_is_recorded_for_each_article(client, approver):
    articles = ArticleFactory.create_batch(3, is_featured=True)
    client.force_login(approver)
    client.post(
        "/quan-tri/articles/article/",
        {"action": "unfeature_selected", "_selected_action": [a.pk for a in articles]},
    )
    assert not Article.objects.filter(is_featured=True).exists()
    assert ArticleTransition.objects.filter(action="unfeature", actor=approver).count() == 3


def test_featuring_a_copy_that_someone_trashed_meanwhile_is_refused(approver):
    article = ArticleFactory()
    stale = Article.objects.get(pk=article.pk)
    publishing.trash(article, by=approver)
    stale.deleted_at = None  # what the second person's page still shows
    with pytest.raises(publishing.WorkflowError):
        publishing.feature(stale, by=approver)
    assert not Article.objects.get(pk=article.pk).is_featured


def test_featuring_forgets_the_cached_lists(approver, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from articles.popular import CACHE_KEY, most_viewed_articles

    article = ArticleFactory()
    most_viewed_articles()
    assert cache.get(CACHE_KEY) is not None
    with django_capture_on_commit_callbacks(execute=True):
        publishing.feature(article, by=approver)
    assert cache.get(CACHE_KEY) is None


def test_editors_cannot_feature(editor):
    article = ArticleFactory()
    with pytest.raises(publishing.WorkflowError):
        publishing.feature(article, by=editor)
    article.refresh_from_db()
    assert not article.is_featured and not article.transitions.exists()


def test_the_edit_form_cannot_feature_an_article(client, approver):
    from tests.admin_forms import article_form

    article = ArticleFactory()
    client.force_login(approver)
    data = {**article_form(article), "is_featured": "on"}
    assert client.post(f"/quan-tri/articles/article/{article.pk}/change/", data).status_code == 302
    article.refresh_from_db()
    assert not article.is_featured


# --- one registry: pages, bulk actions and "Việc chờ tôi" are built from STEPS ----------------------------


def test_article_page_offers_exactly_the_steps_the_user_may_take(client, approver):
    article = ArticleFactory(status=Status.PENDING, published_at=None)
    client.force_login(approver)
    html = client.get(f"/quan-tri/articles/article/{article.pk}/change/").content.decode()
    offered = set(re.findall(r'class="workflow-(\w+)"', html))
    assert offered == {"return", "publish", "feature"}


def test_bulk_actions_are_the_registry_steps_a_role_holds(client, editor, approver):
    ArticleFactory()  # the list offers actions only when it has rows

    def actions(user):
        client.force_login(user)
        html = client.get("/quan-tri/articles/article/").content.decode()
        return set(re.findall(r'<option value="(\w+)_selected"', html))

    assert actions(editor) == {"delete", "submit"}
    assert actions(approver) == {"delete", "submit", "publish", "unpublish", "feature", "unfeature"}


def test_a_new_step_is_one_registry_entry(client, approver, monkeypatch):
    """What a newcomer adding a step gets: a button, a bulk action, "Việc chờ tôi", an audit row."""

    class Archive(publishing.Step):
        name = "archive"
        label = "Lưu trữ"
        permission = permissions.UNPUBLISH_ARTICLE
        refusal = "Không lưu trữ được."
        bulk_label = "Lưu trữ các bài đã chọn"

        def allows(self, user, article):
            return article.status == Status.PUBLISHED

        def waiting(self, user):
            return Q(status=Status.PUBLISHED, view_count__gte=1000)

        def action(self, article):
            return ArticleTransition.Action.UNPUBLISH

        def change(self, article, *, by):
            article.status = Status.UNPUBLISHED
            return "Lưu trữ"

    monkeypatch.setitem(publishing.STEPS, "archive", Archive())
    article = ArticleFactory(view_count=5000)
    client.force_login(approver)
    page = client.get(f"/quan-tri/articles/article/{article.pk}/change/").content.decode()
    assert "workflow-archive" in page
    assert 'value="archive_selected"' in client.get("/quan-tri/articles/article/").content.decode()
    assert article in publishing.waiting_for(approver)
    assert client.post(f"/quan-tri/articles/article/{article.pk}/workflow/archive/").status_code == 302
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED
    assert article.transitions.get().note == "Lưu trữ"


def test_a_refused_step_on_its_page_says_why_in_the_form(client, approver):
    article = ArticleFactory(status=Status.PENDING, published_at=None)
    stale_page = f"/quan-tri/articles/article/{article.pk}/workflow/return/"
    client.force_login(approver)
    response = client.post(stale_page, {"reason": "   "})
    assert response.status_code == 200
    assert "Cần ghi lý do trả bài" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.PENDING
