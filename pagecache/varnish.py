"""Varnish in front of the site (deploy/varnish/), emptied by the same changes as the page cache.

Wagtail's HTTP purge backend sends `PURGE` for each URL a change shows on; a change shown across
the whole site (a page published, moved or deleted, an image, the site settings) needs every
page dropped at once, which Varnish does with a ban: `BAN /` on the purge address.

Purges run inside the editor's request (or the scheduler's run), so each call has a timeout
(the backend's `TIMEOUT`, 2 s by default; Wagtail's own backend waits forever), and once a call
fails the rest of that batch is skipped: a hung Varnish delays a publish by seconds, not by one
timeout per URL. The publish itself never fails for it.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 2


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP purge backend with timeouts, plus a ban of every page (`BAN`, policy.vcl)."""

    def __init__(self, params):
        self.timeout = float(params.pop("TIMEOUT", DEFAULT_TIMEOUT_SECONDS))
        super().__init__(params)

    def purge(self, url) -> None:
        self._send("PURGE", url)

    def purge_batch(self, urls) -> None:
        urls = list(urls)
        for done, url in enumerate(urls):
            if not self._send("PURGE", url):
                if urls[done + 1 :]:
                    logger.error(
                        "Varnish did not answer: %d more purges skipped", len(urls) - done - 1
                    )
                return

    def purge_all(self) -> None:
        self._send("BAN", urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""]))

    def _send(self, method: str, url: str) -> bool:
        """Send `method` for `url` (a page's full URL) to Varnish, naming the page's host, as
        Wagtail's backend does; False when Varnish could not be reached or did not answer."""
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = Request(
            urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""]),
            method=method,
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )
        try:
            urlopen(request, timeout=self.timeout).close()  # noqa: S310 (an address from settings)
        except HTTPError as error:  # answered, with a refusal: worth trying the next URL
            logger.error("Varnish refused %s %s: %s", method, url, error)
        except (URLError, TimeoutError, ConnectionError) as error:
            logger.error("Could not %s %s in Varnish: %s", method, url, error)
            return False
        return True


def varnish_backends() -> list[VarnishBackend]:
    return [b for b in get_backends().values() if isinstance(b, VarnishBackend)]


def purge_all() -> None:
    for backend in varnish_backends():
        backend.purge_all()
