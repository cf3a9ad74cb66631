"""Stored Spanish search vectors, with GIN indexes, on the tables the site-wide search reads.

PostgreSQL only: each table gets a `search_vector` column GENERATED ALWAYS … STORED, so the
database keeps it in step with every write, whichever app makes it, and no service has to
remember to refresh it. The models do not declare the column (the apps that own them need not
know the search exists); `cocrea.search.selectors` reads it by name. SQLite gets nothing and
searches the text directly.

Proposals and datasets already keep a `search_vector` of their own (with a GIN index), which
their services refresh: the search reads those as they are.

PostgreSQL refuses to change the type of a column a generated column reads ("cannot alter type
of a column used by a generated column"): a migration that, say, lengthens `Commitment.title`
must drop that table's vector first and add it back after (this module's `drop` and `add`).
"""

from django.db import migrations

# model → (column, weight) pairs; A for titles and names, B for the main text, C for the rest.
VECTORS = {
    ("plans", "Commitment"): (
        ("title", "A"),
        ("objective", "B"),
        ("problem", "B"),
        ("status_quo", "C"),
        ("how_it_solves", "C"),
        ("ambition", "C"),
    ),
    ("plans", "ActionPlan"): (("name", "A"), ("objective", "B"), ("description", "C")),
    ("participation", "Problem"): (("title", "A"), ("description", "B")),
    # Only what the report's public page shows: never a name, contact, address or coordinates.
    ("reports", "Report"): (("description", "B"), ("status_notes", "C")),
    ("comptrollership", "PublicWork"): (
        ("name", "A"),
        ("description", "B"),
        ("location", "C"),
        ("contractor", "C"),
    ),
    ("core", "Organization"): (("name", "A"), ("acronym", "A"), ("description", "B")),
}


def _vector(columns):
    return " || ".join(
        f"setweight(to_tsvector('spanish'::regconfig, coalesce({column}, '')), '{weight}')"
        for column, weight in columns
    )


def _table(apps, model):
    # The model's table (public works keep the reports_ table they were born in).
    return apps.get_model(*model)._meta.db_table


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, columns in VECTORS.items():
        table = _table(apps, model)
        # Constant names from this module and the models, never input: formatted, not parameters.
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector "
            f"GENERATED ALWAYS AS ({_vector(columns)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} USING gin (search_vector)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model in VECTORS:
        table = _table(apps, model)
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_gin")
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    # The latest migration of each app whose table this alters.
    dependencies = [
        ("core", "0005_organization_admin_role"),
        ("plans", "0005_commitment_status_reason"),
        ("participation", "0010_working_tables_as_records"),
        ("reports", "0007_category_territory_questions_holidays"),
        ("comptrollership", "0002_content_types"),
    ]
    operations = [migrations.RunPython(add, drop)]
