"""Course finder requests (one row per anonymous question) are pruned like the search log, and
the scheduler process runs both prunes when it starts and then daily."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
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


def test_prune_finder_requests_keeps_the_retention_period(db, settings, catalogue):
    assert Client().get(catalogue.url + "finder/", {"q": "python"}).status_code == 200
    old_rows()
    call_command("prune_finder_requests", verbosity=0)
    assert sorted(FinderRequest.objects.values_list("query", flat=True)) == [
        "new request",
        "python",
    ]
    settings.FINDER_REQUEST_RETENTION_DAYS = 1
    FinderRequest.objects.filter(query="python").update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    call_command("prune_finder_requests", verbosity=0)
    assert list(FinderRequest.objects.values_list("query", flat=True)) == ["new request"]
    with pytest.raises(CommandError, match="at least 1"):
        call_command("prune_finder_requests", days=0)


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_process_prunes_both_logs_when_it_starts():
    old_rows()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "publish_scheduled_safely", "--every", "60"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(300):  # poll: the process needs a moment to start
            pruned = not FinderRequest.objects.filter(query="old request").exists()
            if pruned and not SearchQueryLog.objects.filter(query="old search").exists():
                break
            if process.poll() is not None:
                break
            time.sleep(0.1)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()  # never leave a scheduler behind, holding the test database
            output, _ = process.communicate()
    assert list(FinderRequest.objects.values_list("query", flat=True)) == ["new request"], output
    assert list(SearchQueryLog.objects.values_list("query", flat=True)) == ["new search"], output
    assert "Deleted 1 course finder request(s) older than 90 day(s)" in output
