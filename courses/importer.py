"""CSV import of course records, shared by `manage.py import_courses` and the admin upload page.

The columns are exactly those the admin's CSV export writes (CourseViewSet.list_export), so an
exported file can be edited and imported back. Rows are matched on slug, ignoring case: a known slug
updates the course (as a new revision, published unless `live` is false), an unknown one creates
it. Every row is checked before anything is written; one bad row means nothing from the file is
saved, and so does a database error while saving (the whole file is one transaction).

Only the columns in REQUIRED_COLUMNS must be present. An optional column left out of the header
(or a blank `language`, `last_reviewed` or `live` cell) keeps what the course has; a new course
gets the defaults: no topics, English, reviewed today, live.
"""

import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django import forms
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.locks import ScheduledForPublishLock, WorkflowLock

from core import csv_safety

from .models import Course, Level, PriceModel, ProviderNameOrSlugField, Topic

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
TOPIC_MAX_LENGTH = Topic._meta.get_field("name").max_length
TOPIC_SLUG_MAX_LENGTH = Topic._meta.get_field("slug").max_length
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
MAX_TOPICS = 20
TRUE_WORDS = {"true", "yes", "1", "y", "live"}
FALSE_WORDS = {"false", "no", "0", "n", "retired", "draft"}


class WebURLField(forms.URLField):
    # Only web links: readers open a course's link (Django's URLField also takes ftp).
    default_validators = [URLValidator(schemes=["http", "https"])]


class CourseRowForm(forms.ModelForm):
    url = WebURLField(max_length=500, assume_scheme="https")
    provider = ProviderNameOrSlugField()  # a Provider record, by name or slug

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


