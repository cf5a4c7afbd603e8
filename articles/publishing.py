"""The editorial workflow, as one registry of steps: draft → pending → published (now or scheduled) →
unpublished, plus featuring and the trash.

Each step is one object here: its name, its label, the permission and rule that say who may take it, what it
changes, and the form that asks for what it needs. The article's admin page, the bulk actions of the article
list and of the trash, and "Việc chờ tôi" are loops over `STEPS`. Adding a step is adding one class here,
its permission (articles/permissions.py, granted to roles in accounts/roles.py) and its audit action
(`ArticleTransition.Action`).

Taking a step locks the article's row, checks that nobody moved it meanwhile, changes it and records who
did it, when and why, in one transaction. A step that isn't allowed raises WorkflowError and changes nothing.
"""

from functools import reduce
from operator import or_

from django import forms as django_forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import permissions, policy
from .forms import ConfirmForm, PublishForm, ReturnForm, UnpublishForm
from .models import Article, ArticleTransition
from .popular import forget_most_viewed

Status = Article.Status
Action = ArticleTransition.Action

MOVED_MEANWHILE = "Bài viết vừa được người khác xử lý; hãy tải lại trang và thử lại."


class WorkflowError(PermissionDenied):
    """A step the user may not take, or that the article's state does not allow; the message says which."""


class Step:
    name: str  # in the step's admin URL and, as "<name>_selected", its bulk action
    label: str  # the button on the article's admin page
    permission: permissions.Permission
    refusal: str  # what the user is told when the rule says no
    form: type[django_forms.Form] = ConfirmForm
    bulk_label: str = ""  # offered as an action on the selected articles of a list when set
    on_article_page: bool = True
    in_trash: bool = False  # restore and purge act on the trash, every other step on articles outside it
    do_not_call_in_templates = True  # a step is callable (taking it); templates only read its name and label

    def held_by(self, user) -> bool:
        """Whether the user's role grants the step at all: decides which buttons and actions exist."""
        return user.has_perm(self.permission)

    def allowed(self, user, article: Article) -> bool:
        return (
            (article.deleted_at is not None) == self.in_trash
            and self.held_by(user)
            and self.allows(user, article)
        )

    def allows(self, user, article: Article) -> bool:
        """The rule beyond the permission: the article's state, whose article it is."""
        return True

    def waiting(self, user) -> Q | None:
        """The articles waiting for this user to take this step, for "Việc chờ tôi"."""
        return None

    def change(self, article: Article, *, by, **data) -> str:
        """Change the article (already locked); return the note for the audit trail."""
        raise NotImplementedError

    def action(self, article: Article) -> str:
        """The audit trail's name for what was done, once done."""
        return self.name

    def __call__(self, article: Article, *, by, **data) -> Article:
        if not self.allowed(by, article):
            raise WorkflowError(self.refusal)
        with transaction.atomic():
            _lock_unchanged(article)
            from_status = article.status
            note = self.change(article, by=by, **data)
            article.save(update_fields=[*Article.WORKFLOW_FIELDS, "updated_at"])
            ArticleTransition.objects.create(
                article=article,
                action=self.action(article),
                from_status=from_status,
                to_status=article.status,
                actor=by,
                note=note,
            )
            _forget_cached_lists()
        return article

    def __repr__(self):
        return f"<Step {self.name}>"


class Submit(Step):
    name = "submit"
    label = "Gửi duyệt"
    permission = permissions.SUBMIT_ARTICLE
    refusal = "Chỉ gửi duyệt được bài nháp hoặc bài đã gỡ mà bạn được sửa."
    bulk_label = "Gửi duyệt các bài đã chọn"

    def allows(self, user, article):
        return article.status in {Status.DRAFT, Status.UNPUBLISHED} and policy.can_edit(user, article)

    def waiting(self, user):
        # Their own articles that a reviewer sent back: to fix and submit again.
        return Q(author=user, status=Status.DRAFT) & ~Q(return_reason="")

    def change(self, article, *, by):
        article.status = Status.PENDING
        article.return_reason = ""
        return ""


class Return(Step):
    name = "return"
    label = "Trả bài về tác giả"
    permission = permissions.RETURN_ARTICLE
    refusal = "Chỉ trả được bài đang chờ duyệt, và cần quyền biên tập."
    form = ReturnForm

    def allows(self, user, article):
        return article.status == Status.PENDING

    def waiting(self, user):
        return Q(status=Status.PENDING)

    def change(self, article, *, by, reason=""):
        reason = reason.strip()
        if not reason:
            raise WorkflowError("Cần ghi lý do trả bài để tác giả biết phải sửa gì.")
        article.status = Status.DRAFT
        article.return_reason = reason
        return reason


class Publish(Step):
    """Publish now, or at `at`: a time in the future makes the article go public then, with no job to run."""

    name = "publish"
    label = "Xuất bản / Hẹn giờ"
    permission = permissions.PUBLISH_ARTICLE
    refusal = "Bạn không có quyền xuất bản bài này, hoặc bài đã được đăng."
    form = PublishForm
    bulk_label = "Xuất bản ngay các bài đã chọn"

    def allows(self, user, article):
        # A scheduled article may be rescheduled until it goes public.
        return article.status != Status.PUBLISHED or bool(article.is_scheduled)

    def waiting(self, user):
        return Q(status=Status.PENDING)

    def change(self, article, *, by, at=None):
        article.status = Status.PUBLISHED
        article.published_at = at or timezone.now()
        article.return_reason = ""
        if article.is_scheduled:
            return f"Hẹn đăng lúc {timezone.localtime(article.published_at):%d/%m/%Y %H:%M}"
        return ""

    def action(self, article):
        return Action.SCHEDULE if article.is_scheduled else Action.PUBLISH


