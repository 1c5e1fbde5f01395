"""Typo tolerance on PostgreSQL: the pg_trgm extension and trigram indexes on the search index.

Wagtail's database backend (modelsearch) keeps plain-text copies of every indexed title and body
(title_text, body_text) for its Fuzzy query, which compares them with pg_trgm's word similarity.
This is what `manage.py enable_trigram` does, as a migration so that every database gets it.
Nothing to do on SQLite (the embedded default has no fuzzy search).
"""

from django.db import migrations

INDEXES = {
    "search_indexentry_title_text_trgm": "title_text",
    "search_indexentry_body_text_trgm": "body_text",
}


def enable_trigram(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def disable_trigram(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(enable_trigram, disable_trigram)]
