"""Keep each document's body tsvector in the row, uncompressed, on Wagtail's search index table.

Ranking reads the body vector of every match (`ts_rank`), so a word nearly every document
holds ("faq") reads thousands of them per search. By default PostgreSQL compresses a row's
largest values once the row passes about 2 kB, and a body vector plus its plain-text copy
(`body_text`, used only by the trigram fuzzy search) usually does: every search then
decompressed every matching body. Rows now stay whole up to a full page
(`toast_tuple_target`), the body is compressed only as a last resort (`STORAGE MAIN`), and the
plain-text copy is the first value moved out of the row (`STORAGE EXTERNAL`). Existing rows are
rewritten once so that they take the new layout. Nothing to do on SQLite.
"""

from django.db import migrations


def table_name(apps, schema_editor):
    return schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)


def keep_bodies_whole(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = table_name(apps, schema_editor)
    schema_editor.execute(f"ALTER TABLE {table} SET (toast_tuple_target = 8160)")
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN body SET STORAGE MAIN")
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN body_text SET STORAGE EXTERNAL")
    # A new value (not the stored one copied) is what takes the new storage.
    schema_editor.execute(f"UPDATE {table} SET body = body || ''::tsvector")


def restore_defaults(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = table_name(apps, schema_editor)
    schema_editor.execute(f"ALTER TABLE {table} RESET (toast_tuple_target)")
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN body SET STORAGE EXTENDED")
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN body_text SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_searchindexversion")]

    operations = [migrations.RunPython(keep_bodies_whole, restore_defaults)]
