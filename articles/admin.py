"""The newsroom in the Django admin: articles through their workflow, the trash, categories.

What a role may do is decided in policy.py and publishing.py; this module only offers it, so every
refusal there holds whether a button was shown or a request was forged.
"""

from collections.abc import Callable
from typing import NamedTuple

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from . import policy, publishing, revisions
from .forms import ArticleAdminForm, ConfirmForm, PublishForm, ReturnForm, UnpublishForm
from .models import Article, ArticleImage, Category, TrashedArticle
from .views import article_page_context

Status = Article.Status


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "order", "show_in_menu"]
    list_editable = ["order", "show_in_menu"]
    list_filter = ["show_in_menu", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name"]
    # No prepopulated slug: Django's urlify.js turns "đ" into "dj" and drops Vietnamese vowels. Left blank,
    # the slug is made on the server by articles/slugs.py (the same goes for articles).


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 1
    fields = ["image", "caption", "alt_text", "order"]


class WaitingForMeFilter(admin.SimpleListFilter):
    title = "việc của tôi"
    parameter_name = "cho_toi"

    def lookups(self, request, model_admin):
        return [("1", "Chờ tôi xử lý")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.waiting_for(request.user)
        return queryset


class WorkflowStep(NamedTuple):
    label: str
    form: type
    take: Callable  # (article, user, cleaned form data) -> None
    allowed: Callable  # (user, article) -> bool, from policy.py


WORKFLOW_STEPS = {
    "submit": WorkflowStep(
        "Gửi duyệt",
        ConfirmForm,
        lambda article, user, data: publishing.submit(article, by=user),
        policy.can_submit,
    ),
    "return": WorkflowStep(
        "Trả bài về tác giả",
        ReturnForm,
        lambda article, user, data: publishing.return_to_author(article, by=user, reason=data["reason"]),
        policy.can_return,
    ),
    "publish": WorkflowStep(
        "Xuất bản / Hẹn giờ",
        PublishForm,
        lambda article, user, data: publishing.publish(article, by=user, at=data["at"]),
        policy.can_publish,
    ),
    "unpublish": WorkflowStep(
        "Gỡ bài",
        UnpublishForm,
        lambda article, user, data: publishing.unpublish(article, by=user, note=data["note"]),
        policy.can_unpublish,
    ),
}


def take_step_on_all(model_admin, request, queryset, step, done_message):
    """Take a workflow step on every selected article, or on none: one refusal undoes the whole batch."""
    try:
        with transaction.atomic():
            for article in queryset:
                step(article)
    except publishing.WorkflowError as refusal:
        model_admin.message_user(
            request, f"Không thực hiện được, không bài nào thay đổi: {refusal}", messages.ERROR
        )
        return
    model_admin.message_user(request, done_message.format(count=len(queryset)), messages.SUCCESS)


@admin.register(Article)
class ArticleAdmin(CompareVersionAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "category",
        "status_label",
        "author",
        "published_at",
        "view_count",
        "is_featured",
    ]
    list_filter = [WaitingForMeFilter, "status", "category", "author", "published_at", "is_featured"]
    list_select_related = ["category__parent", "author"]
    search_fields = ["title", "lead", "byline"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["category"]
    inlines = [ArticleImageInline]
    # The library's list page offers "recover deleted"; here deleted articles are in the trash instead.
    change_list_template = "admin/change_list.html"
    compare_exclude = ["view_count", "edit_version", "deleted_at", "deleted_by", "return_reason"]
    history_latest_first = True
    actions = ["submit_selected", "publish_selected", "unpublish_selected", "feature_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body", "byline", "loaded_version"]}),
        ("Ảnh đại diện", {"fields": ["cover_image", "cover_caption", "cover_alt"]}),
        ("Xuất bản", {"fields": ["status", "published_at", "is_featured", "author"]}),
        ("Thông tin", {"fields": ["view_count", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    # --- what each user sees and may change -------------------------------------------------------------

    def get_queryset(self, request):
        articles = super().get_queryset(request).not_trashed().select_related("category__parent", "author")
        if policy.sees_all_articles(request.user):
            return articles
        return articles.filter(author=request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return policy.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return policy.can_trash(request.user, obj)

    def has_submit_permission(self, request):
        return request.user.has_perm("articles.submit_article")

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def has_unpublish_permission(self, request):
        return request.user.has_perm("articles.unpublish_article")

    def has_feature_permission(self, request):
        return policy.can_feature(request.user)

    def get_readonly_fields(self, request, obj=None):
        # Status and dates move only through the workflow steps, which check who may take them.
        readonly = ["status", "published_at", "author", "view_count", "created_at", "updated_at"]
        if not policy.can_feature(request.user):
            readonly.append("is_featured")
        if obj is not None and obj.status == Status.PUBLISHED:
            readonly.append("slug")  # a published link must keep working
        return readonly

    def get_changeform_initial_data(self, request):
        return {"byline": request.user.byline, **super().get_changeform_initial_data(request)}

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    @admin.display(description="trạng thái", ordering="status")
    def status_label(self, article):
        if article.is_scheduled:
            return "Hẹn giờ đăng"
        if article.status == Status.DRAFT and article.return_reason:
            return "Bị trả lại"
        return article.get_status_display()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    # Deleting moves to the trash; only the trash's own page deletes for good.
    delete_confirmation_template = "admin/articles/article/trash_confirmation.html"
    delete_selected_confirmation_template = "admin/articles/article/trash_selected_confirmation.html"

    def get_deleted_objects(self, objs, request):
        # Nothing related is deleted by a move to the trash, so Django's cascade check (and its demand for
        # permission to delete images and audit records) does not apply.
        articles = [str(article) for article in objs]
        return articles, {Article._meta.verbose_name: len(articles)}, set(), []

    def response_delete(self, request, obj_display, obj_id):
        self.message_user(request, f"Đã chuyển “{obj_display}” vào thùng rác.", messages.SUCCESS)
        return redirect("admin:articles_article_changelist")

    def delete_model(self, request, obj):
        publishing.trash(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for article in queryset:
                publishing.trash(article, by=request.user)

    # --- the article page: timeline, workflow buttons, conflict ------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context.update(
                timeline=obj.transitions.select_related("actor"),
                workflow_steps=[
                    (name, step.label)
                    for name, step in WORKFLOW_STEPS.items()
                    if step.allowed(request.user, obj)
                ],
                preview_url=reverse("admin:articles_article_preview", args=[obj.pk]),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        own = [
            path(
                "<int:pk>/workflow/<str:step>/",
                self.admin_site.admin_view(self.workflow_view),
                name="articles_article_workflow",
            ),
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="articles_article_preview",
            ),
        ]
        return own + super().get_urls()

    def _article_page(self, request, template, article, title, **context):
        context = {**self.admin_site.each_context(request), "opts": self.opts, "article": article, **context}
        return TemplateResponse(request, template, {**context, "title": f"{title}: {article.title}"})

    def workflow_view(self, request, pk, step):
        if step not in WORKFLOW_STEPS:
            raise PermissionDenied
        step = WORKFLOW_STEPS[step]
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not step.allowed(request.user, article):
            raise PermissionDenied
        form = step.form(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            step.take(article, request.user, form.cleaned_data)
            self.message_user(request, f"{step.label}: “{article.title}” đã xong.", messages.SUCCESS)
            return redirect("admin:articles_article_change", article.pk)
        return self._article_page(
            request,
            "admin/articles/article/workflow.html",
            article,
            step.label,
            form=form,
            step_label=step.label,
        )

    def preview_view(self, request, pk):
        """The article exactly as readers will see it, published or not; counts no view."""
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        context = {"article": article, "object": article, "is_preview": True}
        context.update(article_page_context(request, article))
        return TemplateResponse(request, "articles/article.html", context)

    # --- revisions: history and compare from django-reversion(-compare), restore of content only ------

    def _visible_article(self, request, object_id):
        # The library's views look articles up by id alone; a contributor must not read others' drafts.
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("Không tìm thấy bài viết.")
        return article

    def history_view(self, request, object_id, extra_context=None):
        self._visible_article(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self._visible_article(request, object_id)
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        article = self._visible_article(request, object_id)
        version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
        if not policy.can_edit(request.user, article):
            raise PermissionDenied
        if request.method == "POST":
            revisions.restore_revision(article, version, by=request.user)
            self.message_user(request, "Đã khôi phục nội dung của phiên bản đã chọn.", messages.SUCCESS)
            return redirect("admin:articles_article_change", article.pk)
        return self._article_page(
            request,
            "admin/articles/article/restore_revision.html",
            article,
            "Khôi phục phiên bản",
            version=version,
            saved=version.field_dict,
        )

    # Deleted articles live in the trash, and a purge is meant to be final: nothing to recover here.
    def recoverlist_view(self, request, extra_context=None):
        raise PermissionDenied

    def recover_view(self, request, version_id, extra_context=None):
        raise PermissionDenied

    # --- actions on many articles: all or nothing --------------------------------------------------------

    @admin.action(description="Gửi duyệt các bài đã chọn", permissions=["submit"])
    def submit_selected(self, request, queryset):
        take_step_on_all(
            self,
            request,
            queryset,
            lambda a: publishing.submit(a, by=request.user),
            "Đã gửi duyệt {count} bài.",
        )

    @admin.action(description="Xuất bản ngay các bài đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        take_step_on_all(
            self,
            request,
            queryset,
            lambda a: publishing.publish(a, by=request.user),
            "Đã xuất bản {count} bài.",
        )

    @admin.action(description="Gỡ các bài đã chọn", permissions=["unpublish"])
    def unpublish_selected(self, request, queryset):
        take_step_on_all(
            self, request, queryset, lambda a: publishing.unpublish(a, by=request.user), "Đã gỡ {count} bài."
        )

    @admin.action(description="Đặt làm tin nổi bật", permissions=["feature"])
    def feature_selected(self, request, queryset):
        take_step_on_all(
            self,
            request,
            queryset,
            lambda a: publishing.set_featured(a, by=request.user, featured=True),
            "Đã đặt {count} tin nổi bật.",
        )


@admin.register(TrashedArticle)
class TrashedArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "status", "deleted_at", "deleted_by"]
    list_select_related = ["category__parent", "deleted_by"]
    list_filter = ["category"]
    search_fields = ["title"]
    actions = ["restore_selected", "purge_selected"]
    readonly_fields = ["title", "category", "status", "lead", "byline", "deleted_at", "deleted_by"]
    fields = readonly_fields

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.restore_article") or request.user.has_perm(
            "articles.purge_article"
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("articles.purge_article")

    def has_restore_permission(self, request):
        return request.user.has_perm("articles.restore_article")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # purge_selected says plainly that it is for good
        return actions

    def delete_model(self, request, obj):
        publishing.purge(obj, by=request.user)

    @admin.action(description="Khôi phục các bài đã chọn", permissions=["restore"])
    def restore_selected(self, request, queryset):
        take_step_on_all(
            self,
            request,
            queryset,
            lambda a: publishing.restore(a, by=request.user),
            "Đã khôi phục {count} bài.",
        )

    @admin.action(description="Xóa vĩnh viễn các bài đã chọn", permissions=["delete"])
    def purge_selected(self, request, queryset):
        take_step_on_all(
            self,
            request,
            queryset,
            lambda a: publishing.purge(a, by=request.user),
            "Đã xóa vĩnh viễn {count} bài.",
        )
