"""The one module that knows how Wagtail's search backend works inside.

On PostgreSQL, Wagtail's database backend (the `modelsearch` package) keeps one index table
(`IndexEntry`: a title and a body tsvector per object) and matches with its own tsquery and
`ts_rank` expression. `match_sql()` builds that same match, asked of the index table alone, as
SQL for search/ranking.py to rank, filter and count inside PostgreSQL. Every other backend (SQLite
FTS in the embedded default, Elasticsearch) is used through Wagtail's public `.search()` API only.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection, transaction
from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler
from modelsearch.backends.database.postgres.weights import get_sql_weights
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import Fuzzy

FUZZY_TIMEOUT_MS = 300


def uses_index_table() -> bool:
    """True on PostgreSQL with Wagtail's database backend: matches can be asked of its index
    table in SQL. False for SQLite FTS or a search server."""
    backend = get_search_backend()
    compiler = getattr(backend, "query_compiler_class", None)
    return (
        connection.vendor == "postgresql"
        and isinstance(compiler, type)
        and issubclass(compiler, PostgresSearchQueryCompiler)
    )


def match_sql(text: str, operator: str, model) -> tuple[str, list] | None:
    """SQL for `(content_type_id, object_id, score)` of every index entry matching `text`, or
    None when the text holds no searchable word. `model`: any indexed model (the query is
    compiled for it, but the index table holds every model's entries).

    Wagtail's backend builds the tsquery (stemming, operators, its text search config) and the
    rank weights; `search_index_matches()` (search/migrations/0005, 0006) reads the matches
    from a narrow, trigger-kept copy of the index table through its GIN index on
    `title || body` and ranks them with the backend's own expression.
    """
    backend = get_search_backend()
    compiler = backend.query_compiler_class(model.objects.none(), text, operator=operator)
    tsquery = compiler.build_tsquery(compiler.query, config=compiler.get_config(backend))
    if tsquery is None:
        return None
    query = IndexEntry.objects.none().query
    tsquery_sql, params = query.get_compiler(connection=connection).compile(
        tsquery.resolve_expression(query)
    )
    return (
        f"SELECT * FROM search_index_matches({tsquery_sql}, %s::float4[])",
        [*params, get_sql_weights()],
    )


def fuzzy_sql(queryset, text: str) -> tuple[str, list]:
    """SQL for `(pk, score)` of the objects of `queryset` whose title or body is close to
    `text` (Wagtail's Fuzzy query: pg_trgm word similarity). Run it inside
    `planner_setting("statement_timeout", ...)`: it compares every document."""
    results = queryset.search(Fuzzy(text)).annotate_score("_score")
    sql, params = results.get_queryset().values_list("pk", "_score").query.sql_with_params()
    return sql, list(params)


def search_rows(queryset, query, operator: str, fields) -> list[tuple]:
    """`(*fields, score)` for every match of `query` (a string or a Fuzzy query) in `queryset`,
    through Wagtail's public API: the path for backends without an index table in SQL."""
    if isinstance(query, str):
        results = queryset.search(query, operator=operator).annotate_score("_score")
    else:
        results = queryset.search(query).annotate_score("_score")
    try:
        return list(results.get_queryset().values_list(*fields, "_score"))
    except (AttributeError, TypeError):  # a backend without a queryset (Elasticsearch)
        return [(*(getattr(obj, name) for name in fields), obj._score) for obj in results]


def higher_is_better() -> bool:
    """PostgreSQL's ts_rank grows with relevance; SQLite FTS5's bm25() is negative and lower
    is better."""
    return connection.vendor != "sqlite"


@contextmanager
def planner_setting(name: str, value: str):
    """A PostgreSQL setting for the statements inside, in a transaction (or savepoint) of its
    own: SET LOCAL outside a transaction does nothing, and inside one it would outlive us.
    On an error the rollback undoes it; on success it is put back for the rest of the
    surrounding transaction (a request's, or a test's)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        previous = cursor.fetchone()[0]
        cursor.execute(f"SET LOCAL {name} = %s", [value])
        yield
        cursor.execute(f"SET LOCAL {name} = %s", [previous])
