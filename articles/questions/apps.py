from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles.questions"
    label = "questions"
    verbose_name = "Hỏi đáp"
