"""The standing pages in the admin, for administrators only (the pages.* permissions only their role holds).

The body is the articles' rich-text field with the same editor settings, cleaned by Page.save; the history
and comparison of versions come from django-reversion(-compare), as for articles.
"""

from django import forms
from django.contrib import admin
from django.db.models import F
from django.db.models.functions import Coalesce
from reversion_compare.admin import CompareVersionAdmin

from articles.forms import ArticleAdminForm

from .models import Page


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "parent", "layout", "language", "position", "is_published", "body"]

    # An article's rule for photos in the body holds here too: every photo needs its alt text.
    clean_body = ArticleAdminForm.clean_body

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Two levels: only a top-level page, and never the page itself, can be a parent.
        self.fields["parent"].queryset = Page.objects.top_level().exclude(pk=self.instance.pk)


@admin.register(Page)
class PageAdmin(CompareVersionAdmin):
    form = PageAdminForm
    list_display = ["hierarchy", "position", "language", "layout", "is_published"]
    list_editable = ["position", "is_published"]
    list_filter = ["is_published", "language", "layout"]
    list_select_related = ["parent"]
    search_fields = ["title", "slug"]
    history_latest_first = True
    compare_exclude = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "body"]}),
        ("Hiển thị", {"fields": ["layout", "language", "position", "is_published"]}),
    ]

    # Each top-level page followed by its sub-pages, in the order the site's menu shows them.
    ordering = [
        Coalesce("parent__position", "position").asc(),
        Coalesce("parent__title", "title").asc(),
        Coalesce("parent_id", "id").asc(),
        F("parent_id").asc(nulls_first=True),
        "position",
        "title",
    ]

    @admin.display(description="trang", ordering="title")
    def hierarchy(self, page):
        return str(page)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None
