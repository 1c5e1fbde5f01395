"""Admin tools for course admins: CSV import and reports (staleness, not recommended, links,
course finder requests)."""

import datetime

import django_filters
from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, ReferenceIndex
from wagtail.permission_policies import ModelPermissionPolicy

from .importer import COLUMNS, MAX_BYTES, MAX_TOPICS, REQUIRED_COLUMNS, count_rows, import_courses
from .models import Course, CourseLinkCheck, FinderRequest, ImportJob
from .tasks import run_import_job

IMPORT_PERMISSIONS = ["courses.add_course", "courses.change_course", "courses.publish_course"]
EDIT_URL = "wagtailsnippets_courses_course:edit"
course_policy = ModelPermissionPolicy(Course)


def can_import(user) -> bool:
    return user.has_perms(IMPORT_PERMISSIONS)


def can_see_reports(user) -> bool:
    return course_policy.user_has_any_permission(user, ["add", "change", "publish"])


def months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=last_day)
        except ValueError:
            continue
    raise ValueError("unreachable")


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="UTF-8 CSV with a header row.")
    dry_run = forms.BooleanField(
        label="Dry run: show what would change, save nothing",
        required=False,
        initial=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"The file is larger than {MAX_BYTES // 1048576} MB.")
        return upload


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CourseImportView(ImportPermissionMixin, WagtailAdminTemplateMixin, View):
    page_title = "Import courses"
    header_icon = "upload"
    template_name = "courses/admin/import.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_courses_course:list"), "label": "Courses"},
            {"url": "", "label": self.page_title},
        ]

    def render(self, form, report=None):
        # The way back to a background import's page after leaving it.
        recent_jobs = ImportJob.objects.filter(user=self.request.user).defer("data", "report")
        context = self.get_context_data(
            form=form,
            report=report,
            columns=COLUMNS,
            required_columns=REQUIRED_COLUMNS,
            max_topics=MAX_TOPICS,
            inline_max_rows=settings.COURSE_IMPORT_INLINE_MAX_ROWS,
            recent_jobs=recent_jobs[:5],
            export_url=reverse("wagtailsnippets_courses_course:list") + "?export=csv",
        )
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request):
        return self.render(ImportForm())

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form)
        upload = form.cleaned_data["file"]
        data = upload.read()
        dry_run = form.cleaned_data["dry_run"]
        rows = count_rows(data)
        if rows > settings.COURSE_IMPORT_INLINE_MAX_ROWS:
            # Too long for one request: the worker imports it; the job page shows how far it got.
            job = ImportJob.objects.create(
                user=request.user,
                file_name=upload.name[:255],
                data=data,
                dry_run=dry_run,
                rows_total=rows,
            )
            run_import_job.enqueue(job.pk)
            return redirect("courses_import_job", job.pk)
        report = import_courses(data, user=request.user, dry_run=dry_run)
        return self.render(ImportForm(initial={"dry_run": dry_run}), report.as_dict())


class CourseImportJobView(ImportPermissionMixin, WagtailAdminTemplateMixin, View):
    """One background import: its progress while the worker runs it, then its report."""

    page_title = "Import courses"
    header_icon = "upload"
    template_name = "courses/admin/import_job.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_courses_course:list"), "label": "Courses"},
            {"url": reverse("courses_import"), "label": self.page_title},
            {"url": "", "label": self.job.file_name},
        ]

    def get(self, request, pk):
        jobs = ImportJob.objects.defer("data")
        if not request.user.is_superuser:
            jobs = jobs.filter(user=request.user)  # an import's report is its uploader's
        self.job = get_object_or_404(jobs, pk=pk)
        context = self.get_context_data(
            job=self.job, report=self.job.report, import_url=reverse("courses_import")
        )
        return TemplateResponse(request, self.template_name, context)


class CourseReportView(ReportView):
    """Reports about courses, open to anyone who may add, change or publish courses."""

    header_icon = "pick"
    model = Course
    any_permission_required = ["add", "change", "publish"]
    permission_policy = course_policy
    list_export = ["slug", "title", "provider", "rating", "level", "last_reviewed"]
    columns = [
        TitleColumn("title", url_name=EDIT_URL, label="Course"),
        Column("provider", accessor="get_provider_display"),
        Column("rating", accessor="rating_display"),
        Column("level", accessor="get_level_display"),
        DateColumn("last_reviewed", label="Last reviewed"),
    ]


