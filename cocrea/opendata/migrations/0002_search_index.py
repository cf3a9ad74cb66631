"""A GIN index on the datasets' Spanish search vector, on PostgreSQL only (SQLite has none)."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS dataset_search_gin ON opendata_dataset USING gin (search_vector)"
)
DROP = "DROP INDEX IF EXISTS dataset_search_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("opendata", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
