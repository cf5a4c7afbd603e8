"""Who may do what in the newsroom: every role against every action, through the admin over HTTP.

Each row of MATRIX is an action and, per role, whether it must be allowed. The test logs in a non-superuser
staff member holding exactly that one role, takes the action the way a browser would (forged requests
included: a refused action is still POSTed), and checks that it either took effect, or was refused with
nothing in the database changed. A refusal may be a 403, a 404, a redirect back into the admin (an object
outside the user's sight, an action not offered) or the form shown again with an error; never a 500.

The articles acted on are the actor's own unless the action says otherwise, so that a contributor's
refusals come from the newsroom's rules and not merely from the article being out of their sight.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from accounts.forms import CANNOT_CHANGE_OWN_ROLE
from accounts.roles import Role, role_of
from articles.models import Article, ArticleTransition, TrashedArticle
from tests.admin_forms import article_form, new_article_form
from tests.factories import ArticleFactory, CategoryFactory, staff_in_role

pytestmark = pytest.mark.django_db

User = get_user_model()
Status = Article.Status
Action = ArticleTransition.Action

ADMIN = "/quan-tri"
ROLES = {
    "contributor": Role.CONTRIBUTOR,
    "editor": Role.EDITOR,
    "approver": Role.APPROVER,
    "administrator": Role.ADMINISTRATOR,
}
# Ways the admin may say no; which one depends on the action, and any is fine as long as nothing changed.
REFUSALS = {200, 302, 403, 404}


# --- the people and articles of a small newsroom ------------------------------------------------------------


@dataclass
class Newsroom:
    actor: User
    own_draft: Article
    others_draft: Article
    own_pending: Article
    own_published: Article
    own_trashed: Article


@pytest.fixture
def newsroom(role):
    actor = staff_in_role(ROLES[role], username=role)
    colleague = staff_in_role(Role.CONTRIBUTOR, username="tacgiakhac")
    category = CategoryFactory(name="Tin trong huyện")
    draft = {"category": category, "status": Status.DRAFT, "published_at": None}
    return Newsroom(
        actor=actor,
        own_draft=ArticleFactory(title="Bản nháp của tôi", author=actor, **draft),
        others_draft=ArticleFactory(title="Bản nháp của đồng nghiệp", author=colleague, **draft),
        own_pending=ArticleFactory(
            title="Bài chờ duyệt", author=actor, **{**draft, "status": Status.PENDING}
        ),
        own_published=ArticleFactory(title="Bài đã đăng", author=actor, category=category),
        own_trashed=ArticleFactory(
            title="Bài trong thùng rác", author=actor, deleted_at=timezone.now(), deleted_by=actor, **draft
        ),
    )


class RecordingClient(Client):
    """A browser that keeps every response, so the test can check how each request was answered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.responses = []

    def request(self, **request):
        response = super().request(**request)
        self.responses.append(response)
        return response


@pytest.fixture
def browser(newsroom):
    client = RecordingClient()
    client.force_login(newsroom.actor)
    return client


# --- looking at the result ----------------------------------------------------------------------------------


def database_state():
    """Everything an action could change: articles (trashed ones too), the audit trail, users and roles."""
    return {
        "articles": list(
            Article.objects.order_by("pk").values_list(
                "pk", "status", "title", "published_at", "deleted_at", "is_featured", "updated_at"
            )
        ),
        "transitions": ArticleTransition.objects.count(),
        "users": list(User.objects.order_by("pk").values_list("pk", "username", "is_staff", "is_superuser")),
        "roles": sorted(User.groups.through.objects.values_list("user_id", "group__name")),
    }


def reloaded(article):
    return Article.objects.filter(pk=article.pk).first()


def public_status(article):
    return Client().get(article.get_absolute_url()).status_code


def admin_list_shows(client, article):
    # The list itself, not the page: the page's "deleted" message names the article too.
    response = client.get(f"{ADMIN}/articles/article/")
    return article.pk in {listed.pk for listed in response.context["cl"].result_list}


