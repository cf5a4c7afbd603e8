from django.contrib.auth.management import create_permissions
from django.db import migrations

from accounts.roles import ROLE_PERMISSIONS, sync_roles

APPS = ("identity", "pages", "questions")


def grant_portal_permissions(apps, schema_editor):
    # Django creates permissions after all migrations have run; the roles need these apps' ones now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def revoke_portal_permissions(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    granted = permission_model.objects.filter(content_type__app_label__in=APPS)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=[role.value for role in ROLE_PERMISSIONS]):
        group.permissions.remove(*granted)


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0001_site_identity"),
        ("pages", "0001_pages"),
        ("questions", "0001_questions"),
        ("documents", "0003_document_roles"),
        ("accounts", "0003_newsroom_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_portal_permissions, revoke_portal_permissions)]
