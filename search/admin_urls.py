from django.urls import path

from .admin_views import ZeroResultSearchesView

app_name = "search_reports"
urlpatterns = [
    path("", ZeroResultSearchesView.as_view(), name="zero_results"),
    path(
        "results/",
        ZeroResultSearchesView.as_view(results_only=True),
        name="zero_results_results",
    ),
]
