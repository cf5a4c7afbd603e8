from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

from accounts.roles import sync_roles


class Command(BaseCommand):
    help = (
        "Create the newsroom's role groups (Cộng tác viên, Biên tập viên, Lãnh đạo duyệt bài, Quản trị viên) "
        "and give each exactly the permissions declared in accounts/roles.py. Safe to run again."
    )

    def handle(self, *args, **options):
        changes = sync_roles(Group, Permission, strict=True)
        for change in changes:
            self.stdout.write(change)
        self.stdout.write(
            self.style.SUCCESS("Roles are in sync." if changes else "Roles were already in sync.")
        )
