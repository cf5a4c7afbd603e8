from django.db import migrations

# The forms of document a Party committee issues, in the order readers expect them. An editable list: this
# only fills it once; administrators add, rename and reorder kinds in the admin.
KINDS = [
    "Nghị quyết",
    "Chỉ thị",
    "Kết luận",
    "Quyết định",
    "Kế hoạch",
    "Báo cáo",
    "Thông báo",
    "Hướng dẫn",
    "Công văn",
]


def add_kinds(apps, schema_editor):
    kind_model = apps.get_model("documents", "DocumentKind")
    for order, name in enumerate(KINDS, start=1):
        kind_model.objects.get_or_create(name=name, defaults={"order": order})


def remove_unused_kinds(apps, schema_editor):
    # Only kinds no document uses: unapplying must not take documents with it (the key protects them anyway).
    apps.get_model("documents", "DocumentKind").objects.filter(name__in=KINDS, documents__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_document_library")]

    operations = [migrations.RunPython(add_kinds, remove_unused_kinds)]
