import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision, Site

from courses.factories import CourseFactory
from guides.factories import GuideIndexPageFactory, GuidePageFactory
from home.factories import HomePageFactory
from tests.helpers import future, past, schedule


def run_twice_at_once():
    barrier = threading.Barrier(2)
    outputs, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            from io import StringIO

            out = StringIO()
            call_command("publish_scheduled_safely", stdout=out)
            outputs.append(out.getvalue())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    return outputs


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_publish_and_expire_each_item_once():
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    category = GuideIndexPageFactory(parent=home)
    guides = [GuidePageFactory(parent=category, live=False) for _ in range(12)]
    for guide in guides:
        schedule(guide)
    courses = [CourseFactory(live=False) for _ in range(4)]
    for course in courses:
        schedule(course)
    expiring = GuidePageFactory(parent=category, title="Old news")
    Page.objects.filter(pk=expiring.pk).update(expire_at=past())
    revisions_before = Revision.objects.count()

    outputs = run_twice_at_once()

    for guide in guides:
        guide.refresh_from_db()
        assert guide.live
        assert (
            PageLogEntry.objects.filter(page=guide, action="wagtail.publish.scheduled").count() == 1
        )
    for course in courses:
        course.refresh_from_db()
        assert course.live
        assert (
            ModelLogEntry.objects.filter(
                object_id=str(course.pk), action="wagtail.publish.scheduled"
            ).count()
            == 1
        )
    expiring.refresh_from_db()
    assert not expiring.live and expiring.expired
    assert (
        PageLogEntry.objects.filter(page=expiring, action="wagtail.unpublish.scheduled").count()
        == 1
    )
    assert Revision.objects.count() == revisions_before  # publishing adds no revision
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()
    # Between them the two runs report every item exactly once.
    lines = "".join(outputs).splitlines()
    assert len([line for line in lines if line.startswith("Published")]) == 16
    assert len([line for line in lines if line.startswith("Expired")]) == 1


@pytest.mark.django_db
def test_scheduler_logs_what_it_publishes_and_leaves_future_items(category, caplog):
    due = GuidePageFactory(parent=category, title="Due now", live=False)
    schedule(due)
    later = GuidePageFactory(parent=category, title="Next week", live=False)
    later.go_live_at = future() + datetime.timedelta(days=7)
    later.save_revision().publish()

    with caplog.at_level("INFO", logger="editorial.scheduler"):
        call_command("publish_scheduled_safely")

    due.refresh_from_db()
    later.refresh_from_db()
    assert due.live and not later.live
    logged = [r.getMessage() for r in caplog.records if r.name == "editorial.scheduler"]
    assert any("Published guide “Due now”" in message for message in logged)
    assert not any("Next week" in message for message in logged)
