"""What a reader may find: live, public, unexpired guides, live courses, open categories."""

from django.conf import settings
from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from courses.models import Course, CourseIndexPage
from guides.models import GuideIndexPage, GuidePage
from pagecache import page_cache


def public(pages):
    """`pages` without any behind a view restriction (on the page or an ancestor). Wagtail's
    `.public()` reads every restriction first, one more query each time; this asks the
    database in the same statement."""
    path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restricted = PageViewRestriction.objects.annotate(inner=path).filter(
        inner__startswith=F("page__path")
    )
    return pages.filter(~Exists(restricted))


def _unexpired(queryset):
    return queryset.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))


def reader_guides():
    """Guides a reader may see: live, public (no view restriction), not past their expiry."""
    return public(searchable_guides())


def reader_pages(page_type):
    """The same rules as reader_guides(), on the page table alone (no specific fields)."""
    return public(_unexpired(Page.objects.live().type(page_type)))


def searchable_guides():
    """Live, unexpired guides, filtered only in ways every search backend understands (its
    `.search()` and `.autocomplete()` accept index filter fields only): intersect what it
    finds with reader_guides() for the privacy rule."""
    return _unexpired(GuidePage.objects.live())


def reader_courses():
    return _unexpired(Course.objects.live())


def live_categories(request=None) -> dict[str, GuideIndexPage]:
    """Live categories readers may open, by tree path (a handful of rows). Not a restricted
    one: the "browse a category" list and the facets would name it. For a reader's request
    kept in the cache under the page cache's site version, which every change that can alter
    them renews (a publish, unpublish, move or delete, a view restriction)."""
    if request is None:
        return _live_categories()
    cache = page_cache.cache_backend()
    key = f"search-categories:{page_cache.site_version(request)}"
    categories = cache.get(key)
    if categories is None:
        categories = _live_categories()
        cache.set(key, categories, settings.PAGE_CACHE_SECONDS)
    return categories


def _live_categories() -> dict[str, GuideIndexPage]:
    return {
        category.path: category
        for category in public(GuideIndexPage.objects.live()).only(
            "id", "title", "slug", "path", "depth", "url_path", "locale_id"
        )
    }


def course_catalogue(request=None):
    """The live course catalogue page, whose course pages search links to (None: link out)."""
    return CourseIndexPage.live_catalogue(request)
