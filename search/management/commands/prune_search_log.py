import datetime

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from search.models import SearchQueryLog


class Command(BaseCommand):
    help = (
        "Delete search log rows older than --days (default SEARCH_LOG_RETENTION_DAYS, 90), and "
        "the search promotions' old daily hit counts. Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SEARCH_LOG_RETENTION_DAYS,
            help="Keep this many days of searches (default: %(default)s).",
        )

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        deleted, _ = SearchQueryLog.objects.filter(searched_at__lt=cutoff).delete()
        call_command("searchpromotions_garbage_collect", verbosity=0)
        self.stdout.write(f"Deleted {deleted} search log row(s) older than {days} day(s).")
