"""Providers are records (snippets) that course admins add; readers see a provider's name, never
"Other"; a course slug is made from its title; the course admin's dashboard."""

import csv
import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from courses.factories import CourseFactory, ProviderFactory
from courses.importer import COLUMNS, import_courses
from courses.models import Course, Provider
from courses.tests.forms import course_form
from tests.admin_forms import unchanged_edit_form

PUBLISH = {"action-publish": "action-publish"}
COURSE_ADD = "wagtailsnippets_courses_course:add"
PROVIDER_ADD = "wagtailsnippets_courses_provider:add"


# The five providers the data migration makes; a transactional test's flush removes them, so
# tests that need them make them (idempotent).
KNOWN = ["coursera", "udemy", "edx", "pluralsight", "freecodecamp"]


@pytest.fixture
def known_providers(db):
    return [ProviderFactory(slug=slug) for slug in KNOWN]


def provider_form(**overrides):
    return {"name": "Real Python", "slug": "", "website": "https://realpython.com/", **overrides}


@pytest.mark.django_db
def test_a_course_admin_adds_a_provider_and_readers_see_its_name(client, course_admin, catalogue):
    client.force_login(course_admin)
    response = client.post(reverse(PROVIDER_ADD), provider_form())
    assert response.status_code == 302
    provider = Provider.objects.get(name="Real Python")
    assert provider.slug == "real-python"  # made from the name, left blank

    # The course form lists the new provider (by slug) and saves the course with it.
    add_page = client.get(reverse(COURSE_ADD)).content.decode()
    assert '<option value="real-python">Real Python</option>' in add_page
    response = client.post(
        reverse(COURSE_ADD), course_form(provider="real-python", slug="flask-rp", **PUBLISH)
    )
    assert response.status_code == 302
    assert Course.objects.get(slug="flask-rp").provider == provider

    client.logout()
    page = client.get(catalogue.url + "flask-rp/").content.decode()
    assert "Go to the course on Real Python" in page
    assert 'href="https://realpython.com/"' in page  # the provider's own site
    listing = client.get(catalogue.url, {"provider": "real-python"}).content.decode()
    assert "The Complete Flask Course" in listing


@pytest.mark.django_db
def test_editors_may_not_add_providers(client, editor):
    client.force_login(editor)
    response = client.post(reverse(PROVIDER_ADD), provider_form())
    assert response.status_code in {302, 403}
    assert not Provider.objects.filter(name="Real Python").exists()


@pytest.mark.django_db
def test_a_provider_in_use_cannot_be_deleted(admin_client):
    course = CourseFactory(provider="udemy")
    url = reverse("wagtailsnippets_courses_provider:delete", args=[course.provider.pk])
    response = admin_client.post(url)
    assert response.status_code in {200, 302, 400}
    assert Provider.objects.filter(slug="udemy").exists()
    course.refresh_from_db()
    assert course.provider.slug == "udemy"


@pytest.mark.django_db
def test_a_course_without_a_provider_names_none(client, catalogue, home_page):
    CourseFactory(title="Obey the Testing Goat", slug="goat", provider=None)
    for url in (catalogue.url + "goat/", catalogue.url, catalogue.url + "compare/?course=goat"):
        html = client.get(url).content.decode()
        assert "Other" not in html
        assert "Go to the course on" not in html
    page = client.get(catalogue.url + "goat/").content.decode()
    assert "Go to the course<span" in page
    assert "<dt>Provider</dt>" not in page


@pytest.mark.django_db
def test_a_blank_slug_is_made_from_the_title_and_kept_unique(admin_client, known_providers):
    for _ in range(2):
        response = admin_client.post(reverse(COURSE_ADD), course_form(slug="", **PUBLISH))
        assert response.status_code == 302
    slugs = sorted(Course.objects.values_list("slug", flat=True))
    assert slugs == ["the-complete-flask-course", "the-complete-flask-course-2"]
    # A title that slugifies to a catalogue route gets another slug, not a refusal.
    response = admin_client.post(reverse(COURSE_ADD), course_form(title="Finder", slug=""))
    assert response.status_code == 302
    assert Course.objects.filter(slug="finder-2").exists()


@pytest.mark.django_db
def test_the_course_editor_fills_the_slug_from_the_title_as_you_type(admin_client):
    html = admin_client.get(reverse(COURSE_ADD)).content.decode()
    # Wagtail's title-to-slug sync (TitleFieldPanel + SlugInput), as on pages.
    assert 'data-w-sync-target-value="#id_slug"' in html
    assert 'data-controller="w-slug"' in html


