"""Helpers the cross-app tests share: signing in a browser, scheduling, letting time pass.

Test modules import these from here, never from one another.
"""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from wagtail.models import Revision


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def future():
    return timezone.now() + datetime.timedelta(hours=1)


def past():
    return timezone.now() - datetime.timedelta(minutes=1)


def schedule(obj):
    """Approve `obj` for a go-live an hour ahead, then let the hour pass."""
    obj.go_live_at = future()
    revision = obj.save_revision()
    revision.publish()
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None and not obj.live
    revision.content["go_live_at"] = past().isoformat()
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=past(), content=revision.content
    )
    return revision


def let_time_pass(revision):
    """Move a scheduled revision's go-live a minute into the past, as if time had passed."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=past, content=revision.content
    )


def insert_block(page, button, name):
    """Click a StreamField "Insert a block" button and choose `name` from its menu.

    On a loaded machine a click can land while a new block's inserter is still being set up and
    open nothing; a person clicks again, and so does this, up to five times."""
    option = page.get_by_role("option", name=name, exact=True)
    for _ in range(5):
        button.click()
        try:
            option.wait_for(state="visible", timeout=8_000)
            break
        except PlaywrightTimeoutError:
            continue
    option.click()
