import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from courses.factories import CourseFactory
from guides.factories import GuidePageFactory, course_list, faq, section

pytestmark = pytest.mark.django_db

CALENDAR = reverse("editorial_calendar")


def at(days, hour=9):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def scheduled_guide(category, title, go_live, expire=None):
    guide = GuidePageFactory(parent=category, title=title, live=False)
    guide.go_live_at = go_live
    guide.expire_at = expire
    guide.save_revision().publish()
    return guide


def test_calendar_lists_go_lives_expiries_and_reviews_by_day(client, category, editor, moderator):
    launch = scheduled_guide(category, "Flask launches", at(1, 10), expire=at(5))
    live_expiring = GuidePageFactory(parent=category, title="Old Django notes")
    Page.objects.filter(pk=live_expiring.pk).update(expire_at=at(3, 18))
    course = CourseFactory(title="Async Python course", live=False)
    course.go_live_at = at(2)
    course.save_revision().publish()
    waiting = GuidePageFactory(parent=category, title="Awaiting review", live=False)
    waiting.save_revision()
    waiting.get_workflow().start(waiting, editor)
    far_away = scheduled_guide(category, "Next year", at(400))

    client.force_login(moderator)
    response = client.get(CALENDAR, {"view": "month", "start": timezone.localdate()})
    html = response.content.decode()
    assert response.status_code == 200
    edit = reverse("wagtailadmin_pages:edit", args=(launch.pk,))
    assert f'<a href="{edit}">Flask launches</a>' in html
    assert "Times are in Europe/London" in html
    assert far_away.title not in html

    # The week view lists every day and shows each event on the right one.
    response = client.get(CALENDAR, {"start": at(1).date().isoformat()})
    week = response.context["days"]
    assert len(week) == 7
    events = {(event.title, event.kind): day for day, items in week for event in items}
    assert events[("Flask launches", "go-live")] == at(1).date()
    assert events[("Async Python course (Coursera)", "go-live")] == at(2).date()
    assert events[("Old Django notes", "expiry")] == at(3).date()
    assert events[("Flask launches", "expiry")] == at(5).date()
    assert "Awaiting review" in [item["title"] for item in response.context["waiting"]]
    course_edit = reverse("wagtailsnippets_courses_course:edit", args=(course.pk,))
    # Moderators cannot edit courses, so the course is listed without a link to its editor.
    assert "Async Python course (Coursera)" in response.content.decode()
    assert course_edit not in response.content.decode()

    client.force_login(editor)
    assert client.get(CALENDAR).status_code == 200
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Coming up" in dashboard and "Flask launches" in dashboard
    assert "Editorial calendar" in dashboard  # the menu item


def test_calendar_refuses_course_admins_and_reads_bad_dates_calmly(client, editor, course_admin):
    client.force_login(course_admin)
    response = client.get(CALENDAR)
    assert response.status_code in (302, 403)
    assert "Coming up" not in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(editor)
    bad_starts = ("garbage", "2027-02-30", "9" * 500, "\x00", "0001-01-01", "9999-12-31")
    for bad in bad_starts:
        for view in ("month", "week"):
            response = client.get(CALENDAR, {"start": bad, "view": view})
            assert response.status_code == 200
            assert "is not a date like 2027-03-28" in response.content.decode()
    assert client.get(CALENDAR, {"view": "fortnight"}).context["mode"] == "week"

    client.logout()
    assert client.get(CALENDAR).status_code == 302  # to the login page


def test_content_checks_warn_about_empty_answers_and_courses_that_are_not_live(
    client, category, editor
):
    live_course = CourseFactory(title="Live course")
    retired = CourseFactory(title="Retired course", live=False)
    guide = GuidePageFactory(
        parent=category,
        body=[
            section(
                "Start",
                ("paragraph", "<p>Hello.</p>"),
                ("course_list", course_list([retired])["value"]),
            ),
            course_list([live_course]),
            faq([("Is it free?", "Yes."), ("Who teaches it?", "")]),
        ],
    )
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(guide.pk,))).content.decode()
    assert "The FAQ question “Who teaches it?” has no answer" in html
    assert "“Is it free?” has no answer" not in html
    assert "The course “Retired course” is not live" in html
    assert "“Live course” is not live" not in html

    clean = GuidePageFactory(parent=category, body=[course_list([live_course])])
    html = client.get(reverse("wagtailadmin_pages:edit", args=(clean.pk,))).content.decode()
    assert "Content check:" not in html


def test_a_draft_with_an_unanswered_question_saves_and_the_editor_is_warned(
    client, category, editor
):
    from guides.models import GuidePage
    from guides.tests.forms import guide_form

    client.force_login(editor)
    add = reverse("wagtailadmin_pages:add", args=("guides", "guidepage", category.pk))
    response = client.post(
        add, guide_form([CourseFactory()], faq=(("Which version?", ""),)), follow=True
    )
    assert response.status_code == 200
    guide = GuidePage.objects.get(slug="flask-for-beginners")
    assert not guide.live
    assert "The FAQ question “Which version?” has no answer" in response.content.decode()
