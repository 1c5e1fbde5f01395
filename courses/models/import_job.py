"""A course CSV import run by the task worker, with its progress and report."""

from django.conf import settings
from django.db import models


class ImportJob(models.Model):
    """A course CSV import run by the task worker (courses/tasks.py), with its progress and report.

    The uploaded file is kept in the database, not in media storage, so a worker in another
    container reads it without shared disks; it is emptied once the import ends.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        CHECKING = "checking", "Checking rows"
        SAVING = "saving", "Saving"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    data = models.BinaryField()
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    report = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import of {self.file_name} ({self.get_status_display()})"

    @property
    def running(self) -> bool:
        return self.status not in {self.Status.FINISHED, self.Status.FAILED}
