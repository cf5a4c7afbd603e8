import reversion
from ckeditor_uploader.fields import RichTextUploadingField
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils import timezone

from . import permissions
from .photos.fields import PhotoField
from .photos.paths import cover_image_path, gallery_image_path
from .photos.renditions import enrich_body_images
from .sanitize import clean_html
from .search.indexing import SEARCH_COLUMNS, SEARCHED_FIELDS, fill_search_columns
from .slugs import unique_slug


class CategoryQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)

    def in_menu(self):
        return self.filter(show_in_menu=True).filter(Q(parent__isnull=True) | Q(parent__show_in_menu=True))


class Category(models.Model):
    SLUG_MAX_LENGTH = 140

    name = models.CharField("tên chuyên mục", max_length=120)
    slug = models.SlugField("đường dẫn", max_length=SLUG_MAX_LENGTH, unique=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="chuyên mục cha",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    show_in_menu = models.BooleanField("hiện trên menu", default=True)
    description = models.TextField("mô tả", blank=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"
        ordering = ["order", "name"]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                Category.objects.all(), self.name, max_length=self.SLUG_MAX_LENGTH, exclude_pk=self.pk
            )
        super().save(*args, **kwargs)
        # Moved under another category, or made top-level: its articles move into that family.
        Article.objects.filter(category=self).exclude(top_category_id=self.top_category_id).update(
            top_category_id=self.top_category_id
        )

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    def clean(self):
        # The menu has two levels: a sub-category cannot itself have a parent that is a sub-category.
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": "Chuyên mục không thể là cha của chính nó."})
            if self.parent.parent_id:
                raise ValidationError({"parent": "Chỉ được chọn chuyên mục cấp một làm chuyên mục cha."})
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": "Chuyên mục đang có chuyên mục con nên không thể làm cấp hai."}
                )

    @property
    def top_category_id(self):
        """The top-level category this one belongs to: its parent, or itself."""
        return self.parent_id or self.pk


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, not scheduled for later, not in the trash."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now(), deleted_at__isnull=True
        )

    def not_trashed(self):
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        return self.filter(deleted_at__isnull=False)

    def for_listing(self):
        """Cards and lists: the category for the label, never the body."""
        return self.select_related("category").defer("body")

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def featured(self):
        return self.filter(is_featured=True)

    def most_viewed(self):
        return self.order_by("-view_count", "-published_at", "-pk")

    def most_viewed_since(self, day):
        """Ordered by views since `day` (included), each with its `period_views`; only articles read then."""
        return (
            self.filter(daily_views__day__gte=day)
            .annotate(period_views=Sum("daily_views__views"))
            .filter(period_views__gt=0)
            .order_by("-period_views", "-published_at", "-pk")
        )

    def in_categories(self, category_ids):
        """Articles filed under any of these categories (a category and its sub-categories, say)."""
        return self.filter(category_id__in=category_ids)

    def filed_under(self, category):
        """A category's articles: for a top-level category, its sub-categories' too (one index walk)."""
        if category.parent_id:
            return self.filter(category=category)
        return self.filter(top_category=category)

    def bulk_create(self, objs, *args, **kwargs):
        # save() is skipped: the top-level category each article is filed under is filled in here instead.
        objs = list(objs)
        categories = Category.objects.in_bulk({article.category_id for article in objs})
        for article in objs:
            article.top_category_id = categories[article.category_id].top_category_id
        return super().bulk_create(objs, *args, **kwargs)

    def related_to(self, article):
        return self.filter(category_id=article.category_id).exclude(pk=article.pk)

    def latest_per_family(self, top_categories, per_family: int) -> dict:
        """The newest `per_family` articles filed under each top-level category, as {category id: [articles]}.

        One small query per family (a few menu categories, never more as articles grow): each reads a
        handful of rows off the family index, where a single query would rank every published article.
        """
        latest = {
            category.pk: list(self.filed_under(category).newest_first()[:per_family])
            for category in top_categories
        }
        return {key: articles for key, articles in latest.items() if articles}


