import argparse
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, find_backups, make_backup


def _at_least_one(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("keep at least the backup just made (1)")
    return number


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files (MEDIA_ROOT) into BACKUP_DIR, gzipped and readable by "
        "this user only, then delete all but the newest --keep backups. Safe while the site runs: the "
        "database is copied as one moment, after the views waiting in Redis are written to it. Run it "
        "from cron (e.g. nightly) and copy BACKUP_DIR to another machine; `manage.py restore` brings a "
        "backup back, `manage.py listbackups` lists them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep",
            type=_at_least_one,
            default=settings.BACKUP_KEEP,
            metavar="N",
            help=f"How many backups to keep, this one included (BACKUP_KEEP, now {settings.BACKUP_KEEP}).",
        )

    def handle(self, *args, keep, **options):
        started = time.monotonic()
        try:
            backup = make_backup(keep=keep)
        except BackupError as error:
            raise CommandError(str(error)) from error
        folder = settings.BACKUP_DIR
        sizes = ", ".join(f"{name} ({_megabytes(folder, name)})" for name in (backup.database, backup.media))
        self.stdout.write(
            self.style.SUCCESS(f"Backed up to {folder} in {time.monotonic() - started:.1f} s: {sizes}.")
        )
        self.stdout.write(f"Backups kept: {len(find_backups())} (at most {keep}).")


def _megabytes(folder, name) -> str:
    return f"{(Path(folder) / name).stat().st_size / 1024 / 1024:.1f} MB"
