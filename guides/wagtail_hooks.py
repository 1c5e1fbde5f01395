from django.contrib import messages
from wagtail import hooks

from .checks import guide_problems
from .models import GuidePage


@hooks.register("before_edit_page")
def warn_about_content_problems(request, page):
    if request.method != "GET" or not isinstance(page, GuidePage):
        return
    for problem in guide_problems(page):
        messages.warning(request, f"Content check: {problem}")
