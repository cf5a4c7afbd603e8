"""Questions from citizens ("Hỏi đáp") and the answers staff give them.

A question is stored as asked, shown to nobody, until staff answer it and an approver publishes question and
answer together. The asker's email and phone are for the reply only: no public page ever shows them.
"""

import reversion
from ckeditor_uploader.fields import RichTextUploadingField
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.sanitize import clean_html
from articles.search.text import composed, html_to_text, normalize, terms

from . import permissions

# Long enough for a real question with its circumstances, short enough that the form is no dumping ground.
QUESTION_MAX_LENGTH = 3000


class Topic(models.Model):
    name = models.CharField("tên lĩnh vực", max_length=120, unique=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "lĩnh vực hỏi đáp"
        verbose_name_plural = "lĩnh vực hỏi đáp"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: answered and published by an approver."""
        return self.filter(status=Question.Status.PUBLISHED, published_at__lte=timezone.now())

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_listing(self):
        """Rows of the public list: the topic for its label."""
        return self.select_related("topic")

    def matching(self, query: str):
        """Questions whose title, question or answer has every word of `query` as a whole word, accents aside:
        "dat dai" finds "đất đai", as the document library's search does."""
        questions = self
        for term in terms(query):
            questions = questions.filter(search_text__contains=f" {term} ")
        return questions


@reversion.register(exclude=["search_text"])
class Question(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Chờ trả lời"
        ANSWERED = "answered", "Đã trả lời, chờ duyệt"
        PUBLISHED = "published", "Đã đăng"
        DECLINED = "declined", "Không đăng"

    asker_name = models.CharField("họ và tên người hỏi", max_length=100)
    asker_email = models.EmailField("thư điện tử người hỏi", max_length=200, blank=True)
    asker_phone = models.CharField("điện thoại người hỏi", max_length=20, blank=True)
    topic = models.ForeignKey(
        Topic, verbose_name="lĩnh vực", on_delete=models.PROTECT, related_name="questions"
    )
    title = models.CharField("tiêu đề câu hỏi", max_length=200)
    question = models.TextField("nội dung câu hỏi", max_length=QUESTION_MAX_LENGTH)
    answer = RichTextUploadingField("nội dung trả lời", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người trả lời",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answering_unit = models.CharField(
        "đơn vị trả lời", max_length=200, blank=True, help_text="Ví dụ: Ban Tuyên giáo, Ủy ban Kiểm tra."
    )
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.WAITING)
    asked_at = models.DateTimeField("gửi lúc", default=timezone.now, editable=False)
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True, editable=False)
    published_at = models.DateTimeField("đăng lúc", null=True, blank=True, editable=False)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    # Title, question and answer folded like the article search columns, so "dat dai" finds "đất đai".
    search_text = models.TextField(default="", blank=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = "câu hỏi"
        verbose_name_plural = "câu hỏi của bạn đọc"
        ordering = ["-asked_at", "-pk"]
        permissions = [permission.meta for permission in permissions.QUESTION_WORKFLOW]
        indexes = [models.Index(fields=["status", "-published_at"], name="question_published_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Vietnamese typed with "Unicode tổ hợp" arrives decomposed; stored composed, it displays and matches
        # like everything else on the site.
        self.asker_name, self.title, self.question = (
            composed(self.asker_name),
            composed(self.title),
            composed(self.question),
        )
        self.answer = clean_html(self.answer)
        self.search_text = normalize(f"{self.title} {self.question} {html_to_text(self.answer)}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("questions:detail", kwargs={"pk": self.pk})

    @property
    def has_answer(self) -> bool:
        """Whether the answer says anything: CKEditor leaves "<p>&nbsp;</p>" behind in an emptied editor."""
        return bool(html_to_text(self.answer).strip())

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )
