"""The scheduler process prunes both request logs, the course finder's and the search log, and
the worker's finished task results, when it starts and then daily (the retention of each log:
courses/tests/test_finder_pruning.py and search/tests/test_search.py; of task results,
django-tasks' 14 days)."""

import datetime

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from courses.models import FinderRequest
from search.models import SearchQueryLog


def old_rows():
    """A finder request and a search log row 91 days old, a task result finished 15 days ago,
    and a fresh one of each."""
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
    # In different queues: every queue is pruned.
    for task, days, queue in [("old import", 15, "imports"), ("new import", 1, "default")]:
        finished = timezone.now() - datetime.timedelta(days=days)
        DBTaskResult.objects.create(
            task_path=task,
            queue_name=queue,
            args_kwargs={"args": [], "kwargs": {}},
            backend_name="background",
            status="SUCCESSFUL",
            run_after=finished,
            finished_at=finished,
        )


def test_the_scheduler_process_prunes_both_logs_when_it_starts(scheduler_process):
    old_rows()
    scheduler = scheduler_process()
    try:
        scheduler.wait_until(
            lambda: (
                not FinderRequest.objects.filter(query="old request").exists()
                and not SearchQueryLog.objects.filter(query="old search").exists()
                and not DBTaskResult.objects.filter(task_path="old import").exists()
            )
        )
    finally:
        output = scheduler.stop()
    assert list(FinderRequest.objects.values_list("query", flat=True)) == ["new request"], output
    assert list(SearchQueryLog.objects.values_list("query", flat=True)) == ["new search"], output
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == ["new import"], output
    assert "Deleted 1 course finder request(s) older than 90 day(s)" in output
