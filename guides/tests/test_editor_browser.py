"""In a real browser, as an editor: the Django guide saved untouched stays as it was, and its
preview (the panel, and the Checks panel that reads it) shows the guide."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from editorial.roles import EDITORS, ensure_editorial_setup
from guides.models import GuidePage
from guides.tests.lossless import assert_unchanged
from tests.helpers import log_in


@pytest.fixture
def django_guide(transactional_db, demo_site, django_user_model):
    """The demo's Django guide, and Edna, an editor, to edit it."""
    ensure_editorial_setup(apps)
    user = django_user_model.objects.create_user("edna", "edna@example.com", "pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    return GuidePage.objects.get(slug="django-web-framework")


@pytest.mark.browser
def test_the_django_guide_saved_untouched_is_unchanged_and_previews(browser_page, django_guide):
    page, guide = browser_page, django_guide
    before_revision = guide.get_latest_revision()
    before = before_revision.content
    log_in(page, "edna")
    page.goto(f"/admin/pages/{guide.pk}/edit/")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("has been updated").first.wait_for()
    guide.refresh_from_db()
    assert guide.latest_revision_id != before_revision.pk  # the save made a new revision
    after = guide.get_latest_revision().content
    assert_unchanged(before, after)

    # The preview panel shows the saved draft (tags and related guides included) ...
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    assert preview.locator("h1").inner_text() == guide.title
    preview.get_by_role("list", name="Tags").wait_for()
    # ... and the Checks panel measures it: a 500 would leave a handful of words.
    page.locator("[data-side-panel-toggle='checks']").click()
    words = page.locator("[data-content-word-count]")
    page.wait_for_function(
        "el => /^[0-9,]+$/.test(el.textContent.trim())", arg=words.element_handle()
    )
    assert int(re.sub(r"\D", "", words.inner_text())) > 1000


@pytest.mark.browser
def test_an_editor_opens_a_section_and_edits_its_text(browser_page, django_guide):
    """The guide opens with its blocks collapsed and its rich-text editors starting as they are
    needed: once every block is open and every editor started, the form is exactly as it was
    (nothing looks edited, so no unsaved-changes warning and no autosave), and text typed into
    an existing paragraph is saved."""
    page, guide = browser_page, django_guide
    log_in(page, "edna")
    page.goto(f"/admin/pages/{guide.pk}/edit/")
    blocks = page.locator(
        "#body-root > [data-streamfield-stream-container] > [data-streamfield-child]"
    )
    blocks.first.wait_for()
    form = page.locator("#page-edit-form")
    untouched = form.evaluate("form => new URLSearchParams(new FormData(form)).toString()")
    for index in range(blocks.count()):
        blocks.nth(index).locator("[data-panel-toggle]").first.click()
    page.wait_for_function("!document.querySelector('[data-rich-text-pending]')")
    page.wait_for_timeout(1_000)  # the editors' own (debounced) saves into their inputs
    assert form.evaluate("form => new URLSearchParams(new FormData(form)).toString()") == (
        untouched
    )
    unsaved = form.evaluate(
        "form => window.wagtail.app.getControllerForElementAndIdentifier(form, 'w-unsaved')"
        ".hasEditsValue"
    )
    assert unsaved is False

    first_paragraph = blocks.first.locator(".Draftail-Editor [role='textbox']").first
    first_paragraph.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Edited in the browser.")
    # The editor writes into its field a moment after the typing stops, as a person pauses.
    form.evaluate(
        """form => new Promise((done) => {
            const typed = () => new URLSearchParams(new FormData(form)).toString()
                .includes("Edited+in+the+browser.");
            const check = () => (typed() ? done() : setTimeout(check, 100));
            check();
        })"""
    )
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("has been updated").first.wait_for()
    guide.refresh_from_db()
    draft = guide.get_latest_revision_as_object()
    first_section = next(child for child in draft.body if child.block_type == "section")
    texts = [str(child.value) for child in first_section.value["content"]]
    assert any("Edited in the browser." in text for text in texts)
