"""The usual topics of a Party committee's Hỏi đáp, which administrators may rename, reorder or add to."""

from django.db import migrations

TOPICS = [
    "Xây dựng Đảng",
    "Chính sách, pháp luật",
    "Đất đai, môi trường",
    "Kinh tế, xã hội",
    "Văn hóa, giáo dục",
    "Khác",
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("questions", "Topic")
    for position, name in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(name=name, defaults={"position": position})


def remove_topics(apps, schema_editor):
    # Only topics no question is filed under: a reverse migration must not take readers' questions with it.
    Topic = apps.get_model("questions", "Topic")
    Topic.objects.filter(name__in=TOPICS, questions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("questions", "0001_questions")]

    operations = [migrations.RunPython(add_topics, remove_topics)]
