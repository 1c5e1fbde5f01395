from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courses.importer import COLUMNS, REQUIRED_COLUMNS, import_courses


class Command(BaseCommand):
    help = (
        "Create or update courses from a CSV file with the columns the admin's CSV export writes: "
        + ", ".join(COLUMNS)
        + ". Only "
        + ", ".join(REQUIRED_COLUMNS)
        + " are required; a column left out keeps what each course has. Rows are matched on slug"
        " (ignoring case). Nothing is saved if any row is wrong or cannot be saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to a UTF-8 CSV file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and show what would change"
        )

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        report = import_courses(path.read_bytes(), dry_run=dry_run)
        for row in report.rows:
            if row.errors or row.action == "unchanged":
                continue
            self.stdout.write(f"Row {row.row} ({row.slug}): {report.outcome(row)}")
            for change in row.details:
                self.stdout.write(f"    {change.field}: {change.old or '(blank)'} -> {change.new}")
        if not report.ok:
            for error in report.errors:
                self.stderr.write(error)
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
