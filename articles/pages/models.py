"""The portal's standing pages ("Giới thiệu" and its sub-pages, "Liên hệ", the English page), edited in the admin.

A small model rather than django.contrib.flatpages: flatpages needs the sites framework, keeps raw HTML with no
place for the sanitizer, and has no notion of a page's sub-pages, their order or their language.
"""

import reversion
from ckeditor_uploader.fields import RichTextUploadingField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from articles.sanitize import clean_html

# First path segments the site's own sections use: a top-level page may not take one of them.
RESERVED_SLUGS = frozenset(
    {
        "bai-viet",
        "chuyen-muc",
        "hoi-dap",
        "lien-ket-rss",
        "media",
        "quan-tri",
        "rss",
        "so-do-cong",
        "static",
        "tim-kiem",
        "van-ban",
    }
)


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def top_level(self):
        return self.filter(parent__isnull=True)


@reversion.register()
class Page(models.Model):
    class Layout(models.TextChoices):
        TEXT = "text", "Trang nội dung"
        CONTACT = "contact", "Trang liên hệ (kèm địa chỉ, điện thoại, thư điện tử của đơn vị)"

    class Language(models.TextChoices):
        VIETNAMESE = "vi", "Tiếng Việt"
        ENGLISH = "en", "Tiếng Anh"

    title = models.CharField("tiêu đề", max_length=200)
    slug = models.SlugField(
        "đường dẫn", max_length=80, help_text="Chữ thường không dấu, nối bằng gạch ngang, ví dụ: lich-su."
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="trang cha",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    body = RichTextUploadingField("nội dung", blank=True)
    layout = models.CharField("kiểu trang", max_length=10, choices=Layout.choices, default=Layout.TEXT)
    language = models.CharField(
        "ngôn ngữ", max_length=2, choices=Language.choices, default=Language.VIETNAMESE
    )
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_published = models.BooleanField("hiển thị cho bạn đọc", default=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = "trang thông tin"
        verbose_name_plural = "trang thông tin"
        ordering = ["position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "slug"], name="page_slug_unique_under_parent"),
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(parent__isnull=True), name="page_slug_unique_at_top"
            ),
        ]

    def __str__(self):
        return f"{self.parent.title} › {self.title}" if self.parent_id and self.parent else self.title

    def save(self, *args, **kwargs):
        # The one place rich text is cleaned (articles/sanitize.py), as for articles.
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    @property
    def path(self) -> str:
        """ "gioi-thieu/lich-su": the slugs from the top page down (two levels at most)."""
        return f"{self.parent.slug}/{self.slug}" if self.parent_id else self.slug

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"page_path": self.path})

    def clean(self):
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": "Trang không thể là trang cha của chính nó."})
            if self.parent.parent_id:
                raise ValidationError({"parent": "Chỉ được chọn trang cấp một làm trang cha."})
        elif self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": "Đường dẫn này đã dùng cho một mục khác của cổng, xin chọn tên khác."}
            )
