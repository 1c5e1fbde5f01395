import datetime
import re
from decimal import Decimal
from functools import partial

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from courses.models import Level
from guides.body import faq, paragraph, section
from guides.factories import GuideIndexPageFactory
from search.tests.inputs import BAD_INPUTS

from .conftest import results

pytestmark = pytest.mark.usefixtures("postgres")


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def titles(client, q, **params):
    return [title for _, title in results(search(client, q=q, **params))]


# Relevance ------------------------------------------------------------------------------------


def test_title_match_ranks_above_body_only_match(client, make_guide):
    make_guide(
        "Notes on web servers",
        body=[section("Setup", paragraph("<p>Gunicorn runs Flask apps well.</p>"))],
    )
    make_guide("Flask for small APIs")
    assert titles(client, "flask") == ["Flask for small APIs", "Notes on web servers"]


def test_standfirst_ranks_above_body(client, make_guide):
    make_guide("Guide one", body=[section("Intro", paragraph("<p>We mention Celery once.</p>"))])
    make_guide("Guide two", standfirst="Background jobs with Celery, explained.")
    assert titles(client, "celery") == ["Guide two", "Guide one"]


def test_faq_answer_is_findable(client, make_guide):
    make_guide(
        "Learning web frameworks",
        body=[
            section("Intro", paragraph("<p>Nothing special.</p>")),
            faq([("Is it hard?", "<p>Not if you know Pyramid already.</p>")]),
        ],
    )
    assert titles(client, "pyramid") == ["Learning web frameworks"]
    # "faq" finds guides that have an FAQ.
    assert titles(client, "faq") == ["Learning web frameworks"]


def test_section_heading_and_tags_are_indexed(client, make_guide):
    make_guide(
        "Guide with headings",
        body=[section("Configuring Nginx", paragraph("<p>Words.</p>"))],
    )
    make_guide("Tagged guide", tags=["observability"])
    assert titles(client, "nginx") == ["Guide with headings"]
    assert titles(client, "observability") == ["Tagged guide"]


def test_course_is_findable_by_provider_topic_and_level(client, make_course):
    make_course("Data wrangling 101", provider="udemy", topics=["pandas"])
    make_course("Web apps from scratch", provider="coursera", level=Level.ADVANCED)
    assert titles(client, "udemy") == ["Data wrangling 101"]
    assert titles(client, "pandas") == ["Data wrangling 101"]
    assert titles(client, "coursera") == ["Web apps from scratch"]
    assert titles(client, "advanced course") == ["Web apps from scratch"]


def test_stemming_deploying_finds_deployment(client, make_guide):
    make_guide("Zero-downtime deployment", standfirst="Release without outages.")
    response = search(client, q="deploying")
    assert results(response) == [("guide", "Zero-downtime deployment")]
    assert "<mark>deployment</mark>" in response.content.decode()


def test_noise_words_do_not_hide_results(client, make_course):
    make_course("Python from zero", level=Level.BEGINNER)
    assert titles(client, "best course for beginners") == ["Python from zero"]


# Visibility -----------------------------------------------------------------------------------


def test_drafts_expired_private_and_unpublished_content_is_never_returned(
    client, make_guide, make_course, category
):
    make_guide("Visible zebra guide")
    draft = make_guide("Draft zebra guide", live=False)
    assert not draft.live
    expired = make_guide("Expired zebra guide")
    expired.expire_at = timezone.now() - datetime.timedelta(hours=1)
    expired.save()
    private = make_guide("Private zebra guide")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_course("Visible zebra course")
    make_course("Retired zebra course", live=False)
    assert set(titles(client, "zebra")) == {"Visible zebra guide", "Visible zebra course"}
    suggestions = client.get("/search/suggest/", {"q": "zeb"}).json()["suggestions"]
    assert {s["title"] for s in suggestions} == {"Visible zebra guide", "Visible zebra course"}


@pytest.fixture(params=[0, 300], ids=["uncached", "cached"])
def result_cache(request, settings):
    """Run a test with the result cache off, then on (keyed by SearchIndexVersion)."""
    from django.core.cache import cache

    settings.SEARCH_CACHE_SECONDS = request.param
    cache.clear()
    yield request.param
    cache.clear()


