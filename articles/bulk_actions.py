"""A workflow step as an admin action on the selected rows, for both the articles and the questions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction


def step_on_selected(step, *, noun: str):
    """An admin action taking `step` (a registry's step, called as step(item, by=user)) on every selected row.

    `noun` names the rows in the messages ("bài", "câu hỏi"). Each registry's WorkflowError is a
    PermissionDenied: one refusal undoes the whole batch.
    """

    def take_step_on_selected(model_admin, request, queryset):
        try:
            with transaction.atomic():
                for item in queryset:
                    step(item, by=request.user)
        except PermissionDenied as refusal:
            model_admin.message_user(
                request, f"Không thực hiện được, không {noun} nào thay đổi: {refusal}", messages.ERROR
            )
            return
        model_admin.message_user(request, f"{step.label}: đã xong {len(queryset)} {noun}.", messages.SUCCESS)

    return take_step_on_selected
