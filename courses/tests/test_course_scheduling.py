"""Course admins schedule courses from the snippet editor, as editors do guides."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Revision

from courses.factories import CourseFactory
from courses.models import Course
from courses.tests.forms import course_form

pytestmark = pytest.mark.django_db


def add_url():
    return reverse("wagtailsnippets_courses_course:add")


def edit_url(course):
    return reverse("wagtailsnippets_courses_course:edit", args=(course.pk,))


def test_the_course_editor_offers_go_live_and_expiry(client, course_admin):
    client.force_login(course_admin)
    form = client.get(add_url()).content.decode()
    assert 'name="go_live_at"' in form and 'name="expire_at"' in form
    assert "Time zone: Europe/London." in form


def test_a_course_scheduled_for_later_waits_for_its_go_live(client, course_admin):
    client.force_login(course_admin)
    response = client.post(
        add_url(), course_form(go_live_at="2031-06-01 09:00", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    course = Course.objects.get(slug="complete-flask")
    assert not course.live
    scheduled = Revision.objects.get(approved_go_live_at__isnull=False)
    assert scheduled.object_id == str(course.pk)
    # 09:00 in London in June is 08:00 UTC (British Summer Time).
    assert scheduled.approved_go_live_at == datetime.datetime(2031, 6, 1, 8, 0, tzinfo=datetime.UTC)


def test_a_course_go_live_in_a_daylight_saving_gap_is_a_form_error_that_keeps_the_edit(
    client, course_admin
):
    course = CourseFactory(title="Old title", slug="complete-flask", live=False)
    client.force_login(course_admin)
    # On 28 March 2027 London clocks jump from 01:00 to 02:00: 01:30 never happens.
    response = client.post(
        edit_url(course),
        course_form(
            title="My unsaved new title", go_live_at="2027-03-28 01:30", **{"action-publish": "1"}
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "couldn’t be interpreted in time zone Europe/London" in html
    assert "My unsaved new title" in html
    course.refresh_from_db()
    assert course.title == "Old title" and not course.live


def test_a_course_expiry_before_its_go_live_is_refused(client, course_admin):
    client.force_login(course_admin)
    response = client.post(
        add_url(),
        course_form(
            go_live_at="2027-05-02 09:00",
            expire_at="2027-05-01 09:00",
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 200
    assert "Go live date/time must be before expiry date/time" in response.content.decode()
    assert not Course.objects.filter(slug="complete-flask").exists()


def test_a_course_go_live_in_the_past_publishes_at_once(client, course_admin):
    client.force_login(course_admin)
    response = client.post(
        add_url(), course_form(go_live_at="2020-01-01 09:00", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert Course.objects.get(slug="complete-flask").live
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()
