import csv
import datetime
import html
import io
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from courses.factories import CourseFactory
from courses.importer import COLUMNS, MAX_TOPICS, import_courses
from courses.models import Course, ImportJob, Provider
from courses.tasks import run_import_job
from courses.tests.forms import course_form

LIST_URL = "wagtailsnippets_courses_course:list"
IMPORT_URL = "courses_import"


def html_text(response) -> str:
    """The page's main text as the course admin reads it: tags dropped, entities undone."""
    page = response.content.decode()
    main = re.search(r"<main\b.*</main>", page, re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", main.group() if main else page)).split())


def upload(client, data: bytes, *, dry_run=False, follow=True):
    """Upload a CSV on the admin's import page, as a course admin does."""
    form = {"file": SimpleUploadedFile("courses.csv", data, content_type="text/csv")}
    if dry_run:
        form["dry_run"] = "on"
    return client.post(reverse(IMPORT_URL), form, follow=follow)


def csv_bytes(rows, columns=COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def row(**overrides):
    """A CSV row for the same valid course the admin form tests post (courses/tests/forms.py)."""
    data = {name: value for name, value in course_form().items() if name in COLUMNS}
    data["live"] = "True"
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
    assert (
        "Row 3 (rated-eleven): rating: “11”: Ensure this value is less than or equal to 10.0. "
        "Expected a number from 0 to 10 with at most one decimal, such as 8.5." in errors
    )
    assert "Row 4 (no-title): title: This field is required." in errors
    assert (
        "Row 5 (bad-url): url: “not a url”: Enter a valid URL. "
        "Expected a web address starting with http:// or https://." in errors
    )
    assert (
        "Row 6 (expert-level): level: “expert” is not one of the choices; "
        "use one of: Beginner, Intermediate, Advanced." in errors
    )
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
    assert "Row 2 (bad): url: “javascript:alert(1)”: Enter a valid URL." in html_text(refused)

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


@pytest.mark.django_db
def test_a_course_scheduled_to_go_live_says_so_and_is_not_changed(django_user_model, pinned_clock):
    course = CourseFactory(slug="complete-flask", rating=Decimal("7.0"), topics=["flask", "python"])
    course.go_live_at = pinned_clock + datetime.timedelta(days=3)
    course.save_revision().publish()  # a future go-live: scheduled, not published
    report = import_courses(csv_bytes([row(title=course.title, rating="9.9")]))
    assert not report.ok
    assert "the course is scheduled to go live on" in report.errors[0]
    assert "cancel the schedule" in report.errors[0]
    assert Course.objects.get(pk=course.pk).rating == Decimal("7.0")


def columns_without(*names):
    return [c for c in COLUMNS if c not in names]


def without(data, *names):
    return {key: value for key, value in data.items() if key not in names}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("topic", "reason"),
    [
        ("x" * 101, "is 101 characters long; a topic has at most 100"),
        ("🐍🐍", "has no letters or digits"),
    ],
)
def test_topics_the_database_cannot_store_are_row_errors(tmp_path, admin_client, topic, reason):
    data = csv_bytes([row(slug="fine"), row(slug="odd-topic", topics=f"python, {topic}")])
    dry = import_courses(data, dry_run=True)
    assert not dry.ok
    assert [e for e in dry.errors if e.startswith("Row 3 (odd-topic): topics:")]
    assert reason in dry.errors[0] and len(dry.errors) == 1
    assert dry.summary().startswith("Nothing was imported")

    path = tmp_path / "topics.csv"
    path.write_bytes(data)
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_courses", str(path))

    form = {"file": SimpleUploadedFile("courses.csv", data, content_type="text/csv")}
    response = admin_client.post(reverse("courses_import"), form)
    assert response.status_code == 200
    assert "Row 3 (odd-topic): topics:" in response.content.decode()
    assert not Course.objects.exists()


@pytest.mark.django_db
def test_a_database_error_while_saving_is_reported_and_saves_nothing(monkeypatch, admin_client):
    from django.db import DataError

    from courses import importer

    real_save_row = importer.save_row

    def failing_save_row(result, user):
        if result.slug == "second":
            raise DataError("value too long for type character varying(100)\nLINE 1: ...")
        real_save_row(result, user)

    monkeypatch.setattr(importer, "save_row", failing_save_row)
    data = csv_bytes([row(slug="first"), row(slug="second")])
    report = import_courses(data)
    assert not report.ok and not report.saved
    assert report.errors == [
        "Row 3 (second): the database refused this row (value too long for type character "
        "varying(100)), so nothing from the file was saved."
    ]
    assert not Course.objects.exists()  # row 2 was rolled back too

    form = {"file": SimpleUploadedFile("courses.csv", data, content_type="text/csv")}
    response = admin_client.post(reverse("courses_import"), form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Import refused" in html and "the database refused this row" in html
    assert not Course.objects.exists()


@pytest.mark.django_db
def test_a_file_without_topics_or_live_keeps_what_courses_have():
    retired = CourseFactory(slug="retired-one", topics=["flask"], live=False)
    tagged = CourseFactory(slug="complete-flask", topics=["flask", "python"])
    columns = columns_without("topics", "live")
    rows = [
        without(row(slug="retired-one", rating="6.0"), "topics", "live"),
        without(row(rating="9.9"), "topics", "live"),
    ]
    report = import_courses(csv_bytes(rows, columns=columns))
    assert report.ok, report.errors
    assert [r.changes for r in report.rows] == [
        ["title", "provider", "url", "rating", "review", "price_model", "last_reviewed"],
        ["title", "provider", "url", "rating", "review", "price_model", "last_reviewed"],
    ]
    retired.refresh_from_db()
    tagged.refresh_from_db()
    assert not retired.live and retired.rating == Decimal("6.0")
    assert sorted(retired.topics.names()) == ["flask"]
    assert tagged.live and sorted(tagged.topics.names()) == ["flask", "python"]

    # A blank live cell keeps the course as it is too; a present, blank topics cell clears them.
    blank = import_courses(csv_bytes([row(slug="retired-one", live="", topics="")]))
    assert blank.ok and "live" not in blank.rows[0].changes
    retired.refresh_from_db()
    assert not retired.live and list(retired.topics.names()) == []


@pytest.mark.django_db
def test_new_courses_get_defaults_for_optional_columns(pinned_clock):
    columns = columns_without("topics", "language", "last_reviewed", "live")
    data = csv_bytes([without(row(), "topics", "language", "last_reviewed", "live")], columns)
    report = import_courses(data)
    assert report.ok, report.errors
    blank = import_courses(csv_bytes([row(slug="blank-cells", last_reviewed="", live="")]))
    assert blank.ok, blank.errors
    for slug in ["complete-flask", "blank-cells"]:
        course = Course.objects.get(slug=slug)
        assert course.live and course.language == "English"
        assert course.last_reviewed == pinned_clock.date()
    assert list(Course.objects.get(slug="complete-flask").topics.names()) == []


@pytest.mark.django_db
def test_a_course_with_unpublished_changes_is_refused():
    course = CourseFactory(slug="complete-flask", title="Stored title", topics=["flask", "python"])
    course.save_revision().publish()
    course.title = "Draft title in the editor"
    course.save_revision()  # saved as a draft, not published
    data = csv_bytes([row(title="Stored title", rating="9.9")])

    report = import_courses(data)
    assert report.errors == [
        "Row 2 (complete-flask): the course has unpublished changes in the editor; "
        "publish or discard them first."
    ]
    course = Course.objects.get(pk=course.pk)
    assert course.rating == Decimal("8.5")
    assert course.latest_revision.content["title"] == "Draft title in the editor"

    # A row that changes nothing writes nothing, so it does not touch the draft.
    same = {**row(), "title": "Stored title", "provider": course.provider, "url": course.url}
    same.update(rating="8.5", review=course.review, price_model=course.price_model)
    same["last_reviewed"] = course.last_reviewed.isoformat()
    unchanged = import_courses(csv_bytes([same]))
    assert unchanged.ok and unchanged.rows[0].action == "unchanged"

    # Once the draft is published, the import goes ahead.
    course.latest_revision.publish()
    assert import_courses(data).ok
    assert Course.objects.get(pk=course.pk).rating == Decimal("9.9")


@pytest.mark.django_db
def test_a_retired_course_with_a_draft_is_refused_but_one_retired_by_import_is_not():
    assert import_courses(csv_bytes([row(live="false")])).ok
    # Retired by the import itself: no draft to lose, so a later import may change it.
    assert import_courses(csv_bytes([row(live="false", rating="8.0")])).ok
    course = Course.objects.get(slug="complete-flask")
    assert not course.live and course.rating == Decimal("8.0")

    course.review = "Rewritten in the editor, not yet published."
    course.save_revision()
    report = import_courses(csv_bytes([row(live="false", rating="7.0")]))
    assert any("has unpublished changes in the editor" in e for e in report.errors)
    assert Course.objects.get(pk=course.pk).rating == Decimal("8.0")


@pytest.mark.django_db
def test_slugs_are_compared_without_regard_to_case():
    report = import_courses(csv_bytes([row(slug="newc10"), row(slug="NEWC10")]))
    assert report.errors == ["Row 3 (newc10): the slug is already used on row 2."]
    assert not Course.objects.exists()

    assert import_courses(csv_bytes([row(slug="NewC10")])).ok
    assert list(Course.objects.values_list("slug", flat=True)) == ["newc10"]

    # A stored slug with capitals is matched and kept as it is.
    CourseFactory(slug="Flask-Basics", rating=Decimal("7.0"))
    update = import_courses(csv_bytes([row(slug="flask-basics", rating="9.0")]))
    assert update.ok and update.count("update") == 1 and "slug" not in update.rows[0].changes
    assert Course.objects.get(slug="Flask-Basics").rating == Decimal("9.0")
    assert Course.objects.count() == 2


# --- What the report says (issue 10, item 9) ----------------------------------------------------


@pytest.mark.django_db
def test_a_refused_import_says_its_valid_rows_were_not_imported(client, course_admin):
    client.force_login(course_admin)
    CourseFactory(slug="complete-flask", rating=Decimal("7.0"))
    data = csv_bytes([row(rating="9.0"), row(slug="good-new"), row(slug="bad", level="expert")])

    text = html_text(upload(client, data))
    assert "Import refused" in text and "Nothing was imported: 1 problem(s) found." in text
    assert "2 complete-flask valid, but not updated: the import was refused" in text
    assert "3 good-new valid, but not created: the import was refused, so nothing was saved" in text
    assert "good-new created" not in text and "would be created" not in text
    assert not Course.objects.filter(slug="good-new").exists()

    dry = html_text(upload(client, data, dry_run=True))
    assert "3 good-new would be created once the problems in other rows are fixed" in dry


@pytest.mark.django_db
def test_errors_repeat_the_bad_value_and_say_what_is_expected(client, course_admin):
    client.force_login(course_admin)
    rows = [
        row(slug="expert", level="expert"),
        row(slug="cheap", price_model="cheap"),
        row(slug="eleven", rating="11"),
        row(slug="many-decimals", rating="8.55"),
        row(slug="ftp-link", url="ftp://files.example.com/course"),
        row(slug="late", last_reviewed="September 2026"),
        row(slug="nowhere", provider="Nowhere Academy"),
    ]
    text = html_text(upload(client, csv_bytes(rows)))
    assert (
        "Row 2 (expert): level: “expert” is not one of the choices; use one of: Beginner, "
        "Intermediate, Advanced." in text
    )
    assert (
        "Row 3 (cheap): price_model: “cheap” is not one of the choices; use one of: Free, Paid, "
        "Subscription." in text
    )
    assert "Row 4 (eleven): rating: “11”: Ensure this value is less than or equal to 10.0." in text
    assert "Row 5 (many-decimals): rating: “8.55”:" in text
    assert "Expected a number from 0 to 10 with at most one decimal, such as 8.5." in text
    assert (
        "Row 6 (ftp-link): url: “ftp://files.example.com/course”: Enter a valid URL. "
        "Expected a web address starting with http:// or https://." in text
    )
    assert (
        "Row 7 (late): last_reviewed: “September 2026”: Enter a valid date. "
        "Expected a date written YYYY-MM-DD, such as 2026-09-01." in text
    )
    providers = ", ".join(Provider.objects.values_list("name", flat=True))
    assert "Udemy" in providers
    assert (
        f"Row 8 (nowhere): provider: “Nowhere Academy” is not one of the choices; use one of: "
        f"{providers}." in text
    )
    assert not Course.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_lists_old_and_new_values(client, course_admin, tmp_path, capsys):
    client.force_login(course_admin)
    CourseFactory(
        slug="complete-flask",
        title="Flask, the old course",
        rating=Decimal("7.0"),
        topics=["flask"],
    )
    data = csv_bytes([row(rating="9.0", topics="flask, python", live="false")])
    text = html_text(upload(client, data, dry_run=True))
    assert "Dry run: nothing was saved" in text and "would be updated" in text
    assert "title: Flask, the old course → The Complete Flask Course" in text
    assert "rating: 7.0 → 9.0" in text
    assert "topics: flask → flask, python" in text
    assert "live: live → retired" in text
    assert Course.objects.get(slug="complete-flask").rating == Decimal("7.0")

    path = tmp_path / "courses.csv"
    path.write_bytes(data)
    call_command("import_courses", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "Row 2 (complete-flask): would be updated" in out and "rating: 7.0 -> 9.0" in out


# --- Files and cells that must be refused (issue 11, item 15) -----------------------------------


@pytest.mark.django_db
def test_a_duplicated_column_is_refused_and_named(client, course_admin):
    client.force_login(course_admin)
    # A second rating column at the end; csv.DictReader alone would keep its 11 without a word.
    header, line = csv_bytes([row()]).decode().splitlines()
    data = f"{header},rating\r\n{line},11\r\n".encode()
    text = html_text(upload(client, data, dry_run=True))
    assert (
        "The column “rating” appears 2 times (columns 5 and 13); "
        "keep one and upload the file again." in text
    )
    assert "would be created" not in text
    assert not Course.objects.exists()


@pytest.mark.smoke  # the same message on SQLite, which would store the NUL
@pytest.mark.django_db
@pytest.mark.parametrize("column", ["topics", "title", "review", "slug", "language"])
def test_a_nul_in_any_cell_is_a_row_error_in_the_dry_run_and_the_real_run(
    client, course_admin, column
):
    client.force_login(course_admin)
    cell = {"topics": "python\x00, flask", "slug": "complete\x00-flask"}.get(column, "x\x00y")
    data = csv_bytes([row(slug="fine"), row(**{column: cell})])
    for dry_run in (True, False):
        text = html_text(upload(client, data, dry_run=dry_run))
        assert f"Row 3 (complete-flask): {column}: the cell contains a NUL character" in text
        assert "Nothing was imported: 1 problem(s) found." in text
        assert "3 complete-flask would be created" not in text
    assert not Course.objects.exists()


@pytest.mark.django_db
def test_too_many_topics_are_refused():
    topics = ", ".join(f"topic {n}" for n in range(MAX_TOPICS + 1))
    report = import_courses(csv_bytes([row(topics=topics)]))
    assert report.errors == [
        f"Row 2 (complete-flask): topics: the row names {MAX_TOPICS + 1} topics; a course has at "
        f"most {MAX_TOPICS}. Keep the ones a reader would search for."
    ]
    assert import_courses(csv_bytes([row(topics=topics.rsplit(", ", 1)[0])])).ok


# --- Large files: the task worker (issue 11, item 14) -------------------------------------------

IMMEDIATE = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
DUMMY = {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}


def many_rows(count: int, **overrides):
    return [row(slug=f"course-{n}", title=f"Course {n}", **overrides) for n in range(count)]


@pytest.fixture
def small_inline_limit(settings):
    settings.COURSE_IMPORT_INLINE_MAX_ROWS = 2
    return settings


@pytest.mark.django_db
def test_a_large_file_is_imported_by_a_task_and_the_job_page_shows_the_report(
    client, course_admin, small_inline_limit
):
    small_inline_limit.TASKS = {"default": IMMEDIATE, "background": IMMEDIATE}
    client.force_login(course_admin)
    dry = upload(client, csv_bytes(many_rows(3)), dry_run=True)
    job = ImportJob.objects.get()
    assert dry.redirect_chain == [(reverse("courses_import_job", args=[job.pk]), 302)]
    text = html_text(dry)
    assert "Dry run: nothing was saved" in text and "Would create 3, would update 0" in text
    assert not Course.objects.exists()

    done = html_text(upload(client, csv_bytes(many_rows(3))))
    assert "Import finished" in done and "Created 3, updated 0, 0 unchanged." in done
    assert Course.objects.count() == 3
    job = ImportJob.objects.first()
    assert (job.status, job.rows_done, job.rows_total, bytes(job.data)) == ("finished", 3, 3, b"")

    small = html_text(upload(client, csv_bytes(many_rows(2, rating="9.9"))))
    assert "Created 0, updated 2" in small and ImportJob.objects.count() == 2  # within the request


@pytest.mark.django_db
def test_the_job_page_shows_progress_until_the_worker_is_done(
    client, course_admin, small_inline_limit, django_user_model
):
    small_inline_limit.TASKS = {"default": IMMEDIATE, "background": DUMMY}
    client.force_login(course_admin)
    response = upload(client, csv_bytes(many_rows(60)))
    text = html_text(response)
    assert "Importing courses.csv" in text and "Waiting for the task worker" in text
    assert 'data-running="true"' in response.content.decode()

    job = ImportJob.objects.get()
    url = reverse("courses_import_job", args=[job.pk])
    ImportJob.objects.filter(pk=job.pk).update(status="checking", rows_done=25)
    assert "Checking rows: 25 of 60 done." in html_text(client.get(url))

    # What the worker does (run here, in this process, as the immediate backend would).
    run_import_job.call(job.pk)
    finished = client.get(url)
    assert 'data-running="false"' in finished.content.decode()
    assert "Created 60, updated 0, 0 unchanged." in html_text(finished)

    # The import page leads back to it.
    listed = client.get(reverse(IMPORT_URL)).content.decode()
    assert f'<a href="{url}">courses.csv</a>' in listed
    assert "Your background imports" in html_text(client.get(reverse(IMPORT_URL)))

    # Another course admin's import is neither shown nor listed to this one.
    other = django_user_model.objects.create_user("other-admin", password="pw")
    other.groups.set(course_admin.groups.all())
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert url not in client.get(reverse(IMPORT_URL)).content.decode()


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_a_separate_worker_process_finishes_a_real_import(client, course_admin, settings):
    """The web process only queues the import; `manage.py db_worker`, started as `make worker`
    starts it, runs it against the same (test) database."""
    from django.db import connection

    settings.COURSE_IMPORT_INLINE_MAX_ROWS = 2
    client.force_login(course_admin)
    queued = upload(client, csv_bytes(many_rows(30)))
    assert "Waiting for the task worker" in html_text(queued)
    assert not Course.objects.exists()

    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--backend", "background"]
        + ["--batch", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert worker.returncode == 0, worker.stdout + worker.stderr

    job = ImportJob.objects.get()
    page = client.get(reverse("courses_import_job", args=[job.pk]))
    assert "Import finished" in html_text(page)
    assert "Created 30, updated 0, 0 unchanged." in html_text(page)
    assert Course.objects.filter(live=True).count() == 30
    assert job.rows_done == job.rows_total == 30


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_job_page_follows_the_import_in_the_browser(browser_page, course_admin, settings):
    """The progress page updates itself: no reload by the course admin."""
    from playwright.sync_api import expect

    settings.COURSE_IMPORT_INLINE_MAX_ROWS = 2
    settings.TASKS = {"default": IMMEDIATE, "background": DUMMY}  # the test plays the worker
    page = browser_page
    page.goto(reverse("wagtailadmin_login"))
    page.get_by_label("Username").fill("cora")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    page.goto(reverse(IMPORT_URL))
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "courses.csv", "mimeType": "text/csv", "buffer": csv_bytes(many_rows(3))}]
    )
    page.get_by_role("button", name="Upload").click()
    progress = page.locator("#import-job").get_by_role("status")
    expect(progress).to_contain_text("Waiting for the task worker")

    run_import_job.call(ImportJob.objects.get().pk)
    # The page asks again every 2 s; a loaded test machine may take a few seconds to answer.
    expect(page.locator("main")).to_contain_text(
        "Would create 3, would update 0, 0 unchanged.", timeout=30_000
    )
    expect(page.get_by_role("heading", name="Dry run: nothing was saved")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_the_saved_row_count_shows_while_the_import_transaction_is_open(course_admin):
    from django.db import connections, transaction

    from courses.tasks import ProgressWriter

    job = ImportJob.objects.create(user=course_admin, file_name="big.csv", data=b"", rows_total=60)
    writer = ProgressWriter(job.pk)
    writer("saving", 0)
    reader = connections.create_connection("default")  # the web process, reading the job page
    try:
        with transaction.atomic():  # the import's own transaction, not committed yet
            writer("saving", 25)
            with reader.cursor() as cursor:
                cursor.execute(
                    "SELECT status, rows_done FROM courses_importjob WHERE id = %s", [job.pk]
                )
                assert cursor.fetchone() == ("saving", 25)
    finally:
        writer.close()
        reader.close()
