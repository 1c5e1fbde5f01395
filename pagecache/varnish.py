"""Varnish in front of the site (deploy/varnish/), emptied by the same changes as the page cache.

Wagtail's HTTP purge backend sends `PURGE` for each URL a change shows on; a change shown across
the whole site (a page published, moved or deleted, an image, the site settings) needs every
page dropped at once, which Varnish does with a ban: `BAN /` on the purge address.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlunsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)

BAN_TIMEOUT_SECONDS = 5


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP purge backend, plus a ban of every page (policy.vcl answers `BAN`)."""

    def purge_all(self) -> None:
        url = urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""])
        try:
            urlopen(Request(url, method="BAN"), timeout=BAN_TIMEOUT_SECONDS)  # noqa: S310 (from settings)
        except (HTTPError, URLError, TimeoutError) as error:
            logger.error("Could not empty Varnish at %s: %s", url, error)


def varnish_backends() -> list[VarnishBackend]:
    return [b for b in get_backends().values() if isinstance(b, VarnishBackend)]


def purge_all() -> None:
    for backend in varnish_backends():
        backend.purge_all()
