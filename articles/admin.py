"""The newsroom in the Django admin: articles through their workflow, the trash, categories.

What a role may do is decided in policy.py and publishing.py; this module only offers it, so every
refusal there holds whether a button was shown or a request was forged.
"""

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from . import charts, policy, publishing, revisions, stats
from .bulk_actions import step_on_selected
from .forms import ArticleAdminForm
from .models import Article, ArticleImage, Category, TrashedArticle
from .views import article_page_context

Status = Article.Status
COVER_FIELDS = [name for name in Article.CONTENT_FIELDS if name.startswith("cover_")]
TEXT_FIELDS = [name for name in Article.CONTENT_FIELDS if name not in COVER_FIELDS]


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
            return publishing.waiting_for(request.user, queryset)
        return queryset


def step_actions(request, *, in_trash: bool) -> dict:
    """The registry's bulk steps that this user's role grants, as admin actions."""
    return {
        f"{step.name}_selected": (
            step_on_selected(step, noun="bài"),
            f"{step.name}_selected",
            step.bulk_label,
        )
        for step in publishing.bulk_steps(in_trash=in_trash)
        if step.held_by(request.user)
    }


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
    list_select_related = ["category__parent", "author"]
    search_fields = ["title", "lead", "byline"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["category", "related_documents"]
    inlines = [ArticleImageInline]
    # The library's list page offers "recover deleted"; here deleted articles are in the trash instead.
    change_list_template = "admin/change_list.html"
    # History compares what people edit; counters and bookkeeping (views, versions, trash) are not edits.
    compare_exclude = [field.name for field in Article._meta.concrete_fields if not field.editable]
    history_latest_first = True
    fieldsets = [
        (
            None,
            {
                # The slug right under the title it is made from.
                "fields": ["title", "slug", *TEXT_FIELDS[1:], "loaded_version"]
            },
        ),
        ("Ảnh đại diện", {"fields": COVER_FIELDS}),
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
            return publishing.trash.held_by(request.user)
        return publishing.trash.allowed(request.user, obj)

    def get_list_filter(self, request):
        filters = [WaitingForMeFilter, "status", "category", "published_at", "is_featured"]
        if policy.sees_all_articles(request.user):
            # Only the people who have articles here, not every staff account; contributors, who see only
            # their own articles, get no list of colleagues at all.
            filters.insert(3, ("author", admin.RelatedOnlyFieldListFilter))
        return filters

    def get_actions(self, request):
        actions = super().get_actions(request)
        if IS_POPUP_VAR not in request.GET:
            actions.update(step_actions(request, in_trash=False))
        return actions

    def get_readonly_fields(self, request, obj=None):
        # Status, dates and featuring move only through the workflow steps, which check who may take them.
        readonly = [
            "status",
            "published_at",
            "is_featured",
            "author",
            "view_count",
            "created_at",
            "updated_at",
        ]
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
                workflow_steps=publishing.steps_on_article_page(request.user, obj),
                preview_url=reverse("admin:articles_article_preview", args=[obj.pk]),
                views_chart=charts.daily_views_chart(
                    stats.article_views_by_day(obj),
                    chart_id="article-views",
                    subject=f"bài “{obj.title}”",
                ),
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
        step = publishing.STEPS.get(step)
        if step is None or not step.on_article_page:
            raise PermissionDenied
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not step.allowed(request.user, article):
            raise PermissionDenied
        form = step.form(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                step(article, by=request.user, **form.cleaned_data)
            except publishing.WorkflowError as refusal:
                form.add_error(None, str(refusal))
            else:
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


@admin.register(TrashedArticle)
class TrashedArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "status", "deleted_at", "deleted_by"]
    list_select_related = ["category__parent", "deleted_by"]
    list_filter = ["category"]
    search_fields = ["title"]
    readonly_fields = ["title", "category", "status", "lead", "byline", "deleted_at", "deleted_by"]
    fields = readonly_fields

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        return publishing.restore.held_by(request.user) or publishing.purge.held_by(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return publishing.purge.held_by(request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # purge_selected says plainly that it is for good
        if IS_POPUP_VAR not in request.GET:
            actions.update(step_actions(request, in_trash=True))
        return actions

    def delete_model(self, request, obj):
        publishing.purge(obj, by=request.user)