def test_index_follows_publish_unpublish_move_and_delete(
    client, make_guide, make_course, home_page, category, result_cache
):
    guide = make_guide("Quokka handbook")
    assert titles(client, "quokka") == ["Quokka handbook"]

    guide.unpublish()
    assert titles(client, "quokka") == []

    guide.title = "Quokka handbook, second edition"
    guide.save_revision().publish()
    assert titles(client, "quokka") == ["Quokka handbook, second edition"]

    other = GuideIndexPageFactory(parent=home_page, title="Animals", slug="animals")
    guide.move(other, pos="last-child")
    response = search(client, q="quokka")
    assert response.context["results"].object_list[0].category.title == "Animals"
    assert titles(client, "animals") == ["Quokka handbook, second edition"]

    guide.refresh_from_db()
    guide.delete()
    assert titles(client, "quokka") == []

    course = make_course("Quokka care course", live=False)
    assert titles(client, "quokka") == []
    course.save_revision().publish()
    assert titles(client, "quokka") == ["Quokka care course"]
    course.refresh_from_db()  # publish() worked on the revision's copy
    course.unpublish()
    assert titles(client, "quokka") == []


def test_a_draft_leaves_search_alone_until_it_is_published(
    client, make_guide, make_course, result_cache
):
    """A draft save (or autosave) of a live guide or course is not what readers may find: the
    index keeps the published text and cached results stay valid; the publish changes both."""
    from search.models import SearchIndexVersion

    guide = make_guide("Wombat field notes")
    course = make_course("Wombat tracking course")
    assert titles(client, "wombat") == ["Wombat field notes", "Wombat tracking course"]

    version = SearchIndexVersion.current()
    guide.title = "Capybara field notes"
    course.title = "Capybara tracking course"
    with CaptureQueriesContext(connection) as saving:
        guide.save_revision()
        course.save_revision()
    assert not [q for q in saving.captured_queries if "wagtailsearch_indexentry" in q["sql"]]
    assert SearchIndexVersion.current() == version
    assert titles(client, "capybara") == []
    assert titles(client, "wombat") == ["Wombat field notes", "Wombat tracking course"]

    guide.get_latest_revision().publish()
    course.get_latest_revision().publish()
    assert SearchIndexVersion.current() > version
    assert titles(client, "capybara") == ["Capybara field notes", "Capybara tracking course"]
    assert titles(client, "wombat") == []


def _index_writes(action) -> list[str]:
    """The statements `action` sends to Wagtail's index table."""
    with CaptureQueriesContext(connection) as captured:
        action()
    return [q["sql"] for q in captured.captured_queries if "wagtailsearch_indexentry" in q["sql"]]


def test_a_save_indexes_once_with_the_tags_and_topics_it_writes(client, make_guide, make_course):
    """Tags and topics are written after Django's save signal, so the index is updated at the
    end of the save, with them: once, as one index update writes, not again from the signal."""
    from wagtail.search.index import insert_or_update_object

    guide = make_guide("Numbat notes")
    course = make_course("Numbat course")
    guide.tags.add("marsupials")
    course.topics.add("termites")
    for thing in (guide, course):
        one_update = _index_writes(partial(insert_or_update_object, thing))
        assert one_update
        assert len(_index_writes(thing.save)) == len(one_update)
    assert titles(client, "marsupials") == ["Numbat notes"]
    assert titles(client, "termites") == ["Numbat course"]


def test_save_draft_in_the_editor_leaves_search_alone(admin_client, make_guide, result_cache):
    from django.urls import reverse

    from guides.models import GuidePage
    from search.models import SearchIndexVersion
    from tests.admin_forms import unchanged_edit_form

    guide = make_guide("Wombat field notes")
    assert titles(admin_client, "wombat") == ["Wombat field notes"]
    version = SearchIndexVersion.current()
    url = reverse("wagtailadmin_pages:edit", args=(guide.pk,))
    form = unchanged_edit_form(admin_client.get(url).content.decode(), GuidePage)
    response = admin_client.post(url, {**form, "title": "Capybara field notes"})
    assert response.status_code == 302
    assert GuidePage.objects.get(pk=guide.pk).has_unpublished_changes
    assert SearchIndexVersion.current() == version
    assert titles(admin_client, "capybara") == []
    assert titles(admin_client, "wombat") == ["Wombat field notes"]


