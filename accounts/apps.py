from axes import apps as axes_apps
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Tài khoản"


class LoginAttemptsConfig(axes_apps.AppConfig):
    """django-axes, named for the newsroom: its app has no verbose name, so the admin would say "Axes"."""

    default = False  # named in INSTALLED_APPS in place of "axes"; "accounts" still means AccountsConfig
    verbose_name = "Đăng nhập"
