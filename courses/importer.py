"""CSV import of course records, shared by `manage.py import_courses` and the admin upload page.

The columns are exactly those the admin's CSV export writes (CourseViewSet.list_export), so an
exported file can be edited and imported back. Rows are matched on slug: a known slug updates the
course (as a new revision, published unless `live` is false), an unknown one creates it. Every row
is checked before anything is written; one bad row means nothing from the file is saved.
"""

import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.db import transaction

from .models import Course, Level, PriceModel, Provider

COLUMNS = [
    "slug",
    "title",
    "provider",
    "url",
    "rating",
    "review",
    "level",
    "topics",
    "price_model",
    "language",
    "last_reviewed",
    "live",
]
REQUIRED_COLUMNS = ["slug", "title", "provider", "url", "rating", "review", "level", "price_model"]
MODEL_FIELDS = [c for c in COLUMNS if c not in {"topics", "live"}]
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
TRUE_WORDS = {"true", "yes", "1", "y", "live"}
FALSE_WORDS = {"false", "no", "0", "n", "retired", "draft"}


class CourseRowForm(forms.ModelForm):
    url = forms.URLField(max_length=500, assume_scheme="https")

    class Meta:
        model = Course
        fields = MODEL_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Fields with a callable default compare against a hidden "initial-" input that a CSV row
        # does not have; compare with the stored course instead.
        for form_field in self.fields.values():
            form_field.show_hidden_initial = False


# Readers of a spreadsheet see "Coursera" and "Beginner"; accept those as well as the stored values.
CHOICES = {
    "provider": Provider,
    "level": Level,
    "price_model": PriceModel,
}


def normalise_choice(name: str, value: str) -> str:
    choices = CHOICES[name]
    lowered = value.strip().lower()
    for choice in choices:
        if lowered in {choice.value, str(choice.label).lower()}:
            return choice.value
    return value.strip()


def split_topics(value: str) -> list[str]:
    return sorted({topic.strip().lower() for topic in value.split(",") if topic.strip()})


@dataclass
class RowResult:
    row: int
    slug: str
    action: str = ""  # "create", "update" or "unchanged"
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    form: CourseRowForm | None = None
    topics: list[str] = field(default_factory=list)
    live: bool = True


@dataclass
class ImportReport:
    dry_run: bool
    rows: list[RowResult] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    saved: bool = False

    @property
    def errors(self) -> list[str]:
        messages = list(self.file_errors)
        for row in self.rows:
            label = f"Row {row.row}" + (f" ({row.slug})" if row.slug else "")
            messages += [f"{label}: {error}" for error in row.errors]
        return messages

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)

    def summary(self) -> str:
        if not self.ok:
            return f"Nothing was imported: {len(self.errors)} problem(s) found."
        verb = "Would create" if self.dry_run else "Created"
        return (
            f"{verb} {self.count('create')}, "
            f"{'would update' if self.dry_run else 'updated'} {self.count('update')}, "
            f"{self.count('unchanged')} unchanged."
        )


def read_text(data: bytes) -> str:
    return data.decode("utf-8-sig")


def check_row(number: int, raw: dict, existing: dict[str, Course], user=None) -> RowResult:
    values = {name: (raw.get(name) or "").strip() for name in COLUMNS}
    result = RowResult(row=number, slug=values["slug"])
    for name in CHOICES:
        values[name] = normalise_choice(name, values[name])
    course = existing.get(values["slug"])
    if not values["language"]:
        values["language"] = course.language if course else "English"
    if not values["last_reviewed"] and course:
        values["last_reviewed"] = course.last_reviewed.isoformat()
    live_text = values["live"].lower()
    if live_text and live_text not in TRUE_WORDS | FALSE_WORDS:
        result.errors.append(f"live: “{values['live']}” is not true or false.")
    result.live = live_text not in FALSE_WORDS
    result.topics = split_topics(values["topics"])

    form = CourseRowForm(data=values, instance=course)
    if not form.is_valid():
        for name, errors in form.errors.items():
            prefix = "" if name == "__all__" else f"{name}: "
            result.errors += [prefix + error for error in errors]
        return result
    result.form = form
    if course is None:
        result.action = "create"
        return result
    result.changes = list(form.changed_data)
    if sorted(topic.name.lower() for topic in course.topics.all()) != result.topics:
        result.changes.append("topics")
    if course.live != result.live:
        result.changes.append("live")
    result.action = "update" if result.changes else "unchanged"
    lock = course.get_lock() if result.changes else None
    # The command line (no user) respects every lock; in the admin, the locker may import.
    if lock is not None and (user is None or lock.for_user(user)):
        who = f"locked by {course.locked_by}" if course.locked else "in a moderation workflow"
        result.errors.append(f"the course is {who}; unlock it or leave this row out.")
    return result


def save_row(result: RowResult, user) -> None:
    course = result.form.save(commit=False)
    if result.action == "create":
        course.live = False
        course.save()
    course.topics.set(result.topics)
    course.save()
    revision = course.save_revision(user=user, log_action=True)
    if result.live:
        revision.publish(user=user)
    elif course.live:
        course.unpublish(user=user)


def import_courses(data: bytes, *, user=None, dry_run: bool = False) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    if len(data) > MAX_BYTES:
        report.file_errors.append(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        return report
    try:
        text = read_text(data)
    except UnicodeDecodeError:
        report.file_errors.append("The file is not UTF-8 text. Save it as “CSV UTF-8” and retry.")
        return report
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [name.strip() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        report.file_errors.append(f"The file is not readable CSV: {error}.")
        return report
    reader.fieldnames = header
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    if missing:
        report.file_errors.append("Missing column(s): " + ", ".join(missing) + ".")
    if unknown:
        report.file_errors.append(
            "Unknown column(s): " + ", ".join(unknown) + ". Expected: " + ", ".join(COLUMNS) + "."
        )
    if report.file_errors:
        return report

    try:
        raw_rows = list(reader)
    except csv.Error as error:
        report.file_errors.append(f"The file is not readable CSV: {error}.")
        return report
    if len(raw_rows) > MAX_ROWS:
        report.file_errors.append(f"The file has more than {MAX_ROWS} rows; split it up.")
        return report
    if not raw_rows:
        report.file_errors.append("The file has a header but no courses.")
        return report

    slugs = [(row.get("slug") or "").strip() for row in raw_rows]
    existing = {
        course.slug: course
        for course in Course.objects.filter(slug__in=slugs).prefetch_related("topics")
    }
    seen: dict[str, int] = {}
    for number, raw in enumerate(raw_rows, start=2):  # row 1 is the header
        if None in raw:
            result = RowResult(row=number, slug=(raw.get("slug") or "").strip())
            result.errors.append("has more cells than the header has columns.")
        else:
            result = check_row(number, raw, existing, user)
        if result.slug and result.slug in seen:
            result.errors.append(f"the slug is already used on row {seen[result.slug]}.")
        seen.setdefault(result.slug, number)
        report.rows.append(result)

    if report.ok and not dry_run:
        with transaction.atomic():
            for result in report.rows:
                if result.action in {"create", "update"}:
                    save_row(result, user)
        report.saved = True
    return report
