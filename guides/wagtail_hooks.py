from django.contrib import messages
from wagtail import hooks

from . import cache_purges
from .checks import guide_problems
from .models import GuidePage


@hooks.register("before_edit_page")
def warn_about_content_problems(request, page):
    if request.method != "GET" or not isinstance(page, GuidePage):
        return
    for problem in guide_problems(page):
        messages.warning(request, f"Content check: {problem}")


# A CDN in front purges a guide's listing siblings and its courses' routes with it (pagecache).
hooks.register("pagecache_purge_with_page", cache_purges.purge_with_page)
