"""The admin's document form: the status a user may choose is limited by their role, on the server."""

from django import forms

from .models import Document

STATUS_REFUSED = (
    "Bạn không được đặt trạng thái này: chỉ lãnh đạo duyệt và quản trị viên mới xuất bản, hẹn giờ hoặc gỡ "
    "văn bản. Hãy để “Bản nháp” hoặc chọn “Chờ duyệt”."
)


class DocumentAdminForm(forms.ModelForm):
    # Set per request by DocumentAdmin.get_form (articles/documents/policy.py decides them).
    allowed_statuses: list[str] = list(Document.Status.values)

    class Meta:
        model = Document
        fields = [*Document.CONTENT_FIELDS, "slug", "status", "published_at"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None:
            # Only the allowed choices are offered, and any other value posted is refused by the field itself.
            status.choices = [
                (value, label) for value, label in status.choices if value in self.allowed_statuses
            ]
            status.error_messages["invalid_choice"] = STATUS_REFUSED

    def clean(self):
        cleaned_data = super().clean()
        issued_on, effective_on = cleaned_data.get("issued_on"), cleaned_data.get("effective_on")
        if issued_on and effective_on and effective_on < issued_on:
            self.add_error("effective_on", "Ngày hiệu lực không thể trước ngày ban hành.")
        return cleaned_data
