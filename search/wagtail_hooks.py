from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("reports/searches-without-results/", include(admin_urls))]


class ZeroResultSearchesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_searchquerylog")


@hooks.register("register_reports_menu_item")
def register_zero_result_searches_report():
    return ZeroResultSearchesMenuItem(
        "Searches with no results",
        reverse("search_reports:zero_results"),
        name="searches-without-results",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_permissions")
def register_permissions():
    # Lets an administrator give editors the report (Settings > Groups > "Can view search log").
    return Permission.objects.filter(
        content_type__app_label="search", codename="view_searchquerylog"
    )
