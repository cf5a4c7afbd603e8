from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The portal's user. Custom from the first migration so staff fields can be added without a swap."""

    class Meta(AbstractUser.Meta):
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
