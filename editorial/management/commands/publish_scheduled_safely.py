"""Wagtail's `publish_scheduled`, safe to run from several schedulers at once.

Wagtail's own command reads the due revisions and expired objects first and then acts on each,
so two runs that overlap both publish the same revision (two "published" log entries, two
publish signals, two cache purges). Here every item is claimed in its own transaction with
`SELECT ... FOR UPDATE SKIP LOCKED` and checked again once locked: whichever run claims an item
publishes or unpublishes it, the other skips it. Each action is logged.

SQLite has no row locks: there each item's transaction begins IMMEDIATE (settings.SQLITE_OPTIONS),
so a second scheduler waits for the first one's write lock and then finds the item done. Should
the lock stay taken for longer than the busy timeout, the run stops with a plain message, not a
traceback, and the next run picks up what is still due.
"""

import io
import logging
import shlex
import signal
import threading
import time

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

logger = logging.getLogger("editorial.scheduler")
DAY_SECONDS = 24 * 60 * 60


def _describe(obj) -> str:
    obj = obj.specific if isinstance(obj, Page) else obj
    return f"{obj._meta.verbose_name} “{obj}” (id {obj.pk})"


def _local(when) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%d %H:%M %Z")


def _draft_state_models():
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def _database_busy(error: OperationalError) -> bool:
    return connection.vendor == "sqlite" and "locked" in str(error)


def _busy_message() -> str:
    seconds = connection.settings_dict.get("OPTIONS", {}).get("timeout", 5)
    return (
        f"The database stayed busy for {seconds} seconds (another process, such as a second "
        "scheduler or an import, was writing), so this run stopped early. Nothing was half done; "
        "the next run publishes and expires whatever is still due."
    )


def expire_due(now, done: list[str]) -> list[str]:
    for model in _draft_state_models():
        due = model.objects.filter(live=True, expire_at__lt=now).order_by("expire_at")
        for pk in list(due.values_list("pk", flat=True)):
            with transaction.atomic():
                obj = (
                    model.objects.select_for_update(skip_locked=True, of=("self",))
                    .filter(pk=pk, live=True, expire_at__lt=now)
                    .first()
                )
                if obj is None:
                    continue  # another scheduler has it, or it changed meanwhile
                obj = obj.specific if isinstance(obj, Page) else obj
                obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
            done.append(f"Expired {_describe(obj)}, expiry {_local(obj.expire_at)}")
    return done


def publish_due(now, done: list[str]) -> list[str]:
    due = Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at")
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            revision = (
                Revision.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, approved_go_live_at__lt=now)
                .first()
            )
            if revision is None:
                continue
            go_live_at = revision.approved_go_live_at
            revision.publish(log_action="wagtail.publish.scheduled")
            obj = revision.as_object()
        done.append(
            f"Published {_describe(obj)}, revision {pk}, scheduled for {_local(go_live_at)}"
        )
    return done


class Command(BaseCommand):
    help = (
        "Publish revisions whose go-live time has passed and unpublish expired pages and "
        "snippets, like Wagtail's publish_scheduled but safe when several schedulers run at "
        "once. With --every N it keeps running, checks every N seconds, and runs "
        "SCHEDULER_DAILY_COMMANDS (pruning logs and task results) at start and then daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running and check every SECONDS seconds (the scheduler process).",
        )

    def handle(self, *args, every=0, **options):
        if every <= 0:
            try:
                self.run_once()
            except OperationalError as error:
                if not _database_busy(error):
                    raise
                raise CommandError(_busy_message()) from error
            return
        # Stop cleanly between runs on SIGTERM (docker stop, systemd) or SIGINT (Ctrl-C). Handlers
        # are set explicitly: a process started in the background inherits an ignored SIGINT.
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        logger.info("Scheduler started: checking every %s seconds", every)
        next_daily = time.monotonic()  # the daily commands run at start, then every 24 hours
        while not stop.is_set():
            started = time.monotonic()
            if started >= next_daily:
                self.run_daily()
                next_daily = started + DAY_SECONDS
            try:
                self.run_once()
            except OperationalError as error:
                if not _database_busy(error):
                    logger.exception("Scheduled publishing failed; trying again next time")
                else:
                    logger.warning("%s", _busy_message())
            except Exception:
                # One bad run (database restarting, say) must not stop the scheduler.
                logger.exception("Scheduled publishing failed; trying again next time")
            stop.wait(max(1.0, every - (time.monotonic() - started)))
        logger.info("Scheduler stopped")

    def run_daily(self):
        """settings.SCHEDULER_DAILY_COMMANDS (pruning logs and task results). Several schedulers
        may all run them: each deletes what is older than its cut-off, which a second run finds
        already done."""
        for command in settings.SCHEDULER_DAILY_COMMANDS:
            try:
                name, *arguments = shlex.split(command)
                output = io.StringIO()
                call_command(name, *arguments, stdout=output)
                # Some commands report through their own logger, not their output.
                logger.info("%s: %s", command, output.getvalue().strip() or "done")
            except Exception:
                logger.exception("Daily command %r failed; trying again tomorrow", command)

    def run_once(self):
        now = timezone.now()
        actions = []
        try:
            expire_due(now, actions)
            publish_due(now, actions)
        finally:  # what was done is reported even when a later item fails
            for line in actions:
                logger.info(line)
                self.stdout.write(line)
        if not actions:
            logger.debug("Nothing scheduled is due")
        return actions
