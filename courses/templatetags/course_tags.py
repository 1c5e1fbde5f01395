from django import template

from courses.models import CourseIndexPage
from courses.models.catalogue import finder_box

register = template.Library()


@register.inclusion_tag("courses/finder_box.html", takes_context=True)
def course_finder_box(context):
    """The course finder box, pointing at this site's catalogue; empty when there is none."""
    request = context.get("request")
    catalogue = CourseIndexPage.live_catalogue(request) if request is not None else None
    return {
        "finder": finder_box(catalogue) if catalogue else None,
        # Outside the catalogue's own pages the box brings its stylesheet and a catalogue link.
        "standalone": True,
        "request": request,
    }
