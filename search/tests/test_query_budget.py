"""The search results page runs at most SEARCH_PAGE_QUERY_BUDGET SQL queries, however many
documents match: ranking, facets and the cut to one page happen in the database.

SAVEPOINT and RELEASE statements are not counted: a test runs inside a transaction, so each
guarded search step sends them, but a request in production runs in autocommit, where the same
step opens a transaction of its own instead (BEGIN and COMMIT, which are not SQL queries here
either).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CourseIndexPage, Level
from guides.factories import GuideIndexPageFactory

pytestmark = pytest.mark.usefixtures("postgres")

SEARCH_PAGE_QUERY_BUDGET = 15


def queries_for(client, **params):
    client.get("/search/", params)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", params)
    assert response.status_code == 200
    statements = [query["sql"] for query in captured.captured_queries]
    return len([sql for sql in statements if "SAVEPOINT" not in sql]), response


@pytest.fixture
def catalogue(home_page):
    return home_page.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))


def add_matches(make_guide, make_course, parent, count, title="Gannet"):
    for n in range(count):
        make_guide(f"{title} guide {n}", parent=parent, tags=["seabirds"], standfirst="Gannet.")
        make_course(
            f"{title} course {n}",
            level=Level.values[n % 3],
            topics=["seabirds", "birds"],
            review="Gannet colonies.",
        )


@pytest.mark.parametrize("params", [{}, {"type": "course"}, {"level": "beginner"}])
def test_search_page_queries_stay_within_budget_and_do_not_grow(
    client, make_guide, make_course, category, home_page, catalogue, params
):
    add_matches(make_guide, make_course, category, 3)
    few, response = queries_for(client, q="gannet", **params)
    assert 0 < response.context["results"].paginator.count < 10
    # Many more matches, each weaker than the first ones ("gannet" only in the text): the page
    # shown has the same kinds of results, and the count must not move.
    other = GuideIndexPageFactory(parent=home_page, title="Birds", slug="birds")
    add_matches(make_guide, make_course, other, 30, title="Seabird")
    many, response = queries_for(client, q="gannet", **params)
    assert response.context["results"].paginator.count > 10
    assert len(response.context["results"].object_list) == 10
    assert few == many, "the query count grows with the number of results"
    assert many <= SEARCH_PAGE_QUERY_BUDGET
    count, response = queries_for(client, q="gannet", page="3", **params)
    assert count <= SEARCH_PAGE_QUERY_BUDGET


def test_a_corrected_search_stays_within_budget(
    client, make_guide, make_course, catalogue, settings
):
    # The words a correction may use are cached between searches, as in production.
    settings.SEARCH_VOCABULARY_CACHE_SECONDS = 600
    for n in range(12):
        make_guide(f"Gannet guide {n}")
        make_course(f"Gannet course {n}")
    count, response = queries_for(client, q="gannett")
    assert response.context["outcome"].mode == "corrected"
    assert count <= SEARCH_PAGE_QUERY_BUDGET
