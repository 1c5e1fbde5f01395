from django.core.management.base import BaseCommand, CommandError

from courses.linkcheck import check_course_links
from courses.models import Course


class Command(BaseCommand):
    help = (
        "Check the outbound link of every live course (a few at a time, with a timeout) and "
        "store the result; see Reports > Course link check in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=8, help="links checked at once")
        parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
        parser.add_argument(
            "--all", action="store_true", dest="include_retired", help="include retired courses"
        )

    def handle(self, *args, workers, timeout, include_retired, **options):
        if not 1 <= workers <= 32:
            raise CommandError("--workers must be between 1 and 32.")
        if not 0 < timeout <= 120:
            raise CommandError("--timeout must be between 0 and 120 seconds.")
        courses = Course.objects.all() if include_retired else Course.objects.live()
        courses = courses.order_by("pk")
        checks = check_course_links(courses, workers=workers, timeout=timeout)
        broken = [check for check in checks if not check.ok]
        for check in broken:
            self.stdout.write(f"BROKEN {check.course.slug}: {check.result} ({check.url})")
        self.stdout.write(self.style.SUCCESS(f"Checked {len(checks)} links: {len(broken)} broken."))
