"""`{% completepagecache %}`: Wagtail's `{% wagtailpagecache %}` that keeps only whole fragments.

A fragment rendered while the object store failed has an image left out. The middleware keeps
such a response out of the page cache and every CDN; this keeps its fragments out of the
fragment cache too, so the next reader after the store recovers gets the page whole.
"""

from django import template
from django.template import NodeList, TemplateSyntaxError
from wagtail.templatetags.wagtail_cache import WagtailPageCacheNode

from site_config.storage import media_left_out

register = template.Library()


class _IncompleteFragment(Exception):
    def __init__(self, html: str):
        self.html = html


class _NodeListRefusingIncomplete(NodeList):
    def render(self, context):
        html = super().render(context)
        if media_left_out():
            # Raised past Django's cache node, between rendering and storing.
            raise _IncompleteFragment(html)
        return html


class CompletePageCacheNode(WagtailPageCacheNode):
    def __init__(self, nodelist, *args, **kwargs):
        super().__init__(_NodeListRefusingIncomplete(nodelist), *args, **kwargs)

    def render(self, context):
        try:
            return super().render(context)
        except _IncompleteFragment as incomplete:
            return incomplete.html


@register.tag
def completepagecache(parser, token):
    """Takes what `{% wagtailpagecache %}` takes: seconds, a fragment name, what it varies on."""
    nodelist = parser.parse(("endcompletepagecache",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 3:
        raise TemplateSyntaxError(f"'{tokens[0]}' needs a timeout and a fragment name.")
    return CompletePageCacheNode(
        nodelist,
        parser.compile_filter(tokens[1]),
        tokens[2],
        [parser.compile_filter(t) for t in tokens[3:]],
        None,
    )
