import datetime
import re
import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Revision, Site

from courses.factories import CourseFactory
from guides.factories import GuideIndexPageFactory, GuidePageFactory
from guides.models import GuidePage
from guides.tests.forms import guide_form
from home.factories import HomePageFactory

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


@pytest.fixture
def draft(category):
    guide = GuidePageFactory(parent=category, title="Flask for beginners", live=False)
    guide.save_revision()
    return guide


def post_edit(client, guide, **overrides):
    overrides.setdefault("slug", guide.slug)
    return client.post(edit_url(guide), guide_form([CourseFactory()], **overrides))


def test_a_go_live_in_a_daylight_saving_gap_is_a_form_error_that_keeps_the_edit(
    client, moderator, draft
):
    client.force_login(moderator)
    # On 28 March 2027 London clocks jump from 01:00 to 02:00: 01:30 never happens.
    response = post_edit(
        client,
        draft,
        title="My unsaved new title",
        go_live_at="2027-03-28 01:30",
        **{"action-publish": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "couldn’t be interpreted in time zone Europe/London" in html
    assert "My unsaved new title" in html and "Flask gives you routing." in html
    draft.refresh_from_db()
    assert draft.title == "Flask for beginners" and not draft.live
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


def test_an_expiry_before_the_go_live_is_refused_with_a_message(client, moderator, draft):
    client.force_login(moderator)
    response = post_edit(
        client,
        draft,
        go_live_at="2027-05-02 09:00",
        expire_at="2027-05-01 09:00",
        **{"action-publish": "1"},
    )
    assert response.status_code == 200
    assert "Go live date/time must be before expiry date/time" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.live
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


def test_a_go_live_in_the_past_publishes_at_once(client, moderator, draft):
    client.force_login(moderator)
    response = post_edit(client, draft, go_live_at="2020-01-01 09:00", **{"action-publish": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


def test_the_go_live_the_editor_shows_is_the_one_it_accepts_and_names_its_zone(
    client, moderator, draft
):
    """What the admin's date picker writes must parse back, in the site's time zone."""
    client.force_login(moderator)
    response = post_edit(client, draft, go_live_at="2027-07-01 09:30")  # save a draft
    assert response.status_code == 302
    form = client.get(edit_url(draft)).content.decode()
    shown = re.search(r'name="go_live_at"[^>]*value="([^"]+)"', form)
    shown = shown or re.search(r'value="([^"]+)"[^>]*name="go_live_at"', form)
    assert shown, "the go-live field shows the saved value"
    assert "Time zone: Europe/London." in form

    response = post_edit(client, draft, go_live_at=shown.group(1), **{"action-publish": "1"})
    assert response.status_code == 302, "the value the form showed was refused"
    scheduled = Revision.objects.get(approved_go_live_at__isnull=False)
    # 09:30 in London in July is 08:30 UTC (British Summer Time).
    assert scheduled.approved_go_live_at == datetime.datetime(
        2027, 7, 1, 8, 30, tzinfo=datetime.UTC
    )


@pytest.mark.django_db(transaction=True)
def test_two_moderators_publishing_the_same_guide_at_once_both_keep_their_revisions(
    django_user_model,
):
    from django.apps import apps

    from editorial.roles import MODERATORS, ensure_editorial_setup

    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    ensure_editorial_setup(apps)
    guide = GuidePageFactory(parent=GuideIndexPageFactory(parent=home), title="Shared guide")
    course = CourseFactory()
    clients = []
    for name in ("mo", "max"):
        user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw")
        user.groups.add(Group.objects.get(name=MODERATORS))
        client = Client()
        client.force_login(user)
        clients.append((name, client))
    revisions_before = guide.revisions.count()
    barrier = threading.Barrier(2)
    statuses = {}

    def publish(name, client):
        try:
            data = guide_form(
                [course], title=f"Title by {name}", slug=guide.slug, **{"action-publish": "1"}
            )
            barrier.wait(timeout=10)
            statuses[name] = client.post(edit_url(guide), data).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert statuses == {"mo": 302, "max": 302}
    titles = set(guide.revisions.values_list("content__title", flat=True))
    assert {"Title by mo", "Title by max"} <= titles
    assert guide.revisions.count() == revisions_before + 2
    guide = GuidePage.objects.get(pk=guide.pk)
    assert guide.live and guide.title in {"Title by mo", "Title by max"}
    assert guide.live_revision.content["title"] == guide.title
