"""Empty the full-page cache (and a CDN, when one is configured) when content changes.

A page published, unpublished, moved or deleted changes navigation, listings and related guides
across the site, so the whole page cache goes. A course changes only the pages that show it:
those that reference it (found through Wagtail's reference index) and the site's home pages,
which list the top-rated courses.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from home import page_cache

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
    from courses.models import CourseIndexPage

    return list(CourseIndexPage.objects.live())


def _page_path(page) -> str | None:
    parts = page.get_url_parts()
    return parts[2] if parts is not None else None


def _purge_frontend(pages) -> None:
    if not get_backends():
        return
    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.purge()


def on_page_change(sender, instance, **kwargs):
    page_cache.purge_site()
    # Wagtail's frontend_cache app purges the page itself from a CDN; its category listing and
    # the home pages show its card too.
    if get_backends():
        homes = [site.root_page for site in Site.objects.select_related("root_page")]
        _purge_frontend([page for page in [instance.get_parent(), *homes] if page is not None])


def on_site_change(sender, instance, created=False, **kwargs):
    # Settings are created with their defaults the first time a page reads them: nothing changed.
    if not created:
        page_cache.purge_site()


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_cache.purge_site()


def on_course_change(sender, instance, **kwargs):
    pages, catalogues = pages_showing_course(instance), course_catalogues()
    page_cache.purge_paths(
        paths=[path for path in map(_page_path, pages) if path],
        trees=[path for path in map(_page_path, catalogues) if path],
    )
    _purge_frontend(pages + catalogues)
    logger.debug("Course %s changed: purged %d pages", instance.pk, len(pages) + len(catalogues))


def connect() -> None:
    from courses.models import Course
    from home.models import SiteSettings

    page_published.connect(on_page_change, dispatch_uid="pagecache-published")
    page_unpublished.connect(on_page_change, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(on_page_change, dispatch_uid="pagecache-moved")
    post_delete.connect(on_page_deleted, dispatch_uid="pagecache-deleted")
    post_save.connect(on_site_change, sender=SiteSettings, dispatch_uid="pagecache-settings")
    for signal in (published, unpublished, post_save, post_delete):
        signal.connect(
            on_course_change, sender=Course, dispatch_uid=f"pagecache-course-{id(signal)}"
        )
