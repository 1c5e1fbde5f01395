"""Background work for course admins, run by the task worker (`manage.py db_worker --backend
background`: make run starts one, make worker, compose's worker service).

A large CSV import outlasts a web request (gunicorn kills a worker after 60 s), so the upload
view stores the file in an ImportJob and enqueues run_import_job; the job page shows its progress
and, when it ends, the same report as an import run within the request.
"""

import logging

from django.db import connections
from django.utils import timezone
from django_tasks import task

from .importer import import_courses
from .models import ImportJob

logger = logging.getLogger(__name__)


class ProgressWriter:
    """Records how far a job has got, where the job page can read it at once.

    Rows are checked outside any transaction, so the job's own connection will do. They are saved
    in one transaction (all or none), where an update would show only at the end; on PostgreSQL
    the count goes through a second connection instead. SQLite allows one writer at a time, so
    there the page says the rows are being saved, without a count.
    """

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.side = None

    def __call__(self, stage: str, done: int) -> None:
        if stage == ImportJob.Status.SAVING and done:
            if connections["default"].vendor != "postgresql":
                return
            if self.side is None:
                self.side = connections.create_connection("default")
            with self.side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {ImportJob._meta.db_table} SET rows_done = %s WHERE id = %s",
                    [done, self.job_id],
                )
            return
        ImportJob.objects.filter(pk=self.job_id).update(status=stage, rows_done=done)

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


@task(backend="background")
def run_import_job(job_id: int) -> str:
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if not job.running:  # already done (a task run twice): do not import the file again
        return job.status

    progress = ProgressWriter(job_id)
    progress(ImportJob.Status.CHECKING, 0)
    try:
        report = import_courses(
            bytes(job.data), user=job.user, dry_run=job.dry_run, progress=progress
        )
    except Exception:
        # Never leave the page polling a job that will not finish; the worker logs the traceback.
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJob.Status.FAILED, data=b"", finished_at=timezone.now()
        )
        logger.exception("Course import job %s failed", job_id)
        raise
    finally:
        progress.close()
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.FINISHED,
        rows_done=len(report.rows),
        report=report.as_dict(),
        data=b"",
        finished_at=timezone.now(),
    )
    return report.summary()
