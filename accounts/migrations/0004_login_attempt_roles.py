from django.contrib.auth.management import create_permissions
from django.db import migrations

from accounts.roles import ROLE_PERMISSIONS, sync_roles


def grant_login_attempt_permissions(apps, schema_editor):
    # Django creates permissions after all migrations have run; the administrators need django-axes' now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def revoke_login_attempt_permissions(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    login_attempts = permission_model.objects.filter(content_type__app_label="axes")
    roles = apps.get_model("auth", "Group").objects.filter(name__in=[role.value for role in ROLE_PERMISSIONS])
    for group in roles:
        group.permissions.remove(*login_attempts)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_newsroom_roles"),
        ("axes", "0010_accessattemptexpiration"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_login_attempt_permissions, revoke_login_attempt_permissions)]
