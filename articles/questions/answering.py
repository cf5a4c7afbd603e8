"""Where a question stands and who moves it on: waiting → answered → published, or declined.

Writing the answer is an editor's work (ANSWER_QUESTION): saving a non-empty answer makes a waiting question
"answered" and records who answered and when; emptying it sends the question back to waiting. Publishing,
taking down, declining and reopening are an approver's (PUBLISH_QUESTION), each one `Step` in `STEPS`; the
admin's buttons and bulk actions are loops over that registry. Every rule is checked here, on the server, so
a forged request is refused as surely as a hidden button.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import permissions
from .models import Question

Status = Question.Status
# Fields the workflow changes; the admin's form never posts them.
WORKFLOW_FIELDS = ["status", "answered_by", "answered_at", "published_at", "updated_at"]

EMPTY_PUBLISHED_ANSWER = "Câu hỏi đã đăng phải có câu trả lời. Muốn bỏ câu trả lời, hãy gỡ câu hỏi trước."


class WorkflowError(PermissionDenied):
    """A change the user may not make, or that the question's state does not allow; the message says which."""


def may_answer(user, question: Question) -> bool:
    """Whether `user` may write or change the answer of `question`."""
    if not user.has_perm(permissions.ANSWER_QUESTION):
        return False
    # Once an approver has decided (published or declined), the answer readers see, or were spared, changes
    # only with an approver.
    return question.status in {Status.WAITING, Status.ANSWERED} or user.has_perm(permissions.PUBLISH_QUESTION)


def save_answer(question: Question, *, by, answer_changed: bool) -> Question:
    """Save `question` whose answer (and answering unit, topic) `by` has just edited, moving it on as the
    answer says: a first answer or a new one is signed by `by`; an emptied one sends the question back."""
    if not may_answer(by, question):
        raise WorkflowError("Bạn không được sửa câu trả lời của câu hỏi này.")
    if question.has_answer:
        if answer_changed or question.status == Status.WAITING:
            question.answered_by, question.answered_at = by, timezone.now()
        if question.status == Status.WAITING:
            question.status = Status.ANSWERED
    elif question.status == Status.PUBLISHED:
        raise WorkflowError(EMPTY_PUBLISHED_ANSWER)
    elif question.status == Status.ANSWERED:
        question.status = Status.WAITING
        question.answered_by = question.answered_at = None
    question.save()
    return question


@dataclass(frozen=True)
class Step:
    """One decision an approver takes on a question: from which states, to which, and what it needs."""

    name: str  # in the step's admin URL and, as "<name>_selected", its bulk action
    label: str  # the button on the question's admin page
    bulk_label: str
    from_statuses: frozenset
    refusal: str
    needs_answer: bool = False
    # A step is callable (taking it); templates only read its name and label.
    do_not_call_in_templates = True

    def held_by(self, user) -> bool:
        return user.has_perm(permissions.PUBLISH_QUESTION)

    def allows(self, question: Question) -> bool:
        return question.status in self.from_statuses and (question.has_answer or not self.needs_answer)

    def allowed(self, user, question: Question) -> bool:
        return self.held_by(user) and self.allows(question)

    def __call__(self, question: Question, *, by) -> Question:
        if not self.held_by(by):
            raise WorkflowError("Chỉ lãnh đạo duyệt bài và quản trị viên mới đăng, gỡ hoặc từ chối câu hỏi.")
        with transaction.atomic():
            # The row as it is now, locked: two approvers clicking at once must not both take the step.
            locked = Question.objects.select_for_update().get(pk=question.pk)
            if not self.allows(locked):
                raise WorkflowError(self.refusal)
            _MOVES[self.name](locked, by=by)
            locked.save(update_fields=WORKFLOW_FIELDS)
        for field in WORKFLOW_FIELDS:
            setattr(question, field, getattr(locked, field))
        return question


def _publish(question, *, by):
    question.status, question.published_at = Status.PUBLISHED, timezone.now()


def _unpublish(question, *, by):
    question.status, question.published_at = Status.ANSWERED, None


def _decline(question, *, by):
    question.status, question.published_at = Status.DECLINED, None


def _reopen(question, *, by):
    question.status = Status.ANSWERED if question.has_answer else Status.WAITING


_MOVES = {"publish": _publish, "unpublish": _unpublish, "decline": _decline, "reopen": _reopen}

publish = Step(
    name="publish",
    label="Đăng câu hỏi và trả lời",
    bulk_label="Đăng các câu hỏi đã chọn",
    from_statuses=frozenset({Status.ANSWERED}),
    refusal="Chỉ đăng được câu hỏi đã có câu trả lời và chưa đăng.",
    needs_answer=True,
)
unpublish = Step(
    name="unpublish",
    label="Gỡ khỏi trang Hỏi đáp",
    bulk_label="Gỡ các câu hỏi đã chọn",
    from_statuses=frozenset({Status.PUBLISHED}),
    refusal="Chỉ gỡ được câu hỏi đang đăng.",
)
decline = Step(
    name="decline",
    label="Không đăng câu hỏi này",
    bulk_label="Không đăng các câu hỏi đã chọn",
    from_statuses=frozenset({Status.WAITING, Status.ANSWERED}),
    refusal="Chỉ từ chối được câu hỏi chưa đăng.",
)
reopen = Step(
    name="reopen",
    label="Xem xét lại",
    bulk_label="Xem xét lại các câu hỏi đã chọn",
    from_statuses=frozenset({Status.DECLINED}),
    refusal="Chỉ xem xét lại được câu hỏi đã bị từ chối.",
)

STEPS = {step.name: step for step in (publish, unpublish, decline, reopen)}
