import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F


def file_under_top_categories(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Category = apps.get_model("articles", "Category")
    # One statement for the top-level categories' own articles, then one per sub-category.
    Article.objects.filter(category__parent__isnull=True).update(top_category=F("category"))
    for category in Category.objects.filter(parent__isnull=False):
        Article.objects.filter(category=category).update(top_category=category.parent_id)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_recent_views"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="top_category",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="articles.category",
            ),
        ),
        migrations.RunPython(file_under_top_categories, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="article",
            name="top_category",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="articles.category",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["top_category", "status", "-published_at", "-id"],
                name="article_family_idx",
            ),
        ),
    ]
