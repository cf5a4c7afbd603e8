from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_search_columns"),
        ("documents", "0001_document_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="related_documents",
            field=models.ManyToManyField(
                blank=True,
                help_text="Gõ số ký hiệu hoặc trích yếu để tìm. Bạn đọc chỉ thấy văn bản đã đăng.",
                related_name="articles",
                to="documents.document",
                verbose_name="văn bản liên quan",
            ),
        ),
    ]
