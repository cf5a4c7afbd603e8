"""The portal's standing pages ("Giới thiệu" and its sub-pages, "Liên hệ", the English page), edited by
administrators.

A small model rather than django.contrib.flatpages: flatpages needs the sites framework, keeps raw HTML with
no place for the sanitizer, and has no notion of a page's sub-pages, their order or their language.
"""

import re

import reversion
from ckeditor_uploader.fields import RichTextUploadingField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from articles.sanitize import clean_html

# First path segments the site's own sections use: a top-level page may not take one of them.
RESERVED_SLUGS = frozenset(
    {
        "bai-viet",
        "chuyen-muc",
        "csp-report",
        "healthz",
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
SLUG_MAX_LENGTH = 80
# Lowercase ASCII words joined by single hyphens: an address has one spelling.
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class PageQuerySet(models.QuerySet):
    def published(self):
        # A sub-page of a hidden page is hidden with it.
        return self.filter(Q(parent__isnull=True) | Q(parent__is_published=True), is_published=True)

    def top_level(self):
        return self.filter(parent__isnull=True)

    def at_path(self, page_path: str):
        """The page at "gioi-thieu" or "gioi-thieu/lich-su"; no row for any other shape of path.

        The path comes straight from the address bar, so it is checked before it reaches the database
        (PostgreSQL refuses a NUL character with an error, not an empty result).
        """
        slugs = page_path.split("/")
        if len(slugs) > 2 or not all(
            len(slug) <= SLUG_MAX_LENGTH and SLUG_PATTERN.fullmatch(slug) for slug in slugs
        ):
            return self.none()
        if len(slugs) == 1:
            return self.filter(parent__isnull=True, slug=slugs[0])
        return self.filter(parent__slug=slugs[0], slug=slugs[1])

    def tree(self) -> list[tuple["Page", list["Page"]]]:
        """The top-level pages in order, each with its sub-pages: one query, whatever their number."""
        pages = list(self.select_related("parent"))
        children = {}
        for page in pages:
            if page.parent_id:
                children.setdefault(page.parent_id, []).append(page)
        return [(page, children.get(page.pk, [])) for page in pages if not page.parent_id]


@reversion.register()
class Page(models.Model):
    class Layout(models.TextChoices):
        TEXT = "text", "Trang nội dung"
        CONTACT = "contact", "Trang liên hệ (kèm địa chỉ, điện thoại, thư điện tử của đơn vị)"

    class Language(models.TextChoices):
        VIETNAMESE = "vi", "Tiếng Việt"
        ENGLISH = "en", "Tiếng Anh"

    title = models.CharField("tiêu đề", max_length=200)
    # A CharField, not a SlugField: SlugField's own check (capitals and "_" allowed) would add a second,
    # vaguer message to this one.
    slug = models.CharField(
        "đường dẫn",
        max_length=SLUG_MAX_LENGTH,
        validators=[
            RegexValidator(
                rf"\A{SLUG_PATTERN.pattern}\Z",
                "Chỉ dùng chữ thường không dấu và chữ số, nối bằng một gạch ngang, ví dụ: lich-su.",
            )
        ],
        help_text="Chữ thường không dấu, nối bằng gạch ngang, ví dụ: lich-su.",
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
            models.UniqueConstraint(
                fields=["parent", "slug"],
                name="page_slug_unique_under_parent",
                violation_error_message="Trang cha này đã có một trang con với đường dẫn này.",
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(parent__isnull=True),
                name="page_slug_unique_at_top",
                violation_error_message="Đã có một trang cấp một với đường dẫn này.",
            ),
        ]

    def __str__(self):
        return f"{self.parent.title} › {self.title}" if self.parent_id and self.parent else self.title

    def save(self, *args, **kwargs):
        # The one place rich text is cleaned (articles/sanitize.py), as for articles.
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"page_path": self.path})

    @property
    def path(self) -> str:
        """ "gioi-thieu/lich-su": the slugs from the top page down (two levels at most)."""
        return f"{self.parent.slug}/{self.slug}" if self.parent_id else self.slug

    def clean(self):
        # Two levels at most: addresses are /trang/ or /trang/trang-con/ (at_path reads no deeper).
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": "Trang không thể là trang cha của chính nó."})
            if self.parent.parent_id:
                raise ValidationError({"parent": "Chỉ được chọn trang cấp một làm trang cha."})
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": "Trang này đang có trang con nên phải là trang cấp một, không chọn trang cha."}
                )
        elif self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": "Đường dẫn này đã dùng cho một mục khác của cổng, xin chọn tên khác."}
            )
