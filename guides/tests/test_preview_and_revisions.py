"""Previews of a guide with a saved draft, as an editor opens them: the preview panel (POST the
form, then GET the preview), View draft, and an old revision. Part of the SQLite smoke run too:
`make run`'s embedded default previews guides the same way, and SQLite refuses SQL that
PostgreSQL takes (a draft's related guides once gave every preview there a server error)."""

import pytest
from django.urls import reverse

from courses.factories import CourseFactory
from guides.body import course_list
from guides.factories import GuidePageFactory
from guides.models import GuidePage
from tests.admin_forms import unchanged_edit_form

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


@pytest.fixture
def drafted_guide(client, editor, category):
    """A live guide with tags, and an editor's saved draft of it with a new title."""
    neighbour = GuidePageFactory(parent=category, title="Flask for beginners")
    neighbour.tags.set(["python"])
    neighbour.save_revision().publish()
    guide = GuidePageFactory(parent=category, title="Django in depth")
    guide.tags.set(["django", "python"])
    guide.save_revision().publish()
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=(guide.pk,))
    form = unchanged_edit_form(client.get(edit_url).content.decode(), GuidePage)
    form["title"] = "Django in depth, revised"
    assert client.post(edit_url, form).status_code == 302
    guide.refresh_from_db()
    assert guide.has_unpublished_changes
    return guide


def test_the_preview_panel_renders_a_guide_with_a_saved_draft(client, drafted_guide):
    edit_url = reverse("wagtailadmin_pages:edit", args=(drafted_guide.pk,))
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(drafted_guide.pk,))
    form = unchanged_edit_form(client.get(edit_url).content.decode(), GuidePage)
    form["title"] = "Django in depth, previewed"

    posted = client.post(preview_url, form)
    assert posted.json() == {"is_valid": True, "is_available": True}
    response = client.get(preview_url)  # the panel's iframe and "open in new tab"
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Django in depth, previewed</h1>" in html
    assert "<li>django</li>" in html and "<li>python</li>" in html
    # Related guides come from the unsaved tags: the neighbour shares "python".
    assert "Flask for beginners" in html


def test_view_draft_and_an_old_revision_render(client, drafted_guide):
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(drafted_guide.pk,)))
    assert response.status_code == 200
    assert "<h1>Django in depth, revised</h1>" in response.content.decode()

    first = drafted_guide.revisions.order_by("created_at", "pk").first()
    response = client.get(
        reverse("wagtailadmin_pages:revisions_view", args=(drafted_guide.pk, first.pk))
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Django in depth</h1>" in html
    assert "Flask for beginners" in html


def test_the_preview_of_a_new_guide_renders(client, editor, category):
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=("guides", "guidepage", category.pk))
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("guides", "guidepage", category.pk)
    )
    form = unchanged_edit_form(client.get(add_url).content.decode(), GuidePage)
    form.update(title="A new guide", slug="a-new-guide", standfirst="New.", author="Edna")
    form["tags"] = "python, django"
    assert client.post(preview_url, form).json()["is_valid"] is True
    response = client.get(preview_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>A new guide</h1>" in html and "<li>python</li>" in html


def test_the_preview_of_a_guide_with_a_ranked_course_list_renders(client, editor, category):
    """The table of contents gives a top-level course list an anchor while the page renders; in a
    preview the body is rebuilt from the form, and that anchor once broke its serialisation."""
    course = CourseFactory(title="Django for Everybody")
    guide = GuidePageFactory(
        parent=category, title="Django courses", body=[course_list([course], heading="Top picks")]
    )
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=(guide.pk,))
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(guide.pk,))
    form = unchanged_edit_form(client.get(edit_url).content.decode(), GuidePage)
    assert client.post(preview_url, form).json()["is_valid"] is True
    response = client.get(preview_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#top-picks">Top picks</a>' in html
    assert 'id="top-picks"' in html and "Django for Everybody" in html
