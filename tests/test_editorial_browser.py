"""End to end in a real browser: draft → review → schedule → live, as editors do it."""

import datetime
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision, Site

from courses.factories import CourseFactory
from editorial.roles import EDITORS, MODERATORS, ensure_editorial_setup
from guides.factories import GuideIndexPageFactory
from guides.models import GuidePage
from home.factories import HomePageFactory
from tests.helpers import insert_block, let_time_pass, log_in

TITLE = "Flask from scratch"


@pytest.fixture
def newsroom(transactional_db, django_user_model):
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    ensure_editorial_setup(apps)
    category = GuideIndexPageFactory(parent=home, title="Web development", slug="web-development")
    CourseFactory(title="The Flask Mega-Tutorial", slug="flask-mega-tutorial")
    for username, group in (("edna", EDITORS), ("morgan", MODERATORS)):
        user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
        user.groups.add(Group.objects.get(name=group))
    return category


def insert(page, name, which=-1):
    insert_block(page, page.get_by_role("button", name="Insert a block").nth(which), name)


@pytest.mark.browser
def test_a_guide_goes_from_draft_through_review_and_schedule_to_live(
    browser_page, newsroom, settings
):
    page = browser_page
    category = newsroom
    # Wagtail's autosave is off here: this test fills a new page faster than any person, and an
    # autosave from the add form landing after "Save draft" makes Wagtail's own conflict dialog
    # ("You saved a new version in another window") meet the Submit. Autosave stays on in the
    # role journeys (tests/test_role_journeys_browser.py), which edit at a person's pace.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0

    # The editor writes a guide with a section, an FAQ item and a chosen course.
    log_in(page, "edna")
    page.goto(f"/admin/pages/add/guides/guidepage/{category.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_standfirst", "Build a small web app with Flask, one piece at a time.")
    page.fill("#id_author", "Edna Editor")
    insert(page, "Section", 0)
    page.fill("#body-0-value-heading", "Why Flask")
    insert(page, "Paragraph", 1)  # the insert button inside the new section
    page.locator("#body-0-value-content-0-value").locator("xpath=..").get_by_role("textbox").click()
    page.keyboard.type("Flask gives you routing and templates, and leaves the rest to you.")
    insert(page, "Faq")
    page.fill("#body-1-value-items-0-value-question", "Is Flask good for beginners?")
    page.locator("#body-1-value-items-0-value-answer").locator("xpath=..").get_by_role(
        "textbox"
    ).click()
    page.keyboard.type("Yes: it is small enough to read in an afternoon.")
    insert(page, "Course list")
    page.locator("[data-contentpath='body']").get_by_role("button", name="Choose course").click()
    page.locator(".modal-content").get_by_role("link", name="The Flask Mega-Tutorial").click()
    page.locator(".modal-content").wait_for(state="detached")

    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    guide = GuidePage.objects.get(title=TITLE)
    assert not guide.live
    stored = guide.get_latest_revision_as_object()
    assert [block.block_type for block in stored.body] == ["section", "faq", "course_list"]
    assert stored.body[2].value["items"][0]["course"].title == "The Flask Mega-Tutorial"

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Editorial review").click()
    page.get_by_text(f"Page '{TITLE}' has been submitted for moderation.").wait_for()

    # The moderator sets a go-live time and approves.
    log_in(page, "morgan")
    page.goto(f"/admin/pages/{guide.pk}/edit/")
    page.locator("[data-side-panel-toggle='status']").click()
    page.get_by_role("button", name="Set schedule").click()
    go_live = timezone.localtime() + datetime.timedelta(days=1)
    # Set the value directly: the date picker's pop-up would cover the dialog's button.
    page.locator("#id_go_live_at").evaluate(
        "(field, value) => { field.value = value; }", go_live.strftime("%Y-%m-%d %H:%M")
    )
    page.get_by_role("button", name="Save schedule").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{guide.pk}/edit/$"))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.get_by_text(
        f"'{TITLE}' has been approved and will go live on {go_live.day} {go_live:%B %Y} at "
        f"{go_live:%H:%M} (Europe/London)."
    ).wait_for()

    guide.refresh_from_db()
    assert not guide.live
    scheduled = Revision.page_revisions.get(
        object_id=str(guide.pk), approved_go_live_at__isnull=False
    )
    page.goto(f"/admin/editorial-calendar/?start={go_live.date().isoformat()}")
    page.get_by_role("link", name=TITLE).wait_for()

    # The go-live passes and the scheduler runs.
    let_time_pass(scheduled)
    call_command("publish_scheduled_safely")

    page.context.clear_cookies()
    page.goto(category.url)
    page.get_by_role("link", name=TITLE).first.wait_for()
    page.goto("/search/?q=flask+scratch")
    page.get_by_role("link", name=TITLE).first.wait_for()
    page.get_by_role("link", name=TITLE).first.click()
    assert page.locator("h1").inner_text() == TITLE
    assert page.get_by_text("The Flask Mega-Tutorial").first.is_visible()
