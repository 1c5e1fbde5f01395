"""A narrow copy of what ranking reads from Wagtail's search index table, kept by triggers.

Ranking a word that nearly every document holds ("faq") reads the title and body vectors of
every match. In Wagtail's index table (`IndexEntry`) those sit beside the plain-text copies that
only the trigram fuzzy search reads (`title_text`, `body_text`) and the autocomplete vector,
which makes each row several times wider than what ranking needs: a broad search touched a page
of the table per match, more than PostgreSQL's buffer cache keeps, and spent most of its time
reading rows rather than ranking them. Wagtail's database backend also writes every new entry
twice (once with `title_norm` 1.0, then with the real norm), which leaves the wide table half
dead rows after a bulk index.

`search_rank_entry` holds, per index entry, only what matching and ranking need (ids, title and
body vectors, title norm), with the GIN index on `title || body`. Statement triggers on the index
table copy each insert, update and delete (and a truncate) in the same transaction, so it is
never stale and nothing in Python writes it. `search_index_matches()` (0005) now reads it.
Wagtail's own queries (admin search, choosers, fuzzy search) still read the index table.
Nothing to do on SQLite.
"""

from django.db import migrations

CREATE_TABLE = """
CREATE TABLE search_rank_entry (
    entry_id integer PRIMARY KEY,
    content_type_id integer NOT NULL,
    object_id varchar(50) NOT NULL,
    title tsvector NOT NULL,
    title_norm double precision NOT NULL,
    body tsvector NOT NULL
) WITH (toast_tuple_target = 8160);
-- As on the index table (0004): a body vector stays in its row, uncompressed, up to a page.
ALTER TABLE search_rank_entry ALTER COLUMN body SET STORAGE MAIN;
CREATE INDEX search_rank_entry_match ON search_rank_entry USING gin ((title || body));
"""

# One statement per change to the index table, however many rows it touched (a bulk index
# writes hundreds at once). An upsert for both inserts and updates: Wagtail's backend writes
# with INSERT ... ON CONFLICT DO UPDATE, which fires either.
COPY_FUNCTIONS = """
CREATE FUNCTION search_rank_entry_upsert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_rank_entry (entry_id, content_type_id, object_id, title, title_norm, body)
    SELECT id, content_type_id, object_id, title, title_norm, body FROM changed_rows
    ON CONFLICT (entry_id) DO UPDATE SET
        content_type_id = EXCLUDED.content_type_id,
        object_id = EXCLUDED.object_id,
        title = EXCLUDED.title,
        title_norm = EXCLUDED.title_norm,
        body = EXCLUDED.body;
    RETURN NULL;
END $$;

CREATE FUNCTION search_rank_entry_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_rank_entry r USING changed_rows d WHERE r.entry_id = d.id;
    RETURN NULL;
END $$;

CREATE FUNCTION search_rank_entry_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE search_rank_entry;
    RETURN NULL;
END $$;
"""

TRIGGERS = """
CREATE TRIGGER search_rank_entry_on_insert AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_rank_entry_upsert();
CREATE TRIGGER search_rank_entry_on_update AFTER UPDATE ON {table}
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_rank_entry_upsert();
CREATE TRIGGER search_rank_entry_on_delete AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_rank_entry_delete();
CREATE TRIGGER search_rank_entry_on_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION search_rank_entry_truncate();
"""

FILL = """
INSERT INTO search_rank_entry (entry_id, content_type_id, object_id, title, title_norm, body)
SELECT id, content_type_id, object_id, title, title_norm, body FROM {table};
"""

# 0005's function, reading the narrow copy.
MATCHES = """
CREATE OR REPLACE FUNCTION search_index_matches(query tsquery, weights float4[])
RETURNS TABLE (content_type_id integer, object_id varchar, score double precision)
LANGUAGE sql STABLE
SET enable_seqscan = off
ROWS 1000
AS $$
    SELECT e.content_type_id, e.object_id,
           ts_rank(weights, e.title, query) * e.title_norm + ts_rank(weights, e.body, query)
    FROM {table} e
    WHERE (e.title || e.body) @@ query
$$
"""


def index_table(apps, schema_editor) -> str:
    return schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)


def create_rank_entries(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = index_table(apps, schema_editor)
    schema_editor.execute(CREATE_TABLE)
    schema_editor.execute(COPY_FUNCTIONS)
    schema_editor.execute(TRIGGERS.format(table=table))
    schema_editor.execute(FILL.format(table=table))
    schema_editor.execute(MATCHES.format(table="search_rank_entry"))


def drop_rank_entries(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = index_table(apps, schema_editor)
    schema_editor.execute(MATCHES.format(table=table))
    for event in ("insert", "update", "delete", "truncate"):
        schema_editor.execute(f"DROP TRIGGER search_rank_entry_on_{event} ON {table}")
    for action in ("upsert", "delete", "truncate"):
        schema_editor.execute(f"DROP FUNCTION search_rank_entry_{action}()")
    schema_editor.execute("DROP TABLE search_rank_entry")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_search_index_matches")]

    operations = [migrations.RunPython(create_rank_entries, drop_rank_entries)]