def shorten(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def topic_errors(names: list[str]) -> list[str]:
    """Topics the database could not store: too long, or with nothing to make a slug from."""
    errors = []
    for name in names:
        if len(name) > TOPIC_MAX_LENGTH:
            errors.append(
                f"topics: “{shorten(name)}” is {len(name)} characters long; "
                f"a topic has at most {TOPIC_MAX_LENGTH}."
            )
            continue
        slug = Topic().slugify(name)
        if not slug:
            errors.append(
                f"topics: “{shorten(name)}” has no letters or digits to make its web address "
                "from; name the topic in words."
            )
        elif len(slug) > TOPIC_SLUG_MAX_LENGTH:
            errors.append(
                f"topics: “{shorten(name)}” makes a web address longer than "
                f"{TOPIC_SLUG_MAX_LENGTH} characters; shorten it."
            )
    return errors


# What a cell must look like, said after the value a row gave when the form refuses it.
FORMATS = {
    "slug": "lower-case letters, digits and hyphens, such as complete-flask",
    "url": "a web address starting with http:// or https://",
    "rating": "a number from 0 to 10 with at most one decimal, such as 8.5",
    "last_reviewed": "a date written YYYY-MM-DD, such as 2026-09-01",
}


def choices_text(form_field) -> str:
    """The valid choices of a choice field, as a course admin may write them."""
    names = []
    for value, label in form_field.choices:
        value, label = str(value), str(label)
        if not value:
            continue
        # A record's choice (a foreign key) is written by name; a fixed choice by label or value.
        same = isinstance(form_field, forms.ModelChoiceField) or value == label.lower()
        names.append(label if same else f"{label} ({value})")
    return ", ".join(names)


def form_errors(form: "CourseRowForm", values: dict) -> list[str]:
    """The form's errors, each repeating the value the row gave and saying what is expected."""
    messages = []
    for name, errors in form.errors.as_data().items():
        if name == "__all__":
            messages += [message for error in errors for message in error.messages]
            continue
        value = values.get(name, "")
        for error in errors:
            text = " ".join(error.messages)
            if not value:
                messages.append(f"{name}: {text}")
            elif error.code == "invalid_choice":
                messages.append(
                    f"{name}: “{shorten(value)}” is not one of the choices; use one of: "
                    f"{choices_text(form.fields[name])}."
                )
            elif name in FORMATS:
                messages.append(f"{name}: “{shorten(value)}”: {text} Expected {FORMATS[name]}.")
            else:
                messages.append(f"{name}: “{shorten(value)}”: {text}")
    return messages


def display(course, name: str) -> str:
    """A field's value as the course admin reads it (a choice's label, a record's name)."""
    getter = getattr(course, f"get_{name}_display", None)
    value = getter() if getter else getattr(course, name)
    return "" if value is None else str(value)


def topic_set(course) -> list[str]:
    return sorted({topic.name.lower() for topic in course.topics.all()})


def has_pending_draft(course: Course) -> bool:
    """Whether the course has changes saved in the editor that are not on the stored record.

    Saving a row publishes (or unpublishes) a new revision made from the stored record, which
    would silently replace such a draft.
    """
    if course.latest_revision_id is None:
        return False
    if course.live:
        return course.has_unpublished_changes or (
            course.live_revision_id is not None
            and course.latest_revision_id != course.live_revision_id
        )
    # Wagtail marks every unpublished record as having unpublished changes, so for a retired
    # course compare its latest revision with the stored record.
    draft = course.latest_revision.as_object()
    if any(getattr(draft, name) != getattr(course, name) for name in MODEL_FIELDS):
        return True
    return topic_set(draft) != topic_set(course)


def lock_error(course: Course, lock) -> str:
    """Why a locked course's row is refused, and what would free it."""
    if isinstance(lock, ScheduledForPublishLock):
        when = timezone.localtime(course.scheduled_revision.approved_go_live_at)
        return (
            f"the course is scheduled to go live on {when:%Y-%m-%d %H:%M} ({when:%Z}); "
            "cancel the schedule or leave this row out."
        )
    if isinstance(lock, WorkflowLock):
        return "the course is in a moderation workflow; finish or cancel it, or leave this row out."
    return f"the course is locked by {course.locked_by}; unlock it or leave this row out."


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class RowResult:
    row: int
    slug: str
    action: str = ""  # "create", "update" or "unchanged"
    changes: list[str] = field(default_factory=list)
    details: list[Change] = field(default_factory=list)  # old -> new for each of `changes`
    errors: list[str] = field(default_factory=list)
    form: CourseRowForm | None = None
    topics: list[str] | None = None  # None: the file has no topics column; keep them
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

    def outcome(self, row: RowResult) -> str:
        """What happened to one row, in the words the report shows."""
        if row.errors:
            return "Error: " + "; ".join(row.errors)
        if row.action == "unchanged":
            return "unchanged"
        verb = "created" if row.action == "create" else "updated"
        if self.dry_run:
            if self.ok:
                return f"would be {verb}"
            return f"would be {verb} once the problems in other rows are fixed"
        if self.saved:
            return "created" if row.action == "create" else "updated (new revision)"
        return f"valid, but not {verb}: the import was refused, so nothing was saved"

    def as_dict(self) -> dict:
        """The report as the import page shows it; JSON, so a background job can store it."""
        return {
            "dry_run": self.dry_run,
            "saved": self.saved,
            "ok": self.ok,
            "summary": self.summary(),
            "errors": self.errors,
            "rows": [
                {
                    "row": row.row,
                    "slug": row.slug,
                    "outcome": self.outcome(row),
                    "changes": [asdict(change) for change in row.details],
                }
                for row in self.rows
            ],
        }

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


def check_row(
    number: int,
    raw: dict,
    existing: dict[str, Course],
    user=None,
    header: frozenset[str] = frozenset(COLUMNS),
) -> RowResult:
    # Undo the quote the CSV export puts before formula-like text (core/csv_safety.py).
    values = {name: csv_safety.restore(raw.get(name) or "").strip() for name in COLUMNS}
    # PostgreSQL refuses a NUL in text and SQLite stores it: refuse it here, the same on both,
    # and check the rest of the row without it.
    nul_columns = [name for name in COLUMNS if "\x00" in values[name]]
    for name in nul_columns:
        values[name] = values[name].replace("\x00", "").strip()
    # Slugs are compared without regard to case; a known course keeps its stored spelling.
    slug = values["slug"].lower()
    course = existing.get(slug)
    values["slug"] = course.slug if course else slug
    result = RowResult(row=number, slug=values["slug"])
    result.errors += [
        f"{name}: the cell contains a NUL character (an invisible control character, "
        "often left by a faulty export), which cannot be stored; delete it."
        for name in nul_columns
    ]
    for name in CHOICES:
        values[name] = normalise_choice(name, values[name])
    if not values["language"]:
        values["language"] = course.language if course else "English"
    if not values["last_reviewed"]:
        reviewed = course.last_reviewed if course else timezone.localdate()
        values["last_reviewed"] = reviewed.isoformat()
    live_text = values["live"].lower()
    if live_text and live_text not in TRUE_WORDS | FALSE_WORDS:
        result.errors.append(f"live: “{values['live']}” is not true or false.")
    if live_text:
        result.live = live_text not in FALSE_WORDS
    else:  # no live column, or a blank cell: keep the course as it is; new courses go live
        result.live = course.live if course else True
    if "topics" in header:
        result.topics = split_topics(values["topics"])
        if len(result.topics) > MAX_TOPICS:
            result.errors.append(
                f"topics: the row names {len(result.topics)} topics; a course has at most "
                f"{MAX_TOPICS}. Keep the ones a reader would search for."
            )
        result.errors += topic_errors(result.topics)
    elif course is None:
        result.topics = []

    # Before the form: validating it copies the row onto the course instance.
    pending_draft = course is not None and has_pending_draft(course)
    old = {name: display(course, name) for name in MODEL_FIELDS} if course else {}
    form = CourseRowForm(data=values, instance=course)
    if not form.is_valid():
        result.errors += form_errors(form, values)
    if result.errors:
        return result
    result.form = form
    if course is None:
        result.action = "create"
        return result
    result.details = [
        Change(name, old[name], display(form.instance, name)) for name in form.changed_data
    ]
    if result.topics is not None and topic_set(course) != result.topics:
        result.details.append(
            Change("topics", ", ".join(topic_set(course)), ", ".join(result.topics))
        )
    if course.live != result.live:
        words = {True: "live", False: "retired"}
        result.details.append(Change("live", words[course.live], words[result.live]))
    result.changes = [change.field for change in result.details]
    result.action = "update" if result.changes else "unchanged"
    if not result.changes:
        return result
    lock = course.get_lock()
    # The command line (no user) respects every lock; in the admin, the locker may import.
    if lock is not None and (user is None or lock.for_user(user)):
        result.errors.append(lock_error(course, lock))
    elif pending_draft:
        result.errors.append(
            "the course has unpublished changes in the editor; publish or discard them first."
        )
    return result


def save_row(result: RowResult, user) -> None:
    course = result.form.save(commit=False)
    if result.action == "create":
        course.live = False
        course.save()
    if result.topics is not None:
        course.topics.set(result.topics)
    course.save()
    revision = course.save_revision(user=user, log_action=True)
    if result.live:
        revision.publish(user=user)
    elif course.live:
        course.unpublish(user=user)


def count_rows(data: bytes) -> int:
    """How many rows (after the header) the file has; 0 if it is not readable as CSV.

    Decides whether the upload is imported within its request or by the worker; an unreadable
    file is refused at once either way.
    """
    try:
        return max(sum(1 for _ in csv.reader(io.StringIO(read_text(data), newline=""))) - 1, 0)
    except (UnicodeDecodeError, csv.Error):
        return 0


# Called with the job's stage ("checking" or "saving") and how many rows are done.
Progress = Callable[[str, int], None]
PROGRESS_EVERY = 25


def import_courses(
    data: bytes, *, user=None, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
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
    # csv.DictReader keeps the last of two same-named columns and drops the other without a word.
    for name, count in Counter(header).items():
        if count > 1 and name:
            places = [str(index) for index, column in enumerate(header, start=1) if column == name]
            report.file_errors.append(
                f"The column “{shorten(name)}” appears {count} times (columns "
                f"{', '.join(places[:-1])} and {places[-1]}); keep one and upload the file again."
            )
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

    # A slug with a NUL is refused by check_row, and PostgreSQL would refuse the query.
    slugs = {(row.get("slug") or "").strip().lower() for row in raw_rows} - {""}
    slugs = {slug for slug in slugs if "\x00" not in slug}
    existing: dict[str, Course] = {}
    found = (
        Course.objects.annotate(slug_lower=Lower("slug"))
        .filter(slug_lower__in=slugs)
        .select_related("latest_revision", "locked_by")
        .prefetch_related("topics")
        .order_by("pk")
    )
    for course in found:
        # Two stored slugs differing only in case: the lower-case one wins.
        if course.slug_lower not in existing or course.slug == course.slug_lower:
            existing[course.slug_lower] = course
    columns = frozenset(header)
    seen: dict[str, int] = {}
    for number, raw in enumerate(raw_rows, start=2):  # row 1 is the header
        if None in raw:
            result = RowResult(row=number, slug=(raw.get("slug") or "").strip())
            result.errors.append("has more cells than the header has columns.")
        else:
            result = check_row(number, raw, existing, user, columns)
        key = result.slug.lower()
        if key and key in seen:
            result.errors.append(f"the slug is already used on row {seen[key]}.")
        seen.setdefault(key, number)
        report.rows.append(result)
        if progress and len(report.rows) % PROGRESS_EVERY == 0:
            progress("checking", len(report.rows))

    if report.ok and not dry_run:
        if progress:
            progress("saving", 0)
        save_all(report, user, progress)
    return report


def save_all(report: ImportReport, user, progress: Progress | None = None) -> None:
    """Save every row in one transaction; a database error undoes them all and is reported.

    `progress` is called inside that transaction: what it writes through the same connection
    shows only once the import commits.
    """
    current = None
    try:
        with transaction.atomic():
            for number, result in enumerate(report.rows, start=1):
                if result.action in {"create", "update"}:
                    current = result
                    save_row(result, user)
                if progress and number % PROGRESS_EVERY == 0:
                    progress("saving", number)
    except DatabaseError as error:
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        if current is None:
            report.file_errors.append(f"The database refused the import ({reason}).")
        else:
            current.errors.append(
                f"the database refused this row ({reason}), so nothing from the file was saved."
            )
        return
    report.saved = True
