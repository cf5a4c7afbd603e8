"""Who the portal belongs to, and how a reader finds their way around it: edited by administrators.

Nothing about the unit is written in code or templates: a ward, a commune or a province runs the same
software with its own profile, menu and agency links. Templates read them through `portal.identity.current`,
one cached value shared by every worker.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.http import url_has_allowed_host_and_scheme

from articles.photos.fields import PhotoField

from .fields import LogoField

_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f]")
# Only the web's own schemes: a "javascript:" or "data:" address in a menu or a link would run in readers'
# browsers with the site's authority.
WEB_ADDRESS = URLValidator(
    schemes=["http", "https"], message="Nhập địa chỉ trang web đầy đủ, bắt đầu bằng http:// hoặc https://."
)


class SiteProfile(models.Model):
    """The unit behind the portal: one row. Without it, settings.SITE_PROFILE_DEFAULTS stand in."""

    unit_name = models.CharField(
        "tên đơn vị", max_length=160, help_text="Ví dụ: Đảng ủy phường Thanh Trì, Huyện ủy Thanh Hà."
    )
    tagline = models.CharField(
        "dòng giới thiệu",
        max_length=200,
        blank=True,
        help_text="Dòng chữ trên tên đơn vị, ví dụ: Trang thông tin điện tử Ban Tuyên giáo.",
    )
    english_name = models.CharField("tên tiếng Anh", max_length=200, blank=True)
    logo = LogoField(
        "biểu trưng (logo)",
        upload_to="site/",
        blank=True,
        help_text=(
            "Ảnh vuông, PNG hoặc JPEG, ít nhất 512×512 điểm ảnh; dùng cả làm biểu tượng trang (favicon)."
        ),
    )
    banner = PhotoField(
        "ảnh băng-rôn",
        upload_to="site/",
        blank=True,
        help_text="Ảnh nền đầu trang, khổ ngang (ví dụ 1920×300 điểm ảnh).",
    )
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=100, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    licence = models.CharField(
        "giấy phép", max_length=300, blank=True, help_text="Giấy phép số … do … cấp ngày …"
    )
    responsible_person = models.CharField(
        "người chịu trách nhiệm chính", max_length=200, blank=True, help_text="Họ tên và chức vụ."
    )
    office_hours = models.CharField(
        "giờ làm việc", max_length=300, blank=True, help_text="Ví dụ: Sáng 7h30–11h30, chiều 13h30–17h00."
    )
    footer_text = models.TextField(
        "ghi chú chân trang",
        blank=True,
        help_text="Ví dụ: Ghi rõ nguồn khi phát hành lại thông tin từ trang này.",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "thông tin đơn vị"
        verbose_name_plural = "thông tin đơn vị"

    def __str__(self):
        return self.unit_name


class MenuItem(models.Model):
    """One entry of the main menu, in the order administrators choose; an entry may hold sub-entries."""

    class Kind(models.TextChoices):
        HOME = "home", "Trang chủ"
        CATEGORIES = "categories", "Các chuyên mục (hai cấp, theo thứ tự chuyên mục)"
        CATEGORY = "category", "Một chuyên mục (kèm chuyên mục con)"
        PAGE = "page", "Một trang thông tin (kèm trang con)"
        DOCUMENTS = "documents", "Văn bản"
        QUESTIONS = "questions", "Hỏi đáp"
        SITE_MAP = "site_map", "Sơ đồ cổng"
        LINK = "link", "Đường dẫn khác"

    kind = models.CharField("loại mục", max_length=20, choices=Kind.choices)
    title = models.CharField(
        "tên hiển thị",
        max_length=80,
        blank=True,
        help_text="Để trống để dùng tên của chuyên mục, trang hay mục.",
    )
    category = models.ForeignKey(
        "articles.Category",
        verbose_name="chuyên mục",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    page = models.ForeignKey(
        "pages.Page", verbose_name="trang", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField(
        "đường dẫn",
        max_length=300,
        blank=True,
        help_text="Chỉ với loại “Đường dẫn khác”: /duong-dan/ trong trang, hoặc https://… ngoài trang.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="thuộc mục",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_visible = models.BooleanField("hiển thị", default=True)

    class Meta:
        verbose_name = "mục menu"
        verbose_name_plural = "menu chính"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title or self.get_kind_display()

    # What each kind of entry points to; the others must stay empty, so an entry never says two things.
    TARGETS = {Kind.CATEGORY: "category", Kind.PAGE: "page", Kind.LINK: "url"}
    TARGET_REQUIRED = {
        "category": "Chọn chuyên mục cho mục loại “Một chuyên mục”.",
        "page": "Chọn trang cho mục loại “Một trang thông tin”.",
        "url": "Nhập đường dẫn cho mục loại “Đường dẫn khác”.",
    }
    TARGET_UNUSED = {
        "category": "Chỉ chọn chuyên mục cho mục loại “Một chuyên mục”.",
        "page": "Chỉ chọn trang cho mục loại “Một trang thông tin”.",
        "url": "Chỉ nhập đường dẫn cho mục loại “Đường dẫn khác”.",
    }

    def clean(self):
        errors = {}
        wanted = self.TARGETS.get(self.kind)
        for target, attribute in (("category", "category_id"), ("page", "page_id"), ("url", "url")):
            has_value = bool(getattr(self, attribute))
            if target == wanted and not has_value:
                errors[target] = self.TARGET_REQUIRED[target]
            elif target != wanted and has_value:
                errors[target] = self.TARGET_UNUSED[target]
        if wanted == "url" and self.url and not is_safe_menu_link(self.url):
            errors["url"] = (
                "Đường dẫn phải là một trang của cổng (bắt đầu bằng /) "
                "hoặc một địa chỉ bắt đầu bằng http:// hoặc https://."
            )
        if self.parent_id:
            parent_error = self._parent_error()
            if parent_error:
                errors["parent"] = parent_error
        if errors:
            raise ValidationError(errors)

    def _parent_error(self) -> str | None:
        # The menu has two levels: a sub-entry's parent is a top entry, and a sub-entry has none of its own.
        if self.parent_id == self.pk:
            return "Một mục không thể thuộc chính nó."
        if self.parent.parent_id:
            return "Chỉ được chọn mục cấp một làm mục cha."
        if self.parent.kind == self.Kind.CATEGORIES:
            return "Mục “Các chuyên mục” tự có các chuyên mục con; hãy chọn mục cha khác."
        if self.kind == self.Kind.CATEGORIES:
            return "Mục “Các chuyên mục” chỉ đặt ở cấp một."
        if self.pk and self.children.exists():
            return "Mục này đang có mục con nên phải ở cấp một."
        return None


def is_safe_menu_link(url: str) -> bool:
    """A path on this site ("/so-do-cong/") or a web address elsewhere, and nothing a browser would run."""
    if _INVISIBLE.search(url):
        # Browsers drop tabs and line breaks inside an address: "/\t/host/" would be "//host/".
        return False
    if url.startswith("/"):
        # Not "//host/" nor "/\\host/": browsers read both as another site.
        return url_has_allowed_host_and_scheme(url, allowed_hosts=set())
    try:
        WEB_ADDRESS(url)
    except ValidationError:
        return False
    return True


class AgencyLink(models.Model):
    """ "Liên kết website": another agency's site, on the home page and in the footer."""

    name = models.CharField("tên cơ quan", max_length=160)
    url = models.URLField("địa chỉ trang web", max_length=300, validators=[WEB_ADDRESS])
    logo = PhotoField("biểu trưng", upload_to="site/links/", blank=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_visible = models.BooleanField("hiển thị", default=True)

    class Meta:
        verbose_name = "liên kết website"
        verbose_name_plural = "liên kết website"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name
