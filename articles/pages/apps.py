from django.apps import AppConfig


class PagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles.pages"
    label = "pages"
    verbose_name = "Trang thông tin"
