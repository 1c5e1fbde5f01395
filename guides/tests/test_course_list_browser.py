"""In a real browser, as an editor: a ranked course list filled from one chooser dialog, several
courses at once, in the order they were ticked."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from courses.factories import CourseFactory
from editorial.roles import EDITORS, ensure_editorial_setup
from guides.factories import GuidePageFactory
from guides.models import GuidePage
from tests.helpers import log_in

# Listed in the chooser by rating, best first; ticked in another order.
COURSES = {
    "Django for Everybody": "9.1",
    "Web Application Technologies and Django": "8.8",
    "Python Django: The Practical Guide": "8.6",
    "Django REST Framework from Zero": "8.2",
}
TICKED = [
    "Python Django: The Practical Guide",
    "Django for Everybody",
    "Web Application Technologies and Django",
]


@pytest.fixture
def guide(transactional_db, category, django_user_model):
    ensure_editorial_setup(apps)
    for title, rating in COURSES.items():
        CourseFactory(title=title, rating=rating)
    user = django_user_model.objects.create_user("edna", "edna@example.com", "pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    guide = GuidePageFactory(parent=category, title="Learning Django", slug="learning-django")
    guide.save_revision().publish()
    return guide


def chosen_titles(block):
    """The courses the block's choosers show, without the provider they name in brackets."""
    labels = block.locator("[data-chooser-title]").all_inner_texts()
    return [label.strip().removesuffix(" (Coursera)") for label in labels]


def choose_several(page, block, titles):
    """Tick `titles` in the course chooser's multiple mode, in this order, and confirm."""
    button = block.get_by_role("button", name="Add several courses")
    modal = page.locator(".modal-content")
    # Under load a click can land before the block's chooser is ready and open nothing; a person
    # clicks again, and so does the test.
    for _ in range(5):
        button.click()
        try:
            modal.get_by_role("checkbox").first.wait_for(timeout=8_000)
            break
        except PlaywrightTimeoutError:
            continue
    for title in titles:
        modal.get_by_role("checkbox", name=f"{title} (Coursera)", exact=True).check()
    modal.get_by_role("button", name="Confirm selection").click()
    modal.wait_for(state="detached")


@pytest.mark.browser
def test_an_editor_adds_three_courses_from_one_dialog_in_the_order_ticked(browser_page, guide):
    page = browser_page
    log_in(page, "edna")
    page.goto(f"/admin/pages/{guide.pk}/edit/")

    # A new course list at the end of the guide: it starts with one empty item.
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Course list", exact=True).click()
    block = page.locator(
        "#body-root > [data-streamfield-stream-container] > [data-streamfield-child]"
    ).last
    block.locator("input[name$='-value-heading']").fill("Where to learn Django")

    choose_several(page, block, TICKED)
    # One item per course, in the order ticked (not the chooser's order), none left empty.
    assert chosen_titles(block) == TICKED
    # Choosing again adds only what is not listed yet, after what is there.
    choose_several(page, block, ["Django for Everybody", "Django REST Framework from Zero"])
    ranked = [*TICKED, "Django REST Framework from Zero"]
    assert chosen_titles(block) == ranked

    # The preview shows them ranked, as readers will see them.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    course_list = preview.locator(".course-list").filter(has_text="Where to learn Django")
    course_list.wait_for()
    titles = course_list.locator(".course-item__title").all_inner_texts()
    assert [title.strip() for title in titles] == ranked

    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Page 'Learning Django' has been updated.").wait_for()
    draft = GuidePage.objects.get(pk=guide.pk).get_latest_revision_as_object()
    [stored] = [block for block in draft.body if block.block_type == "course_list"]
    assert [item["course"].title for item in stored.value["items"]] == ranked
    assert stored.value["heading"] == "Where to learn Django"


@pytest.mark.browser
def test_the_single_course_chooser_still_chooses_one(browser_page, guide):
    page = browser_page
    log_in(page, "edna")
    page.goto(f"/admin/pages/{guide.pk}/edit/")
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Course list", exact=True).click()
    body = page.locator("[data-contentpath='body']")
    body.get_by_role("button", name="Choose course").last.click()
    modal = page.locator(".modal-content")
    modal.get_by_role("link", name=re.compile("Django for Everybody")).click()
    modal.wait_for(state="detached")
    assert "Django for Everybody" in chosen_titles(body)
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Page 'Learning Django' has been updated.").wait_for()
    draft = GuidePage.objects.get(pk=guide.pk).get_latest_revision_as_object()
    [stored] = [block for block in draft.body if block.block_type == "course_list"]
    assert [item["course"].title for item in stored.value["items"]] == ["Django for Everybody"]
