"""Course finder requests (one row per anonymous question) are kept for a retention period,
then pruned (`manage.py prune_finder_requests`; the scheduler process runs it too:
tests/test_log_pruning.py)."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from courses.models import FinderRequest


def test_prune_finder_requests_keeps_the_retention_period(db, settings, catalogue):
    assert Client().get(catalogue.url + "finder/", {"q": "python"}).status_code == 200
    old = FinderRequest.objects.create(query="old request")
    FinderRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=91)
    )
    FinderRequest.objects.create(query="new request")
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
