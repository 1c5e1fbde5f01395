"""What a CDN in front must purge with a guide or an author, beyond the page itself (pagecache).

A guide's card is on the other guides of its category ("More in this category"), and the pages
of the courses it recommends (or did, before this publish) list it under "Guides that recommend
this course". An author's name, link and portrait are on every guide they wrote (the byline and
its structured data).
"""

from django.db.models.signals import pre_save
from wagtail.contrib.frontend_cache.utils import get_backends

from courses.cache_purges import course_routes, courses_on_page
from guides.models import MORE_IN_CATEGORY_LIMIT, AuthorPage, GuidePage


def listing_siblings(page, parent) -> list:
    """The guides beside `page` whose "More in this category" lists it or did: every live
    sibling when it is (or, unpublished or moved away, may have been) among the newest, none
    when it is an older guide, which no sibling's list shows."""
    siblings = GuidePage.objects.live().child_of(parent).order_by("-first_published", "-pk")
    if page.live and page.pk not in {
        pk for pk in siblings.values_list("pk", flat=True)[: MORE_IN_CATEGORY_LIMIT + 1]
    }:
        return []
    return list(siblings.exclude(pk=page.pk))


def purge_with_page(page, parent) -> tuple[list, list[str]]:
    """(pages, urls) to purge with `page`: a guide's listing siblings and its courses' routes;
    an author's guides."""
    if isinstance(page, AuthorPage):
        return list(GuidePage.objects.live().filter(author_page=page)), []
    siblings = listing_siblings(page, parent) if parent is not None else []
    courses = {c.pk: c for c in courses_on_page(page)}
    courses.update({c.pk: c for c in getattr(page, "_courses_before_publish", [])})
    return siblings, course_routes(list(courses.values()))


def remember_courses_before_save(sender, instance, **kwargs):
    """Before a page's row is saved (as publishing does), note the courses its live content
    references: the reference index is rewritten on save, and a course just taken out of the
    page's lists must still have its page ("Guides that recommend this course") purged."""
    if instance.pk and get_backends():
        instance._courses_before_publish = courses_on_page(instance)


def connect() -> None:
    pre_save.connect(remember_courses_before_save, sender=GuidePage, dispatch_uid="cdn-courses")