class Unpublish(Step):
    name = "unpublish"
    label = "Gỡ bài"
    permission = permissions.UNPUBLISH_ARTICLE
    refusal = "Chỉ lãnh đạo duyệt bài mới gỡ được bài đã đăng."
    form = UnpublishForm
    bulk_label = "Gỡ các bài đã chọn"

    def allows(self, user, article):
        return article.status == Status.PUBLISHED

    def change(self, article, *, by, note=""):
        article.status = Status.UNPUBLISHED
        return note.strip()


class Feature(Step):
    name = "feature"
    label = "Đặt tin nổi bật"
    permission = permissions.FEATURE_ARTICLE
    refusal = "Bạn không có quyền đặt tin nổi bật, hoặc bài đã là tin nổi bật."
    bulk_label = "Đặt làm tin nổi bật"

    def allows(self, user, article):
        return not article.is_featured

    def change(self, article, *, by):
        article.is_featured = True
        return ""


class Unfeature(Step):
    name = "unfeature"
    label = "Bỏ tin nổi bật"
    permission = permissions.FEATURE_ARTICLE
    refusal = "Bạn không có quyền bỏ tin nổi bật, hoặc bài không phải tin nổi bật."
    bulk_label = "Bỏ tin nổi bật"

    def allows(self, user, article):
        return article.is_featured

    def change(self, article, *, by):
        article.is_featured = False
        return ""


class Trash(Step):
    """Move to the trash, from where it can be restored; the admin's own delete link and action take it."""

    name = "trash"
    label = "Chuyển vào thùng rác"
    permission = permissions.DELETE_ARTICLE
    refusal = "Bạn không có quyền xóa bài này."
    on_article_page = False

    def allows(self, user, article):
        return policy.can_edit(user, article)

    def change(self, article, *, by):
        article.deleted_at = timezone.now()
        article.deleted_by = by
        return ""


class Restore(Step):
    name = "restore"
    label = "Khôi phục"
    permission = permissions.RESTORE_ARTICLE
    refusal = "Chỉ lãnh đạo duyệt bài mới khôi phục được bài đã xóa."
    bulk_label = "Khôi phục các bài đã chọn"
    on_article_page = False
    in_trash = True

    def change(self, article, *, by):
        article.deleted_at = None
        article.deleted_by = None
        return ""


class Purge(Step):
    """Delete for good, from the trash; the audit trail goes with the article, by design of a purge."""

    name = "purge"
    label = "Xóa vĩnh viễn"
    permission = permissions.PURGE_ARTICLE
    refusal = "Chỉ quản trị viên mới xóa vĩnh viễn được bài trong thùng rác."
    bulk_label = "Xóa vĩnh viễn các bài đã chọn"
    on_article_page = False
    in_trash = True

    def __call__(self, article, *, by, **data):
        if not self.allowed(by, article):
            raise WorkflowError(self.refusal)
        with transaction.atomic():
            _lock_unchanged(article)
            article.delete()
            _forget_cached_lists()


submit, return_to_author, publish, unpublish = Submit(), Return(), Publish(), Unpublish()
feature, unfeature, trash, restore, purge = Feature(), Unfeature(), Trash(), Restore(), Purge()

STEPS: dict[str, Step] = {
    step.name: step
    for step in (submit, return_to_author, publish, unpublish, feature, unfeature, trash, restore, purge)
}


def steps_on_article_page(user, article: Article) -> list[Step]:
    return [step for step in STEPS.values() if step.on_article_page and step.allowed(user, article)]


def bulk_steps(*, in_trash: bool) -> list[Step]:
    return [step for step in STEPS.values() if step.bulk_label and step.in_trash == in_trash]


def waiting_for(user, articles=None):
    """What needs this user next, from every step their role grants (articles to review, returned ones)."""
    conditions = [
        condition
        for step in STEPS.values()
        if step.held_by(user) and (condition := step.waiting(user)) is not None
    ]
    articles = Article.objects.all() if articles is None else articles
    if not conditions:
        return articles.none()
    return articles.not_trashed().filter(reduce(or_, conditions))


def _lock_unchanged(article: Article) -> None:
    # Two people acting on the same article at once: the second finds it changed and is refused.
    current = (
        Article.objects.select_for_update()
        .filter(pk=article.pk)
        .values("status", "is_featured", "deleted_at")
        .first()
    )
    if current is None or (
        current["status"],
        current["is_featured"],
        current["deleted_at"] is None,
    ) != (article.status, article.is_featured, article.deleted_at is None):
        raise WorkflowError(MOVED_MEANWHILE)


def _forget_cached_lists() -> None:
    # Now for this request, and again once committed, in case another request refilled it meanwhile.
    forget_most_viewed()
    transaction.on_commit(forget_most_viewed)