def csv_bytes(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({name: row.get(name, "") for name in COLUMNS})
    return out.getvalue().encode()


def import_row(**overrides):
    data = {name: value for name, value in course_form().items() if name in COLUMNS}
    return {**data, **overrides}


@pytest.mark.django_db
def test_the_import_matches_a_provider_by_name_or_slug_in_any_case(known_providers):
    report = import_courses(
        csv_bytes(
            [
                import_row(slug="one", provider="UDEMY"),
                import_row(slug="two", provider="freeCodeCamp"),
                import_row(slug="three", provider=""),
            ]
        )
    )
    assert report.ok, report.errors
    providers = dict(Course.objects.values_list("slug", "provider__slug"))
    assert providers == {"one": "udemy", "two": "freecodecamp", "three": None}


@pytest.mark.django_db
def test_an_unknown_provider_is_a_row_error_that_lists_the_providers(known_providers):
    report = import_courses(csv_bytes([import_row(provider="Khan Academy")]))
    assert not report.ok
    (message,) = report.errors
    assert "provider" in message and "Khan Academy" in message
    for name in ("Coursera", "edX", "freeCodeCamp", "Pluralsight", "Udemy"):
        assert name in message
    assert not Course.objects.exists()


# --- The course chooser (a guide's course list) -----------------------------------------------

CHOOSE = "wagtailsnippetchoosers_courses_course:choose"
CHOOSE_RESULTS = "wagtailsnippetchoosers_courses_course:choose_results"


@pytest.fixture
def chooser_courses(db):
    return [
        CourseFactory(
            title="Python for Everybody",
            provider="coursera",
            level="beginner",
            rating="9.4",
            topics=["python"],
        ),
        CourseFactory(
            title="Django REST Masterclass",
            provider="udemy",
            level="advanced",
            rating="8.7",
            topics=["django", "rest-apis"],
        ),
        CourseFactory(
            title="Data Analysis with Pandas",
            provider="udemy",
            level="intermediate",
            price_model="paid",
            rating="8.1",
            topics=["pandas"],
        ),
    ]


def chosen_titles(html):
    return {
        title
        for title in (
            "Python for Everybody",
            "Django REST Masterclass",
            "Data Analysis with Pandas",
        )
        if title in html
    }


@pytest.mark.django_db
def test_the_course_chooser_shows_provider_level_price_and_rating(editor, client, chooser_courses):
    client.force_login(editor)
    response = client.get(reverse(CHOOSE))
    assert response.status_code == 200
    html = response.json()["html"]
    for heading in ("Provider", "Level", "Price", "Rating"):
        assert f">{heading}<" in html or f"{heading}\n" in html
    assert "Udemy" in html and "Advanced" in html and "Paid" in html and "8.7/10" in html
    # The filters: provider, level and topic.
    for name in ("provider", "level", "topic"):
        assert f'name="{name}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"q": "udemy"}, {"Django REST Masterclass", "Data Analysis with Pandas"}),
        ({"q": "Udemy"}, {"Django REST Masterclass", "Data Analysis with Pandas"}),
        ({"q": "beginner"}, {"Python for Everybody"}),
        ({"q": "pandas"}, {"Data Analysis with Pandas"}),
        ({"q": "everybody"}, {"Python for Everybody"}),
        ({"provider": "udemy"}, {"Django REST Masterclass", "Data Analysis with Pandas"}),
        ({"level": "advanced"}, {"Django REST Masterclass"}),
        ({"topic": "python"}, {"Python for Everybody"}),
        ({"provider": "udemy", "q": "django"}, {"Django REST Masterclass"}),
        ({"provider": "no-such-provider"}, set()),
    ],
)
def test_the_course_chooser_searches_and_filters(editor, client, chooser_courses, query, titles):
    client.force_login(editor)
    response = client.get(reverse(CHOOSE_RESULTS), query)
    assert response.status_code == 200
    html = response.content.decode()
    if query.get("provider") == "no-such-provider":
        # An unknown filter value is ignored (Wagtail's filter form is invalid): all courses.
        assert chosen_titles(html) == {c.title for c in chooser_courses}
    else:
        assert chosen_titles(html) == titles


