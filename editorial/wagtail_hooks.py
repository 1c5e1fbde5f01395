from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin import widgets
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.menu import MenuItem
from wagtail.admin.staticfiles import versioned_static

from .calendar import EditorialCalendarView, UpcomingPanel, can_use_calendar


def _time_zone_help() -> str:
    return f"Time zone: {timezone.get_current_timezone_name()}."


# Every date-and-time field in the admin (go-live and expiry above all) names the time zone
# its value is in. This replaces Wagtail's own override for DateTimeField, so keep its widget.
register_form_field_override(
    models.DateTimeField,
    override={"widget": widgets.AdminDateTimeInput, "help_text": lazy(_time_zone_help, str)()},
)


@hooks.register("register_admin_urls")
def editorial_calendar_urls():
    return [
        path("editorial-calendar/", EditorialCalendarView.as_view(), name="editorial_calendar"),
    ]


class CalendarMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_calendar(request.user)


@hooks.register("register_admin_menu_item")
def editorial_calendar_menu_item():
    return CalendarMenuItem(
        "Editorial calendar",
        reverse("editorial_calendar"),
        name="editorial-calendar",
        icon_name="date",
        order=250,
    )


@hooks.register("construct_homepage_panels")
def add_upcoming_panel(request, panels):
    if can_use_calendar(request.user):
        panels.insert(0, UpcomingPanel())


def _publish_refused(request):
    return TemplateResponse(
        request,
        "editorial/admin/publish_refused.html",
        {"page_title": "Publishing not allowed", "header_icon": "warning"},
        status=403,
    )


# Wagtail quietly turns a publish request from someone without publish permission into "save
# draft". A crafted publish is refused outright instead, so nothing changes.
@hooks.register("before_edit_page")
def refuse_publish_without_permission(request, page):
    if (
        request.method == "POST"
        and request.POST.get("action-publish")
        and not page.permissions_for_user(request.user).can_publish()
    ):
        return _publish_refused(request)


@hooks.register("before_create_page")
def refuse_create_and_publish_without_permission(request, parent_page, page_class):
    if (
        request.method == "POST"
        and request.POST.get("action-publish")
        and not parent_page.permissions_for_user(request.user).can_publish_subpage()
    ):
        return _publish_refused(request)


def _snippet_publish_refused(request, model):
    from wagtail.models import DraftStateMixin
    from wagtail.snippets.permissions import get_permission_name

    return (
        request.method == "POST"
        and request.POST.get("action-publish")
        and issubclass(model, DraftStateMixin)
        and not request.user.has_perm(get_permission_name("publish", model))
    )


@hooks.register("before_edit_snippet")
def refuse_snippet_publish_without_permission(request, instance):
    if _snippet_publish_refused(request, type(instance)):
        return _publish_refused(request)


@hooks.register("before_create_snippet")
def refuse_snippet_create_and_publish_without_permission(request, model):
    if _snippet_publish_refused(request, model):
        return _publish_refused(request)


# Approving a revision that has a go-live in the future schedules it, but Wagtail says only
# "has been updated". Say when it goes live instead.
def _approved_with_schedule(request, obj):
    if not (
        request.method == "POST"
        and request.POST.get("action-workflow-action")
        and request.POST.get("workflow-action-name") == "approve"
    ):
        return None
    revision = type(obj)._default_manager.get(pk=obj.pk).latest_revision
    go_live = revision and revision.approved_go_live_at
    return go_live if go_live and go_live > timezone.now() else None


def _replace_message(request, old_text, new_text):
    from django.contrib import messages as django_messages
    from django.utils.html import escape
    from wagtail.admin import messages

    # Reading the queued messages consumes them; put back every one but Wagtail's.
    queued = list(django_messages.get_messages(request))
    for message in queued:
        if escape(old_text) not in message.message:
            django_messages.add_message(
                request, message.level, message.message, extra_tags=message.extra_tags
            )
    messages.success(request, new_text)


def _go_live_text(title, go_live):
    local = timezone.localtime(go_live)
    return (
        f"'{title}' has been approved and will go live on {local.day} {local:%B %Y} at "
        f"{local:%H:%M} ({timezone.get_current_timezone_name()})."
    )


@hooks.register("after_edit_page")
def say_when_an_approved_page_goes_live(request, page):
    from django.utils.translation import gettext as _

    go_live = _approved_with_schedule(request, page)
    if go_live:
        title = page.get_admin_display_title()
        # The message Wagtail's edit view has just queued (wagtail.admin.views.pages.edit).
        updated = _("Page '%(page_title)s' has been updated.") % {"page_title": title}
        _replace_message(request, updated, _go_live_text(title, go_live))


@hooks.register("after_edit_snippet")
def say_when_an_approved_snippet_goes_live(request, instance):
    from django.utils.text import capfirst
    from django.utils.translation import gettext as _
    from wagtail.admin.utils import get_latest_str

    go_live = _approved_with_schedule(request, instance)
    if go_live:
        title = get_latest_str(instance)
        # The message Wagtail's snippet edit view has just queued
        # (wagtail.admin.views.generic.mixins.CreateEditViewOptionalFeaturesMixin).
        updated = _("%(model_name)s '%(object)s' updated.") % {
            "model_name": capfirst(instance._meta.verbose_name),
            "object": title,
        }
        _replace_message(request, updated, _go_live_text(title, go_live))


# Wagtail lets anyone who may edit pages delete one that was never published. A page approved
# to go live later is not published yet either, so an editor could delete what a moderator
# approved: only those who may publish delete a scheduled page.
def _deleting_a_schedule(user, page) -> bool:
    from wagtail.models import Page, Revision

    return (
        isinstance(page, Page)
        and not page.permissions_for_user(user).can_publish()
        and Revision.page_revisions.filter(
            object_id=str(page.pk), approved_go_live_at__isnull=False
        ).exists()
    )


@hooks.register("before_delete_page")
def refuse_deleting_a_scheduled_page(request, page):
    if _deleting_a_schedule(request.user, page):
        raise PermissionDenied


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_a_scheduled_page(request, action_type, objects, action_class_instance):
    if action_type == "delete" and any(_deleting_a_schedule(request.user, obj) for obj in objects):
        raise PermissionDenied


# Deleting images and documents has its own collection permission (editorial/permissions.py), which
# Wagtail's group editor does not list: these panels show and change it.
@hooks.register("register_group_permission_panel")
def image_deletion_permission_panel():
    from wagtail.admin.forms.collections import collection_member_permission_formset_factory
    from wagtail.images import get_image_model

    return collection_member_permission_formset_factory(
        get_image_model(),
        [("delete_image", "Delete", "Delete images, even ones live pages show")],
        "editorial/admin/permissions/image_deletion_formset.html",
        default_prefix="image_deletion_permissions",
    )


@hooks.register("register_group_permission_panel")
def document_deletion_permission_panel():
    from wagtail.admin.forms.collections import collection_member_permission_formset_factory
    from wagtail.documents import get_document_model

    return collection_member_permission_formset_factory(
        get_document_model(),
        [("delete_document", "Delete", "Delete documents, even ones live pages link to")],
        "editorial/admin/permissions/document_deletion_formset.html",
        default_prefix="document_deletion_permissions",
    )


@hooks.register("insert_editor_js")
def start_rich_text_editors_when_seen():
    # After Wagtail's own editor scripts (Draftail, telepath), before the StreamField is built.
    return format_html(
        '<script src="{}"></script>', versioned_static("editorial/js/lazy-rich-text.js")
    )
