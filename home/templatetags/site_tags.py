from django import template

from home.site_lookup import site_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The live categories and the course catalogue under the site's home page, in tree order."""
    request = context.get("request")
    return site_sections(request) if request is not None else []
