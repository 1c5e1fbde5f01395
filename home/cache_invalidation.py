"""Empty the full-page cache (and a CDN, when one is configured) when content changes.

A page published, unpublished, moved or deleted changes navigation, listings and related guides
across the site, so the whole page cache goes. A course changes only the pages that show it:
those that reference it (found through Wagtail's reference index) and the site's home pages,
which list the top-rated courses.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from courses.models import Course, CourseIndexPage, Provider
from home import page_cache, varnish

logger = logging.getLogger(__name__)


def pages_showing_course(course) -> list[Page]:
    """Live pages whose content references the course, plus every site's home page."""
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(course).filter(base_content_type=page_type)
    page_ids = {int(pk) for pk in references.values_list("object_id", flat=True)}
    page_ids |= set(Site.objects.values_list("root_page_id", flat=True))
    return list(Page.objects.live().filter(pk__in=page_ids))


def course_catalogues() -> list[Page]:
    """The course catalogue lists every course and has a route per course."""
    return list(CourseIndexPage.objects.live())


def _page_path(page) -> str | None:
    parts = page.get_url_parts()
    return parts[2] if parts is not None else None


def _after_commit(purge) -> None:
    """Run `purge` now and again once the change is committed. A reader request between the
    two (the scheduler publishes inside a transaction) would otherwise put the old page in
    the cache under the new token; outside a transaction the second run happens at once and
    costs one more cache write."""
    purge()
    transaction.on_commit(purge)


def _purge_site() -> None:
    """Empty the whole page cache, and Varnish once the change is committed: after the page
    cache's second purge, or a reader in between could refill Varnish from a stale entry."""
    _after_commit(page_cache.purge_site)
    if varnish.varnish_backends():
        transaction.on_commit(varnish.purge_all)


def _purge_frontend(pages=(), urls=()) -> None:
    """Purge a CDN in front (wagtail.contrib.frontend_cache) once the change is committed."""
    if not get_backends():
        return
    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.add_urls(urls)
    transaction.on_commit(batch.purge)


def _course_routes(courses) -> list[str]:
    """Full URLs of the catalogue's page for each course."""
    catalogue = CourseIndexPage.live_catalogue()
    base = catalogue.get_full_url() if catalogue is not None else None
    if base is None or not courses:  # no catalogue, or one under no site
        return []
    return [base + catalogue.reverse_subpage("course", kwargs={"slug": c.slug}) for c in courses]


def _listing_siblings(page, parent) -> list[Page]:
    """The guides beside `page` whose "More in this category" lists it or did: every live
    sibling when it is (or, unpublished or moved away, may have been) among the newest, none
    when it is an older guide, which no sibling's list shows."""
    from guides.models import MORE_IN_CATEGORY_LIMIT, GuidePage

    siblings = GuidePage.objects.live().child_of(parent).order_by("-first_published", "-pk")
    if page.live and page.pk not in {
        pk for pk in siblings.values_list("pk", flat=True)[: MORE_IN_CATEGORY_LIMIT + 1]
    }:
        return []
    return list(siblings.exclude(pk=page.pk))


def on_page_change(sender, instance, **kwargs):
    _purge_site()
    if not get_backends():
        return
    # Wagtail's frontend_cache app purges the page itself from a CDN. Its card is also on its
    # category (and that category's other guides, under "More in this category") and on the
    # home pages, and the pages of the courses it recommends (or did, before this publish)
    # list it. Related guides elsewhere refresh after PAGE_CACHE_SECONDS.
    parent = instance.get_parent()
    siblings = _listing_siblings(instance, parent) if parent is not None else []
    homes = [site.root_page for site in Site.objects.select_related("root_page")]
    courses = {c.pk: c for c in courses_on_page(instance)}
    courses.update({c.pk: c for c in getattr(instance, "_courses_before_publish", [])})
    _purge_frontend(
        pages=[page for page in [parent, *siblings, *homes] if page is not None],
        urls=_course_routes(list(courses.values())),
    )


def remember_courses_before_save(sender, instance, **kwargs):
    """Before a page's row is saved (as publishing does), note the courses its live content
    references: the reference index is rewritten on save, and a course just taken out of the
    page's lists must still have its page ("Guides that recommend this course") purged."""
    if instance.pk and get_backends():
        instance._courses_before_publish = courses_on_page(instance)


def courses_on_page(page) -> list:
    """The courses a page's content references (its course lists), from the reference index."""
    course_type = ContentType.objects.get_for_model(Course)
    references = ReferenceIndex.get_references_for_object(page).filter(to_content_type=course_type)
    ids = {int(pk) for pk in references.values_list("to_object_id", flat=True)}
    return list(Course.objects.filter(pk__in=ids).only("pk", "slug")) if ids else []


def on_site_change(sender, instance, created=False, **kwargs):
    # Settings are created with their defaults the first time a page reads them, and a new
    # image or site is on no page yet: nothing shown has changed.
    if not created:
        _purge_site()


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _purge_site()


def on_course_change(sender, instance, **kwargs):
    # Found now: after a delete commits, the reference index no longer knows the pages.
    pages, catalogues = pages_showing_course(instance), course_catalogues()
    paths = [path for path in map(_page_path, pages) if path]
    trees = [path for path in map(_page_path, catalogues) if path]
    _after_commit(lambda: page_cache.purge_paths(paths=paths, trees=trees))
    _purge_frontend(pages=pages + catalogues, urls=_course_routes([instance]))
    logger.debug("Course %s changed: purged %d pages", instance.pk, len(pages) + len(catalogues))


def connect() -> None:
    from guides.models import GuidePage
    from home.models import SiteSettings

    pre_save.connect(remember_courses_before_save, sender=GuidePage, dispatch_uid="cdn-courses")
    page_published.connect(on_page_change, dispatch_uid="pagecache-published")
    page_unpublished.connect(on_page_change, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(on_page_change, dispatch_uid="pagecache-moved")
    post_delete.connect(on_page_deleted, dispatch_uid="pagecache-deleted")
    post_save.connect(on_site_change, sender=SiteSettings, dispatch_uid="pagecache-settings")
    # A site's host or root, or an image (a new file or focal point means new rendition URLs),
    # can change what many pages show.
    post_save.connect(on_site_change, sender=Site, dispatch_uid="pagecache-site")
    post_save.connect(on_site_change, sender=get_image_model(), dispatch_uid="pagecache-image")
    # A renamed course provider shows on every page that lists one of its courses.
    post_save.connect(on_site_change, sender=Provider, dispatch_uid="pagecache-provider")
    for signal in (published, unpublished, post_save, post_delete):
        signal.connect(
            on_course_change, sender=Course, dispatch_uid=f"pagecache-course-{id(signal)}"
        )
