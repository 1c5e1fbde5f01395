"""Page numbers of the reader listings (a category's guides, the course catalogue).

A listing has exactly the pages its items fill: `?page=0`, `?page=99` past the end and
`?page=abc` are pages that do not exist, so they answer 404 (with a message saying why and how
many pages there are), never page 1 under another URL, which search engines would index as a
duplicate ("soft 404") and which would let anyone fill the page cache with copies. No `?page` (or
an empty one) is page 1; leading zeros are read as the number they spell (the page cache keys
`?page=01` as `?page=1`, pagecache/page_cache.py).
"""

import re

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

# Leading zeros are read past, as the page cache does: ?page=0000000002 is page 2 in both.
PAGE_NUMBER = re.compile(r"0*([0-9]{1,9})")


def not_found(request, message: str) -> Http404:
    """A 404 whose page (templates/404.html) tells the reader `message`."""
    request.not_found_message = message
    return Http404(message)


def listing_page(request, object_list, per_page: int):
    """The page of `object_list` that `?page=` asks for, or a 404 when there is no such page."""
    raw = request.GET.get("page", "").strip()
    paginator = Paginator(object_list, per_page)
    if not raw:
        return paginator.page(1)  # an empty listing still has its first page
    match = PAGE_NUMBER.fullmatch(raw)
    if match is None:
        shown = raw if len(raw) <= 20 else raw[:20] + "…"
        raise not_found(request, f"“{shown}” is not a page number. Pages are numbered 1, 2, 3 …")
    number = int(match[1])
    try:
        return paginator.page(number)
    except InvalidPage:
        pages = paginator.num_pages
        count = f"{pages} page{'s' if pages > 1 else ''}"
        raise not_found(
            request, f"There is no page {number} here: this list has {count}."
        ) from None
