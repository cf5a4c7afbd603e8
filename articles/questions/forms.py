"""The reader's question form, the public list's filters and the admin's answer form."""

import re

from django import forms

from articles.search.text import MAX_QUERY_LENGTH

from .answering import EMPTY_PUBLISHED_ANSWER
from .models import QUESTION_MAX_LENGTH, Question, Topic

# Shorter than this is no question staff could answer ("Cho hỏi?"), and usually a test or a bot.
QUESTION_MIN_LENGTH = 20
PHONE_CHARACTERS = re.compile(r"^[0-9 +.\-]+$")
PHONE_DIGITS = (8, 15)  # a landline without its area code has 8; E.164 allows 15
REQUIRED = "Xin nhập %s."
PHONE_INVALID = (
    "Số điện thoại chỉ gồm chữ số (từ 8 đến 15 số), có thể có dấu cách, dấu chấm, gạch ngang hoặc dấu + ở "
    "đầu; ví dụ: 0912 345 678."
)


class AskForm(forms.ModelForm):
    # Bots fill every field they find; people never see this one (a CSS class hides it, see the template).
    website = forms.CharField(label="Để trống ô này", required=False)

    class Meta:
        model = Question
        fields = ["asker_name", "asker_email", "asker_phone", "topic", "title", "question"]
        labels = {
            "asker_name": "Họ và tên",
            "asker_email": "Thư điện tử",
            "asker_phone": "Điện thoại",
            "topic": "Lĩnh vực",
            "title": "Tiêu đề",
            "question": "Nội dung câu hỏi",
        }
        help_texts = {
            "asker_email": "Không bắt buộc. Chỉ dùng để liên hệ với bạn, không đăng công khai.",
            "asker_phone": "Không bắt buộc. Chỉ dùng để liên hệ với bạn, không đăng công khai.",
            "question": (
                f"Từ {QUESTION_MIN_LENGTH} đến {QUESTION_MAX_LENGTH:,} ký tự.".replace(",", ".")
                + " Xin đừng ghi số căn cước, địa chỉ nhà hay thông tin riêng khác: câu hỏi sẽ được đăng."
            ),
        }
        error_messages = {
            "asker_name": {
                "required": REQUIRED % "họ và tên",
                "max_length": "Họ và tên dài quá %(limit_value)d ký tự.",
            },
            "asker_email": {
                "invalid": "Địa chỉ thư điện tử chưa đúng, ví dụ: ten@gmail.com.",
                "max_length": "Địa chỉ thư điện tử dài quá %(limit_value)d ký tự.",
            },
            "asker_phone": {"max_length": PHONE_INVALID},
            "topic": {
                "required": "Xin chọn lĩnh vực của câu hỏi.",
                "invalid_choice": "Lĩnh vực đã chọn không có; xin chọn lại.",
            },
            "title": {
                "required": REQUIRED % "tiêu đề",
                "max_length": "Tiêu đề dài quá %(limit_value)d ký tự.",
            },
            "question": {"required": REQUIRED % "nội dung câu hỏi"},
        }
        widgets = {
            "asker_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "asker_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "asker_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "question": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].empty_label = "Chọn lĩnh vực"
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")
        # The length is checked after trimming (clean_question); the browser's own cap is only a help.
        self.fields["question"].validators = []
        self.fields["question"].max_length = None
        self.fields["question"].widget.attrs.update(
            maxlength=QUESTION_MAX_LENGTH, minlength=QUESTION_MIN_LENGTH
        )
        self._describe_fields()

    def full_clean(self):
        super().full_clean()
        self._describe_fields()

    def _describe_fields(self):
        # Screen readers read a field's help and errors with its label when they are named here; the template
        # gives them these ids.
        errors = self._errors or {}
        for name, field in self.fields.items():
            described_by = [f"{name}-tro-giup"] if field.help_text else []
            if name in errors:
                described_by.append(f"{name}-loi")
                field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)

    @property
    def caught_a_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean_asker_phone(self):
        phone = self.cleaned_data["asker_phone"].strip()
        if not phone:
            return phone
        digits = sum(character.isdigit() for character in phone)
        if not PHONE_CHARACTERS.match(phone) or not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
            raise forms.ValidationError(PHONE_INVALID, code="invalid_phone")
        return phone

    def clean_question(self):
        # Browsers send line breaks as "\r\n" but count them as one character against maxlength.
        question = self.cleaned_data["question"].replace("\r\n", "\n").strip()
        if len(question) > QUESTION_MAX_LENGTH:
            raise forms.ValidationError(
                "Nội dung câu hỏi dài %(length)s ký tự, quá giới hạn %(limit)s ký tự. Xin viết ngắn gọn hơn.",
                code="too_long",
                params={"length": f"{len(question):,}".replace(",", "."), "limit": "3.000"},
            )
        if len(question) < QUESTION_MIN_LENGTH:
            raise forms.ValidationError(
                "Nội dung câu hỏi ngắn quá: xin viết ít nhất %(limit)s ký tự để cơ quan hiểu rõ câu hỏi.",
                code="too_short",
                params={"limit": QUESTION_MIN_LENGTH},
            )
        return question


class QuestionFilterForm(forms.Form):
    """The list's search and topic, read from the query string. A value that makes no sense is dropped, not
    an error: "?topic=999" shows every topic, as the document library does."""

    q = forms.CharField(
        label="Từ khóa",
        required=False,
        strip=True,
        widget=forms.SearchInput(
            attrs={"placeholder": "Gõ có dấu hoặc không dấu", "maxlength": MAX_QUERY_LENGTH}
        ),
    )
    topic = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=Topic.objects.all(), required=False, empty_label="Tất cả lĩnh vực"
    )

    def filters(self) -> dict:
        """The valid filters only: each field that did not validate is left out on its own."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class QuestionAdminForm(forms.ModelForm):
    """What staff change on a question: its topic, the answer and the unit answering. The question itself is
    the reader's and is shown read-only; where it stands moves only through answering.py's steps."""

    class Meta:
        model = Question
        fields = ["topic", "answer", "answering_unit"]

    def clean_answer(self):
        answer = self.cleaned_data["answer"]
        if self.instance.status == Question.Status.PUBLISHED and not Question(answer=answer).has_answer:
            raise forms.ValidationError(EMPTY_PUBLISHED_ANSWER, code="empty_published_answer")
        return answer
