"""Forms of the newsroom's admin: the article form with its stale-edit check, and the workflow steps."""

from datetime import timedelta
from html.parser import HTMLParser

from django import forms
from django.utils import timezone

from . import editing
from .models import Article


class ArticleAdminForm(forms.ModelForm):
    # The version the editor opened; if the article was saved since, saving this form would undo that save.
    loaded_version = forms.IntegerField(label="Phiên bản đã mở", widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = ["slug", *Article.CONTENT_FIELDS]

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
        saved = editing.saved_since(self.instance, cleaned_data.get("loaded_version"))
        if saved is not None:
            self.conflict = editing.conflict(saved, cleaned_data)
            # Saving again, after reading the differences, is a deliberate choice to keep this version.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = saved.edit_version
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