def transition_exists(article, action, actor):
    return ArticleTransition.objects.filter(article_id=article.pk, action=action, actor=actor).exists()


# --- the actions: each takes it through the admin and returns "did it take effect" --------------------------


def take_step(client, article, step, **data):
    # A browser always sends the CSRF token, so the step's form is bound even when it asks for nothing.
    data.setdefault("csrfmiddlewaretoken", "browser-token")
    return client.post(f"{ADMIN}/articles/article/{article.pk}/workflow/{step}/", data)


def run_action(client, changelist, action, article):
    return client.post(
        f"{ADMIN}/{changelist}/", {"action": action, "_selected_action": [article.pk], "index": "0"}
    )


def create_article(client, newsroom):
    title = "Bài mới viết trong tòa soạn"
    form = new_article_form(newsroom.own_draft.category, title=title)
    client.post(f"{ADMIN}/articles/article/add/", form)
    return lambda: Article.objects.filter(title=title, author=newsroom.actor, status=Status.DRAFT).exists()


def edit(client, article):
    title = f"{article.title} (đã sửa)"
    client.post(f"{ADMIN}/articles/article/{article.pk}/change/", article_form(article, title=title))
    return lambda: reloaded(article).title == title


def edit_own_draft(client, newsroom):
    return edit(client, newsroom.own_draft)


def edit_others_draft(client, newsroom):
    return edit(client, newsroom.others_draft)


def edit_published(client, newsroom):
    taken = edit(client, newsroom.own_published)
    return lambda: taken() and reloaded(newsroom.own_published).status == Status.PUBLISHED


def submit_own_draft(client, newsroom):
    article = newsroom.own_draft
    take_step(client, article, "submit")
    return lambda: (
        reloaded(article).status == Status.PENDING
        and transition_exists(article, Action.SUBMIT, newsroom.actor)
    )


def return_pending(client, newsroom):
    article, reason = newsroom.own_pending, "Cần bổ sung số liệu của xã."
    take_step(client, article, "return", reason=reason)
    return lambda: reloaded(article).status == Status.DRAFT and reloaded(article).return_reason == reason


def publish_pending_now(client, newsroom):
    article = newsroom.own_pending
    take_step(client, article, "publish", at="")
    return lambda: (
        reloaded(article).status == Status.PUBLISHED
        and reloaded(article).published_at <= timezone.now()
        and public_status(reloaded(article)) == 200
    )


