"""The "Searches with no results" report: what readers looked for and did not find."""

from django.db.models import Count, Max
from django_filters import DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import SearchQueryLog


class ZeroResultSearchesFilterSet(WagtailFilterSet):
    searched_at = DateFromToRangeFilter(label="Searched", widget=DateRangePickerWidget)

    class Meta:
        model = SearchQueryLog
        fields = []


class ZeroResultSearchesView(ReportView):
    page_title = "Searches with no results"
    header_icon = "search"
    index_url_name = "search_reports:zero_results"
    index_results_url_name = "search_reports:zero_results_results"
    filterset_class = ZeroResultSearchesFilterSet
    is_searchable = True
    search_fields = ["query"]
    default_ordering = "-searches"
    permission_policy = ModelPermissionPolicy(SearchQueryLog)
    any_permission_required = ["view"]
    columns = [
        Column("query", label="Search", sort_key="query"),
        NumberColumn("searches", label="Times searched", sort_key="searches"),
        DateColumn("last_searched", label="Last searched", sort_key="last_searched"),
    ]
    list_export = ["query", "searches", "last_searched"]
    export_headings = {
        "query": "Search",
        "searches": "Times searched",
        "last_searched": "Last searched",
    }

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs

    def get_base_queryset(self):
        # One row per query; the date filter and the search box narrow the rows counted (WHERE).
        return (
            SearchQueryLog.objects.filter(hits=0)
            .order_by()
            .values("query")
            .annotate(searches=Count("id"), last_searched=Max("searched_at"))
        )
