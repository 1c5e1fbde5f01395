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
