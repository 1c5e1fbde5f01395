"""Editors' picks for a query (wagtail.contrib.search_promotions): picked guides lead the
results; other pages and external links are shown as links above them."""

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from .visibility import public, reader_guides


def promoted(query: str) -> tuple[list[int], list[dict]]:
    """(ids of picked guides readers may see, in the editors' order; links to show above)."""
    # Most searches have no picks: the picked pages are read only when there are some.
    picks = SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
    picks = list(picks.order_by("sort_order", "pk"))
    if not picks:
        return [], []
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    guides = set(reader_guides().filter(pk__in=page_ids).values_list("pk", flat=True))
    # Other promoted pages are shown by title: only live ones readers may open.
    pages = {page.pk: page for page in public(Page.objects.live()).filter(pk__in=page_ids)}
    guide_ids, links = [], []
    for pick in picks:
        if pick.page_id in guides:
            guide_ids.append(pick.page_id)
        elif pick.page_id in pages:
            page = pages[pick.page_id]
            links.append({"title": page.title, "url": page.url, "description": pick.description})
        elif pick.external_link_url:
            links.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return guide_ids, links
