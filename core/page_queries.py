"""Page lookups in fewer SQL queries than Wagtail's own, with the same results.

* View restrictions are read once per request (`restrictions()`), where Wagtail reads all of them
  in a query of their own on every `.public()` call (navigation, listings and the catalogue link
  made several per page) and again, with the page's ancestors, to check the page served.
* `route_below(root, ...)` finds every page on a URL path in one query by `url_path`, where
  Wagtail's `Page.route` asks for each level's child and then its specific row (two queries per
  level). Pages whose type routes on its own (a `RoutablePageMixin` catalogue) still do.
"""

from asgiref.local import Local
from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.url_routing import RouteResult

# Within a request only: a reader's request sees one state of the restrictions; outside one
# (commands, the shell, tests between requests) every call reads them afresh.
_request = Local()


def _start_request(**kwargs) -> None:
    _request.active, _request.restrictions = True, None


def _end_request(**kwargs) -> None:
    _request.active, _request.restrictions = False, None


def _forget_restrictions(**kwargs) -> None:
    _request.restrictions = None


request_started.connect(_start_request, dispatch_uid="page-queries-start")
request_finished.connect(_end_request, dispatch_uid="page-queries-end")
for _signal in (post_save, post_delete):
    _signal.connect(
        _forget_restrictions, sender=PageViewRestriction, dispatch_uid=f"page-queries-{_signal}"
    )


def restrictions() -> list:
    """Every view restriction with its page (few on any site)."""
    found = getattr(_request, "restrictions", None)
    if found is None:
        found = list(PageViewRestriction.objects.select_related("page"))
        if getattr(_request, "active", False):
            _request.restrictions = found
    return found


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        """Wagtail's rule, from the request's restrictions."""
        q = Q()
        for restriction in restrictions():
            q |= self.descendant_of_q(restriction.page, inclusive=True)
        return q if q else Q(pk__in=[])


SitePageManager = PageManager.from_queryset(SitePageQuerySet)


class SitePageMixin:
    """For the site's page types (declare `objects = SitePageManager()` beside it)."""

    # What a page type's own template reads through foreign keys: fetched with the page when
    # it is routed to.
    route_select_related: tuple[str, ...] = ()

    def get_view_restrictions(self):
        """None without a query when the site has no restrictions at all; else Wagtail's."""
        if not restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def _routes_itself(page_class) -> bool:
    return page_class.route is not Page.route


def _fetch_specific(page_class, pk):
    related = getattr(page_class, "route_select_related", ())
    pages = page_class._default_manager
    return (pages.select_related(*related) if related else pages).get(pk=pk)


def route_below(root, request, path_components):
    """Wagtail's `Page.route` from `root` (a site's root page) with the same results, in one
    query for the pages on the path plus one for the page served. The page served keeps its
    ancestors below the tree root (`_breadcrumb_trail`, read by `seo.metadata.breadcrumb_trail`)."""
    if not path_components:
        if root.depth == 2:
            root._breadcrumb_trail = [root]
        return Page.route(root, request, path_components)
    url_paths, url_path = [], root.url_path
    for component in path_components:
        url_path += component + "/"
        url_paths.append(url_path)
    on_path = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=url_paths, path__startswith=root.path)
    }
    parent, ancestors = root, [root]
    for depth, url_path in enumerate(url_paths):
        page = on_path.get(url_path)
        if page is None or page.depth != parent.depth + 1 or not page.path.startswith(parent.path):
            # Not a child here: Wagtail's own walk decides (a 404 or a sub-route of `parent`).
            return Page.route(parent, request, path_components[depth:])
        page._cached_parent_obj = parent
        remaining = path_components[depth + 1 :]
        page_class = page.specific_class
        if page_class is None:
            raise Http404
        if remaining and not _routes_itself(page_class):
            parent = page
            ancestors.append(page)
            continue
        specific = _fetch_specific(page_class, page.pk)
        specific._cached_parent_obj = parent
        if root.depth == 2:  # directly under the tree root, as a site's root page is
            specific._breadcrumb_trail = [*ancestors, specific]
        if _routes_itself(page_class):
            return specific.route(request, remaining)
        if not specific.live:
            raise Http404
        return RouteResult(specific)
    raise Http404  # not reached: the loop returns at the last component
