from django import template
from wagtail.models import Page, Site

from core.page_queries import SitePageQuerySet
from courses.models import CourseIndexPage
from guides.models import GuideIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The live categories and the course catalogue under the site's home page, in tree order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return Page.objects.none()
    return (
        SitePageQuerySet(Page)
        .child_of(site.root_page)
        .live()
        .public()
        .type(GuideIndexPage, CourseIndexPage)
        .order_by("path")
    )