def test_cached_results_follow_privacy_and_are_reused(client, make_guide, result_cache):
    guide = make_guide("Ibis almanac")
    assert titles(client, "ibis") == ["Ibis almanac"]
    restriction = PageViewRestriction.objects.create(page=guide, restriction_type="login")
    assert titles(client, "ibis") == []
    restriction.delete()
    assert titles(client, "ibis") == ["Ibis almanac"]
    if result_cache:
        from search import engine

        categories = engine.live_categories()
        filters = engine.parse_filters({}, categories)
        first = engine.search("ibis", filters, categories)
        with CaptureQueriesContext(connection) as queries:
            again = engine.search("ibis", filters, categories)
        # No full-text query: the version lookup and the editors' picks only.
        assert not [q for q in queries.captured_queries if "search_index_matches" in q["sql"]]
        assert len(queries.captured_queries) <= 4
        assert [hit.pk for hit in again.hits] == [hit.pk for hit in first.hits]


# Facets and pagination ------------------------------------------------------------------------


def test_facet_counts_equal_filtered_result_counts(client, make_guide, make_course, home_page):
    data = GuideIndexPageFactory(parent=home_page, title="Data", slug="data")
    for n in range(3):
        make_guide(f"Otter guide {n}")
    for n in range(2):
        make_guide(f"Otter data guide {n}", parent=data)
    make_course("Otter course A", level=Level.BEGINNER)
    make_course("Otter course B", level=Level.BEGINNER)
    make_course("Otter course C", level=Level.ADVANCED)

    response = search(client, q="otter")
    assert response.context["results"].paginator.count == 8
    checked = 0
    for group in response.context["facet_groups"]:
        for item in group["items"]:
            filtered = client.get("/search/" + item["url"])
            assert filtered.context["results"].paginator.count == item["count"], item
            checked += 1
            # And again one level deeper: every facet on the filtered page holds too.
            for inner in filtered.context["facet_groups"]:
                for sub in inner["items"]:
                    deeper = client.get("/search/" + sub["url"])
                    assert deeper.context["results"].paginator.count == sub["count"], sub
    assert checked == 2 + 2 + 2  # type: guide/course; category: 2; level: 2
    counts = {
        (group["name"], item["value"]): item["count"]
        for group in response.context["facet_groups"]
        for item in group["items"]
    }
    assert counts[("type", "guide")] == 5
    assert counts[("type", "course")] == 3
    assert counts[("category", "data")] == 2
    assert counts[("level", "beginner")] == 2


def test_filters_are_kept_in_the_url_and_pagination(client, make_guide):
    for n in range(23):
        make_guide(f"Walrus guide {n}")
    response = search(client, q="walrus", type="guide")
    page = response.context["results"]
    assert page.paginator.count == 23 and len(page.object_list) == 10
    html = response.content.decode()
    assert "?q=walrus&amp;type=guide&amp;page=2" in html
    last = search(client, q="walrus", type="guide", page="3")
    assert len(last.context["results"].object_list) == 3


# Highlighting ---------------------------------------------------------------------------------


def test_highlighting_escapes_html(client, make_guide):
    make_guide(
        "Escaping <script> in templates",
        standfirst='Why <b>markup</b> & "quotes" in templates need escaping.',
    )
    html = search(client, q="templates").content.decode()
    assert "<script>" not in html.split("<main", 1)[1].split("</main>")[0]
    assert "Escaping &lt;script&gt; in <mark>templates</mark>" in html
    assert "&lt;b&gt;markup&lt;/b&gt; &amp; &quot;quotes&quot; in <mark>templates</mark>" in html


def test_result_shows_type_category_excerpt_provider_and_rating(client, make_guide, make_course):
    make_guide(
        "Puffin field notes",
        body=[section("Colonies", paragraph("<p>Puffins nest on cliffs in summer.</p>"))],
    )
    make_course("Puffin photography", provider="edx")
    html = search(client, q="puffin").content.decode()
    assert "Guide</span> · <a" in html and "Web development</a>" in html
    assert "Course</span>" in html and "edX" in html
    assert 'rated <span class="rating">8.5/10' in html
    assert "<mark>Puffins</mark> nest on cliffs" in html


# Bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize("params", BAD_INPUTS, ids=lambda p: repr(p)[:40])
def test_bad_input_never_breaks_search(client, make_guide, params):
    make_guide("Django basics")
    response = client.get("/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "<script>alert" not in html and "\x00" not in html
    query = response.context["search_query"]
    assert len(query) <= 200 and "\x00" not in query
    suggest = client.get("/search/suggest/", params)
    assert suggest.status_code == 200 and isinstance(suggest.json()["suggestions"], list)


def test_repeated_parameters_use_the_last_value(client, make_guide):
    make_guide("Django basics")
    response = client.get("/search/?q=nothing&q=django&page=2&page=1")
    assert response.status_code == 200
    assert titles_from(response) == ["Django basics"]


def titles_from(response):
    return [title for _, title in results(response)]


def test_post_is_not_allowed(client):
    assert client.post("/search/", {"q": "django"}).status_code == 405
    assert client.post("/search/suggest/", {"q": "django"}).status_code == 405


def test_long_query_is_cut_and_said_so(client, make_guide):
    make_guide("Django basics")
    response = search(client, q="django " + "x" * 5000)
    assert len(response.context["search_query"]) <= 200
    assert "only its first words were used" in response.content.decode()


def test_empty_state_suggests_what_to_try(client, category):
    html = search(client, q="qqqqzzzz").content.decode()
    assert "Nothing found" in html
    assert "Try" in html or "try" in html
    assert "Web development" in html  # browse a category instead


# Suggestions, typos, promotions, log ------------------------------------------------------------


def test_suggestions_json_shape(client, make_guide, make_course):
    make_guide("Django basics")
    make_guide("Djangology for historians")
    make_course("Django in practice")
    for n in range(10):
        make_guide(f"Django extra {n}")
    response = client.get("/search/suggest/", {"q": "dja"})
    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "dja"
    assert 1 <= len(data["suggestions"]) <= 8
    for item in data["suggestions"]:
        assert set(item) == {"title", "type", "url"}
        assert item["type"] in {"guide", "course"}
        assert item["title"].lower().startswith("dja")
        assert item["url"].startswith("/")
    assert client.get("/search/suggest/", {"q": "d"}).json()["suggestions"] == []


def test_fuzzy_match_finds_a_misspelled_guide_and_suggests_the_spelling(client, make_guide):
    make_guide("Django: the web framework", standfirst="Build sites with Django.")
    make_guide("FastAPI tutorial for beginners", standfirst="Typed APIs in Python.")
    make_guide("Cooking with cast iron")
    response = search(client, q="djnago")
    assert titles_from(response)[0] == "Django: the web framework"
    assert response.context["outcome"].suggestion == "django"
    html = response.content.decode()
    assert "Showing results for <strong>django</strong>" in html and "<mark>Django</mark>" in html
    response = search(client, q="fastapi tutoral")
    assert titles_from(response)[0] == "FastAPI tutorial for beginners"
    assert response.context["outcome"].suggestion == "fastapi tutorial"
    assert "Did you mean" in response.content.decode()


# What the reader typed is what is searched ------------------------------------------------------


def visible_text(response):
    """The page's main text as a reader sees it: tags removed, whitespace collapsed."""
    main = response.content.decode().split("<main", 1)[1].split("</main>")[0]
    return " ".join(re.sub(r"<[^>]+>", "", main).split())


def test_a_word_the_reader_typed_is_never_silently_replaced(client, make_guide):
    # "rust" is in no title, "rest" is: the old search quietly searched for "rest async".
    make_guide("REST APIs with async views", standfirst="Async views in Django REST framework.")
    make_guide("Background jobs", standfirst="Queues and async workers in Python.")
    response = search(client, q="rust async")
    outcome = response.context["outcome"]
    assert outcome.mode == "any" and outcome.suggestion == "rest async"
    text = visible_text(response)
    # Results for the reader's own words, said so, and the correction only offered.
    assert "2 results matching some of your words" in text
    assert "Did you mean rest async?" in text
    assert "Showing results for" not in text
    html = response.content.decode()
    assert 'Did you mean <a href="?q=rest+async">rest async</a>?' in html
    assert search(client, q="rest async").context["outcome"].mode == "all"


def test_words_that_say_how_good_are_never_corrected(client, make_guide):
    # "best" is in no title and "test" is: "best" is understood, not a typo of "test". Nothing
    # holds both "course" and "beginners", so the search falls back to any word, and a
    # correction would be offered there.
    make_guide("Test your Django code", standfirst="Unit tests for views.")
    make_guide("Python for beginners", standfirst="A first step.")
    response = search(client, q="best course for beginners")
    outcome = response.context["outcome"]
    assert outcome.mode == "any" and outcome.suggestion == ""
    assert "Did you mean" not in visible_text(response)
    # A real typo next to such a word is still offered a correction.
    assert search(client, q="best pyhton").context["outcome"].suggestion == "best python"


def test_an_applied_correction_is_said_and_the_original_offered(client, make_guide):
    make_guide("Django: the web framework", standfirst="Build sites with Django.")
    response = search(client, q="djnago", type="guide")
    assert response.context["outcome"].mode == "corrected"
    text = visible_text(response)
    assert "Nothing matched “djnago”. Showing results for django." in text
    assert "Search instead for “djnago”" in text
    assert "1 result for “django”" in text
    html = response.content.decode()
    assert '<a href="?q=djnago&amp;as_typed=1&amp;type=guide">Search instead' in html
    # Following that link searches the word as typed: no correction applied, only offered.
    as_typed = search(client, q="djnago", as_typed="1", type="guide")
    outcome = as_typed.context["outcome"]
    assert outcome.mode == "none" and outcome.suggestion == "django"
    text = visible_text(as_typed)
    assert "Showing results for" not in text and "Did you mean django?" in text
    assert "No results with these filters." in text
    # The reader's choice is kept when they filter or page on.
    assert "as_typed=1" in as_typed.context["pagination_query"]


# Ratings among results of similar relevance -----------------------------------------------------


def test_the_better_rated_course_comes_first_among_similar_matches(client, make_course):
    # As in the demo catalogue: both are Django courses, the 8.8 one matches a little better
    # ("Django" leads its title), the 9.7 one is the site's top pick.
    make_course(
        "Django Girls Tutorial",
        rating=Decimal("8.8"),
        review="A free tutorial that builds a blog with Django.",
        topics=["django"],
    )
    make_course(
        "Web Application Technologies and Django",
        rating=Decimal("9.7"),
        review="HTTP, HTML, SQL and then Django, step by step.",
        topics=["django"],
    )
    make_course("Django at scale", rating=Decimal("6.0"), topics=["django"])
    assert titles(client, "django") == [
        "Web Application Technologies and Django",
        "Django Girls Tutorial",
        "Django at scale",
    ]


def test_a_much_better_match_still_beats_a_better_rating(client, make_course):
    make_course("Django for everybody", rating=Decimal("7.5"), topics=["django"])
    make_course("Python tools", rating=Decimal("9.8"), review="Mentions Django once.")
    assert titles(client, "django") == ["Django for everybody", "Python tools"]


def test_a_strong_partial_match_joins_and_can_lead_a_short_all_words_list(client, make_guide):
    # Only two guides mention both words, in passing; the guide about FastAPI never says
    # "tutorial". A reader typing "fastapi tutoral" still wants it, first.
    make_guide(
        "FastAPI: typed Python APIs",
        standfirst="FastAPI from the first route to deployment.",
        body=[section("Why FastAPI", paragraph("<p>FastAPI validates with type hints.</p>"))],
    )
    for title in ("Python fundamentals", "Choosing a web framework"):
        make_guide(
            title,
            body=[section("Notes", paragraph("<p>A fastapi tutorial is one option.</p>"))],
        )
    make_guide("Cooking", body=[section("Soup", paragraph("<p>Leeks and stock.</p>"))])

    found = titles(client, "fastapi tutoral")

    assert found[0] == "FastAPI: typed Python APIs"
    assert set(found) == {
        "FastAPI: typed Python APIs",
        "Python fundamentals",
        "Choosing a web framework",
    }


def test_fuzzy_trigram_search_catches_what_spelling_correction_cannot(client, make_guide):
    # "kubernetees" is not close enough to any title word for a correction ("Kubernetes" is not
    # in a title here), but pg_trgm's word similarity finds it in the body.
    make_guide(
        "Container orchestration",
        body=[section("Clusters", paragraph("<p>Running Kubernetes in production.</p>"))],
    )
    response = search(client, q="kubernetees")
    assert response.context["outcome"].mode == "fuzzy"
    assert titles_from(response) == ["Container orchestration"]


def test_zero_result_query_offers_did_you_mean(client, make_guide):
    make_guide("Python packaging")
    response = search(client, q="packaging pythn", type="course")  # no course matches at all
    assert response.context["results"].paginator.count == 0
    assert response.context["outcome"].suggestion == "packaging python"
    assert "Did you mean" in response.content.decode()


def test_promotions_are_shown_first(client, make_guide):
    make_guide("Heron basics")
    make_guide("Heron advanced topics")
    pinned = make_guide("Birdwatching kit list")  # does not even contain the word
    query = Query.get("heron")
    SearchPromotion.objects.create(query=query, page=pinned, sort_order=0)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.com/herons",
        external_link_text="Heron society",
        sort_order=1,
    )
    response = search(client, q="Heron")
    found = titles_from(response)
    assert found[0] == "Birdwatching kit list"
    assert sorted(found[1:]) == ["Heron advanced topics", "Heron basics"]
    html = response.content.decode()
    assert "Editor’s pick" in html and "Heron society" in html


