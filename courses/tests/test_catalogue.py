import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from courses.factories import CourseFactory
from courses.models import RESERVED_SLUGS, CourseIndexPage


def titles(html: str) -> list[str]:
    return re.findall(r'class="course-item__title"><a href="[^"]*">([^<]*)</a>', html)


def test_catalogue_lists_live_courses_best_first(client, courses, catalogue):
    html = client.get(catalogue.url).content.decode()
    assert titles(html) == ["Django Basics", "Serious DRF", "Pandas Free"]
    assert "3 courses" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"topic": "django"}, ["Django Basics", "Serious DRF"]),
        ({"topic": "django", "level": "advanced"}, ["Serious DRF"]),
        ({"provider": "freecodecamp"}, ["Pandas Free"]),
        ({"price": "free"}, ["Pandas Free"]),
        ({"sort": "reviewed"}, ["Serious DRF", "Pandas Free", "Django Basics"]),
        ({"sort": "title"}, ["Django Basics", "Pandas Free", "Serious DRF"]),
        ({"topic": "django", "price": "free"}, []),
    ],
)
def test_catalogue_filters_and_sorts_from_the_url(client, courses, catalogue, query, expected):
    response = client.get(catalogue.url, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(html) == expected
    if not expected:
        assert "No live course matches these filters" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"level": "expert"}, "We have no level called “expert”"),
        ({"topic": "cooking"}, "We have no topic called “cooking”"),
        ({"provider": "🙂"}, "We have no provider called “🙂”"),
        ({"sort": "random"}, "We have no sort by called “random”"),
    ],
)
def test_bad_filter_values_get_a_message_not_an_error(client, courses, catalogue, query, message):
    response = client.get(catalogue.url, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert titles(html) == ["Django Basics", "Serious DRF", "Pandas Free"]
    assert "aria-invalid" not in html


def test_catalogue_paginates_and_keeps_filters_in_page_links(client, catalogue):
    for n in range(14):
        CourseFactory(title=f"Course {n:02}", rating=Decimal("8.0"), topics=["python"])
    first = client.get(catalogue.url, {"topic": "python", "sort": "title"}).content.decode()
    assert len(titles(first)) == 12
    assert "page=2" in first and "topic=python" in first
    second = client.get(catalogue.url, {"topic": "python", "sort": "title", "page": "2"})
    assert titles(second.content.decode()) == ["Course 12", "Course 13"]
    # Pages that do not exist are 404s (tests/test_pagination.py), never page 1 again.
    assert client.get(catalogue.url, {"page": "999"}).status_code == 404


def test_course_page_shows_the_course(client, courses, catalogue):
    course = courses["django"]
    response = client.get(f"{catalogue.url}django-basics/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Django Basics</h1>" in html
    for text in ["Coursera", "9.1/10", "Beginner", "Subscription", "English", "10 January 2025"]:
        assert text in html
    assert course.review in html
    assert f'href="{course.url}" rel="nofollow noopener"' in html


def test_a_retired_course_has_no_page(client, courses, catalogue):
    assert client.get(f"{catalogue.url}django-basics/").status_code == 200
    courses["django"].unpublish()
    assert client.get(f"{catalogue.url}django-basics/").status_code == 404
    assert client.get(f"{catalogue.url}old-django/").status_code == 404
    assert client.get(f"{catalogue.url}no-such-course/").status_code == 404
    assert "Django Basics" not in client.get(catalogue.url).content.decode()


def test_course_slugs_cannot_shadow_catalogue_routes(courses):
    course = courses["django"]
    course.slug = "finder"
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    assert "slug" in error.value.message_dict


def test_every_catalogue_route_is_reached_by_name_at_its_public_address(catalogue):
    """Templates ({% routablepageurl %}) and code (reverse_subpage) name the routes; the
    addresses readers know stay as they are, and course slugs cannot take a fixed route's."""
    addresses = {
        "index_route": catalogue.subpage_url("index_route"),  # RoutablePageMixin's own
        "finder": catalogue.subpage_url("finder"),
        "finder_answer": catalogue.subpage_url("finder_answer"),
        "finder_json": catalogue.subpage_url("finder_json"),
        "compare": catalogue.subpage_url("compare"),
        "course": catalogue.subpage_url("course", slug="django-basics"),
    }
    assert {pattern.name for pattern in catalogue.get_subpage_urls()} == set(addresses)
    assert addresses == {
        "index_route": "/courses/",
        "finder": "/courses/finder/",
        "finder_answer": "/courses/finder/answer/",
        "finder_json": "/courses/finder/json/",
        "compare": "/courses/compare/",
        "course": "/courses/django-basics/",
    }
    fixed = {url.split("/")[2] for url in addresses.values()} - {"", "django-basics"}
    assert fixed == RESERVED_SLUGS


def test_catalogue_and_courses_are_in_the_sitemap(client, courses, catalogue):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"http://localhost{catalogue.url}</loc>" in xml
    assert f"http://localhost{catalogue.url}django-basics/</loc>" in xml
    assert "old-django" not in xml


def test_only_one_catalogue_per_home_page(catalogue, home_page):
    assert not CourseIndexPage.can_create_at(home_page)


def count_queries(client, url, **query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, query).status_code == 200
    return len(captured)


def test_the_catalogue_and_a_course_page_stay_in_budget_after_a_publish(client, catalogue):
    from pagecache import page_cache

    course = CourseFactory(topics=["python"])
    for url in (catalogue.url, f"{catalogue.url}{course.slug}/"):
        client.get(url)
        page_cache.purge_site()
        # The 8 of every request, and the site and its sections looked up again.
        assert count_queries(client, url) <= 10, url


# POST: every catalogue view only reads -------------------------------------------------------

ROUTES = ["/courses/finder/?q=django", "/courses/finder/json/?q=django", "/courses/compare/"]


@pytest.mark.parametrize("url", [*ROUTES, "/courses/django-basics/"])
def test_post_to_a_catalogue_route_is_405_and_logs_nothing(client, courses, url):
    from courses.models import FinderRequest

    # The default test client skips CSRF, as a POST that carries a valid token would.
    response = client.post(url, {"q": "django"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert not FinderRequest.objects.exists()


@pytest.mark.parametrize("url", ["/courses/", "/courses/django-basics/", *ROUTES])
def test_post_without_a_csrf_token_is_refused_not_a_500(courses, url):
    # Wagtail serves these routes, so CsrfViewMiddleware answers first (403); never a 500.
    response = Client(enforce_csrf_checks=True).post(url, {"q": "django"})
    assert response.status_code == 403
