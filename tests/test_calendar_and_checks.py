import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from courses.factories import CourseFactory
from guides.body import course_list, faq, paragraph, section
from guides.factories import GuidePageFactory

pytestmark = pytest.mark.django_db

CALENDAR = reverse("editorial_calendar")


# The calendar's tests pin the clock (conftest.pinned_clock) and run on several weekdays, at a
# month and a year end, and on both sides of Europe/London's daylight-saving changes.
PINNED_DAYS = [
    pytest.param("2026-11-30 08:00", id="monday"),
    pytest.param("2026-12-02 09:30", id="wednesday-2-december-2026"),
    pytest.param("2026-12-06 23:30", id="sunday-night"),
    pytest.param("2026-12-31 12:00", id="thursday-new-years-eve"),
    pytest.param("2027-03-27 12:00", id="saturday-before-clocks-go-forward"),
    pytest.param("2027-03-29 00:30", id="monday-half-past-midnight-summer-time"),
    pytest.param("2027-10-30 12:00", id="saturday-before-clocks-go-back"),
    pytest.param("2027-11-01 00:30", id="monday-half-past-midnight-winter-time"),
]


def at(days, hour=9):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def scheduled_guide(category, title, go_live, expire=None):
    guide = GuidePageFactory(parent=category, title=title, live=False)
    guide.go_live_at = go_live
    guide.expire_at = expire
    guide.save_revision().publish()
    return guide


def scheduled_course(title, go_live):
    course = CourseFactory(title=title, live=False)
    course.go_live_at = go_live
    course.save_revision().publish()
    return course


@pytest.mark.parametrize("pinned_clock", PINNED_DAYS, indirect=True)
def test_calendar_lists_go_lives_expiries_and_reviews_by_day(
    client, category, editor, moderator, pinned_clock
):
    launch = scheduled_guide(category, "Flask launches", at(1, 10), expire=at(5))
    live_expiring = GuidePageFactory(parent=category, title="Old Django notes")
    Page.objects.filter(pk=live_expiring.pk).update(expire_at=at(3, 18))
    course = scheduled_course("Async Python course", at(2))
    waiting = GuidePageFactory(parent=category, title="Awaiting review", live=False)
    waiting.save_revision()
    waiting.get_workflow().start(waiting, editor)
    far_away = scheduled_guide(category, "Next year", at(400))

    client.force_login(moderator)
    response = client.get(CALENDAR, {"view": "month", "start": at(1).date().isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    edit = reverse("wagtailadmin_pages:edit", args=(launch.pk,))
    assert f'<a href="{edit}">Flask launches</a>' in html
    assert "Times are in Europe/London" in html
    assert far_away.title not in html

    # Each event is listed on its own day in the week view of that day, at its local time.
    expected = {
        ("Flask launches", "go-live"): at(1, 10),
        ("Async Python course (Coursera)", "go-live"): at(2),
        ("Old Django notes", "expiry"): at(3, 18),
        ("Flask launches", "expiry"): at(5),
    }
    for (title, kind), when in expected.items():
        response = client.get(CALENDAR, {"start": when.date().isoformat()})
        week = response.context["days"]
        assert [day.weekday() for day, _ in week] == list(range(7))
        events = {(event.title, event.kind): day for day, items in week for event in items}
        assert events[(title, kind)] == when.date()
        local = timezone.localtime(when)
        assert f">{local:%H:%M %Z}</time>" in response.content.decode()
    assert "Awaiting review" in [item["title"] for item in response.context["waiting"]]
    course_edit = reverse("wagtailsnippets_courses_course:edit", args=(course.pk,))
    # Moderators cannot edit courses, so the course is listed without a link to its editor.
    response = client.get(CALENDAR, {"start": at(2).date().isoformat()})
    assert "Async Python course (Coursera)" in response.content.decode()
    assert course_edit not in response.content.decode()

    client.force_login(editor)
    assert client.get(CALENDAR).status_code == 200
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Coming up" in dashboard and "Flask launches" in dashboard
    assert "Editorial calendar" in dashboard  # the menu item


def _link(html, text):
    href = re.search(rf'<a href="([^"]*)">{text}</a>', html).group(1)
    return CALENDAR + unescape(href)


@pytest.mark.parametrize("pinned_clock", PINNED_DAYS, indirect=True)
def test_switching_between_week_and_month_keeps_the_day_being_looked_at(
    client, editor, pinned_clock
):
    today = timezone.localdate()
    client.force_login(editor)
    # From the current week, the month is today's month (not the month of the week's Monday).
    month = client.get(_link(client.get(CALENDAR).content.decode(), "Show the month"))
    assert month.context["first"] == today.replace(day=1)
    assert f"{today:%B %Y}." in month.content.decode()
    # And back: the week that holds today.
    week = client.get(_link(month.content.decode(), "Show one week"))
    assert week.context["first"] <= today <= week.context["last"]

    # Another week, looked at from its Thursday 1 July 2027 (its Monday is in June): July.
    html = client.get(CALENDAR, {"start": "2027-07-01"}).content.decode()
    month = client.get(_link(html, "Show the month"))
    assert month.context["first"] == datetime.date(2027, 7, 1)
    # A month other than the current one shows its first week.
    week = client.get(_link(month.content.decode(), "Show one week"))
    assert week.context["first"] == datetime.date(2027, 6, 28)


def test_course_admins_see_courses_in_the_calendar_but_not_pages(
    client, category, course_admin, pinned_clock
):
    scheduled_guide(category, "Flask launches", at(1, 10))
    course = scheduled_course("Async Python course", at(1))
    waiting = GuidePageFactory(parent=category, title="Awaiting review", live=False)
    waiting.save_revision()

    client.force_login(course_admin)
    response = client.get(CALENDAR)
    assert response.status_code == 200
    html = response.content.decode()
    course_edit = reverse("wagtailsnippets_courses_course:edit", args=(course.pk,))
    assert f'<a href="{course_edit}">Async Python course (Coursera)</a>' in html
    assert "Flask launches" not in html
    assert "Awaiting review" not in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Coming up" in dashboard and "Async Python course" in dashboard
    assert "Flask launches" not in dashboard
    assert "Editorial calendar" in dashboard  # the menu item


def test_calendar_sends_others_away_and_reads_bad_dates_calmly(client, editor, django_user_model):
    from django.contrib.auth.models import Permission

    # Someone with admin access but nothing to schedule is sent to the dashboard, told why.
    clerk = django_user_model.objects.create_user("clerk", "c@example.com", "pw")
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(clerk)
    response = client.get(CALENDAR, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "you do not have permission to access this area" in response.content.decode()
    assert "Coming up" not in response.content.decode()

    client.force_login(editor)
    bad_starts = ("garbage", "2027-02-30", "9" * 500, "\x00", "0001-01-01", "9999-12-31")
    for bad in bad_starts:
        for view in ("month", "week"):
            response = client.get(CALENDAR, {"start": bad, "view": view})
            assert response.status_code == 200
            assert "is not a date like 2027-03-28" in response.content.decode()
    assert client.get(CALENDAR, {"view": "fortnight"}).context["mode"] == "week"

    client.logout()
    response = client.get(CALENDAR)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


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
                paragraph("<p>Hello.</p>"),
                course_list([retired]),
            ),
            course_list([live_course]),
            faq([("Is it free?", "<p>Yes.</p>"), ("Who teaches it?", "<p></p>")]),
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
