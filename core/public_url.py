"""The site's public base URL (`WAGTAILADMIN_BASE_URL`), the one setting every absolute URL
comes from.

Wagtail builds a page's absolute URL from its Site record (hostname and port), and its admin
e-mails from `WAGTAILADMIN_BASE_URL`; `sync_default_site` makes the default Site say what the
setting says (`manage.py sync_site`, run by `make run`, the compose file's `migrate` service and
a production deploy), and reader views build every other absolute URL (feeds, the sitemap's
robots.txt line, the search action) on that same Site (`site_url`), never on the request's host.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


def base_url() -> str:
    """The configured base URL without a trailing slash, e.g. "https://guides.example.com"."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def site_address(url: str | None = None) -> tuple[str, int]:
    """(hostname, port) of the base URL, as a Wagtail Site record holds them.

    A Site's root URL is "https://host" on port 443 and "http://host:port" on any other, so a
    base URL that it cannot say (HTTPS on another port, a path) is refused rather than
    silently turned into another address."""
    url = url or base_url()
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(
            f"WAGTAILADMIN_BASE_URL must be an http:// or https:// URL, not {url!r}."
        )
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"WAGTAILADMIN_BASE_URL must be the site's root (no path), not {url!r}."
        )
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    if parts.scheme == "https" and port != 443:
        raise ImproperlyConfigured(
            "A Wagtail Site serves HTTPS only on port 443; "
            f"WAGTAILADMIN_BASE_URL {url!r} names another port."
        )
    return parts.hostname, port


def sync_default_site():
    """Give the default Site the base URL's hostname and port; returns the Site, or None when
    there is no default Site yet (the demo loader makes one with this address)."""
    from wagtail.models import Site

    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        # Site.save() clears Wagtail's cached site root paths (and the page cache's site token).
        site.save()
    return site


def site_url(request, path: str = "/") -> str:
    """`path` on the root URL of the request's Wagtail Site (the default Site when the host
    names none), as Wagtail builds a page's absolute URL; the base URL when there is no Site."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site is not None else base_url()
    return root + path