# The search columns and the top category are derived on every save: a revision need not keep them.
@reversion.register(follow=["images"], exclude=[*SEARCH_COLUMNS, "search_vector", "top_category"])
class Article(models.Model):
    SLUG_MAX_LENGTH = 120
    # What a writer writes, as opposed to where the article stands in the workflow. Declared once: the admin's
    # form and fieldsets, the stale-edit comparison and the revision restore all read this list.
    CONTENT_FIELDS = (
        "title",
        "category",
        "lead",
        "body",
        "byline",
        "cover_image",
        "cover_caption",
        "cover_alt",
        "related_documents",
    )
    # Where it stands: changed only by the workflow steps (articles/publishing.py), never by the edit form.
    WORKFLOW_FIELDS = ("status", "published_at", "return_reason", "is_featured", "deleted_at", "deleted_by")

    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        PENDING = "pending", "Chờ duyệt"
        PUBLISHED = "published", "Đã xuất bản"
        UNPUBLISHED = "unpublished", "Đã gỡ"

    title = models.CharField("tiêu đề", max_length=300)
    slug = models.SlugField(
        "đường dẫn",
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text="Tạo tự động từ tiêu đề; giữ nguyên khi sửa tiêu đề để liên kết cũ không hỏng.",
    )
    category = models.ForeignKey(
        Category, verbose_name="chuyên mục", on_delete=models.PROTECT, related_name="articles"
    )
    # The top-level category the article is filed under (its category, or that category's parent), kept by
    # save(), bulk_create() and Category.save(): a family's newest articles are one walk down its index.
    top_category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+", editable=False)
    lead = models.TextField("sapo", blank=True, help_text="Đoạn mở đầu, hiện in đậm dưới tiêu đề.")
    body = RichTextUploadingField("nội dung")
    cover_image = PhotoField(
        "ảnh đại diện",
        upload_to=cover_image_path,
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
        help_text="JPEG, PNG, WebP hoặc GIF, tối đa 10 MB. Ảnh được xoay đúng chiều và xóa thông tin vị trí.",
    )
    # After the photo: its dimensions are filled in while the photo itself is saved.
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_caption = models.CharField("chú thích ảnh", max_length=300, blank=True)
    cover_alt = models.CharField(
        "mô tả ảnh (alt)",
        max_length=300,
        blank=True,
        help_text="Bắt buộc khi có ảnh: người khiếm thị nghe mô tả này.",
    )
    byline = models.CharField(
        "tác giả (hiển thị)",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)",
    )
    # The committee's documents the article is about (articles/documents/); readers see the public ones under
    # the body, and each document's page lists the articles linking to it.
    related_documents = models.ManyToManyField(
        "documents.Document",
        verbose_name="văn bản liên quan",
        blank=True,
        related_name="articles",
        help_text="Gõ số ký hiệu hoặc trích yếu để tìm. Bạn đọc chỉ thấy văn bản đã đăng.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("ngày đăng", null=True, blank=True)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    is_featured = models.BooleanField("tin nổi bật", default=False)
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)
    return_reason = models.TextField("lý do trả bài", blank=True, editable=False)
    deleted_at = models.DateTimeField("chuyển vào thùng rác lúc", null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xóa",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Bumped by every full save, so a form opened before someone else's save can tell it is stale.
    edit_version = models.PositiveIntegerField(default=0, editable=False)
    # Search (articles/search/): the text folded for accent-insensitive matching, kept by save() and by
    # whatever bulk-creates articles (articles/search/indexing.py); both databases rank from these.
    search_title = models.TextField(default="", blank=True, editable=False)
    search_lead = models.TextField(default="", blank=True, editable=False)
    search_body = models.TextField(default="", blank=True, editable=False)
    # PostgreSQL's weighted full-text vector of the three, kept by a trigger (migration 0005); NULL on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        # Undated drafts last on every database (PostgreSQL would otherwise put NULLs first).
        ordering = [F("published_at").desc(nulls_last=True), "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(fields=["category", "status", "-published_at"], name="article_category_idx"),
            models.Index(fields=["is_featured", "status", "-published_at"], name="article_featured_idx"),
            models.Index(fields=["status", "-view_count"], name="article_most_viewed_idx"),
            # A family's public articles, newest first, counted without reading a row. Only the trash is left
            # out: SQLite cannot use a partial index on a column the query compares to a bound parameter.
            models.Index(
                fields=["top_category", "status", "-published_at", "-id"],
                name="article_family_idx",
                condition=Q(deleted_at__isnull=True),
            ),
        ]
        permissions = [permission.meta for permission in permissions.ARTICLE_WORKFLOW]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Only a blank slug is generated, so editing a published title never breaks its link.
        if not self.slug:
            self.slug = unique_slug(
                Article.objects.all(), self.title, max_length=self.SLUG_MAX_LENGTH, exclude_pk=self.pk
            )
        # A published article without a date would never become public; publishing means "from now" then.
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "category" in update_fields:
            self.top_category_id = self.category.top_category_id
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "top_category"}
        if update_fields is None or "body" in update_fields:
            self.body = enrich_body_images(clean_html(self.body))
        if update_fields is None:
            self.edit_version += 1
        if update_fields is None or not SEARCHED_FIELDS.isdisjoint(update_fields):
            fill_search_columns(self)
            if update_fields is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], *SEARCH_COLUMNS}
        if update_fields is None and not self._state.adding:
            # The count loaded with the article is stale by the time an editor saves it: views flushed in
            # between (articles/counting/) would be written over. Only the counting writes it.
            kwargs["update_fields"] = [
                field.name for field in self._meta.concrete_fields if field.name not in {"id", "view_count"}
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.deleted_at is None
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED and self.published_at and self.published_at > timezone.now()
        )


class TrashedArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        return super().get_queryset().trashed()


class TrashedArticle(Article):
    """The trash, as its own admin page: deleted articles wait here to be restored or purged."""

    objects = TrashedArticleManager()

    class Meta:
        proxy = True
        verbose_name = "bài viết trong thùng rác"
        verbose_name_plural = "thùng rác"


class ArticleTransition(models.Model):
    """One step of an article's workflow: the audit trail of who moved it, when, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "Gửi duyệt"
        RETURN = "return", "Trả bài"
        PUBLISH = "publish", "Xuất bản"
        SCHEDULE = "schedule", "Hẹn giờ đăng"
        UNPUBLISH = "unpublish", "Gỡ bài"
        FEATURE = "feature", "Đặt tin nổi bật"
        UNFEATURE = "unfeature", "Bỏ tin nổi bật"
        TRASH = "trash", "Chuyển vào thùng rác"
        RESTORE = "restore", "Khôi phục"

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField("thao tác", max_length=20, choices=Action.choices)
    from_status = models.CharField("từ trạng thái", max_length=20, choices=Article.Status.choices)
    to_status = models.CharField("sang trạng thái", max_length=20, choices=Article.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        on_delete=models.SET_NULL,
        related_name="article_transitions",
    )
    at = models.DateTimeField("lúc", default=timezone.now)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "bước xử lý"
        verbose_name_plural = "lịch sử xử lý"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.article}"


@reversion.register()
class ArticleImage(models.Model):
    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="images"
    )
    image = PhotoField("ảnh", upload_to=gallery_image_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField("chú thích", max_length=300, blank=True)
    alt_text = models.CharField("mô tả ảnh (alt)", max_length=300)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "ảnh trong bài"
        verbose_name_plural = "ảnh trong bài"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.caption or self.image.name


class ArticleDailyViews(models.Model):
    """Readers' views of one article on one Vietnam day, filled by the counting flush (articles/counting/).

    "Xem nhiều" for today, this week and this month, and the admin's charts, read this table; the article's
    own `view_count` stays the running total shown on its page.
    """

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="daily_views"
    )
    day = models.DateField("ngày")
    views = models.PositiveIntegerField("lượt xem", default=0)

    class Meta:
        verbose_name = "lượt xem trong ngày"
        verbose_name_plural = "lượt xem theo ngày"
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="daily_views_one_row_per_day")]
        indexes = [models.Index(fields=["day", "article"], name="daily_views_day_idx")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.views}"


class AppliedViewBatch(models.Model):
    """A batch of buffered views already written to the database, by its id.

    Written in the same transaction as the batch's counts: a flush that dies after committing and before
    deleting the batch from the buffer finds it here next time and only deletes it, so no view counts twice.
    """

    batch_id = models.CharField(max_length=64, unique=True)
    applied_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.batch_id


class RecentView(models.Model):
    """A reader's counted view of an article, remembered for 24 hours by a one-way key (nothing personal).

    Where readers' views are remembered without Redis (articles/counting/store.py); with Redis, it keeps
    them. A row past `expires` (Unix time) means nothing: it is counted over again, and pruned in time.
    Every counted view writes this table, so `expires` has no index: an index is one more page written on
    every view, and the hourly prune is the only reader that would use it.
    """

    key = models.CharField(max_length=32, primary_key=True)
    expires = models.BigIntegerField()

    def __str__(self):
        return self.key
