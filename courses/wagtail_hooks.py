import django_filters
from django import forms
from django.conf import settings
from django.db.models import Min
from django.urls import include, path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import admin_views
from .importer import COLUMNS
from .models import Course, Level, PriceModel, Provider, Topic


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "site"
    menu_label = "Providers"
    list_display = ["name", "slug", "website"]
    search_fields = ["name", "slug"]
    ordering = ["name"]


register_snippet(ProviderViewSet)


class CourseFilterSet(WagtailFilterSet):
    provider = django_filters.ModelChoiceFilter(
        queryset=Provider.objects.all(), to_field_name="slug"
    )
    level = django_filters.ChoiceFilter(choices=Level.choices)
    price_model = django_filters.ChoiceFilter(choices=PriceModel.choices, label="Price model")
    topics = django_filters.ModelChoiceFilter(queryset=Topic.objects.order_by("name"))

    class Meta:
        model = Course
        fields = ["provider", "level", "price_model", "topics"]


class CourseIndexView(IndexView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if admin_views.can_import(self.request.user):
            buttons.append(
                Button("Import from CSV", url=reverse("courses_import"), icon_name="upload")
            )
        return buttons


# The course chooser (a guide's course list): what an editor needs to tell courses apart and
# pick well-known ones quickly. Search covers title, provider, level and topics
# (Course.search_fields' autocomplete fields); the filters narrow before the search.
def chooser_filter_widget():
    # Wagtail's chooser modal reloads its results when a field with this attribute changes.
    return forms.Select(attrs={"data-chooser-modal-search-filter": True})


class CourseChooserFilterForm(SearchFilterMixin, BaseFilterForm):
    provider = forms.ModelChoiceField(
        queryset=Provider.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All providers",
        widget=chooser_filter_widget(),
    )
    level = forms.ChoiceField(
        choices=[("", "All levels"), *Level.choices], required=False, widget=chooser_filter_widget()
    )
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.filter(tagged_courses__isnull=False).distinct().order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All topics",
        widget=chooser_filter_widget(),
    )

    def filter(self, objects):
        # Filters first: a search result cannot be filtered further.
        if provider := self.cleaned_data.get("provider"):
            objects = objects.filter(provider=provider)
        if level := self.cleaned_data.get("level"):
            objects = objects.filter(level=level)
        if topic := self.cleaned_data.get("topic"):
            objects = objects.filter(pk__in=topic.tagged_courses.values("content_object_id"))
        return super().filter(objects)


def course_status(course) -> str:
    return "Live" if course.live else "Draft"


class CourseChooseViewMixin:
    filter_form_class = CourseChooserFilterForm

    def get_object_list(self):
        return Course.objects.select_related("provider")

    @property
    def columns(self):
        # Wagtail's status column looks up each row's schedule and workflow (two queries a
        # course); live or draft is what choosing needs, from the row itself.
        title = super().columns[0]
        return [
            title,
            Column("provider", label="Provider", accessor="get_provider_display"),
            Column("level", label="Level", accessor="get_level_display"),
            Column("price", label="Price", accessor="get_price_model_display"),
            Column("rating", label="Rating", accessor="rating_display"),
            Column("status", label="Status", accessor=course_status),
        ]


class CourseChooseView(CourseChooseViewMixin, ChooseView):
    pass


class CourseChooseResultsView(CourseChooseViewMixin, ChooseResultsView):
    pass


class CourseChooserViewSet(SnippetChooserViewSet):
    choose_view_class = CourseChooseView
    choose_results_view_class = CourseChooseResultsView


class CourseViewSet(SnippetViewSet):
    model = Course
    icon = "pick"
    menu_label = "Courses"
    menu_name = "courses"
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "title",
        "provider",
        "rating",
        "level",
        BooleanColumn("live", label="Live"),
        "last_reviewed",
    ]
    list_per_page = 50
    filterset_class = CourseFilterSet
    ordering = ["-rating", "title"]
    index_view_class = CourseIndexView
    chooser_viewset_class = CourseChooserViewSet
    # The export is the import format (courses/importer.py): same columns, same headings. Topics
    # are a tag relation, exported through the model's comma-separated `topic_names`.
    list_export = ["topic_names" if column == "topics" else column for column in COLUMNS]
    export_headings = dict(zip(list_export, COLUMNS, strict=True))
    export_filename = "courses"

    def get_queryset(self, request):
        # The listing and the export name each course's provider (and the export its
        # topics): a query each, not one a row.
        return Course.objects.select_related("provider").prefetch_related("topics")


register_snippet(CourseViewSet)


