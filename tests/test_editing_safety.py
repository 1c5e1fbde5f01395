import re

import pytest
from django.urls import reverse

from courses.factories import CourseFactory
from guides.factories import GuidePageFactory
from guides.tests.forms import guide_form

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_guides_and_courses_preview_at_device_sizes_with_checks_and_comments(
    client, category, editor, course_admin
):
    guide = GuidePageFactory(parent=category)
    client.force_login(editor)
    html = client.get(edit_url(guide)).content.decode()
    for size in ("mobile", "tablet", "desktop"):
        assert re.search(rf'name="preview-size"\s+value="{size}"', html)
    assert 'data-side-panel-toggle="checks"' in html  # the content checker
    assert 'data-side-panel-toggle="comments"' in html

    course = CourseFactory()
    client.force_login(course_admin)
    html = client.get(
        reverse("wagtailsnippets_courses_course:edit", args=(course.pk,))
    ).content.decode()
    assert 'data-side-panel-toggle="preview"' in html
    assert re.search(r'name="preview-size"\s+value="mobile"', html)


def test_an_editor_locks_a_guide_and_a_moderators_save_is_refused_until_unlocked(
    client, category, editor, moderator
):
    guide = GuidePageFactory(parent=category, title="Locked guide")
    client.force_login(editor)
    assert client.post(reverse("wagtailadmin_pages:lock", args=(guide.pk,))).status_code == 302
    guide.refresh_from_db()
    assert guide.locked and guide.locked_by == editor

    client.force_login(moderator)
    course = CourseFactory()
    response = client.post(edit_url(guide), guide_form([course], title="Changed", slug=guide.slug))
    assert response.status_code == 200  # the form comes back with the edit in it
    assert "Changed" in response.content.decode()
    guide.refresh_from_db()
    assert guide.get_latest_revision_as_object().title == "Locked guide"

    assert client.post(reverse("wagtailadmin_pages:unlock", args=(guide.pk,))).status_code == 302
    guide.refresh_from_db()
    assert not guide.locked
    response = client.post(edit_url(guide), guide_form([course], title="Changed", slug=guide.slug))
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.get_latest_revision_as_object().title == "Changed"


def test_editors_compare_revisions(client, category, editor):
    guide = GuidePageFactory(parent=category, title="First wording")
    first = guide.save_revision()
    guide.title = "Second wording"
    second = guide.save_revision()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:revisions_compare", args=(guide.pk, first.pk, second.pk))
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    # The title changed between the two: the comparison marks the words removed and added.
    assert re.search(r'<span class="deletion">\s*First\s*</span>', html)
    assert re.search(r'<span class="addition">\s*Second\s*</span>', html)
