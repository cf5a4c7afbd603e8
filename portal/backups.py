"""Backups of the whole site: the database and the uploaded files (MEDIA_ROOT), made and restored as a pair.

django-dbbackup does the copying; `manage.py backup` and `manage.py restore` are the doors, and this module
is what they do:

- The database is copied as one moment of the site while readers' views keep being written: pg_dump reads
  a single snapshot, and SQLite is copied in one step of its online backup API (`SqliteConnector`). The
  database goes first and the files second, so every file a copied row names is in the same backup (a photo
  uploaded in between is only an extra file).
- Views still waiting in Redis are written to the database first, so that the backup has them.
- The cached pages (the database cache's table) are left out: they are rebuilt by the first readers, and on a
  busy site they weigh more than the content.
- Both halves are gzipped, carry the time they were made in their names, and are readable by the site's user
  only: a dump holds every account's password hash. A new backup leaves the `keep` newest and deletes older
  ones.
- A restore goes onto an empty database and an empty media folder and refuses anything else unless forced:
  a mistyped command must not replace a working site with last night's copy.
"""

import logging
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from dbbackup import settings as dbbackup_settings
from dbbackup import utils
from dbbackup.db.base import get_connector
from dbbackup.db.exceptions import ConnectorError
from dbbackup.db.sqlite import SqliteBackupConnector
from dbbackup.storage import StorageError, get_storage
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection
from django.utils import timezone

from articles.counting import flush_views
from articles.counting.buffer import UNAVAILABLE
from portal.page_cache import bump_content_version

logger = logging.getLogger(__name__)

# What a site in use always has and a freshly migrated database never does.
CONTENT_MODELS = ("accounts.User", "articles.Article", "documents.Document", "questions.Question")
# The restored objects belong to whoever restores (on a new server, the site's own role), and grants made to
# the old server's roles are not replayed.
PG_RESTORE_OPTIONS = "--no-owner --no-privileges"
DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


class BackupError(Exception):
    """A backup or restore that cannot be done, with what to do about it."""


@dataclass(frozen=True)
class Backup:
    made_at: str  # as in the file names: 2025-06-01-020000, Vietnam time
    database: str  # file names in BACKUP_DIR
    media: str


def make_backup(*, keep: int) -> Backup:
    """Back up the database, then the media folder; then delete all but the `keep` newest backups."""
    if problem := unsafe_location():
        raise BackupError(problem)
    try:
        flush_views()
    except UNAVAILABLE as error:
        logger.warning("The view buffer (Redis) is unreachable; its views are not in this backup: %s", error)
    made_at = timezone.localtime().strftime(dbbackup_settings.DATE_FORMAT)
    extension = get_connector(DEFAULT_DB_ALIAS).extension
    backup = Backup(
        made_at=made_at,
        database=utils.filename_generate(f"{extension}.gz", content_type="db", wildcard=made_at),
        media=utils.filename_generate("tar.gz", content_type="media", wildcard=made_at),
    )
    storage = get_storage()
    if storage.storage.exists(backup.database) or storage.storage.exists(backup.media):
        raise BackupError(f"A backup made at {made_at} is already in {settings.BACKUP_DIR}; try again.")
    # The media backup lists the folder, which a site without uploads has not made yet. Made here, outside
    # _private_files(), it is as the first upload would have made it: readable by the web server.
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    with _private_files():
        _run(
            "dbbackup",
            database=DEFAULT_DB_ALIAS,
            compress=True,
            output_filename=backup.database,
            exclude_tables=",".join(_cache_tables()) or None,
        )
        try:
            _run("mediabackup", compress=True, output_filename=backup.media)
        except BaseException:
            # A database without its files is no backup to restore; the next run makes a whole one.
            for name in (backup.database, f"{backup.database}.metadata"):
                storage.delete_file(name)
            raise
    for content_type in ("db", "media"):
        storage.clean_old_backups(compressed=True, content_type=content_type, keep_number=keep)
    return backup


def find_backups() -> list[Backup]:
    """The backups in BACKUP_DIR that have both halves, the newest first."""
    if not Path(settings.BACKUP_DIR).is_dir():
        return []
    storage = get_storage()
    halves = {
        content_type: {
            utils.filename_to_datestring(name): name
            for name in storage.list_backups(compressed=True, content_type=content_type)
        }
        for content_type in ("db", "media")
    }
    complete = sorted(halves["db"].keys() & halves["media"].keys(), reverse=True)
    return [Backup(made_at, halves["db"][made_at], halves["media"][made_at]) for made_at in complete]


