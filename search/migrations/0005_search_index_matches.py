"""A SQL function that reads the matches of a tsquery from Wagtail's search index table through
the GIN index on `title || body` (search/migrations/0002), with their relevance.

Left to itself, PostgreSQL's planner may answer a common word ("faq") by testing every row's
`title || body` (a sequential or whole-index scan): its cost model does not count building that
vector for each row, which costs several times the index lookup. The function keeps sequential
scans off for its own statement only (`SET enable_seqscan = off` on the function), so the
search statement around it (search/ranking.py) is planned as usual. The rank is Wagtail's
database backend's own (title rank times the title's length norm, plus body rank); a test
checks both find and score the same documents.
"""

from django.db import migrations

FUNCTION = """
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


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute(FUNCTION.format(table=table))


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP FUNCTION IF EXISTS search_index_matches(tsquery, float4[])")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_index_entry_storage")]

    operations = [migrations.RunPython(create_function, drop_function)]
