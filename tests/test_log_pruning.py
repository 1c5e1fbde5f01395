"""The scheduler process prunes both request logs, the course finder's and the search log, when
it starts and then daily (the retention of each: courses/tests/test_finder_pruning.py and
search/tests/test_search.py)."""

import datetime

from django.utils import timezone

from courses.models import FinderRequest
from search.models import SearchQueryLog


def old_rows():
    """A finder request and a search log row 91 days old, and a fresh one of each."""
    for model, field, values in [
        (FinderRequest, "created_at", {"query": "old request"}),
        (SearchQueryLog, "searched_at", {"query": "old search", "hits": 0}),
    ]:
        row = model.objects.create(**values)
        model.objects.filter(pk=row.pk).update(
            **{field: timezone.now() - datetime.timedelta(days=91)}
        )
    FinderRequest.objects.create(query="new request")
    SearchQueryLog.objects.create(query="new search", hits=0)


def test_the_scheduler_process_prunes_both_logs_when_it_starts(scheduler_process):
    old_rows()
    scheduler = scheduler_process()
    try:
        scheduler.wait_until(
            lambda: (
                not FinderRequest.objects.filter(query="old request").exists()
                and not SearchQueryLog.objects.filter(query="old search").exists()
            )
        )
    finally:
        output = scheduler.stop()
    assert list(FinderRequest.objects.values_list("query", flat=True)) == ["new request"], output
    assert list(SearchQueryLog.objects.values_list("query", flat=True)) == ["new search"], output
    assert "Deleted 1 course finder request(s) older than 90 day(s)" in output
