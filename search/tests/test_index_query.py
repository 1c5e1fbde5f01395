"""On PostgreSQL the engine asks Wagtail's index table directly (search/engine.py): it must find
and score exactly what Wagtail's own backend query does, only through the GIN index."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from guides.factories import faq, section
from search import engine

QUERIES = [("django", "and"), ("deploying django", "and"), ("faq", "and"), ("coursera", "and")]
QUERIES += [("django flask", "or"), ("courses beginners", "and"), ("nothing-like-this", "and")]


@pytest.fixture
def content(postgres, make_guide, make_course, category):
    make_guide("Django: the web framework", standfirst="Deploying Django apps.")
    make_guide(
        "Flask for beginners",
        body=[
            section("Why Flask", ("paragraph", "<p>Smaller than Django, bigger than nothing.</p>")),
            faq([("Is Flask a good first framework?", "Yes, for small sites.")]),
        ],
    )
    make_guide("A draft about Django", live=False)
    hidden = make_guide("Django for staff only")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    make_course("Django for Everybody", provider="coursera", level="beginner")
    make_course("Retired Django course", live=False)


def by_wagtail_backend(query, operator):
    guides = engine._rows(engine.reader_guides(), query, operator, ("pk", "path", "title"))
    courses = engine._rows(engine.reader_courses(), query, operator, ("pk", "level", "title"))
    return guides, courses


def rounded(rows):
    return sorted((*row[:-1], round(row[-1], 6)) for row in rows)


@pytest.mark.django_db
@pytest.mark.parametrize("scan_above", [engine.VISIBLE_SCAN_ABOVE, 0])
@pytest.mark.parametrize(("query", "operator"), QUERIES)
def test_the_index_query_finds_and_scores_what_wagtails_backend_does(
    content, query, operator, scan_above, monkeypatch
):
    # scan_above=0: visibility read for every object at once, as for a very common word.
    monkeypatch.setattr(engine, "VISIBLE_SCAN_ABOVE", scan_above)
    with transaction.atomic():
        fast_guides, fast_courses = engine._postgres_rows(query, operator)
    slow_guides, slow_courses = by_wagtail_backend(query, operator)
    assert rounded(fast_guides) == rounded(slow_guides)
    assert rounded(fast_courses) == rounded(slow_courses)


def setting(name):
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_index_query_reads_the_gin_index_on_title_and_body(content):
    with CaptureQueriesContext(connection) as queries:
        engine._index_scores("django", "and")
    statement = next(q["sql"] for q in queries if "wagtailsearch_indexentry" in q["sql"])
    with engine._planner_setting("enable_seqscan", "off"), connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + statement)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_indexentry_title_body_gin" in plan, plan


@pytest.mark.django_db(transaction=True)
def test_the_planner_setting_holds_inside_and_is_back_after_even_without_a_transaction(postgres):
    """In autocommit (a request outside any transaction) SET LOCAL alone would do nothing."""
    assert setting("enable_seqscan") == "on"
    with engine._planner_setting("enable_seqscan", "off"):
        assert setting("enable_seqscan") == "off"
    assert setting("enable_seqscan") == "on"
    with transaction.atomic():  # inside a longer transaction it must not outlive its block
        with engine._planner_setting("enable_seqscan", "off"):
            assert setting("enable_seqscan") == "off"
        assert setting("enable_seqscan") == "on"
        with pytest.raises(ZeroDivisionError), engine._planner_setting("enable_seqscan", "off"):
            1 / 0  # noqa: B018 - an error inside: the savepoint's rollback undoes the setting
        assert setting("enable_seqscan") == "on"
