"""The editorial calendar: what goes live or expires when, and what is waiting for review."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.utils import dateparse, timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import DraftStateMixin, Page, Revision, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

WEEK, MONTH = "week", "month"
DASHBOARD_ITEMS = 5
DASHBOARD_HORIZON = datetime.timedelta(days=90)
CALENDAR_YEARS = (1900, 9000)  # a ?start= outside these years is refused with a message


def _schedulable_snippet_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def _may_see_snippets(user, model) -> bool:
    return policy_registry.get_by_type(model).user_has_any_permission(
        user, ["view", "change", "publish"]
    )


def can_use_calendar(user) -> bool:
    """Anyone who may draft or schedule something: editors and moderators (pages), course
    admins (courses)."""
    if not user.is_active:
        return False
    if PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"]):
        return True
    return any(
        policy_registry.get_by_type(model).user_has_any_permission(user, ["change", "publish"])
        for model in _schedulable_snippet_models()
    )


def _visible_to(user):
    """What the calendar shows a user: the pages they may edit (course admins see no pages)
    and the snippets they may view, change or publish."""
    snippet_models = {}

    def visible(obj) -> bool:
        if isinstance(obj, Page):
            return obj.permissions_for_user(user).can_edit()
        model = type(obj)
        if model not in snippet_models:
            snippet_models[model] = _may_see_snippets(user, model)
        return snippet_models[model]

    return visible


@dataclass
class Event:
    when: datetime.datetime
    kind: str  # "go-live" or "expiry"
    title: str
    type_name: str
    edit_url: str | None

    @property
    def label(self) -> str:
        return "Goes live" if self.kind == "go-live" else "Expires"


def _specific(obj):
    return obj.specific if isinstance(obj, Page) else obj


def _type_name(obj) -> str:
    return str(obj._meta.verbose_name).capitalize()


def _expiring_models():
    return [Page] + _schedulable_snippet_models()


def scheduled_events(user, start, end) -> list[Event]:
    """Go-lives and expiries between `start` (inclusive) and `end` (exclusive), in time order."""
    finder = AdminURLFinder(user)
    visible = _visible_to(user)
    events = []
    # A revision approved for a future go-live; its expiry (if any) is still in the revision.
    for revision in Revision.objects.filter(approved_go_live_at__isnull=False).select_related(
        "base_content_type", "content_type"
    ):
        obj = _specific(revision.as_object())
        if not visible(obj):
            continue
        if start <= revision.approved_go_live_at < end:
            events.append(
                Event(
                    revision.approved_go_live_at,
                    "go-live",
                    str(obj),
                    _type_name(obj),
                    finder.get_edit_url(obj),
                )
            )
        expire_at = dateparse.parse_datetime(revision.content.get("expire_at") or "")
        if expire_at and start <= expire_at < end:
            events.append(
                Event(expire_at, "expiry", str(obj), _type_name(obj), finder.get_edit_url(obj))
            )
    # Live content with an expiry already in force.
    for model in _expiring_models():
        queryset = model.objects.filter(live=True, expire_at__gte=start, expire_at__lt=end)
        if model is Page:
            queryset = queryset.specific()
        for obj in queryset:
            if not visible(obj):
                continue
            events.append(
                Event(obj.expire_at, "expiry", str(obj), _type_name(obj), finder.get_edit_url(obj))
            )
    return sorted(events, key=lambda event: (event.when, event.title))


def waiting_for_review(user) -> list[dict]:
    finder = AdminURLFinder(user)
    visible = _visible_to(user)
    states = (
        WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .select_related("requested_by", "current_task_state__task", "workflow")
        .order_by("created_at")
    )
    items = []
    for state in states:
        obj = _specific(state.content_object)
        if obj is None or not visible(obj):
            continue
        task = state.current_task_state.task if state.current_task_state else None
        items.append(
            {
                "title": str(obj),
                "type_name": _type_name(obj),
                "edit_url": finder.get_edit_url(obj),
                "submitted_at": state.created_at,
                "submitted_by": state.requested_by,
                "task": task.name if task else "",
            }
        )
    return items


class EditorialCalendarView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/admin/editorial_calendar.html"
    page_title = "Editorial calendar"
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not can_use_calendar(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def mode(self) -> str:
        return MONTH if self.request.GET.get("view") == MONTH else WEEK

    @cached_property
    def start_problem(self) -> str:
        raw = self.request.GET.get("start", "")
        if raw and self._parsed_start is None:
            return (
                f"“{raw[:40]}” is not a date like 2027-03-28 between the years "
                f"{CALENDAR_YEARS[0]} and {CALENDAR_YEARS[1]}; showing the current {self.mode}."
            )
        return ""

    @cached_property
    def _parsed_start(self):
        try:
            start = datetime.date.fromisoformat(self.request.GET.get("start", ""))
        except ValueError:
            return None
        # The period and its previous/next links step a month either side: stay clear of
        # the ends of the calendar.
        return start if CALENDAR_YEARS[0] <= start.year <= CALENDAR_YEARS[1] else None

    @cached_property
    def period(self) -> tuple[datetime.date, datetime.date]:
        anchor = self._parsed_start or timezone.localdate()
        if self.mode == MONTH:
            first = anchor.replace(day=1)
            following = (first + datetime.timedelta(days=32)).replace(day=1)
            return first, following
        monday = anchor - datetime.timedelta(days=anchor.weekday())
        return monday, monday + datetime.timedelta(days=7)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first, following = self.period
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(following, datetime.time.min, tzinfo=tz)
        by_day = {}
        for event in scheduled_events(self.request.user, start, end):
            by_day.setdefault(timezone.localtime(event.when).date(), []).append(event)
        if self.mode == WEEK:
            days = [first + datetime.timedelta(days=offset) for offset in range(7)]
        else:
            days = sorted(by_day)
        previous_anchor = (
            first - datetime.timedelta(days=7)
            if self.mode == WEEK
            else (first - datetime.timedelta(days=1)).replace(day=1)
        )
        # "Show the month" / "Show one week" switch to the period around the day the user is
        # looking at: today in the current period, else the day asked for. (The period's first
        # day would be wrong: the week of Wednesday 2 December starts on Monday 30 November.)
        today = timezone.localdate()
        looking_at = today if first <= today < following else (self._parsed_start or first)
        context.update(
            {
                "mode": self.mode,
                "looking_at": looking_at.isoformat(),
                "first": first,
                "last": following - datetime.timedelta(days=1),
                "days": [(day, by_day.get(day, [])) for day in days],
                "event_count": sum(len(events) for events in by_day.values()),
                "previous_start": previous_anchor.isoformat(),
                "next_start": following.isoformat(),
                "today": today,
                "start_problem": self.start_problem,
                "waiting": waiting_for_review(self.request.user),
                "time_zone": timezone.get_current_timezone_name(),
            }
        )
        return context


class UpcomingPanel(Component):
    """Dashboard panel: the next few go-lives and expiries."""

    name = "editorial_upcoming"
    template_name = "editorial/admin/upcoming_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        now = timezone.now()
        events = scheduled_events(request.user, now, now + DASHBOARD_HORIZON)
        return {
            "events": events[:DASHBOARD_ITEMS],
            "waiting_count": len(waiting_for_review(request.user)),
            "time_zone": timezone.get_current_timezone_name(),
        }
