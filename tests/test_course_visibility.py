from decimal import Decimal

import pytest

from courses.factories import CourseFactory
from guides.body import course_list
from guides.factories import GuidePageFactory


@pytest.mark.django_db
def test_unpublished_courses_never_reach_readers(client, home_page, category):
    live = CourseFactory(title="Live and rated", rating=Decimal("9.0"))
    retired = CourseFactory(title="Quietly retired", rating=Decimal("9.9"), live=False)
    GuidePageFactory(parent=category, body=[course_list([live, retired])])

    home = client.get(home_page.url).content.decode()
    assert "Live and rated" in home and "Quietly retired" not in home

    results = client.get("/search/", {"q": "retired"}).content.decode()
    assert "Quietly retired" not in results


@pytest.mark.django_db
def test_a_new_draft_of_a_live_course_does_not_change_what_readers_see(client, home_page):
    course = CourseFactory(title="Stable title", rating=Decimal("8.0"))
    course.title = "Unreviewed new title"
    course.save_revision()  # a draft: the live row keeps the published values

    home = client.get(home_page.url).content.decode()
    assert "Stable title" in home and "Unreviewed new title" not in home
