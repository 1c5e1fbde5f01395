"""What the page cache (pagecache) and a CDN in front must purge when a course changes.

A course changes only the pages that show it: those that reference it (found through Wagtail's
reference index), the site's home pages, which list the top-rated courses, and the catalogue,
which lists every course and has a route per course.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, ReferenceIndex, Site

from core.drafts import draft_only
from courses.models import Course, CourseIndexPage, Provider
from pagecache import page_cache
from pagecache.invalidation import after_commit, on_site_change, purge_frontend

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


def course_routes(courses) -> list[str]:
    """Full URLs of the catalogue's page for each course."""
    catalogue = CourseIndexPage.live_catalogue()
    base = catalogue.get_full_url() if catalogue is not None else None
    if base is None or not courses:  # no catalogue, or one under no site
        return []
    return [base + catalogue.reverse_subpage("course", kwargs={"slug": c.slug}) for c in courses]


def courses_on_page(page) -> list:
    """The courses a page's content references (its course lists), from the reference index."""
    course_type = ContentType.objects.get_for_model(Course)
    references = ReferenceIndex.get_references_for_object(page).filter(to_content_type=course_type)
    ids = {int(pk) for pk in references.values_list("to_object_id", flat=True)}
    return list(Course.objects.filter(pk__in=ids).only("pk", "slug")) if ids else []


def on_course_change(sender, instance, update_fields=None, **kwargs):
    if draft_only(update_fields):  # a draft or an edit lock: readers see nothing new
        return
    # Found now: after a delete commits, the reference index no longer knows the pages.
    pages, catalogues = pages_showing_course(instance), course_catalogues()
    paths = [path for path in map(_page_path, pages) if path]
    trees = [path for path in map(_page_path, catalogues) if path]
    after_commit(lambda: page_cache.purge_paths(paths=paths, trees=trees))
    purge_frontend(pages=pages + catalogues, urls=course_routes([instance]))
    logger.debug("Course %s changed: purged %d pages", instance.pk, len(pages) + len(catalogues))


def connect() -> None:
    # A renamed course provider shows on every page that lists one of its courses.
    post_save.connect(on_site_change, sender=Provider, dispatch_uid="pagecache-provider")
    # Publishing and unpublishing save the course's row: its save signal covers both, once.
    for signal in (post_save, post_delete):
        signal.connect(
            on_course_change, sender=Course, dispatch_uid=f"pagecache-course-{id(signal)}"
        )
