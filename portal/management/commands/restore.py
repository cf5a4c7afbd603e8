from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, find_backups, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`, the database and the uploaded files, onto an empty "
        "database and an empty MEDIA_ROOT: stop the app servers, create the database, run this, then "
        "`manage.py migrate` (needed only if the code is newer than the backup) and start them again. "
        "Takes the newest backup in BACKUP_DIR unless --made-at names another. Refuses a database that "
        "holds users, articles, documents or questions, and a media folder with files, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--made-at",
            metavar="TIME",
            help="The backup made at TIME, as in its file names (e.g. 2025-06-01-020000).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database whatever it holds, and overwrite the media files the backup also has.",
        )

    def handle(self, *args, made_at, force, **options):
        backups = {backup.made_at: backup for backup in find_backups()}
        if not backups:
            raise CommandError(f"There is no backup in {settings.BACKUP_DIR}.")
        if made_at is None:
            made_at = max(backups)
        if made_at not in backups:
            raise CommandError(
                f"There is no backup made at {made_at} in {settings.BACKUP_DIR}; "
                f"there are: {', '.join(sorted(backups, reverse=True))}."
            )
        backup = backups[made_at]
        try:
            restore_backup(backup, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup made at {made_at}: {backup.database}, {backup.media}.")
        )
