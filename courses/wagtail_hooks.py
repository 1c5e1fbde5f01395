import django_filters
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import admin_views
from .importer import COLUMNS
from .models import Course, Level, PriceModel, Provider, Topic


class CourseFilterSet(WagtailFilterSet):
    provider = django_filters.ChoiceFilter(choices=Provider.choices)
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
    # The export is the import format (courses/importer.py): same columns, same headings. Topics
    # are a tag relation, exported through the model's comma-separated `topic_names`.
    list_export = ["topic_names" if column == "topics" else column for column in COLUMNS]
    export_headings = dict(zip(list_export, COLUMNS, strict=True))
    export_filename = "courses"


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
