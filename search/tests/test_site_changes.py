"""What the search page keeps in the cache about the site (the categories, the course catalogue)
follows every change that can alter it, at once: the search right after a change shows what a
search from an empty cache would."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from courses.models import CourseIndexPage
from guides.factories import GuideIndexPageFactory

pytestmark = pytest.mark.usefixtures("postgres")


def search(client, **params):
    response = client.get("/search/", {"q": "gannet", **params})
    assert response.status_code == 200
    return response


def seen(client) -> dict:
    """The category facets, the "browse a category" list and the course links of a search."""
    response = search(client)
    facets = {group["name"]: group["items"] for group in response.context["facet_groups"]}
    browse = search(client, q="nothing at all matches this")
    return {
        "facets": sorted(item["label"] for item in facets.get("category", [])),
        "browse": [category.title for category in browse.context["categories"]],
        "course links": [
            hit.url for hit in response.context["results"].object_list if hit.kind == "course"
        ],
    }


def assert_fresh(client):
    """The page right after a change is the page rendered from an empty cache."""
    shown = seen(client)
    cache.clear()
    assert shown == seen(client)
    return shown


def test_categories_follow_publishing_renaming_privacy_and_unpublishing(
    client, make_guide, category, home_page
):
    make_guide("Gannet colonies")
    assert assert_fresh(client)["facets"] == ["Web development"]

    seabirds = GuideIndexPageFactory(parent=home_page, title="Seabirds", slug="seabirds")
    make_guide("Gannet dives", parent=seabirds)
    assert assert_fresh(client)["facets"] == ["Seabirds", "Web development"]

    seabirds.title = "Ocean birds"
    seabirds.save_revision().publish()
    assert assert_fresh(client)["browse"] == ["Ocean birds", "Web development"]

    restriction = PageViewRestriction.objects.create(page=seabirds, restriction_type="login")
    shown = assert_fresh(client)
    assert shown["facets"] == shown["browse"] == ["Web development"]
    restriction.delete()
    assert assert_fresh(client)["facets"] == ["Ocean birds", "Web development"]

    seabirds.unpublish()
    shown = assert_fresh(client)
    assert shown["facets"] == shown["browse"] == ["Web development"]


def test_course_links_follow_the_catalogue(client, make_course, home_page):
    course = make_course("Gannet watching", url="https://courses.example.com/gannets")
    assert assert_fresh(client)["course links"] == [course.web_url]

    catalogue = home_page.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    assert assert_fresh(client)["course links"] == [f"/courses/{course.slug}/"]

    catalogue.unpublish()
    assert assert_fresh(client)["course links"] == [course.web_url]
