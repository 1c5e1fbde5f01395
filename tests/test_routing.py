"""The site's one-query routing (core.page_queries.route_below) finds what Wagtail's own
level-by-level `Page.route` finds, for every kind of path a reader may ask for."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction

from courses.factories import CourseFactory
from courses.models import CourseIndexPage
from guides.factories import GuideIndexPageFactory, GuidePageFactory

PATHS = [
    "",
    "web-development",
    "web-development/a-guide",
    "web-development/draft-guide",
    "draft-category",
    "draft-category/guide-in-a-draft-category",
    "web-development/no-such-guide",
    "no-such-category/a-guide",
    "web-development/a-guide/extra",
    "courses",
    "courses/finder",
    "courses/django-basics",
    "courses/no-such-course",
    "courses/django-basics/extra",
    "members/secret-guide",
]


def wagtail_route(root, request, components):
    """Wagtail's walk, level by level."""
    return Page.route(root, request, components)


def outcome(route, root, request, path):
    try:
        page, args, kwargs = route(root, request, [c for c in path.split("/") if c])
    except Http404:
        return "404"
    # A routable page's route names its view: a method, bound to each call's own instance.
    args = tuple(getattr(arg, "__name__", arg) for arg in args)
    return (type(page).__name__, page.pk, args, dict(kwargs))


@pytest.mark.django_db
def test_routing_finds_what_wagtails_own_walk_finds(home_page, category):
    GuidePageFactory(parent=category, slug="a-guide")
    GuidePageFactory(parent=category, slug="draft-guide", live=False)
    draft_category = GuideIndexPageFactory(parent=home_page, slug="draft-category", live=False)
    GuidePageFactory(parent=draft_category, slug="guide-in-a-draft-category")
    members = GuideIndexPageFactory(parent=home_page, slug="members")
    GuidePageFactory(parent=members, slug="secret-guide")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    home_page.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    CourseFactory(slug="django-basics")

    root = Page.objects.get(pk=home_page.pk).specific
    request = RequestFactory().get("/")
    for path in PATHS:
        expected = outcome(wagtail_route, root, request, path)
        assert outcome(type(root).route, root, request, path) == expected, path


@pytest.mark.django_db
def test_a_guide_is_served_with_its_breadcrumbs_from_the_route(client, category):
    guide = GuidePageFactory(parent=category, slug="a-guide", title="A guide")
    html = client.get(guide.url).content.decode()
    assert 'href="/web-development/"' in html and "A guide" in html
