"""Hỏi đáp in the newsroom's admin: questions waiting first, answered in the editor, published by approvers.

Who may do what is decided in answering.py; this module only offers it. The question and the asker's
contacts are shown read-only: staff read them here to reply, and no public page ever shows the contacts.
"""

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion_compare.admin import CompareVersionAdmin

from articles.bulk_actions import step_on_selected

from . import answering, permissions
from .forms import QuestionAdminForm
from .models import Question, Topic

Status = Question.Status
# The work first: what waits for an answer, then for an approver, then what is decided.
STATUS_ORDER = [Status.WAITING, Status.ANSWERED, Status.PUBLISHED, Status.DECLINED]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


@admin.register(Question)
class QuestionAdmin(CompareVersionAdmin):
    form = QuestionAdminForm
    change_form_template = "questions/admin/change_form.html"
    # The library's list page offers "recover deleted", which is not offered here (see recoverlist_view).
    change_list_template = "admin/change_list.html"
    list_display = ["title", "topic", "asker_name", "status", "asked_at", "answering_unit", "published_at"]
    list_select_related = ["topic"]
    list_filter = ["status", "topic", "asked_at"]
    search_fields = ["title", "question", "asker_name", "asker_email", "asker_phone"]
    date_hierarchy = "asked_at"
    readonly_fields = [
        "asker_name",
        "asker_email",
        "asker_phone",
        "title",
        "question",
        "status",
        "asked_at",
        "answered_by",
        "answered_at",
        "published_at",
    ]
    fieldsets = [
        ("Câu hỏi của bạn đọc", {"fields": ["title", "question", "topic", "asked_at"]}),
        (
            "Liên hệ người hỏi",
            {
                "fields": ["asker_name", "asker_email", "asker_phone"],
                "description": "Chỉ cán bộ xem được; không bao giờ đăng công khai.",
            },
        ),
        ("Trả lời", {"fields": ["answer", "answering_unit", "answered_by", "answered_at"]}),
        ("Đăng", {"fields": ["status", "published_at"]}),
    ]
    # History compares what staff edit, not the workflow's bookkeeping.
    compare_exclude = [field.name for field in Question._meta.concrete_fields if not field.editable]
    history_latest_first = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("topic", "answered_by")

    def get_ordering(self, request):
        work_first = Case(
            *(When(status=status, then=Value(rank)) for rank, status in enumerate(STATUS_ORDER)),
            output_field=IntegerField(),
        )
        return [work_first.asc(), "-asked_at", "-pk"]

    # Questions come from readers, through the public form.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return request.user.has_perm(permissions.ANSWER_QUESTION)
        return answering.may_answer(request.user, obj)

    def has_publish_permission(self, request):
        return request.user.has_perm(permissions.PUBLISH_QUESTION)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if IS_POPUP_VAR not in request.GET:
            for step in answering.STEPS.values():
                if step.held_by(request.user):
                    actions[f"{step.name}_selected"] = (
                        step_on_selected(step, noun="câu hỏi"),
                        f"{step.name}_selected",
                        step.bulk_label,
                    )
        return actions

    def save_model(self, request, obj, form, change):
        answering.save_answer(obj, by=request.user, answer_changed="answer" in form.changed_data)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    # --- the question's page: its workflow buttons, each with a confirmation page --------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["workflow_steps"] = [
                step for step in answering.STEPS.values() if step.allowed(request.user, obj)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        own = [
            path(
                "<int:pk>/buoc/<str:step>/",
                self.admin_site.admin_view(self.workflow_view),
                name="questions_question_workflow",
            ),
        ]
        return own + super().get_urls()

    def workflow_view(self, request, pk, step):
        step = answering.STEPS.get(step)
        question = get_object_or_404(self.get_queryset(request), pk=pk)
        if step is None or not step.held_by(request.user):
            raise PermissionDenied
        change_url = reverse("admin:questions_question_change", args=[question.pk])
        if request.method == "POST":
            try:
                step(question, by=request.user)
            except answering.WorkflowError as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
            else:
                self.message_user(request, f"{step.label}: “{question.title}” đã xong.", messages.SUCCESS)
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "question": question,
            "step": step,
            "allowed": step.allows(question),
            "change_url": change_url,
            "title": f"{step.label}: {question.title}",
        }
        return TemplateResponse(request, "questions/admin/step.html", context)

    # --- history: compare versions, but no restore (it would bring back an old status too) ---------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        raise PermissionDenied

    def recoverlist_view(self, request, extra_context=None):
        raise PermissionDenied

    def recover_view(self, request, version_id, extra_context=None):
        raise PermissionDenied
