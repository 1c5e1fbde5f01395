"""The request's Wagtail site, its root page, its settings and its sections, from the cache.

Wagtail looks the site up (and then its root page's specific row, and the site's settings) with
a query each on every request, and the header lists the site's sections (its categories and
the course catalogue) with another. All of them change only with what the page cache's site
version follows (a publish, unpublish, move or delete; a view restriction; a Site or
SiteSettings saved), so they are kept in the shared cache under that version and handed to
Wagtail where it looks first: `request._wagtail_site` and the settings' own per-request
attribute; the sections to `site_sections()`, and the catalogue among them to
`CourseIndexPage.live_catalogue`. When that version moves (every publish), they are read again
in two queries.
"""

from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, IntegerField, Q, When
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
)

from core.page_queries import SitePageQuerySet
from courses.models import CourseIndexPage
from guides.models import GuideIndexPage
from home.models import HomePage, SiteSettings
from pagecache import page_cache


def find_site(hostname: str, port: int):
    """Wagtail's `get_site_for_hostname`, the same query and the same choice among the sites
    it finds (`tests/test_site_lookup.py` compares them), with the root page's HomePage row and
    the site's settings joined in: one query where Wagtail's lookup and the two reads after it
    take three. None when no site answers."""
    sites = list(
        Site.objects.annotate(
            match=Case(
                When(hostname=hostname, port=port, then=MATCH_HOSTNAME_PORT),
                When(hostname=hostname, is_default_site=True, then=MATCH_HOSTNAME_DEFAULT),
                When(is_default_site=True, then=MATCH_DEFAULT),
                default=MATCH_HOSTNAME,
                output_field=IntegerField(),
            )
        )
        .filter(Q(hostname=hostname) | Q(is_default_site=True))
        .order_by("match")
        .select_related("root_page__homepage", "sitesettings")
    )
    if not sites:
        return None
    if len(sites) == 1 or sites[0].match in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return sites[0]
    if sites[0].match == MATCH_DEFAULT:
        return sites[len(sites) == 2]
    return None


def find_sections(root_page) -> list[Page]:
    """The live categories and course catalogue under `root_page` that readers may open, in
    tree order (as Page: titles and URLs are all navigation needs)."""
    return list(
        SitePageQuerySet(Page)
        .child_of(root_page)
        .live()
        .public()
        .type(GuideIndexPage, CourseIndexPage)
        .order_by("path")
    )


class SiteLookup(NamedTuple):
    """What is kept of a site (its key names the shape: workers of two releases share it)."""

    site: Site  # its root page as its own type
    settings: SiteSettings
    sections: list[Page]
    catalogue: CourseIndexPage | None


def _lookup(hostname: str, port: int) -> SiteLookup | None:
    site = find_site(hostname, port)
    if site is None:
        return None
    try:
        site.root_page = site.root_page.homepage
    except ObjectDoesNotExist:  # a site rooted at another page type
        site.root_page = site.root_page.specific
    try:
        site_settings = site.sitesettings
    except ObjectDoesNotExist:  # a site whose settings were never saved: made now
        site_settings = SiteSettings.for_site(site)
    sections = find_sections(site.root_page)
    if isinstance(site.root_page, HomePage):
        # The catalogue's only place is under the home page, of which there is one: it is
        # among the sections, made its own type without a query for its own fields.
        catalogue = next(
            (page.specific_deferred for page in sections if page.specific_class is CourseIndexPage),
            None,
        )
    else:
        catalogue = CourseIndexPage.live_catalogue()
    return SiteLookup(site, site_settings, sections, catalogue)


def site_sections(request) -> list[Page]:
    """The request's site's sections (the main navigation), from its lookup when it ran."""
    sections = getattr(request, "_site_sections", None)
    if sections is None:
        site = Site.find_for_request(request)
        sections = find_sections(site.root_page) if site is not None else []
        request._site_sections = sections
    return sections


class SiteLookupMiddleware:
    """Place it after the page cache (a cached page needs no site) and before anything that
    asks for the site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        cache = page_cache.cache_backend()
        key = f"site-lookup-with-sections:{page_cache.site_version(request)}:{hostname}:{port}"
        found = cache.get(key)
        if found is None:
            found = _lookup(hostname, port)
            if found is not None:
                cache.set(key, found, settings.PAGE_CACHE_SECONDS)
        if found is not None:
            found.settings._request = request
            request._wagtail_site = found.site
            setattr(request, SiteSettings.get_cache_attr_name(), found.settings)
            request._site_sections = found.sections
            request._course_catalogue = found.catalogue
        return self.get_response(request)
