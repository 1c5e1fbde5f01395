"""Indexes on the words of the titles of pages and courses, for the exact-title boost.

Ranking (search/ranking.py) doubles the score of a result whose title *is* the query: the whole
title, or its part before a colon, word for word. Comparing the title of every match cost a
broad query ("faq": every guide matches) more than its joins. With these indexes on the same
expressions ranking compares (search/ranking.py TITLE_WORDS_SQL and TITLE_HEAD_WORDS_SQL; the
text must stay the same in both places for PostgreSQL to use them), PostgreSQL looks up the few
titles that are the query instead, for a query of any length. Nothing to do on SQLite.
"""

from django.db import migrations

TITLE_WORDS = r"btrim(regexp_replace(lower(title), '\W+', ' ', 'g'))"
TITLE_HEAD_WORDS = r"btrim(regexp_replace(lower(split_part(title, ':', 1)), '\W+', ' ', 'g'))"
INDEXES = {
    "search_page_title_words": (("wagtailcore", "Page"), TITLE_WORDS),
    "search_page_title_head_words": (("wagtailcore", "Page"), TITLE_HEAD_WORDS),
    "search_course_title_words": (("courses", "Course"), TITLE_WORDS),
    "search_course_title_head_words": (("courses", "Course"), TITLE_HEAD_WORDS),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, ((app_label, model_name), expression) in INDEXES.items():
        table = schema_editor.quote_name(apps.get_model(app_label, model_name)._meta.db_table)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} (({expression}))")


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
