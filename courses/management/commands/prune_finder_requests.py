import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from courses.models import FinderRequest


class Command(BaseCommand):
    help = (
        "Delete course finder requests older than --days (default FINDER_REQUEST_RETENTION_DAYS, "
        "90). The scheduler runs it daily (SCHEDULER_DAILY_COMMANDS)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days of requests (default: FINDER_REQUEST_RETENTION_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        if days is None:
            days = settings.FINDER_REQUEST_RETENTION_DAYS
        if days < 1:
            raise CommandError("--days must be at least 1.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        deleted, _ = FinderRequest.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} course finder request(s) older than {days} day(s).")
