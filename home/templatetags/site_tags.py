from django import template

from guides.models import GuideIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def site_categories(context):
    """The live categories under the current site's home page, for the main navigation."""
    request = context.get("request")
    site = getattr(request, "_wagtail_site", None) if request else None
    if site is None and request is not None:
        from wagtail.models import Site

        site = Site.find_for_request(request)
    if site is None:
        return GuideIndexPage.objects.none()
    return GuideIndexPage.objects.child_of(site.root_page).live().public().order_by("path")
