"""Listings have exactly the pages their items fill: every other page number is a 404 that says
why, and each page has its own title and canonical URL (core/pagination.py)."""

import re

import pytest
from wagtail.models import Page

from courses.factories import CourseFactory
from courses.models import CourseIndexPage
from guides.factories import GuidePageFactory


def head(html: str) -> tuple[str, str, str]:
    """(title, canonical, og:title) as a search engine reads them."""
    title = re.search(r"<title>(.*?)</title>", html, re.S)[1]
    canonical = re.search(r'<link rel="canonical" href="([^"]*)"', html)[1]
    og_title = re.search(r'<meta property="og:title" content="([^"]*)"', html)[1]
    return title, canonical, og_title


@pytest.fixture
def two_page_category(category, settings):
    settings.GUIDES_PER_PAGE = 2
    for n in range(3):
        GuidePageFactory(parent=category, title=f"Listed guide {n}")
    return category


@pytest.mark.django_db
def test_each_page_of_a_category_has_its_own_title_and_canonical(client, two_page_category):
    url = two_page_category.url
    first = client.get(url).content.decode()
    assert head(first) == (
        "Web development | Guides &amp; Courses",
        "http://localhost/web-development/",
        "Web development",
    )
    # ?page=1 is page 1 under its one canonical URL, however many zeros lead it.
    for spelling in ("1", "01", "0000000001"):
        assert head(client.get(url, {"page": spelling}).content.decode()) == head(first)
    second = client.get(url, {"page": "2"})
    assert second.status_code == 200
    assert head(second.content.decode()) == (
        "Web development – Page 2 | Guides &amp; Courses",
        "http://localhost/web-development/?page=2",
        "Web development – Page 2",
    )
    assert "Page 2 of 2" in second.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("3", "There is no page 3 here: this list has 2 pages."),
        ("99", "There is no page 99 here: this list has 2 pages."),
        ("0", "There is no page 0 here: this list has 2 pages."),
        ("0000000003", "There is no page 3 here: this list has 2 pages."),
        ("abc", "“abc” is not a page number."),
        ("-1", "“-1” is not a page number."),
        ("1.5", "“1.5” is not a page number."),
        ("²", "“²” is not a page number."),
        ("1" * 40, "is not a page number."),
        ("<b>2</b>", "“&lt;b&gt;2&lt;/b&gt;” is not a page number."),
    ],
)
def test_a_category_page_that_does_not_exist_is_a_404_that_says_why(
    client, two_page_category, number, message
):
    response = client.get(two_page_category.url, {"page": number})
    assert response.status_code == 404
    html = response.content.decode()
    assert message in html
    assert "Listed guide" not in html  # never page 1's content under another URL


@pytest.mark.django_db
def test_an_empty_category_has_its_first_page_and_no_other(client, category):
    assert client.get(category.url, {"page": "1"}).status_code == 200
    assert client.get(category.url, {"page": ""}).status_code == 200
    missing = client.get(category.url, {"page": "2"})
    assert missing.status_code == 404
    assert "There is no page 2 here: this list has 1 page." in missing.content.decode()


@pytest.fixture
def two_page_catalogue(home_page, monkeypatch):
    monkeypatch.setattr("courses.models.catalogue.COURSES_PER_PAGE", 1)
    catalogue = Page.objects.get(pk=home_page.pk).add_child(
        instance=CourseIndexPage(title="Courses", slug="courses")
    )
    CourseFactory(title="Top course", rating="9.5", topics=["python"])
    CourseFactory(title="Second course", rating="8.5", topics=["python"])
    return catalogue


@pytest.mark.django_db
def test_each_page_of_the_catalogue_has_its_own_title_and_canonical(client, two_page_catalogue):
    url = two_page_catalogue.url
    first = client.get(url).content.decode()
    assert head(first)[:2] == ("Courses | Guides &amp; Courses", "http://localhost/courses/")
    second = client.get(url, {"page": "2"}).content.decode()
    assert head(second) == (
        "Courses – Page 2 | Guides &amp; Courses",
        "http://localhost/courses/?page=2",
        "Courses – Page 2",
    )
    assert "Second course" in second and "Top course" not in second
    # Page 2 of a filtered list is not page 2 of the catalogue: its canonical is the catalogue.
    filtered = client.get(url, {"topic": "python", "page": "2"}).content.decode()
    assert head(filtered)[1] == "http://localhost/courses/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"page": "99"}, "There is no page 99 here: this list has 2 pages."),
        ({"page": "0"}, "There is no page 0 here: this list has 2 pages."),
        ({"page": "abc"}, "“abc” is not a page number."),
        ({"topic": "python", "page": "3"}, "There is no page 3 here: this list has 2 pages."),
    ],
)
def test_a_catalogue_page_that_does_not_exist_is_a_404_that_says_why(
    client, two_page_catalogue, query, message
):
    response = client.get(two_page_catalogue.url, query)
    assert response.status_code == 404
    html = response.content.decode()
    assert message in html and "Top course" not in html
