"""On PostgreSQL, ranking, filtering, facet counts and the cut to one page happen in one SQL
statement (search/ranking.py) over Wagtail's index table. It must find, score, order and count
exactly what the same rules give over Wagtail's own backend query (the path every other
database takes)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from courses.models import Course, Level
from guides.body import faq, paragraph, section
from guides.factories import GuideIndexPageFactory
from search import backend, ranking

STEPS = [
    ranking.Step("django", partial=True),
    ranking.Step("deploying django", partial=True),
    ranking.Step("faq"),
    ranking.Step("coursera"),
    ranking.Step("django flask", "or"),
    ranking.Step("courses beginners"),
    ranking.Step("django at scale"),  # a course's title, word for word
    ranking.Step("nothing-like-this"),
    ranking.Step("django nothinglikethis", partial=True),
    ranking.Step("djang", fuzzy=True),
]


@pytest.fixture
def content(postgres, make_guide, make_course, category, home_page):
    other = GuideIndexPageFactory(parent=home_page, title="Data", slug="data")
    make_guide("Django: the web framework", standfirst="Deploying Django apps.")
    make_guide(
        "Flask for beginners",
        body=[
            section("Why Flask", paragraph("<p>Smaller than Django, bigger than nothing.</p>")),
            faq([("Is Flask a good first framework?", "<p>Yes, for small sites.</p>")]),
        ],
    )
    make_guide("Django in data teams", parent=other)
    make_guide("A draft about Django", live=False)
    hidden = make_guide("Django for staff only")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    make_course("Django for Everybody", provider="coursera", level=Level.BEGINNER, rating=9.1)
    make_course("Django Girls Tutorial", level=Level.BEGINNER, rating=8.8)
    make_course("Django at scale", level=Level.ADVANCED, rating=7.5)
    make_course("Retired Django course", live=False)
    return {"data": other.path}


def rows(results):
    return [
        (hit.kind, hit.pk, hit.promoted, None if hit.score is None else round(hit.score, 6))
        for hit in results.hits
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=lambda step: repr(step))
def test_the_database_ranks_and_counts_what_wagtails_backend_query_does(content, step):
    assert backend.uses_index_table()
    selections = [
        ranking.Selection(),
        ranking.Selection(type=ranking.COURSE),
        ranking.Selection(type=ranking.GUIDE, category_path=content["data"]),
        ranking.Selection(level=Level.BEGINNER),
    ]
    for selection in selections:
        for number, per_page in [(1, 10), (2, 2), (99, 2)]:
            with transaction.atomic():
                fast = ranking.rank_in_database(step, selection, [], number, per_page)
            slow = ranking.rank_in_python(step, selection, [], number, per_page)
            assert rows(fast) == rows(slow), (selection, number)
            assert (fast.number, fast.total, fast.matched) == (
                slow.number,
                slow.total,
                slow.matched,
            )
            assert fast.counts == slow.counts


@pytest.mark.django_db
def test_editors_picks_lead_and_count_alike_in_both(content, make_guide):
    pick = make_guide("Birdwatching kit list")
    also_matching = ranking.rank_in_python(ranking.Step("django"), ranking.Selection(), [], 1, 10)
    second = next(hit.pk for hit in also_matching.hits if hit.kind == ranking.GUIDE)
    step = ranking.Step("django", partial=True)
    fast = ranking.rank_in_database(step, ranking.Selection(), [pick.pk, second], 1, 10)
    slow = ranking.rank_in_python(step, ranking.Selection(), [pick.pk, second], 1, 10)
    assert rows(fast) == rows(slow)
    assert [hit.pk for hit in fast.hits[:2]] == [pick.pk, second]
    assert fast.counts == slow.counts and fast.total == slow.total


@pytest.mark.django_db
def test_the_match_function_reads_the_gin_index_on_title_and_body(content):
    with connection.cursor() as cursor:
        cursor.execute("SELECT proconfig FROM pg_proc WHERE proname = 'search_index_matches'")
        assert cursor.fetchone()[0] == ["enable_seqscan=off"]
        with backend.planner_setting("enable_seqscan", "off"):
            cursor.execute(
                "EXPLAIN SELECT e.object_id FROM search_rank_entry e "
                "WHERE (e.title || e.body) @@ to_tsquery('english', 'faq')"
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_rank_entry_match" in plan, plan


@pytest.mark.django_db
def test_titles_that_are_the_query_are_looked_up_through_their_indexes(content):
    """Only they can have the exact-title boost (search/migrations/0007): the ranking
    statement's own SQL for them reads the indexes on a title's words and on its head's."""
    for model, indexes in (
        (Page, ["search_page_title_words", "search_page_title_head_words"]),
        (Course, ["search_course_title_words", "search_course_title_head_words"]),
    ):
        sql = ranking._Sql()
        ranking._titled(sql, "t", model, "django at scale")
        with connection.cursor() as cursor, backend.planner_setting("enable_seqscan", "off"):
            cursor.execute("EXPLAIN " + sql.text() + " SELECT * FROM t", sql.params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        for index in indexes:
            assert index in plan, plan


def rank_table_differences() -> int:
    """Index entries missing from the rank table, rank rows without an entry, or rows whose
    copied columns differ."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {IndexEntry._meta.db_table} e "
            "FULL JOIN search_rank_entry r ON r.entry_id = e.id "
            "WHERE r.entry_id IS NULL OR e.id IS NULL "
            "OR (e.content_type_id, e.object_id, e.title, e.title_norm, e.body) "
            "IS DISTINCT FROM (r.content_type_id, r.object_id, r.title, r.title_norm, r.body)"
        )
        return cursor.fetchone()[0]


def found(word):
    results = ranking.rank_in_database(ranking.Step(word), ranking.Selection(), [], 1, 10)
    return [hit.pk for hit in results.hits]


@pytest.mark.django_db
def test_the_rank_table_follows_every_change_to_wagtails_index(content, make_guide):
    assert IndexEntry.objects.exists() and rank_table_differences() == 0
    guide = make_guide("Birdwatching for programmers")
    assert rank_table_differences() == 0
    assert found("birdwatching") == [guide.pk]

    guide.title = "Stargazing for programmers"
    guide.save_revision().publish()
    assert rank_table_differences() == 0
    assert found("birdwatching") == [] and found("stargazing") == [guide.pk]

    guide.delete()
    assert rank_table_differences() == 0
    assert found("stargazing") == []

    get_search_backend().reset_indexes()
    assert rank_table_differences() == 0
    assert not IndexEntry.objects.exists()
    call_command("update_index", stdout=io.StringIO())
    assert rank_table_differences() == 0
    assert found("flask")


@pytest.mark.django_db(transaction=True)
def test_the_rank_table_is_emptied_with_the_index_table(postgres):
    """Django's flush (and a hand-run TRUNCATE) empties the index table in one statement."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_rank_entry VALUES (0, 1, '1', ''::tsvector, 1.0, ''::tsvector)"
        )
        cursor.execute(f"TRUNCATE {IndexEntry._meta.db_table}")
        cursor.execute("SELECT count(*) FROM search_rank_entry")
        assert cursor.fetchone()[0] == 0


def setting(name):
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_the_planner_setting_holds_inside_and_is_back_after_even_without_a_transaction(postgres):
    """In autocommit (a request outside any transaction) SET LOCAL alone would do nothing."""
    assert setting("enable_seqscan") == "on"
    with backend.planner_setting("enable_seqscan", "off"):
        assert setting("enable_seqscan") == "off"
    assert setting("enable_seqscan") == "on"
    with transaction.atomic():  # inside a longer transaction it must not outlive its block
        with backend.planner_setting("enable_seqscan", "off"):
            assert setting("enable_seqscan") == "off"
        assert setting("enable_seqscan") == "on"
        with pytest.raises(ZeroDivisionError), backend.planner_setting("enable_seqscan", "off"):
            1 / 0  # noqa: B018 - an error inside: the savepoint's rollback undoes the setting
        assert setting("enable_seqscan") == "on"
