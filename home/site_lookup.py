"""The request's Wagtail site, its root page and its settings, from the cache.

Wagtail looks the site up (and then its root page's specific row, and the site's settings) with
a query each on every request. All three change only with what the page cache's site version
follows (a publish, unpublish, move or delete; a Site or SiteSettings saved), so they are kept in
the shared cache under that version and handed to Wagtail where it looks first:
`request._wagtail_site` and the settings' own per-request attribute.
"""

from django.conf import settings
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from home.models import SiteSettings
from pagecache import page_cache


def _lookup(hostname: str, port: int):
    """Wagtail's own lookup (Site._find_for_request), with the root page's specific row."""
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    site.root_page = site.root_page.specific
    return site, SiteSettings.for_site(site)


class SiteLookupMiddleware:
    """Place it after the page cache (a cached page needs no site) and before anything that
    asks for the site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        cache = page_cache.cache_backend()
        key = f"site-lookup:{page_cache.site_version()}:{hostname}:{port}"
        found = cache.get(key)
        if found is None:
            found = _lookup(hostname, port)
            if found is not None:
                cache.set(key, found, settings.PAGE_CACHE_SECONDS)
        if found is not None:
            site, site_settings = found
            site_settings._request = request
            request._wagtail_site = site
            setattr(request, SiteSettings.get_cache_attr_name(), site_settings)
        return self.get_response(request)
