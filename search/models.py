from django.db import models
from django.utils import timezone


class SearchQueryLog(models.Model):
    """One reader search (its first results page) and how many results it found.

    Editors read it through the "Searches with no results" report; `manage.py prune_search_log`
    deletes rows older than SEARCH_LOG_RETENTION_DAYS.
    """

    query = models.CharField(max_length=200, help_text="Lower-cased, whitespace collapsed.")
    hits = models.PositiveIntegerField("results")
    searched_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "search log entry"
        verbose_name_plural = "search log"
        ordering = ["-searched_at"]
        indexes = [models.Index(fields=["hits", "query"], name="search_log_hits_query")]

    def __str__(self):
        return f"{self.query} ({self.hits})"


class SearchIndexVersion(models.Model):
    """A counter bumped, in the same transaction, by every change that can change search results
    (search/signals.py). Cached results are keyed by it, so no process serves stale results."""

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "search index version"

    def __str__(self):
        return str(self.version)

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("version", flat=True).first() or 0

    @classmethod
    def bump(cls) -> None:
        if not cls.objects.filter(pk=1).update(version=models.F("version") + 1):
            cls.objects.get_or_create(pk=1, defaults={"version": 1})
