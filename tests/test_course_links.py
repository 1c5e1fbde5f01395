"""A course link that is not an http(s) URL (saved past the forms: the shell, a fixture) is
never rendered as a link, on any page or answer a reader gets (Course.web_url)."""

import re

import pytest
from django.test import Client

from courses.factories import CourseFactory
from courses.models import Course, CourseIndexPage, web_url
from guides.body import course_list
from guides.factories import GuidePageFactory

HOSTILE = [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,x",
]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("https://example.com/a", "https://example.com/a"),
        ("HTTP://example.com/", "HTTP://example.com/"),
        (" https://example.com/ ", "https://example.com/"),
        ("https:alert", ""),  # no host
        ("//example.com/", ""),
        ("ftp://example.com/", ""),
        ("", ""),
        ("http://[::1", ""),  # urlsplit raises on it
        *[(value, "") for value in HOSTILE],
    ],
)
def test_web_url_passes_only_http_and_https(value, expected):
    assert web_url(value) == expected


@pytest.fixture(params=["with a catalogue", "without a catalogue"])
def pages(request, home_page, category):
    safe = CourseFactory(
        slug="safe-course", title="Sturdy safe course", url="https://example.com/ok"
    )
    hostile = CourseFactory(slug="hostile-course", title="Sturdy hostile course")
    guide = GuidePageFactory(
        parent=category, title="Sturdy guide", slug="sturdy", body=[course_list([safe, hostile])]
    )
    urls = ["/", guide.url, "/search/?q=sturdy", "/search/suggest/?q=sturdy"]
    if request.param == "with a catalogue":
        home_page.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
        urls += [
            "/courses/",
            "/courses/hostile-course/",
            "/courses/compare/?course=safe-course&course=hostile-course",
            "/courses/finder/?q=compare+sturdy+courses",
            "/courses/finder/json/?q=sturdy",
        ]
    return hostile, urls


@pytest.mark.parametrize("stored", [HOSTILE[0], HOSTILE[2]])  # the rest: the test above
def test_no_page_links_to_a_course_url_that_is_not_a_web_address(pages, stored):
    hostile, urls = pages
    Course.objects.filter(pk=hostile.pk).update(url=stored)  # past the forms' validation
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 200, url
        body = response.content.decode().lower()
        shown = re.sub(r"<[^>]+>", "", body)  # search highlights the matched word
        assert "sturdy hostile course" in shown, url  # the course is still shown...
        assert "alert(1)" not in body, url  # ...not its link
    guide_html = Client().get(urls[1]).content.decode()
    assert 'href="https://example.com/ok"' in guide_html  # web links still work
