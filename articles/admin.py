from django.contrib import admin

from .models import Article, ArticleImage, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "order", "show_in_menu"]
    list_editable = ["order", "show_in_menu"]
    list_filter = ["show_in_menu", "parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 1
    fields = ["image", "caption", "alt_text", "order"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "status", "published_at", "author", "view_count", "is_featured"]
    list_filter = ["status", "is_featured", "category"]
    list_select_related = ["category__parent", "author"]
    search_fields = ["title", "lead", "byline"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["category"]
    readonly_fields = ["view_count", "created_at", "updated_at"]
    inlines = [ArticleImageInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body", "byline"]}),
        ("Ảnh đại diện", {"fields": ["cover_image", "cover_caption", "cover_alt"]}),
        ("Xuất bản", {"fields": ["status", "published_at", "is_featured", "author"]}),
        ("Thông tin", {"fields": ["view_count", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_prepopulated_fields(self, request, obj=None):
        # A published article keeps its slug so links already shared keep working.
        if obj is not None and obj.status == Article.Status.PUBLISHED:
            return {}
        return {"slug": ["title"]}

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == Article.Status.PUBLISHED:
            return [*self.readonly_fields, "slug"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
