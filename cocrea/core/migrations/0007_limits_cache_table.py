"""The table where limits count when there is no Redis (cocrea/core/limits.py): Django's own
cache table (`createcachetable`'s), made by `migrate` so that every database has it, test
databases included, whatever the cache settings were when it ran."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "cocrea_cache"  # settings.CACHES["limits"]["LOCATION"]


def create_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    # Does nothing when the table exists (`manage.py createcachetable` made it first).
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0006_site_name")]

    operations = [migrations.RunPython(create_table, drop_table)]