@pytest.mark.django_db
def test_the_course_chooser_query_count_does_not_grow_with_courses(
    editor, client, django_assert_max_num_queries
):
    client.force_login(editor)
    for n in range(3):
        CourseFactory(provider=["udemy", "edx", "coursera"][n], topics=["python"])
    with django_assert_max_num_queries(30) as small:
        client.get(reverse(CHOOSE_RESULTS))
    for n in range(12):
        CourseFactory(provider=f"provider-{n}", topics=["python"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse(CHOOSE_RESULTS))


# --- The course admin's dashboard -------------------------------------------------------------


@pytest.mark.django_db
def test_the_course_admin_dashboard_lists_their_courses_and_no_page_search(
    client, course_admin, pinned_clock
):
    today = pinned_clock.date()
    CourseFactory(title="A draft course", live=False)
    CourseFactory(title="A stale course", last_reviewed=today - datetime.timedelta(days=400))
    CourseFactory(title="A fresh course", last_reviewed=today)
    scheduled = CourseFactory(title="A scheduled course", live=False)
    scheduled.go_live_at = pinned_clock + datetime.timedelta(days=3)
    scheduled.save_revision().publish()

    client.force_login(course_admin)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your courses" in html
    drafts, changed, scheduled_part, stale = html.split('class="course-dashboard__group"')[1:]
    assert "A draft course" in drafts and "A scheduled course" not in drafts
    assert "A scheduled course" in scheduled_part
    assert "A stale course" in stale and "A fresh course" not in stale
    assert "4 Courses" in html  # the summary
    # No page search for someone who may not see pages.
    assert "Search all pages" not in html
    assert f'action="{reverse("wagtailadmin_explore_root")}"' not in html
    assert reverse("wagtailadmin_pages:search") not in html


@pytest.mark.django_db
def test_an_editor_keeps_the_page_search_and_sees_no_course_panel(client, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Search all pages" in html
    assert reverse("wagtailadmin_pages:search") in html  # the sidebar's search
    assert "Your courses" not in html


@pytest.mark.django_db
def test_renaming_a_provider_reaches_readers_and_the_chooser_search(
    admin_client, catalogue, settings
):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    course = CourseFactory(title="Flask Mega-Tutorial", slug="flask-mega", provider="udemy")
    page_url = catalogue.url + "flask-mega/"
    reader = Client()
    assert "Go to the course on Udemy" in reader.get(page_url).content.decode()
    assert reader.get(page_url)["X-Page-Cache"] == "HIT"

    edit = reverse("wagtailsnippets_courses_provider:edit", args=[course.provider.pk])
    response = admin_client.post(
        edit, {"name": "Udemy Business", "slug": "udemy", "website": "https://www.udemy.com/"}
    )
    assert response.status_code == 302

    # The page cache let go of the page, and the search index knows the new name.
    assert "Go to the course on Udemy Business" in reader.get(page_url).content.decode()
    results = admin_client.get(reverse(CHOOSE_RESULTS), {"q": "business"}).content.decode()
    assert "Flask Mega-Tutorial" in results


@pytest.mark.django_db
@pytest.mark.parametrize("export", [None, "csv"])
def test_the_course_listing_and_export_query_count_does_not_grow_with_courses(admin_client, export):
    url = reverse("wagtailsnippets_courses_course:list")
    params = {"export": export} if export else {}

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url, params)
            if response.streaming:
                b"".join(response.streaming_content)
        return len(queries)

    for n in range(2):
        CourseFactory(provider=f"small-{n}", topics=["python"])
    admin_client.get(url, params)  # warm per-process caches
    small = count()
    for n in range(10):
        CourseFactory(provider=f"large-{n}", topics=["python", f"topic-{n}"])
    assert count() == small


def test_a_course_saved_untouched_in_the_editor_keeps_its_provider(
    client, course_admin, known_providers
):
    udemy = Provider.objects.get(slug="udemy")
    course = CourseFactory(title="Django for Everybody", provider=udemy)
    client.force_login(course_admin)
    url = reverse("wagtailsnippets_courses_course:edit", args=(course.pk,))
    html = client.get(url).content.decode()
    assert re.search(r'<option value="udemy"[^>]*selected', html), "the editor shows no provider"
    form = unchanged_edit_form(html, Course, form_id="w-editor-form")
    assert client.post(url, form).status_code == 302
    course.refresh_from_db()
    assert course.get_latest_revision_as_object().provider.slug == "udemy"