REPORTS = [
    ("stale", "due-for-review/", admin_views.StaleCoursesReport, "Courses due for review", "time"),
    (
        "unrecommended",
        "not-recommended/",
        admin_views.UnrecommendedCoursesReport,
        "Courses no guide recommends",
        "pick",
    ),
    ("links", "links/", admin_views.LinkCheckReport, "Course link check", "link"),
    ("finder", "finder/", admin_views.FinderRequestsReport, "Course finder requests", "search"),
]


def report_urls():
    urls = []
    for name, route, view, _label, _icon in REPORTS:
        urls.append(path(route, view.as_view(), name=name))
        results = view.as_view(results_only=True)
        urls.append(path(route + "results/", results, name=f"{name}_results"))
    return urls


@hooks.register("register_admin_urls")
def register_course_admin_urls():
    return [
        path("courses/import/", admin_views.CourseImportView.as_view(), name="courses_import"),
        path(
            "courses/import/<int:pk>/",
            admin_views.CourseImportJobView.as_view(),
            name="courses_import_job",
        ),
        path("reports/courses/", include((report_urls(), "courses_reports"))),
    ]


class CourseReportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see_reports(request.user)


class CourseImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_import(request.user)


def make_report_menu_hook(name, label, icon, order):
    def menu_item():
        return CourseReportMenuItem(
            label,
            reverse(f"courses_reports:{name}"),
            name=f"course-report-{name}",
            icon_name=icon,
            order=order,
        )

    return menu_item


for order, (name, _route, _view, label, icon) in enumerate(REPORTS):
    hook = make_report_menu_hook(name, label, icon, 1300 + order)
    hooks.register("register_reports_menu_item", hook)


@hooks.register("register_settings_menu_item")
def register_course_import_menu_item():
    return CourseImportMenuItem(
        "Import courses",
        reverse("courses_import"),
        name="import-courses",
        icon_name="upload",
        order=900,
    )


# The course admin's dashboard: what needs doing on the course records.
DASHBOARD_LIMIT = 10


class CourseDashboardPanel(Component):
    name = "course_records"
    template_name = "courses/admin/dashboard_panel.html"
    order = 90

    def get_context_data(self, parent_context=None):
        courses = Course.objects.select_related("provider")
        # Scheduled: approved with a go-live still ahead (Wagtail keeps it on the revision).
        scheduled = courses.annotate(scheduled_at=Min("_revisions__approved_go_live_at")).filter(
            scheduled_at__isnull=False
        )
        scheduled_ids = scheduled.values("pk")
        cutoff = admin_views.months_before(timezone.localdate(), settings.COURSE_STALE_MONTHS)
        groups = [
            (
                "Drafts and retired courses",
                courses.filter(live=False).exclude(pk__in=scheduled_ids).order_by("title"),
                "draft",
            ),
            (
                "Live courses with unpublished changes",
                courses.filter(live=True, has_unpublished_changes=True)
                .exclude(pk__in=scheduled_ids)
                .order_by("title"),
                "changed",
            ),
            ("Scheduled to go live", scheduled.order_by("scheduled_at"), "scheduled"),
            (
                f"Due for review (not reviewed for {settings.COURSE_STALE_MONTHS} months)",
                courses.filter(live=True, last_reviewed__lt=cutoff).order_by("last_reviewed"),
                "stale",
            ),
        ]
        shown = []
        for heading, queryset, kind in groups:
            items = list(queryset[:DASHBOARD_LIMIT])
            count = len(items) if len(items) < DASHBOARD_LIMIT else queryset.count()
            shown.append(
                {
                    "heading": heading,
                    "kind": kind,
                    "courses": items,
                    "count": count,
                    "more": count - len(items),
                }
            )
        return {
            "groups": shown,
            "stale_url": reverse("courses_reports:stale"),
            "list_url": reverse("wagtailsnippets_courses_course:list"),
            "add_url": reverse("wagtailsnippets_courses_course:add"),
            "edit_url_name": "wagtailsnippets_courses_course:edit",
        }


@hooks.register("construct_homepage_panels")
def add_course_dashboard_panel(request, panels):
    if admin_views.can_see_reports(request.user):
        panels.append(CourseDashboardPanel())


class CoursesSummaryItem(SummaryItem):
    order = 150
    template_name = "courses/admin/summary_item.html"

    def get_context_data(self, parent_context=None):
        return {
            "total": Course.objects.count(),
            "live": Course.objects.live().count(),
            "url": reverse("wagtailsnippets_courses_course:list"),
        }

    def is_shown(self):
        return admin_views.can_see_reports(self.request.user)


@hooks.register("construct_homepage_summary_items")
def add_courses_summary_item(request, items):
    items.append(CoursesSummaryItem(request))
