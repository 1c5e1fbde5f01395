"""A guide's head tags and article are rendered once and kept in the cache under the page
cache's version of the page (pages/guide_page.html): every change a reader could see on the
guide renders them afresh at once, with the full-page cache off, as for any request it skips.

Each test compares the page served after a change with the same page rendered from an empty
cache, so a fragment that outlived the change fails it."""

import re
from decimal import Decimal

import pytest
import wagtail_factories
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.factories import CourseFactory
from guides.body import course_list, faq, paragraph, section
from guides.factories import GuidePageFactory
from guides.models import GuidePage


def served(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def from_scratch(client, url) -> str:
    cache.clear()
    return served(client, url)


@pytest.fixture
def guide_with_a_course(category):
    course = CourseFactory(title="Web Application Technologies", rating=Decimal("9.1"))
    image = wagtail_factories.ImageFactory(width=1600, height=800)
    guide = GuidePageFactory(
        parent=category,
        title="Django in depth",
        hero_image=image,
        hero_alt_text="A hero",
        body=[
            section("What Django is", paragraph("<p>A framework.</p>")),
            course_list([course]),
            faq([("Is Django worth learning?", "<p>Yes.</p>")]),
        ],
    )
    return guide, course, image


@pytest.mark.django_db
def test_a_second_reader_gets_the_article_from_the_cache(client, guide_with_a_course):
    guide, course, _ = guide_with_a_course
    first = served(client, guide.url)
    with CaptureQueriesContext(connection) as queries:
        second = served(client, guide.url)
    assert second == first
    tables = " ".join(query["sql"] for query in queries)
    assert "courses_course" not in tables, "the course list was rendered again"
    assert "9.1/10" in second


@pytest.mark.django_db
def test_a_course_rerated_and_published_shows_on_the_guide_at_once(client, guide_with_a_course):
    guide, course, _ = guide_with_a_course
    assert "9.1/10" in served(client, guide.url)
    course.rating = Decimal("7.4")
    course.save_revision().publish()
    html = served(client, guide.url)
    assert "7.4/10" in html and "9.1/10" not in html
    assert html == from_scratch(client, guide.url)


@pytest.mark.django_db
def test_a_course_retired_or_its_provider_renamed_shows_at_once(client, guide_with_a_course):
    guide, course, _ = guide_with_a_course
    served(client, guide.url)
    course.provider.name = "Coursera Plus"
    course.provider.save()
    assert "Coursera Plus" in served(client, guide.url)
    course.unpublish()
    html = served(client, guide.url)
    assert "Web Application Technologies" not in html
    assert html == from_scratch(client, guide.url)


@pytest.mark.django_db
def test_an_image_focal_point_change_shows_its_new_crop_at_once(client, guide_with_a_course):
    guide, _, image = guide_with_a_course
    before = served(client, guide.url)
    image.focal_point_x, image.focal_point_y = 1400, 700
    image.focal_point_width, image.focal_point_height = 100, 100
    image.save()
    after = served(client, guide.url)
    hero = re.compile(r'<figure class="guide__hero">.*?</figure>', re.S)
    assert hero.search(after).group() != hero.search(before).group()
    assert after == from_scratch(client, guide.url)


@pytest.mark.django_db
def test_a_publish_shows_at_once_and_a_draft_never(client, guide_with_a_course):
    guide, _, _ = guide_with_a_course
    served(client, guide.url)
    page = GuidePage.objects.get(pk=guide.pk)
    page.title = "Django, revised"
    page.save_revision()
    assert "Django, revised" not in served(client, guide.url)
    page.save_revision().publish()
    html = served(client, guide.url)
    assert "<h1>Django, revised</h1>" in html
    assert '"headline": "Django, revised"' in html or "Django, revised" in html.split("</head>")[0]
    assert html == from_scratch(client, guide.url)


@pytest.mark.django_db
def test_content_saved_without_a_publish_shows_at_once(client, guide_with_a_course):
    """Code that writes a page's live fields directly (an import, a fix in the shell)."""
    guide, _, _ = guide_with_a_course
    served(client, guide.url)
    page = GuidePage.objects.get(pk=guide.pk)
    page.standfirst = "Written straight into the live row."
    page.save()
    html = served(client, guide.url)
    assert "Written straight into the live row." in html
    assert html == from_scratch(client, guide.url)


@pytest.mark.django_db
def test_a_draft_view_never_shows_or_fills_the_cached_article(admin_client, category):
    from django.test import Client
    from django.urls import reverse

    reader = Client()
    guide = GuidePageFactory(parent=category, title="Live title")
    served(reader, guide.url)
    page = GuidePage.objects.get(pk=guide.pk)
    page.title = "Draft title"
    page.save_revision()
    draft = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=(guide.pk,)))
    assert "<h1>Draft title</h1>" in draft.content.decode()
    assert "Draft title" not in served(reader, guide.url)
