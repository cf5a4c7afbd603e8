"""The editorial workflow: draft → pending → published (now or scheduled) → unpublished.

Every step checks the rules in policy.py, changes the article and records who did it, when and why, in
one transaction. A step that isn't allowed raises WorkflowError and changes nothing.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import policy
from .models import Article, ArticleTransition
from .popular import forget_most_viewed

Status = Article.Status
Action = ArticleTransition.Action


class WorkflowError(PermissionDenied):
    """A step the user may not take, or that the article's state does not allow; the message says which."""


def submit(article: Article, *, by) -> Article:
    _require(policy.can_submit(by, article), "Chỉ gửi duyệt được bài nháp hoặc bài đã gỡ mà bạn được sửa.")
    return _move(article, to=Status.PENDING, action=Action.SUBMIT, by=by, clear_return_reason=True)


def return_to_author(article: Article, *, by, reason: str) -> Article:
    _require(policy.can_return(by, article), "Chỉ trả được bài đang chờ duyệt, và cần quyền biên tập.")
    reason = reason.strip()
    _require(bool(reason), "Cần ghi lý do trả bài để tác giả biết phải sửa gì.")
    article.return_reason = reason
    return _move(article, to=Status.DRAFT, action=Action.RETURN, by=by, note=reason)


def publish(article: Article, *, by, at=None) -> Article:
    """Publish now, or at `at`: a time in the future makes the article go public then, with no job to run."""
    _require(policy.can_publish(by, article), "Bạn không có quyền xuất bản bài này, hoặc bài đã được đăng.")
    now = timezone.now()
    article.published_at = at or now
    scheduled = article.published_at > now
    note = f"Hẹn đăng lúc {timezone.localtime(article.published_at):%d/%m/%Y %H:%M}" if scheduled else ""
    return _move(
        article,
        to=Status.PUBLISHED,
        action=Action.SCHEDULE if scheduled else Action.PUBLISH,
        by=by,
        note=note,
        clear_return_reason=True,
    )


def unpublish(article: Article, *, by, note: str = "") -> Article:
    _require(policy.can_unpublish(by, article), "Chỉ lãnh đạo duyệt bài mới gỡ được bài đã đăng.")
    return _move(article, to=Status.UNPUBLISHED, action=Action.UNPUBLISH, by=by, note=note.strip())


def set_featured(article: Article, *, by, featured: bool) -> Article:
    _require(policy.can_feature(by), "Bạn không có quyền đặt tin nổi bật.")
    article.is_featured = featured
    article.save(update_fields=["is_featured", "updated_at"])
    return article


def trash(article: Article, *, by) -> Article:
    _require(policy.can_trash(by, article), "Bạn không có quyền xóa bài này.")
    article.deleted_at = timezone.now()
    article.deleted_by = by
    return _record(article, action=Action.TRASH, by=by, fields=["deleted_at", "deleted_by"])


def restore(article: Article, *, by) -> Article:
    _require(policy.can_restore(by, article), "Chỉ lãnh đạo duyệt bài mới khôi phục được bài đã xóa.")
    article.deleted_at = None
    article.deleted_by = None
    return _record(article, action=Action.RESTORE, by=by, fields=["deleted_at", "deleted_by"])


def purge(article: Article, *, by) -> None:
    _require(policy.can_purge(by, article), "Chỉ quản trị viên mới xóa vĩnh viễn được bài trong thùng rác.")
    article.delete()


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise WorkflowError(message)


def _move(article, *, to, action, by, note="", clear_return_reason=False):
    from_status = article.status
    article.status = to
    fields = ["status", "published_at", "return_reason"]
    if clear_return_reason:
        article.return_reason = ""
    return _record(article, action=action, by=by, fields=fields, note=note, from_status=from_status)


def _record(article, *, action, by, fields, note="", from_status=None):
    with transaction.atomic():
        # Two people acting on the same article at once: the second finds it changed and is refused.
        current = (
            Article.objects.select_for_update().filter(pk=article.pk).values("status", "deleted_at").first()
        )
        in_trash_now = action == Action.RESTORE  # only a restore starts from the trash
        if (
            current is None
            or current["status"] != (from_status or article.status)
            or (current["deleted_at"] is not None) != in_trash_now
        ):
            raise WorkflowError("Bài viết vừa được người khác xử lý; hãy tải lại trang và thử lại.")
        article.save(update_fields=[*fields, "updated_at"])
        ArticleTransition.objects.create(
            article=article,
            action=action,
            from_status=from_status or article.status,
            to_status=article.status,
            actor=by,
            note=note,
        )
        # Now for this request, and again once committed, in case another request refilled it meanwhile.
        forget_most_viewed()
        transaction.on_commit(forget_most_viewed)
    return article
