import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from courses.factories import CourseFactory
from courses.importer import COLUMNS, import_courses
from courses.models import Course

LIST_URL = "wagtailsnippets_courses_course:list"


def csv_bytes(rows, columns=COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def row(**overrides):
    data = {
        "slug": "complete-flask",
        "title": "The Complete Flask Course",
        "provider": "udemy",
        "url": "https://www.udemy.com/course/complete-flask/",
        "rating": "8.8",
        "review": "Builds three apps, one of them with a REST API.",
        "level": "beginner",
        "topics": "flask, python",
        "price_model": "paid",
        "language": "English",
        "last_reviewed": "2026-09-01",
        "live": "True",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_import_creates_live_courses_with_topics():
    report = import_courses(csv_bytes([row(), row(slug="draft-one", live="false")]))
    assert report.ok and report.saved
    course = Course.objects.get(slug="complete-flask")
    assert course.live and course.rating == Decimal("8.8")
    assert sorted(course.topics.names()) == ["flask", "python"]
    assert course.revisions.count() == 1
    assert not Course.objects.get(slug="draft-one").live


@pytest.mark.django_db
def test_import_updates_a_course_by_slug_with_a_new_revision():
    course = CourseFactory(slug="complete-flask", title="Old title", rating=Decimal("7.0"))
    course.save_revision().publish()
    before = course.revisions.count()
    report = import_courses(csv_bytes([row(title="New title", rating="9.1")]))
    assert report.ok and report.count("update") == 1
    assert set(report.rows[0].changes) >= {"title", "rating", "topics"}
    course.refresh_from_db()
    assert course.title == "New title" and course.rating == Decimal("9.1") and course.live
    assert course.revisions.count() == before + 1
    assert course.latest_revision.content["title"] == "New title"


@pytest.mark.django_db
def test_import_can_retire_a_course():
    course = CourseFactory(slug="complete-flask", topics=["flask", "python"])
    import_courses(csv_bytes([row(title=course.title, live="false")]))
    course.refresh_from_db()
    assert not course.live


@pytest.mark.django_db
def test_dry_run_reports_changes_and_saves_nothing():
    course = CourseFactory(slug="complete-flask", rating=Decimal("7.0"))
    report = import_courses(csv_bytes([row(rating="9.0"), row(slug="brand-new")]), dry_run=True)
    assert report.ok and not report.saved
    assert [(r.slug, r.action) for r in report.rows] == [
        ("complete-flask", "update"),
        ("brand-new", "create"),
    ]
    assert "rating" in report.rows[0].changes
    assert report.summary() == "Would create 1, would update 1, 0 unchanged."
    course.refresh_from_db()
    assert course.rating == Decimal("7.0")
    assert not Course.objects.filter(slug="brand-new").exists()


@pytest.mark.django_db
def test_one_bad_row_saves_nothing_and_every_problem_has_its_row_number():
    CourseFactory(slug="complete-flask", rating=Decimal("7.0"))
    rows = [
        row(rating="9.5"),  # row 2: a valid update
        row(slug="rated-eleven", rating="11"),  # row 3
        row(slug="no-title", title=""),  # row 4
        row(slug="bad-url", url="not a url"),  # row 5
        row(slug="expert-level", level="expert"),  # row 6
        row(slug="good-new"),  # row 7: valid
        row(slug="rated-eleven"),  # row 8: duplicate slug
        row(slug="bad-live", live="maybe"),  # row 9
    ]
    report = import_courses(csv_bytes(rows))
    assert not report.ok and not report.saved
    errors = report.errors
    assert any(e.startswith("Row 3 (rated-eleven): rating:") and "10" in e for e in errors)
    assert "Row 4 (no-title): title: This field is required." in errors
    assert "Row 5 (bad-url): url: Enter a valid URL." in errors
    assert any(e.startswith("Row 6 (expert-level): level: Select a valid choice") for e in errors)
    assert "Row 8 (rated-eleven): the slug is already used on row 3." in errors
    assert any(e.startswith("Row 9 (bad-live): live:") for e in errors)
    assert not any(e.startswith(("Row 2", "Row 7")) for e in errors)
    assert Course.objects.get(slug="complete-flask").rating == Decimal("7.0")
    assert not Course.objects.filter(slug="good-new").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe\x00bad", "not UTF-8"),
        (b"title,provider\nx,udemy\n", "Missing column(s): slug, url, rating"),
        (csv_bytes([row()], columns=[*COLUMNS, "colour"]), "Unknown column(s): colour"),
        (csv_bytes([]), "no courses"),
        (b"", "Missing column(s)"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data, message):
    report = import_courses(data)
    assert not report.ok
    assert any(message in error for error in report.errors)
    assert not Course.objects.exists()


@pytest.mark.django_db
def test_export_then_import_round_trips(admin_client):
    CourseFactory(slug="one", title="One, with a comma", topics=["django", "python"])
    CourseFactory(slug="two", title='Two "quoted"', live=False, review="Line one.\nLine two.")
    export = admin_client.get(reverse(LIST_URL), {"export": "csv"})
    body = b"".join(export.streaming_content)
    header = body.decode().splitlines()[0]
    assert header == ",".join(COLUMNS)

    unchanged = import_courses(body, dry_run=True)
    assert unchanged.ok
    assert [(r.slug, r.action, r.changes) for r in unchanged.rows] == [
        ("one", "unchanged", []),
        ("two", "unchanged", []),
    ]

    edited = body.decode().replace("One, with a comma", "One, renamed").encode()
    report = import_courses(edited)
    assert report.ok and report.count("update") == 1
    assert Course.objects.get(slug="one").title == "One, renamed"
    assert not Course.objects.get(slug="two").live


@pytest.mark.django_db
def test_import_command_dry_run_and_failure(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([row()]))
    call_command("import_courses", str(good), "--dry-run")
    assert "Would create 1" in capsys.readouterr().out
    assert not Course.objects.exists()
    call_command("import_courses", str(good))
    assert Course.objects.filter(slug="complete-flask", live=True).exists()

    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([row(slug="x", rating="11")]))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_courses", str(bad))
    assert "Row 2 (x): rating" in capsys.readouterr().err
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_courses", str(tmp_path / "missing.csv"))


@pytest.mark.django_db
def test_admin_upload_page_previews_then_imports(admin_client):
    url = reverse("courses_import")
    page = admin_client.get(url)
    assert page.status_code == 200 and "<code>price_model</code>" in page.content.decode()

    def upload(data, dry_run):
        form = {"file": SimpleUploadedFile("courses.csv", data, content_type="text/csv")}
        if dry_run:
            form["dry_run"] = "on"
        return admin_client.post(url, form)

    preview = upload(csv_bytes([row()]), dry_run=True).content.decode()
    assert "Dry run: nothing was saved" in preview and "would be created" in preview
    assert not Course.objects.exists()

    done = upload(csv_bytes([row()]), dry_run=False).content.decode()
    assert "Created 1, updated 0, 0 unchanged." in done
    assert Course.objects.filter(slug="complete-flask").exists()

    refused = upload(csv_bytes([row(slug="bad", url="javascript:alert(1)")]), dry_run=False)
    assert refused.status_code == 200
    assert "Row 2 (bad): url: Enter a valid URL." in refused.content.decode()

    missing = admin_client.post(url, {}).content.decode()
    assert "This field is required" in missing


@pytest.mark.django_db
def test_import_page_needs_course_permissions(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("courses_import"))
    assert response.status_code in (302, 403)
    assert "Import courses" not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_a_locked_course_is_not_changed_by_someone_elses_import(django_user_model):
    locker = django_user_model.objects.create_superuser("locker", "l@example.com", "pw")
    other = django_user_model.objects.create_superuser("other", "o@example.com", "pw")
    course = CourseFactory(slug="complete-flask", rating=Decimal("7.0"), topics=["flask", "python"])
    course.locked, course.locked_by = True, locker
    course.save()
    data = csv_bytes([row(title=course.title, rating="9.9")])

    report = import_courses(data, user=other)
    assert "Row 2 (complete-flask): the course is locked by locker; unlock it" in report.errors[0]
    assert not import_courses(data).ok  # the command line respects every lock
    assert Course.objects.get(pk=course.pk).rating == Decimal("7.0")

    assert import_courses(data, user=locker).ok
    assert Course.objects.get(pk=course.pk).rating == Decimal("9.9")