class StaleFilterSet(WagtailFilterSet):
    months = django_filters.NumberFilter(
        label="Not reviewed for (months)", method="keep", min_value=1, max_value=240
    )

    class Meta:
        model = Course
        fields = []

    def keep(self, queryset, name, value):
        # The cut-off is applied in the view, so that the default applies with no filter too.
        return queryset


class StaleCoursesReport(CourseReportView):
    page_title = "Courses due for review"
    index_url_name = "courses_reports:stale"
    index_results_url_name = "courses_reports:stale_results"
    filterset_class = StaleFilterSet
    export_filename = "courses-due-for-review"

    def months(self) -> int:
        value = self.request.GET.get("months", "")
        if value.isdigit() and 1 <= int(value) <= 240:
            return int(value)
        return settings.COURSE_STALE_MONTHS

    def get_queryset(self):
        cutoff = months_before(timezone.localdate(), self.months())
        return Course.objects.live().filter(last_reviewed__lt=cutoff).order_by("last_reviewed")

    def get_page_subtitle(self):
        return f"Live courses not reviewed for {self.months()} months"


def recommended_course_ids() -> set[int]:
    """Courses listed by at least one live, public guide, from Wagtail's reference index
    (guides' course lists are the only page content that references a course)."""
    guide_ids = [str(pk) for pk in Page.objects.live().public().values_list("pk", flat=True)]
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Course),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=guide_ids,
    )
    return {int(pk) for pk in references.values_list("to_object_id", flat=True)}


class UnrecommendedCoursesReport(CourseReportView):
    page_title = "Courses no guide recommends"
    index_url_name = "courses_reports:unrecommended"
    index_results_url_name = "courses_reports:unrecommended_results"
    export_filename = "courses-not-recommended"

    def get_queryset(self):
        return Course.objects.live().exclude(pk__in=recommended_course_ids()).order_by("title")


class LinkCheckFilterSet(WagtailFilterSet):
    ok = django_filters.BooleanFilter(
        label="Link works",
        widget=forms.Select(choices=[("", "Any"), ("false", "Broken only"), ("true", "Working")]),
    )

    class Meta:
        model = CourseLinkCheck
        fields = ["ok"]


class LinkCheckReport(CourseReportView):
    page_title = "Course link check"
    model = CourseLinkCheck
    index_url_name = "courses_reports:links"
    index_results_url_name = "courses_reports:links_results"
    filterset_class = LinkCheckFilterSet
    export_filename = "course-link-check"
    list_export = ["course.slug", "course.title", "url", "ok", "status_code", "error", "checked_at"]
    columns = [
        TitleColumn(
            "course",
            label="Course",
            accessor="course.title",
            get_url=lambda check: reverse(EDIT_URL, args=[check.course_id]),
        ),
        Column("result", label="Last result"),
        Column("ok", label="Works", accessor=lambda check: "yes" if check.ok else "BROKEN"),
        Column("url", label="Link"),
        DateColumn("checked_at", label="Checked"),
    ]

    def get_queryset(self):
        return CourseLinkCheck.objects.select_related("course").order_by("ok", "course__title")


class FinderRequestFilterSet(WagtailFilterSet):
    unanswered = django_filters.BooleanFilter(
        label="Answered",
        method="filter_unanswered",
        widget=forms.Select(
            choices=[("", "Any"), ("true", "No course found"), ("false", "Some courses found")]
        ),
    )

    class Meta:
        model = FinderRequest
        fields = ["via"]

    def filter_unanswered(self, queryset, name, value):
        return queryset.filter(results_count=0) if value else queryset.filter(results_count__gt=0)


class FinderRequestsReport(CourseReportView):
    page_title = "Course finder requests"
    header_icon = "search"
    model = FinderRequest
    index_url_name = "courses_reports:finder"
    index_results_url_name = "courses_reports:finder_results"
    filterset_class = FinderRequestFilterSet
    export_filename = "course-finder-requests"
    list_export = ["created_at", "query", "intent_summary", "results_count", "via"]
    columns = [
        Column("query", label="Request"),
        Column("intent_summary", label="Intent read"),
        Column("results_count", label="Courses found"),
        Column("via", accessor="get_via_display", label="Asked through"),
        DateColumn("created_at", label="When"),
    ]

    def get_queryset(self):
        return FinderRequest.objects.order_by("-created_at", "-pk")
