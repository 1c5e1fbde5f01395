"""A course reaches readers through the guides that list it: its page names the live guides
that recommend it (from Wagtail's reference index), a retired course drops out of them, a new
rating reaches every guide at once, and the report of courses no guide recommends counts only
live guides."""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.factories import CourseFactory
from guides.body import course_list
from guides.factories import GuidePageFactory


def test_a_course_page_names_the_live_guides_that_recommend_it(
    client, courses, catalogue, category
):
    course = courses["django"]
    GuidePageFactory(parent=category, title="Live Django guide", body=[course_list([course])])
    draft = GuidePageFactory(
        parent=category, title="Draft Django guide", body=[course_list([course])]
    )
    draft.unpublish()
    GuidePageFactory(parent=category, title="Pandas guide", body=[course_list([courses["pandas"]])])

    html = client.get(f"{catalogue.url}django-basics/").content.decode()
    guides = html.split("Guides that recommend this course", 1)[1]
    assert "Live Django guide" in guides
    assert "Draft Django guide" not in guides and "Pandas guide" not in guides


def test_recommended_in_comes_from_the_reference_index(client, courses, catalogue, category):
    from wagtail.models import ReferenceIndex

    course = courses["drf"]
    guide = GuidePageFactory(parent=category, title="APIs guide", body=[course_list([course])])
    assert ReferenceIndex.get_references_to(course).filter(object_id=str(guide.pk)).exists()
    html = client.get(f"{catalogue.url}serious-drf/").content.decode()
    assert "APIs guide" in html
    # Editing the guide so it no longer lists the course updates the index, and the page.
    guide.body = [course_list([courses["django"]])]
    guide.save_revision().publish()
    html = client.get(f"{catalogue.url}serious-drf/").content.decode()
    assert "APIs guide" not in html and "No guide lists this course yet" in html


def test_a_retired_course_drops_out_of_the_guides_listing_it(client, courses, category):
    guide = GuidePageFactory(
        parent=category, title="Django guide", body=[course_list([courses["django"]])]
    )
    assert "Django Basics" in client.get(guide.url).content.decode()
    courses["django"].unpublish()
    assert "Django Basics" not in client.get(guide.url).content.decode()


def test_a_new_rating_reaches_every_guide_and_the_course_page_at_once(
    client, courses, catalogue, category
):
    course = courses["django"]
    guides = [
        GuidePageFactory(parent=category, title=f"Guide {n}", body=[course_list([course])])
        for n in range(2)
    ]
    for guide in guides:
        assert "9.1/10" in client.get(guide.url).content.decode()
    course.rating = Decimal("7.5")
    course.save_revision().publish()
    for guide in guides:
        html = client.get(guide.url).content.decode()
        assert "7.5/10" in html and "9.1/10" not in html
    assert "7.5/10" in client.get(f"{catalogue.url}django-basics/").content.decode()


@pytest.mark.django_db
def test_unrecommended_report_counts_only_live_guides(admin_client, category):
    listed = CourseFactory(title="Listed in a live guide")
    draft_only = CourseFactory(title="Listed only in a draft")
    CourseFactory(title="Listed nowhere")
    GuidePageFactory(parent=category, body=[course_list([listed])])
    draft = GuidePageFactory(parent=category, body=[course_list([draft_only])])
    draft.unpublish()
    response = admin_client.get(reverse("courses_reports:unrecommended"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Listed nowhere" in html and "Listed only in a draft" in html
    assert "Listed in a live guide" not in html