def test_searches_are_logged_and_zero_result_report_lists_them(client, admin_client, make_guide):
    from search.models import SearchQueryLog

    make_guide("Django basics")
    search(client, q="Django")
    search(client, q="django", page="2")  # paging is not a new search
    search(client, q="kubernetes <operators>")
    search(client, q="Kubernetes  <operators>")
    logged = list(SearchQueryLog.objects.order_by("pk").values_list("query", "hits"))
    assert logged == [
        ("django", 1),
        ("kubernetes <operators>", 0),
        ("kubernetes <operators>", 0),
    ]
    report = admin_client.get("/admin/reports/searches-without-results/")
    assert report.status_code == 200
    html = report.content.decode()
    assert "kubernetes &lt;operators&gt;" in html
    assert re.search(r"kubernetes &lt;operators&gt;.*?<td[^>]*>\s*2\s*</td>", html, re.S)
    assert (
        "django"
        not in re.sub(r"<[^>]+>", " ", html.split("<table", 1)[-1]).lower().split("</table>")[0]
    )
    anonymous = Client()
    assert anonymous.get("/admin/reports/searches-without-results/").status_code == 302


def test_prune_search_log(db):
    from django.core.management import call_command

    from search.models import SearchQueryLog

    old = SearchQueryLog.objects.create(query="old", hits=0)
    SearchQueryLog.objects.filter(pk=old.pk).update(
        searched_at=timezone.now() - datetime.timedelta(days=91)
    )
    SearchQueryLog.objects.create(query="new", hits=0)
    call_command("prune_search_log", verbosity=0)
    assert list(SearchQueryLog.objects.values_list("query", flat=True)) == ["new"]


def test_courses_link_to_their_catalogue_page_when_there_is_one(client, make_course, home_page):
    from courses.models import CourseIndexPage

    course = make_course("Gannet navigation")
    html = search(client, q="gannet").content.decode()
    assert f'href="{course.url}" rel="nofollow noopener"' in html  # no catalogue: link out
    catalogue = home_page.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    html = search(client, q="gannet").content.decode()
    assert f'href="{catalogue.url}{course.slug}/"' in html
    suggestion = client.get("/search/suggest/", {"q": "gann"}).json()["suggestions"][0]
    assert suggestion == {
        "title": "Gannet navigation",
        "type": "course",
        "url": f"{catalogue.url}{course.slug}/",
    }
