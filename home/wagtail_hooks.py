from django.db import models
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import lazy
from wagtail import hooks
from wagtail.admin import widgets
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.menu import MenuItem

from .editorial import EditorialCalendarView, UpcomingPanel, can_use_calendar


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
        "home/admin/publish_refused.html",
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
