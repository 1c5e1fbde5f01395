"""RSS and Atom feeds of the latest guides, site-wide and per category."""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Site

from core.public_url import site_url

from .models import GuideIndexPage, GuidePage

FEED_LENGTH = 20


def _site_root(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site is configured for this host.")
    return site.root_page


class LatestGuidesFeed(Feed):
    description = "The newest long-form guides, and the courses they recommend."

    def __call__(self, request, *args, **kwargs):
        # The URLconf holds one instance for every request (and thread): links need the
        # request's site, so each request works on its own copy.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return _site_root(request)

    def title(self, obj):
        return f"{settings.WAGTAIL_SITE_NAME}: latest guides"

    # Every link is absolute on the site's own root URL (the Site record, which follows
    # WAGTAILADMIN_BASE_URL), never on the host the request happened to name.
    def link(self, obj):
        return obj.get_full_url(self.request)

    def feed_url(self, obj):
        return site_url(self.request, self.request.path)

    def items(self, obj):
        return (
            GuidePage.objects.live()
            .public()
            .descendant_of(obj)
            .select_related("author_page")
            .order_by("-first_published", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_author_name(self, item):
        return item.byline

    def item_author_link(self, item):
        author_page = item.live_author_page
        return author_page.get_full_url(self.request) if author_page else None

    # The same moments as the guide's structured data and its sitemap entry.
    def item_pubdate(self, item):
        return item.published_moment

    def item_updateddate(self, item):
        return item.modified_moment


class CategoryFeed(LatestGuidesFeed):
    def get_object(self, request, slug):
        category = (
            GuideIndexPage.objects.child_of(_site_root(request))
            .live()
            .public()
            .filter(slug=slug)
            .first()
        )
        if category is None:
            raise Http404("No such category.")
        return category

    def title(self, obj):
        return f"{settings.WAGTAIL_SITE_NAME}: {obj.title}"

    def description(self, obj):
        return f"The newest guides in {obj.title}."

    def items(self, obj):
        return (
            GuidePage.objects.child_of(obj)
            .live()
            .public()
            .select_related("author_page")
            .order_by("-first_published", "-pk")[:FEED_LENGTH]
        )


class LatestGuidesAtomFeed(LatestGuidesFeed):
    feed_type = Atom1Feed
    subtitle = LatestGuidesFeed.description


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
