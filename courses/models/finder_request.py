"""What readers ask the course finder, kept so admins see what readers look for."""

from django.db import models

from courses.finder import Intent


class FinderRequest(models.Model):
    """One question a reader asked the course finder, so admins see what readers look for."""

    VIA_CHOICES = [("page", "Page"), ("script", "Finder box (in place)"), ("json", "JSON")]

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    query = models.CharField(max_length=500)
    intent = models.JSONField(default=dict, blank=True)
    results_count = models.PositiveIntegerField(default=0)
    via = models.CharField(max_length=10, choices=VIA_CHOICES, default="page")

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "course finder request"

    def __str__(self):
        return self.query

    def intent_summary(self) -> str:
        return Intent.from_dict(self.intent).summary() or "nothing recognised"

    intent_summary.short_description = "intent read"
