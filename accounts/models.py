from django.contrib.auth.models import AbstractUser
from django.db import models


class Department(models.Model):
    """A unit of the newsroom (e.g. "Tuyên giáo"), shown in bylines."""

    name = models.CharField("tên đơn vị", max_length=120, unique=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """The portal's user. A staff member's role is the one role group they belong to (accounts/roles.py)."""

    display_name = models.CharField(
        "tên hiển thị", max_length=150, blank=True, help_text="Tên in ở cuối bài, ví dụ: Hoàng Thị Thu Thủy"
    )
    department = models.ForeignKey(
        Department,
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    @property
    def byline(self):
        """'Hoàng Thị Thu Thủy - Tuyên giáo': how the newsroom signs an article."""
        name = self.display_name or self.get_full_name() or self.username
        return f"{name} - {self.department.name}" if self.department_id else name
