import datetime
import html
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from courses.factories import CourseFactory
from courses.models import Course
from courses.tests.forms import course_form
from guides.factories import GuidePageFactory
from guides.models import GuidePage
from guides.tests.forms import guide_form
from tests.helpers import let_time_pass

pytestmark = pytest.mark.django_db


def add_url(category):
    return reverse("wagtailadmin_pages:add", args=("guides", "guidepage", category.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_editor_drafts_and_submits_and_the_moderator_approves_with_a_go_live(
    client, category, editor, moderator
):
    course = CourseFactory(title="Flask Mega Course")
    client.force_login(editor)
    response = client.post(add_url(category), guide_form([course]))
    assert response.status_code == 302
    guide = GuidePage.objects.get(slug="flask-for-beginners")
    assert not guide.live

    response = client.post(edit_url(guide), guide_form([course], **{"action-submit": "1"}))
    assert response.status_code == 302
    state = WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.name == "Editorial review"
    assert state.current_task_state.task.name == "Moderator approval"

    # The editor cannot approve their own guide: the action is not offered, nothing is approved.
    client.post(
        edit_url(guide),
        guide_form([course], **{"action-workflow-action": "1", "workflow-action-name": "approve"}),
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    go_live = timezone.now() + datetime.timedelta(days=2)
    client.force_login(moderator)
    response = client.post(
        edit_url(guide),
        guide_form(
            [course],
            go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
            **{"action-workflow-action": "1", "workflow-action-name": "approve"},
        ),
    )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    guide.refresh_from_db()
    assert not guide.live  # scheduled, not yet live
    scheduled = Revision.page_revisions.get(
        object_id=str(guide.pk), approved_go_live_at__isnull=False
    )
    assert abs(scheduled.approved_go_live_at - go_live) < datetime.timedelta(minutes=1)

    # Time passes: the go-live is now behind us and the scheduler runs.
    let_time_pass(scheduled)
    call_command("publish_scheduled_safely")
    guide.refresh_from_db()
    assert guide.live
    assert client.get(guide.url).status_code == 200


def test_editor_posting_a_publish_gets_403_and_nothing_changes(client, category, editor):
    guide = GuidePageFactory(parent=category, title="Original title", live=False)
    guide.save_revision()
    revisions = guide.revisions.count()
    client.force_login(editor)
    course = CourseFactory()
    response = client.post(
        edit_url(guide),
        guide_form([course], title="Sneaky title", slug=guide.slug, **{"action-publish": "1"}),
    )
    assert response.status_code == 403
    guide.refresh_from_db()
    assert not guide.live
    assert guide.title == "Original title"
    assert guide.revisions.count() == revisions

    response = client.post(add_url(category), guide_form([course], **{"action-publish": "1"}))
    assert response.status_code == 403
    assert not GuidePage.objects.filter(slug="flask-for-beginners").exists()


def test_editor_cannot_unpublish_but_a_moderator_can(client, category, editor, moderator):
    guide = GuidePageFactory(parent=category)
    url = reverse("wagtailadmin_pages:unpublish", args=(guide.pk,))
    client.force_login(editor)
    assert client.post(url).status_code in (302, 403)
    guide.refresh_from_db()
    assert guide.live
    client.force_login(moderator)
    assert client.post(url).status_code == 302
    guide.refresh_from_db()
    assert not guide.live


def test_moderator_publishes_directly(client, category, moderator):
    client.force_login(moderator)
    response = client.post(
        add_url(category), guide_form([CourseFactory()], **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert GuidePage.objects.get(slug="flask-for-beginners").live


def test_editor_chooses_courses_but_cannot_edit_them(client, editor):
    course = CourseFactory(title="Chooseable course")
    client.force_login(editor)
    chooser = client.get(reverse("wagtailsnippetchoosers_courses_course:choose"))
    assert chooser.status_code == 200
    assert "Chooseable course" in chooser.content.decode()
    edit = reverse("wagtailsnippets_courses_course:edit", args=(course.pk,))
    assert client.get(edit).status_code in (302, 403)
    response = client.post(reverse("wagtailsnippets_courses_course:unpublish", args=(course.pk,)))
    assert response.status_code in (302, 403)
    course.refresh_from_db()
    assert course.live


def test_course_admin_adds_publishes_and_retires_courses_but_not_pages(
    client, category, course_admin
):
    client.force_login(course_admin)
    response = client.post(
        reverse("wagtailsnippets_courses_course:add"), course_form(**{"action-publish": "1"})
    )
    assert response.status_code == 302
    course = Course.objects.get(slug="complete-flask")
    assert course.live

    response = client.post(reverse("wagtailsnippets_courses_course:unpublish", args=(course.pk,)))
    assert response.status_code == 302
    course.refresh_from_db()
    assert not course.live  # retired

    assert client.get(add_url(category)).status_code in (302, 403)
    assert client.post(add_url(category), guide_form([course])).status_code in (302, 403)
    assert not GuidePage.objects.filter(slug="flask-for-beginners").exists()
    guide = GuidePageFactory(parent=category, title="Untouched")
    client.post(edit_url(guide), guide_form([course], title="Touched", slug=guide.slug))
    guide.refresh_from_db()
    assert guide.title == "Untouched"
    # Deleting a course that guides rank is left to superusers.
    delete = reverse("wagtailsnippets_courses_course:delete", args=(course.pk,))
    assert client.post(delete).status_code in (302, 403)
    assert Course.objects.filter(pk=course.pk).exists()


def test_course_changes_by_someone_without_publish_rights_go_to_course_admins(
    client, course_admin, django_user_model
):
    from django.contrib.auth.models import Permission

    contributor = django_user_model.objects.create_user("tess", "t@example.com", "pw")
    contributor.user_permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", "add_course", "change_course", "view_course"]
        )
    )
    client.force_login(contributor)
    # Publishing directly is refused outright, and nothing is created.
    response = client.post(
        reverse("wagtailsnippets_courses_course:add"), course_form(**{"action-publish": "1"})
    )
    assert response.status_code == 403
    assert not Course.objects.filter(slug="complete-flask").exists()

    response = client.post(
        reverse("wagtailsnippets_courses_course:add"), course_form(**{"action-submit": "1"})
    )
    assert response.status_code == 302
    course = Course.objects.get(slug="complete-flask")
    assert not course.live
    state = WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.name == "Course review"

    response = client.post(
        reverse("wagtailsnippets_courses_course:edit", args=(course.pk,)),
        course_form(**{"action-publish": "1"}),
    )
    assert response.status_code == 403
    course.refresh_from_db()
    assert not course.live

    client.force_login(course_admin)
    response = client.post(
        reverse("wagtailsnippets_courses_course:edit", args=(course.pk,)),
        course_form(**{"action-workflow-action": "1", "workflow-action-name": "approve"}),
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.live


def approve(**fields):
    return {"action-workflow-action": "1", "workflow-action-name": "approve", **fields}


def messages_text(response) -> str:
    return html.unescape(response.content.decode())


def test_approving_with_a_go_live_says_when_it_goes_live(
    client, category, editor, moderator, pinned_clock
):
    course = CourseFactory(title="Flask Mega Course")
    client.force_login(editor)
    client.post(add_url(category), guide_form([course], **{"action-submit": "1"}))
    guide = GuidePage.objects.get(slug="flask-for-beginners")

    client.force_login(moderator)
    # The clock is pinned at 09:30 on Wednesday 2 December 2026; the go-live is tomorrow's.
    response = client.post(
        edit_url(guide),
        guide_form([course], **approve(go_live_at="2026-12-03 09:30")),
        follow=True,
    )
    assert response.status_code == 200
    text = messages_text(response)
    assert (
        "'Flask for beginners' has been approved and will go live on 3 December 2026 at 09:30 "
        "(Europe/London)." in text
    )
    assert "has been updated" not in text
    guide.refresh_from_db()
    assert not guide.live

    # Approved without a schedule it is live at once, and Wagtail's message stands.
    other = GuidePageFactory(parent=category, title="Django basics", live=False)
    other.save_revision()
    other.get_workflow().start(other, editor)
    response = client.post(
        edit_url(other),
        guide_form([course], title="Django basics", slug=other.slug, **approve()),
        follow=True,
    )
    assert "Page 'Django basics' has been updated." in messages_text(response)
    assert "will go live" not in messages_text(response)
    other.refresh_from_db()
    assert other.live


def test_approving_a_course_with_a_go_live_says_when_it_goes_live(
    client, course_admin, django_user_model, pinned_clock
):
    from django.contrib.auth.models import Permission

    contributor = django_user_model.objects.create_user("tess", "t@example.com", "pw")
    contributor.user_permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", "add_course", "change_course", "view_course"]
        )
    )
    client.force_login(contributor)
    client.post(
        reverse("wagtailsnippets_courses_course:add"), course_form(**{"action-submit": "1"})
    )
    course = Course.objects.get(slug="complete-flask")

    client.force_login(course_admin)
    response = client.post(
        reverse("wagtailsnippets_courses_course:edit", args=(course.pk,)),
        course_form(**approve(go_live_at="2026-12-04 18:00")),
        follow=True,
    )
    text = messages_text(response)
    assert f"'{course}' has been approved and will go live on 4 December 2026 at 18:00" in text
    course.refresh_from_db()
    assert not course.live


def test_an_editors_schedule_takes_effect_when_a_moderator_approves(
    client, category, editor, moderator, pinned_clock
):
    course = CourseFactory()
    client.force_login(editor)
    response = client.post(
        add_url(category),
        guide_form([course], go_live_at="2026-12-03 09:30", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    guide = GuidePage.objects.get(slug="flask-for-beginners")
    # Saved with the draft, but nothing is scheduled yet.
    assert guide.get_latest_revision_as_object().go_live_at is not None
    assert not Revision.page_revisions.filter(approved_go_live_at__isnull=False).exists()
    calendar = client.get(reverse("editorial_calendar")).content.decode()
    assert "Goes live" not in calendar

    # The moderator approves from the dashboard's task list, without opening the editor.
    client.force_login(moderator)
    state = WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(guide.pk, "approve", state.current_task_state.pk),
    )
    assert client.post(url, {"comment": ""}).status_code == 302
    scheduled = Revision.page_revisions.get(approved_go_live_at__isnull=False)
    assert timezone.localtime(scheduled.approved_go_live_at).strftime("%Y-%m-%d %H:%M") == (
        "2026-12-03 09:30"
    )
    guide.refresh_from_db()
    assert not guide.live
    calendar = client.get(reverse("editorial_calendar")).content.decode()
    assert "Goes live" in calendar and "Flask for beginners" in calendar


def test_the_group_editor_shows_who_may_delete_images_and_documents(admin_client, roles):
    from django.contrib.auth.models import Group

    def panel(group_name, heading):
        group = Group.objects.get(name=group_name)
        html_page = admin_client.get(reverse("wagtailusers_groups:edit", args=(group.pk,)))
        content = html_page.content.decode()
        assert heading in content
        prefix = heading.split()[0].lower() + "_deletion_permissions"
        return int(re.search(rf'name="{prefix}-TOTAL_FORMS" value="(\d+)"', content).group(1))

    for heading in ("Image deletion", "Document deletion"):
        assert panel("Moderators", heading) == 1  # the root collection, ticked
        assert panel("Editors", heading) == 0