def restore_backup(backup: Backup, *, force: bool = False) -> None:
    """Bring `backup` back: the database, then the files. Only onto an empty site unless `force`."""
    if not force:
        if content := database_content():
            raise BackupError(
                f"The database is in use: it holds {', '.join(content)}. Restore onto an empty database, "
                "or add --force to replace it."
            )
        if media_has_files():
            raise BackupError(
                f"The media folder {settings.MEDIA_ROOT} has files. Restore into an empty folder, or add "
                "--force to overwrite the files the backup also has."
            )
    _run(
        "dbrestore",
        database=DEFAULT_DB_ALIAS,
        input_filename=backup.database,
        uncompress=True,
        pg_options=PG_RESTORE_OPTIONS,
    )
    _run("mediarestore", input_filename=backup.media, uncompress=True, replace=force)
    # Pages and lists cached from the database that was replaced must not be served from the restored one,
    # nor the pages each worker keeps in its memory under the old content version (portal/page_memory.py).
    cache.clear()
    bump_content_version()


def database_content() -> list[str]:
    """Which of CONTENT_MODELS have rows (none in an empty or freshly migrated database)."""
    tables = set(connection.introspection.table_names())
    models = [apps.get_model(label) for label in CONTENT_MODELS]
    return [
        model._meta.label
        for model in models
        if model._meta.db_table in tables and model._base_manager.exists()
    ]


def media_has_files() -> bool:
    return any(files for _folder, _subfolders, files in os.walk(settings.MEDIA_ROOT))


def unsafe_location() -> str | None:
    """Why BACKUP_DIR must not be used, if it is a folder that the web server serves or publishes."""
    backups = Path(settings.BACKUP_DIR).resolve()
    served = [("MEDIA_ROOT", settings.MEDIA_ROOT), ("STATIC_ROOT", settings.STATIC_ROOT)]
    # `collectstatic` copies these into STATIC_ROOT.
    served += [
        ("STATICFILES_DIRS", entry[1] if isinstance(entry, tuple) else entry)
        for entry in settings.STATICFILES_DIRS
    ]
    for setting, folder in served:
        folder = Path(folder).resolve()
        if backups == folder or folder in backups.parents:
            return (
                f"BACKUP_DIR ({backups}) is inside {setting} ({folder}), which the web server hands to "
                "anyone: set BACKUP_DIR to a folder outside it."
            )
    return None


def _cache_tables() -> list[str]:
    return [config["LOCATION"] for config in settings.CACHES.values() if config["BACKEND"] == DATABASE_CACHE]


@contextmanager
def _private_files():
    """Files and folders made meanwhile are the site's user's alone from their first byte.

    The backup storage also sets 0600 on each file, but only once it is written.
    """
    Path(settings.BACKUP_DIR).mkdir(mode=0o700, parents=True, exist_ok=True)
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _run(command: str, **options) -> None:
    try:
        call_command(command, quiet=True, interactive=False, **options)
    except (ConnectorError, StorageError) as error:
        raise BackupError(f"{command} failed: {error}") from error


class SqliteConnector(SqliteBackupConnector):
    """django-dbbackup's SQLite connector, restoring through the online backup API it copies with.

    The library restores by writing the backup over the database file, which is one of SQLite's documented
    ways to corrupt a database: an app server still holding it open, or the -wal file beside it (the site
    runs SQLite in WAL mode), would mix pages of the replaced database into the restored one (tried: the
    writes of a connection left open came back on top of the restore); and a database in memory (the test
    suite's) has no file at all. Copying into the open connection takes SQLite's own locks instead. The copy
    also leaves out the rows of EXCLUDE'd tables (the cached pages), which the library's connector ignores.
    """

    def create_dump(self):
        self.connection.ensure_connection()
        with tempfile.TemporaryDirectory(dir=dbbackup_settings.TMP_DIR) as folder:
            path = Path(folder) / "copy.sqlite3"
            with closing(sqlite3.connect(path, isolation_level=None)) as copy:
                # All pages in one step, under one read transaction: one moment of the database, even while
                # other connections write.
                self.connection.connection.backup(copy)
                if self.exclude:
                    for table in self.exclude:
                        copy.execute('DELETE FROM "{}"'.format(table.replace('"', '""')))
                    copy.execute("VACUUM")
            dump = utils.create_spooled_temporary_file()
            with path.open("rb") as copied:
                shutil.copyfileobj(copied, dump)
        dump.seek(0)
        return dump

    def restore_dump(self, dump):
        self.connection.ensure_connection()
        with tempfile.TemporaryDirectory(dir=dbbackup_settings.TMP_DIR) as folder:
            path = Path(folder) / "backup.sqlite3"
            with path.open("wb") as copied:
                shutil.copyfileobj(dump, copied)
            with closing(sqlite3.connect(path)) as backup:
                backup.backup(self.connection.connection)
