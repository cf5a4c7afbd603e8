import shutil
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection


@pytest.fixture(autouse=True)
def rows_made_by_migrations(transactional_db):
    """The roles, document kinds, question topics and standard pages that data migrations make: the flush
    after every transactional test takes them away, and a backup must hold them like a real site's."""
    call_command("sync_roles", stdout=StringIO())
    import_module("articles.documents.migrations.0002_document_kinds").add_kinds(apps, None)
    import_module("articles.questions.migrations.0002_topics").add_topics(apps, None)
    import_module("articles.pages.migrations.0002_standard_pages").create_standard_pages(apps, None)


@pytest.fixture(autouse=True)
def backup_dir(settings):
    """The test run's BACKUP_DIR (tests/settings.py), empty when a test starts and removed when it ends."""
    folder = Path(settings.BACKUP_DIR)
    shutil.rmtree(folder, ignore_errors=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def wipe(settings):
    """Empties the site as a new server has it: a database without a single table, no media folder."""

    def wipe_site():
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Extensions, functions and the text search configuration (the search's) go with the schema.
                cursor.execute("DROP SCHEMA public CASCADE")
                cursor.execute("CREATE SCHEMA public")
            else:
                cursor.execute("PRAGMA foreign_keys = OFF")
                for table in connection.introspection.table_names(cursor):
                    cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
                cursor.execute("PRAGMA foreign_keys = ON")
        assert connection.introspection.table_names() == []

    yield wipe_site
    if "django_migrations" not in connection.introspection.table_names():
        # A restore that failed must not leave the tests after this one without tables.
        call_command("migrate", verbosity=0)
