"""The table of the database cache (settings.CACHES), so that `migrate` alone prepares a server."""

from django.core.management import call_command
from django.db import migrations

# The default CACHE_URL without DEBUG: dbcache://portal_cache (portal/settings.py).
TABLE = "portal_cache"


def create_cache_table(apps, schema_editor):
    # Django's own command, given the table by name rather than reading CACHES: the table is there whatever
    # CACHE_URL says today, so going back to the default later needs no extra step. A table made earlier by
    # `createcachetable` is left as it is.
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
