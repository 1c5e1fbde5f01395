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
from courses.tests.forms import course_form

LIST_URL = "wagtailsnippets_courses_course:list"


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


@pytest.mark.django_db
def test_a_course_scheduled_to_go_live_says_so_and_is_not_changed(django_user_model):
    import datetime

    from django.utils import timezone

    course = CourseFactory(slug="complete-flask", rating=Decimal("7.0"), topics=["flask", "python"])
    course.go_live_at = timezone.now() + datetime.timedelta(days=3)
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
def test_new_courses_get_defaults_for_optional_columns():
    from django.utils import timezone

    columns = columns_without("topics", "language", "last_reviewed", "live")
    data = csv_bytes([without(row(), "topics", "language", "last_reviewed", "live")], columns)
    report = import_courses(data)
    assert report.ok, report.errors
    blank = import_courses(csv_bytes([row(slug="blank-cells", last_reviewed="", live="")]))
    assert blank.ok, blank.errors
    for slug in ["complete-flask", "blank-cells"]:
        course = Course.objects.get(slug=slug)
        assert course.live and course.language == "English"
        assert course.last_reviewed == timezone.localdate()
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
