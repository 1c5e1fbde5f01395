"""Trigram indexes on the lower-cased titles of pages and courses, for the exact-title boost.

Ranking (search/ranking.py) doubles the score of a result whose title *is* the query, which it
checks only for titles that hold the query. Lower-casing and searching the title of every match
cost a broad query ("faq": every guide matches) more than its joins; with these indexes
PostgreSQL finds the few titles that hold the query (`lower(title) LIKE '%faq%'`) first, and
only those are compared. Nothing to do on SQLite.
"""

from django.db import migrations

INDEXES = {
    "search_page_title_lower_trgm": ("wagtailcore", "Page"),
    "search_course_title_lower_trgm": ("courses", "Course"),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (app_label, model_name) in INDEXES.items():
        table = schema_editor.quote_name(apps.get_model(app_label, model_name)._meta.db_table)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (lower(title) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_rank_entries"),
        ("courses", "0007_finder_box_via"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