def schedule_pending(client, newsroom):
    article = newsroom.own_pending
    at = timezone.localtime(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    take_step(client, article, "publish", at=at)
    return lambda: (
        reloaded(article).status == Status.PUBLISHED
        and reloaded(article).published_at > timezone.now() + timedelta(days=1)
        and transition_exists(article, Action.SCHEDULE, newsroom.actor)
        and public_status(reloaded(article)) == 404
    )


def unpublish_published(client, newsroom):
    article = newsroom.own_published
    take_step(client, article, "unpublish", note="Gỡ để đính chính số liệu.")
    return lambda: reloaded(article).status == Status.UNPUBLISHED and public_status(article) == 404


def trash(client, article):
    client.post(f"{ADMIN}/articles/article/{article.pk}/delete/", {"post": "yes"})
    return lambda: (
        reloaded(article).deleted_at is not None
        and TrashedArticle.objects.filter(pk=article.pk).exists()
        and not admin_list_shows(client, article)
    )


def trash_own_draft(client, newsroom):
    return trash(client, newsroom.own_draft)


def home_page_shows(article):
    return article.title in Client().get("/").content.decode()


def trash_published(client, newsroom):
    article = newsroom.own_published
    assert public_status(article) == 200 and home_page_shows(article)
    taken = trash(client, article)
    return lambda: taken() and public_status(article) == 404 and not home_page_shows(article)


def restore_from_trash(client, newsroom):
    article = newsroom.own_trashed
    run_action(client, "articles/trashedarticle", "restore_selected", article)
    return lambda: (
        reloaded(article).deleted_at is None
        and not TrashedArticle.objects.filter(pk=article.pk).exists()
        and transition_exists(article, Action.RESTORE, newsroom.actor)
    )


def purge_from_trash(client, newsroom):
    article = newsroom.own_trashed
    run_action(client, "articles/trashedarticle", "purge_selected", article)
    return lambda: not Article.objects.filter(pk=article.pk).exists()


def feature_article(client, newsroom):
    article = newsroom.own_published
    run_action(client, "articles/article", "feature_selected", article)
    return lambda: reloaded(article).is_featured


def manage_users(client, newsroom):
    client.get(f"{ADMIN}/accounts/user/add/")
    client.post(
        f"{ADMIN}/accounts/user/add/",
        {
            "username": "phongvienmoi",
            "password1": "Mat-khau-that-dai-2024!",
            "password2": "Mat-khau-that-dai-2024!",
            "display_name": "Phóng viên mới",
            "department": "",
            "role": Role.CONTRIBUTOR.value,
        },
    )
    return lambda: (
        (user := User.objects.filter(username="phongvienmoi").first()) is not None
        and user.is_staff
        and role_of(user) == Role.CONTRIBUTOR
    )


def change_own_role(client, newsroom):
    me = newsroom.actor
    mine = role_of(me)
    wanted = Role.EDITOR if mine == Role.ADMINISTRATOR else Role.ADMINISTRATOR
    client.post(
        f"{ADMIN}/accounts/user/{me.pk}/change/",
        {
            "username": me.username,
            "display_name": me.display_name,
            "department": "",
            "first_name": me.first_name,
            "last_name": me.last_name,
            "email": me.email,
            "is_active": "on",
            "is_staff": "on",
            "role": wanted.value,
            # What a forged form could add to get the same keys some other way.
            "is_superuser": "on",
            "groups": [Group.objects.get(name=wanted.value).pk],
        },
    )
    return lambda: (user := User.objects.get(pk=me.pk)).is_superuser or role_of(user) != mine


# --- the matrix ---------------------------------------------------------------------------------------------

# fmt: off
MATRIX = [
    # action               C  E  A  Q
    (create_article,      "✓  ✓  ✓  ✓"),
    (edit_own_draft,      "✓  ✓  ✓  ✓"),
    (edit_others_draft,   "✗  ✓  ✓  ✓"),
    (submit_own_draft,    "✓  ✓  ✓  ✓"),
    (return_pending,      "✗  ✓  ✓  ✓"),
    (publish_pending_now, "✗  ✗  ✓  ✓"),
    (schedule_pending,    "✗  ✗  ✓  ✓"),
    (unpublish_published, "✗  ✗  ✓  ✓"),
    (edit_published,      "✗  ✗  ✓  ✓"),
    (trash_own_draft,     "✓  ✓  ✓  ✓"),
    (trash_published,     "✗  ✗  ✓  ✓"),
    (restore_from_trash,  "✗  ✗  ✓  ✓"),
    (purge_from_trash,    "✗  ✗  ✗  ✓"),
    (manage_users,        "✗  ✗  ✗  ✓"),
    (change_own_role,     "✗  ✗  ✗  ✗"),
    (feature_article,     "✗  ✗  ✓  ✓"),
]
# fmt: on

CASES = [
    pytest.param(
        role, action, mark == "✓", id=f"{role}-{action.__name__}-{'allowed' if mark == '✓' else 'denied'}"
    )
    for action, marks in MATRIX
    for role, mark in zip(ROLES, marks.split(), strict=True)
]


@pytest.mark.parametrize(("role", "action", "allowed"), CASES)
def test_role_may_take_action_or_changes_nothing(role, action, allowed, newsroom, browser):
    before = database_state()

    took_effect = action(browser, newsroom)

    statuses = [response.status_code for response in browser.responses]
    assert 500 not in statuses
    if allowed:
        assert set(statuses) <= {200, 302}, statuses
        assert took_effect(), f"{role} may {action.__name__}, but it did not happen"
    else:
        assert set(statuses) <= REFUSALS, statuses
        for response in browser.responses:
            if response.status_code == 302:
                assert response["Location"].startswith(f"{ADMIN}/"), response["Location"]
        assert database_state() == before, f"{role} may not {action.__name__}, but the database changed"
        assert not took_effect()


# --- single cases -------------------------------------------------------------------------------------------


def as_role(role):
    return pytest.mark.parametrize("role", [role])


@as_role("editor")
@pytest.mark.parametrize("reason", ["", "   "], ids=["empty", "blank"])
def test_returning_without_a_reason_is_refused(reason, newsroom, browser):
    before = database_state()

    response = take_step(browser, newsroom.own_pending, "return", reason=reason)

    assert response.status_code == 200
    assert "Cần ghi lý do trả bài để tác giả biết phải sửa gì." in response.content.decode()
    assert database_state() == before


@as_role("contributor")
def test_contributor_is_not_offered_publishing_and_forging_it_changes_nothing(newsroom, browser):
    assert 'value="publish_selected"' not in browser.get(f"{ADMIN}/articles/article/").content.decode()
    before = database_state()

    response = run_action(browser, "articles/article", "publish_selected", newsroom.own_pending)

    assert response.status_code == 302
    assert database_state() == before
    assert reloaded(newsroom.own_pending).status == Status.PENDING


@as_role("contributor")
def test_contributor_cannot_read_a_colleagues_draft(newsroom, browser):
    article = newsroom.others_draft
    for page in ["change", "history", "preview", "workflow/submit"]:
        response = browser.get(f"{ADMIN}/articles/article/{article.pk}/{page}/", follow=True)
        assert response.status_code in {200, 404}, page
        assert article.title not in response.content.decode(), page


@as_role("contributor")
def test_contributor_sees_own_published_article_read_only(newsroom, browser):
    article = newsroom.own_published
    page = browser.get(f"{ADMIN}/articles/article/{article.pk}/change/")
    assert page.status_code == 200
    assert article.title in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    before = database_state()

    response = browser.post(
        f"{ADMIN}/articles/article/{article.pk}/change/", article_form(article, title="Sửa lén bài đã đăng")
    )

    assert response.status_code == 403
    assert database_state() == before


@as_role("contributor")
def test_forged_workflow_fields_on_the_add_form_are_ignored(newsroom, browser):
    colleague = newsroom.others_draft.author
    title = "Bài tự đăng lén"
    form = new_article_form(newsroom.own_draft.category, title=title)
    form.update(
        status=Status.PUBLISHED,
        published_at="2024-01-01 08:00",
        is_featured="on",
        author=colleague.pk,
        view_count="999",
    )

    browser.post(f"{ADMIN}/articles/article/add/", form)

    article = Article.objects.get(title=title)
    assert (article.status, article.published_at, article.is_featured) == (Status.DRAFT, None, False)
    assert (article.author, article.view_count) == (newsroom.actor, 0)
    assert public_status(article) == 404


@as_role("editor")
def test_bulk_delete_cannot_trash_what_the_delete_page_refuses(newsroom, browser):
    before = database_state()

    response = browser.post(
        f"{ADMIN}/articles/article/",
        {"action": "delete_selected", "_selected_action": [newsroom.own_published.pk], "post": "yes"},
    )

    assert response.status_code in REFUSALS
    assert database_state() == before


@as_role("administrator")
def test_administrator_is_told_they_cannot_change_their_own_role(newsroom, browser):
    response = browser.post(
        f"{ADMIN}/accounts/user/{newsroom.actor.pk}/change/",
        {"username": newsroom.actor.username, "is_staff": "on", "role": Role.EDITOR.value},
    )

    assert response.status_code == 200
    assert CANNOT_CHANGE_OWN_ROLE in response.content.decode()
    assert role_of(User.objects.get(pk=newsroom.actor.pk)) == Role.ADMINISTRATOR
