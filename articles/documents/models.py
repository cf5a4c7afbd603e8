import reversion
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.search.text import normalize, terms
from articles.slugs import unique_slug

from . import checks, permissions
from .fields import DocumentFileField
from .paths import document_file_path


class DocumentKind(models.Model):
    """A form of document (hình thức): Nghị quyết, Chỉ thị, Kết luận… an editable list."""

    name = models.CharField("tên hình thức", max_length=80, unique=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "hình thức văn bản"
        verbose_name_plural = "hình thức văn bản"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class DocumentQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: the same rule as articles (published, and not scheduled for later)."""
        return self.filter(status=Document.Status.PUBLISHED, published_at__lte=timezone.now())

    def newest_first(self):
        return self.order_by("-issued_on", "-pk")

    def for_listing(self):
        """Rows of the library and of "Văn bản liên quan": the kind for the label, the files to download."""
        return self.select_related("kind").prefetch_related("files")

    def matching(self, query: str):
        """Documents whose number, kind, issuer, signer or summary has every word of `query`, accents aside.

        Each folded term is letters and digits only, matched as a whole word of the folded text: "01 kl tw"
        finds "01-KL/TW" and "ket luan" finds "Kết luận", but "tw" never matches inside "twitter".
        """
        return self.having_terms(terms(query))

    def having_terms(self, folded_terms):
        """Documents whose folded text has each of these already folded terms as a whole word."""
        documents = self
        for term in folded_terms:
            documents = documents.filter(search_text__contains=f" {term} ")
        return documents


# Registered so that an article's history can show which related documents changed (django-reversion-compare
# diffs a many-to-many field only towards a registered model); documents keep no history of their own.
@reversion.register(exclude=["search_text"])
class Document(models.Model):
    SLUG_MAX_LENGTH = 120
    # What the editor fills in, as opposed to where the document stands; the admin's form and page read this.
    CONTENT_FIELDS = ("kind", "number", "issued_on", "effective_on", "issuer", "signer", "summary")
    # Same values and the same rule for readers as articles: drafts and scheduled documents are 404.
    Status = Article.Status

    number = models.CharField("số ký hiệu", max_length=60, help_text="Ví dụ: 01-KL/TW")
    kind = models.ForeignKey(
        DocumentKind, verbose_name="hình thức", on_delete=models.PROTECT, related_name="documents"
    )
    issuer = models.CharField("cơ quan ban hành", max_length=200, help_text="Ví dụ: Ban Thường vụ Huyện ủy")
    signer = models.CharField("người ký", max_length=120, blank=True)
    issued_on = models.DateField("ngày ban hành")
    effective_on = models.DateField("ngày hiệu lực", null=True, blank=True)
    summary = models.TextField(
        "trích yếu", help_text="Nội dung tóm tắt của văn bản, như ghi dưới số ký hiệu."
    )
    slug = models.SlugField(
        "đường dẫn",
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text="Tạo tự động từ hình thức, số ký hiệu và trích yếu.",
    )
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "ngày đăng",
        null=True,
        blank=True,
        help_text="Để trống để đăng ngay khi xuất bản; chọn một thời điểm sau này để hẹn giờ.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    # Number, kind, issuer, signer and summary folded (articles/search/text.py): accent-insensitive search.
    search_text = models.TextField(editable=False, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "-pk"]
        indexes = [models.Index(fields=["status", "-issued_on"], name="document_public_idx")]
        permissions = [permission.meta for permission in permissions.DOCUMENT_WORKFLOW]

    def __str__(self):
        return f"{self.number}: {self.summary[:100]}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                Document.objects.all(),
                f"{self.kind.name} {self.number} {self.summary}",
                max_length=self.SLUG_MAX_LENGTH,
                exclude_pk=self.pk,
            )
        # A published document without a date would never become public; publishing means "from now" then.
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.search_text = normalize(
            " ".join([self.number, self.kind.name, self.issuer, self.signer, self.summary])
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def title(self):
        """How a document is named in a sentence or a page title: "Kết luận 01-KL/TW"."""
        return f"{self.kind.name} {self.number}"

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return bool(
            self.status == self.Status.PUBLISHED and self.published_at and self.published_at > timezone.now()
        )


class DocumentFile(models.Model):
    """One attached file (PDF, DOC/DOCX, XLS/XLSX, ODT), stored under a random name; the original name is kept
    for the download's Content-Disposition."""

    FILE_TYPE_CHOICES = [(extension, extension.upper()) for extension in checks.FILE_TYPES]

    document = models.ForeignKey(
        Document, verbose_name="văn bản", on_delete=models.CASCADE, related_name="files"
    )
    file = DocumentFileField(
        "tệp",
        upload_to=document_file_path,
        max_length=255,
        help_text="PDF, Word (DOC, DOCX), Excel (XLS, XLSX) hoặc ODT, tối đa 20 MB.",
    )
    original_name = models.CharField("tên tệp gốc", max_length=255, editable=False)
    file_type = models.CharField("định dạng", max_length=10, choices=FILE_TYPE_CHOICES, editable=False)
    size = models.PositiveBigIntegerField("dung lượng (byte)", default=0, editable=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.original_name or self.file.name

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # Checked here too, whatever door the file came in by; the admin's form has already said why.
            file_type = checks.check_document_file(self.file)
            self.original_name = checks.clean_name(self.file.name) or f"van-ban.{file_type.extension}"
            self.file_type = file_type.extension
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:download", kwargs={"pk": self.document_id, "file_pk": self.pk})

    @property
    def content_type(self) -> str:
        file_type = checks.FILE_TYPES.get(self.file_type)
        return file_type.content_type if file_type else "application/octet-stream"
