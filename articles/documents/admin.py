"""The document library in the newsroom's admin: documents with their files inline, and the list of kinds.

Who may do what is decided in policy.py; this module only offers it, and the form refuses a status the
user's role does not grant, whether or not the choice was shown.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import filesizeformat, truncatechars
from django.utils import timezone

from portal.page_cache import bump_content_version

from . import policy
from .forms import DocumentAdminForm
from .models import Document, DocumentFile, DocumentKind

Status = Document.Status


@admin.register(DocumentKind)
class DocumentKindAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 1
    fields = ["file", "original_name", "file_type", "size_label", "order"]
    readonly_fields = ["original_name", "file_type", "size_label"]

    @admin.display(description="dung lượng")
    def size_label(self, document_file):
        return filesizeformat(document_file.size) if document_file.pk else ""

    # A document's files are part of it: whoever may edit the document may change its files, nobody else.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_edit(request, obj)

    def _may_edit(self, request, document):
        return document is None or policy.can_edit(request.user, document)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentAdminForm
    list_display = ["number", "kind", "short_summary", "issued_on", "status_label", "author"]
    list_select_related = ["kind", "author"]
    list_filter = ["status", "kind", "issued_on"]
    # Searched accent-insensitively (get_search_results); these also give the search box and autocomplete.
    search_fields = ["number", "summary"]
    date_hierarchy = "issued_on"
    inlines = [DocumentFileInline]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": [*Document.CONTENT_FIELDS, "slug"]}),
        ("Xuất bản", {"fields": ["status", "published_at", "author"]}),
        ("Thông tin", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    # --- what each user sees and may change -------------------------------------------------------------

    def get_queryset(self, request):
        documents = super().get_queryset(request).select_related("kind", "author")
        if policy.sees_all_documents(request.user):
            return documents
        return documents.filter(author=request.user)

    def get_search_results(self, request, queryset, search_term):
        if _is_autocomplete(request) and not policy.sees_all_documents(request.user):
            # Linking an article to a document: any public document will do, not only the writer's own
            # drafts; others' unpublished documents stay out of sight.
            queryset = Document.objects.filter(Q(author=request.user) | Q(status=Status.PUBLISHED))
        return queryset.matching(search_term), False

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return policy.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return policy.can_publish(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"allowed_statuses": policy.statuses_for(request.user, obj)})

    def get_readonly_fields(self, request, obj=None):
        readonly = ["author", "created_at", "updated_at"]
        if not policy.can_publish(request.user):
            readonly.append("published_at")  # the date a document goes public is the approver's to choose
        if obj is not None and obj.status == Status.PUBLISHED:
            readonly.append("slug")  # a published link must keep working
        return readonly

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    # --- the list's columns and actions -------------------------------------------------------------------

    @admin.display(description="trích yếu", ordering="summary")
    def short_summary(self, document):
        return truncatechars(document.summary, 90)

    @admin.display(description="trạng thái", ordering="status")
    def status_label(self, document):
        return "Hẹn giờ đăng" if document.is_scheduled else document.get_status_display()

    @admin.action(description="Xuất bản các văn bản đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        now = timezone.now()
        with transaction.atomic():
            # Without the list's joins: PostgreSQL locks no row on the nullable side of an outer join.
            locked = queryset.select_related(None).select_for_update()
            documents = list(locked.exclude(status=Status.PUBLISHED))
            for document in documents:
                document.status = Status.PUBLISHED
                # "Xuất bản" means now; a document published before and taken down keeps its first date.
                if document.published_at is None or document.published_at > now:
                    document.published_at = now
                document.save(update_fields=["status", "published_at", "updated_at"])
        self.message_user(request, f"Đã xuất bản {len(documents)} văn bản.", messages.SUCCESS)

    @admin.action(description="Gỡ các văn bản đã chọn", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        with transaction.atomic():
            count = queryset.filter(status=Status.PUBLISHED).update(
                status=Status.UNPUBLISHED, updated_at=timezone.now()
            )
            # update() sends no signal: the cached pages listing them must go too.
            bump_content_version()
        self.message_user(request, f"Đã gỡ {count} văn bản.", messages.SUCCESS)


def _is_autocomplete(request) -> bool:
    return getattr(request.resolver_match, "url_name", None) == "autocomplete"
