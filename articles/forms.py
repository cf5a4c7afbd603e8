"""Forms of the newsroom's admin: the article form with its stale-edit check, and the workflow steps."""

import difflib
import re
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser

from django import forms
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from reversion.models import Version

from .models import Article

# Fields whose edits two people could overwrite; the conflict view compares these.
COMPARED_FIELDS = ["title", "lead", "body", "byline", "cover_caption", "cover_alt"]


class ArticleAdminForm(forms.ModelForm):
    # The version the editor opened; if the article was saved since, saving this form would undo that save.
    loaded_version = forms.IntegerField(label="Phiên bản đã mở", widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "category",
            "lead",
            "body",
            "byline",
            "cover_image",
            "cover_caption",
            "cover_alt",
            "is_featured",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.edit_version
        self.conflict = None

    def clean_body(self):
        body = self.cleaned_data["body"]
        if missing := _count_images_without_alt(body):
            raise forms.ValidationError(
                "Có %(count)s ảnh trong nội dung chưa có mô tả (alt). Bấm đúp vào ảnh để nhập mô tả.",
                code="image_without_alt",
                params={"count": missing},
            )
        return body

    def clean(self):
        cleaned_data = super().clean()
        # Screen readers read the alt text aloud; a public photo without one is a blank to blind readers.
        if cleaned_data.get("cover_image") and not cleaned_data.get("cover_alt", "").strip():
            self.add_error("cover_alt", "Cần mô tả ảnh đại diện (alt) cho người đọc dùng trình đọc màn hình.")
        if self.instance.pk is None:
            return cleaned_data
        # Lock the row for the rest of the save, so nobody slips a save in between this check and ours.
        current = Article.objects.select_for_update().get(pk=self.instance.pk)
        loaded = cleaned_data.get("loaded_version")
        if loaded is not None and loaded != current.edit_version:
            self.conflict = _conflict(current, cleaned_data)
            # Saving again, after reading the differences, is a deliberate choice to keep this version.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = current.edit_version
            raise forms.ValidationError(
                "Bài viết đã được %(who)s lưu lúc %(when)s, sau khi bạn mở trang này. Nội dung của bạn vẫn "
                "còn trong biểu mẫu; hãy xem phần khác biệt bên dưới, rồi bấm Lưu lần nữa nếu vẫn muốn "
                "ghi đè bản của họ.",
                code="stale",
                params=self.conflict["params"],
            )
        return cleaned_data


class _ImageAltCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.without_alt = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self.without_alt += 1


def _count_images_without_alt(html: str) -> int:
    counter = _ImageAltCounter()
    counter.feed(html or "")
    return counter.without_alt


def _conflict(saved: Article, mine: dict) -> dict:
    last_version = Version.objects.get_for_object(saved).select_related("revision__user").first()
    who = last_version.revision.user if last_version and last_version.revision.user else None
    differences = []
    for name in COMPARED_FIELDS:
        theirs, ours = str(getattr(saved, name) or ""), str(mine.get(name) or "")
        if theirs != ours:
            table = difflib.HtmlDiff(wrapcolumn=70).make_table(
                _lines(theirs), _lines(ours), "Bản đã lưu", "Bản của bạn", context=True, numlines=1
            )
            # HtmlDiff escapes the compared text itself; the table markup is its own.
            differences.append((Article._meta.get_field(name).verbose_name, mark_safe(table)))
    return {
        "differences": differences,
        "params": {
            "who": (who.get_full_name() or who.username) if who else "người khác",
            "when": timezone.localtime(saved.updated_at).strftime("%H:%M %d/%m/%Y"),
        },
    }


def _lines(text: str) -> list[str]:
    # Editors read text, not markup: compare paragraph by paragraph, tags removed.
    paragraphs = re.split(r"</(?:p|h[2-6]|li|blockquote|tr)>|<br\s*/?>|\n", text)
    return [
        unescape(strip_tags(paragraph)).strip() for paragraph in paragraphs if strip_tags(paragraph).strip()
    ]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="Lý do trả bài",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Cần ghi lý do trả bài để tác giả biết phải sửa gì."},
        help_text="Tác giả sẽ thấy lý do này trong bài của mình.",
    )


class PublishForm(forms.Form):
    at = forms.DateTimeField(
        label="Thời điểm đăng",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Để trống để đăng ngay. Chọn một thời điểm sau này để hẹn giờ: bài tự lên trang lúc đó.",
    )

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at is not None and at < timezone.now() - timedelta(minutes=1):
            raise forms.ValidationError("Thời điểm hẹn đăng đã qua; để trống nếu muốn đăng ngay.")
        return at


class UnpublishForm(forms.Form):
    note = forms.CharField(label="Lý do gỡ bài", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(forms.Form):
    """A step with nothing to ask: the page only confirms it."""
