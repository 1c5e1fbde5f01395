"""Empty the full-page cache (and a CDN, when one is configured) when content changes.

A page published, unpublished, moved or deleted changes navigation, listings and related guides
across the site, so the whole page cache goes. Page types add the CDN purges only they know of
through the `pagecache_purge_with_page` hook (guides/wagtail_hooks.py); a course, which changes
only the pages that show it, is purged by its own app (courses/cache_purges.py).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.drafts import draft_only
from pagecache import page_cache, varnish

# Hook for page types: a function of the changed page returning (pages, urls) that a CDN in
# front must purge with it, beyond its parent and the home pages.
PURGE_WITH_PAGE_HOOK = "pagecache_purge_with_page"


def after_commit(purge) -> None:
    """Run `purge` now and again once the change is committed. A reader request between the
    two (the scheduler publishes inside a transaction) would otherwise put the old page in
    the cache under the new token; outside a transaction the second run happens at once and
    costs one more cache write."""
    purge()
    transaction.on_commit(purge)


def purge_site() -> None:
    """Empty the whole page cache, and Varnish once the change is committed: after the page
    cache's second purge, or a reader in between could refill Varnish from a stale entry."""
    after_commit(page_cache.purge_site)
    if varnish.varnish_backends():
        transaction.on_commit(varnish.purge_all)


def purge_frontend(pages=(), urls=()) -> None:
    """Purge a CDN in front (wagtail.contrib.frontend_cache) once the change is committed."""
    if not get_backends():
        return
    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.add_urls(urls)
    transaction.on_commit(batch.purge)


def on_page_change(sender, instance, **kwargs):
    purge_site()
    if not get_backends():
        return
    # Wagtail's frontend_cache app purges the page itself from a CDN. Its card is also on its
    # parent and on the home pages; page types name what else shows it (a guide: the other
    # guides of its category and the pages of the courses it recommends). Related guides
    # elsewhere refresh after PAGE_CACHE_SECONDS.
    parent = instance.get_parent()
    homes = [site.root_page for site in Site.objects.select_related("root_page")]
    related_pages, urls = [], []
    for purge_with_page in hooks.get_hooks(PURGE_WITH_PAGE_HOOK):
        more_pages, more_urls = purge_with_page(instance, parent)
        related_pages += more_pages
        urls += more_urls
    purge_frontend(
        pages=[page for page in [parent, *related_pages, *homes] if page is not None],
        urls=urls,
    )


def on_site_change(sender, instance, created=False, **kwargs):
    # Settings are created with their defaults the first time a page reads them, and a new
    # image is on no page yet: nothing shown has changed. A new or deleted site can take over
    # a host name another site answered (home.site_lookup keeps the answer).
    if not created or sender is Site:
        purge_site()


def on_page_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """A page's row saved without publishing (code that saves content directly): what is cached
    of that page goes, so it never outlives a change to its live fields; a page created live
    (by code, not a publish) joins navigation and listings, as a publish does. A draft save
    (every autosave while an editor types) or an edit lock writes nothing readers see, and
    leaves the cached page alone."""
    if not isinstance(instance, Page) or not instance.pk or draft_only(update_fields):
        return
    if created and instance.live:
        purge_site()
        return
    parts = instance.get_url_parts()
    if parts is not None:
        after_commit(lambda: page_cache.purge_paths(paths=[parts[2]]))


def purge_on_privacy_change(sender, instance, **kwargs):
    purge_site()


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_site()


def connect() -> None:
    page_published.connect(on_page_change, dispatch_uid="pagecache-published")
    page_unpublished.connect(on_page_change, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(on_page_change, dispatch_uid="pagecache-moved")
    post_delete.connect(on_page_deleted, dispatch_uid="pagecache-deleted")
    post_save.connect(on_page_saved, dispatch_uid="pagecache-page-saved")
    # A site's host or root, or an image (a new file or focal point means new rendition URLs),
    # can change what many pages show.
    post_save.connect(on_site_change, sender=Site, dispatch_uid="pagecache-site")
    post_delete.connect(on_site_change, sender=Site, dispatch_uid="pagecache-site-deleted")
    # A page made private (or public again) leaves (or joins) navigation, listings and the
    # pages that link to it, and must never be served from the cache to anyone else.
    for signal in (post_save, post_delete):
        signal.connect(
            purge_on_privacy_change,
            sender=PageViewRestriction,
            dispatch_uid=f"pagecache-privacy-{id(signal)}",
        )
    post_save.connect(on_site_change, sender=get_image_model(), dispatch_uid="pagecache-image")
