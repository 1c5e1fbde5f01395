"""The course catalogue page and its routes: the listing, a page per course, the finder and
the comparison.

A routable page's routes are its views: they live here with the page, above the course models
and the finder they read, so no model imports a view and no view imports the page back.
"""

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.dateformat import format as dateformat
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, ReferenceIndex

from core.page_queries import SitePageManager, SitePageMixin
from core.pagination import listing_page
from core.slugs import refuse_reserved_slug
from courses.finder import COMPARE_MAX, COMPARE_MIN, EXAMPLES, clean_text, find
from courses.models.course import (
    Course,
    Level,
    PriceModel,
    Provider,
    Topic,
    topic_label,
)
from courses.models.finder_request import FinderRequest
from pagecache import page_cache

COURSES_PER_PAGE = 12
SORTS = {
    "rating": ("Highest rated", ["-rating", "title"]),
    "reviewed": ("Most recently reviewed", ["-last_reviewed", "-rating", "title"]),
    "title": ("Title, A to Z", ["title"]),
}


# Django's require_safe for a catalogue route (called as view(page, request, ...)): a POST gets
# 405 with an Allow header, and logs no finder request. csrf_exempt cannot help here:
# CsrfViewMiddleware only sees Wagtail's serve view, so a POST without a CSRF token still gets
# the CSRF failure page (403) before the route runs; the 405 answers a POST that carries one.
read_only = method_decorator(require_safe)


def live_topics():
    """Topics that at least one live course has, for the filter."""
    return (
        Topic.objects.filter(tagged_courses__content_object__live=True).distinct().order_by("name")
    )


def live_providers():
    """Providers that at least one live course has, for the filter."""
    return Provider.objects.filter(courses__live=True).distinct()


class CatalogueFilterForm(forms.Form):
    topic = forms.ChoiceField(required=False)
    level = forms.ChoiceField(required=False, choices=[("", "Any level"), *Level.choices])
    provider = forms.ChoiceField(required=False)
    price = forms.ChoiceField(
        required=False, label="Price", choices=[("", "Any price"), *PriceModel.choices]
    )
    sort = forms.ChoiceField(
        required=False,
        label="Sort by",
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    def __init__(self, *args, topics=None, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        topics = live_topics() if topics is None else topics
        providers = live_providers() if providers is None else providers
        self.fields["topic"].choices = [("", "Any topic")] + [
            (topic.slug, topic_label(topic.name)) for topic in topics
        ]
        self.fields["provider"].choices = [("", "Any provider")] + [
            (provider.slug, provider.name) for provider in providers
        ]

    def problems(self) -> list[str]:
        """A plain message for every filter value we do not know (those filters are dropped)."""
        messages = []
        for name in self.errors:
            label = self.fields[name].label or name
            value = str(self.data.get(name, ""))[:60]
            messages.append(
                f"We have no {label.lower()} called “{value}”, so that filter is not applied."
            )
        return messages


def catalogue_context(page, request) -> dict:
    topics = list(live_topics())
    providers = list(live_providers())
    form = CatalogueFilterForm(request.GET or None, topics=topics, providers=providers)
    filters = {}
    if form.is_bound:
        form.is_valid()
        filters = {key: value for key, value in form.cleaned_data.items() if value}
    courses = Course.objects.live().select_related("provider").prefetch_related("topics")
    if "topic" in filters:
        courses = courses.filter(topics__slug=filters["topic"])
    if "level" in filters:
        courses = courses.filter(level=filters["level"])
    if "provider" in filters:
        courses = courses.filter(provider__slug=filters["provider"])
    if "price" in filters:
        courses = courses.filter(price_model=filters["price"])
    sort = filters.get("sort", "rating")
    courses = courses.order_by(*SORTS[sort][1])
    # A ?page= past the end, 0 or not a number is a 404 (core/pagination.py), never page 1.
    listing = listing_page(request, courses, COURSES_PER_PAGE)
    messages = form.problems() if form.is_bound else []
    # Show the filters actually applied, so a bad value is not left selected and flagged.
    return {
        "filter_form": CatalogueFilterForm(initial=filters, topics=topics, providers=providers),
        "courses": listing,
        "filters_query": urlencode(filters),
        "is_filtered": any(key != "sort" for key in filters),
        "filter_messages": messages,
        "finder": finder_box(page),
    }


def finder_box(page) -> dict:
    """What courses/finder_box.html needs: the catalogue whose finder it asks, and examples."""
    return {"page": page, "examples": EXAMPLES}


def base_context(page, request) -> dict:
    return Page.get_context(page, request)


def recommending_guides(course):
    """Live, public guides whose course lists include the course, by title.

    Read from Wagtail's reference index, which names each referencing page's own type: the
    guides come back as guides (their hero images feed the page's share image) without this
    app importing the guides app above it."""
    references = ReferenceIndex.get_references_to(course).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    ids_by_type = {}
    for content_type_id, object_id in references.values_list("content_type", "object_id"):
        ids_by_type.setdefault(content_type_id, set()).add(int(object_id))
    by_type = [
        ContentType.objects.get_for_id(content_type_id)
        .model_class()
        .objects.live()
        .public()
        .filter(pk__in=ids)
        .order_by("title")
        for content_type_id, ids in ids_by_type.items()
    ]
    if len(by_type) == 1:  # guides are the only pages with course lists
        return by_type[0]
    return sorted((page for pages in by_type for page in pages), key=lambda page: page.title)


@read_only
def course_page(page, request, slug):
    course = (
        Course.objects.live()
        .filter(slug=slug)
        .select_related("provider")
        .prefetch_related("topics")
        .first()
    )
    if course is None:
        raise Http404("No live course has that address.")
    context = base_context(page, request)
    context.update(
        {
            "course": course,
            "guides": recommending_guides(course),
            "finder": finder_box(page),
        }
    )
    return TemplateResponse(request, "pages/course_page.html", context)


def pick_data(page, pick) -> dict:
    course = pick.course
    return {
        "title": course.title,
        "slug": course.slug,
        "url": page.course_url(course),
        "link": course.web_url,
        "provider": course.get_provider_display() or None,
        "rating": str(course.rating),
        "rating_display": course.rating_display,
        "level": course.get_level_display(),
        "price_model": course.get_price_model_display(),
        "topics": course.topic_labels(),
        "explanation": pick.explanation,
        "exact": pick.exact,
    }


def compare_url(page, courses) -> str:
    return page.subpage_url("compare") + "?" + urlencode([("course", c.slug) for c in courses])


def answer_request(page, request, via):
    """Run the finder for ?q= and log the request (query, intent read, results count)."""
    query = request.GET.get("q")
    answer = find(query)
    if query is not None:
        FinderRequest.objects.create(
            query=clean_text(query)[:500],
            intent=answer.intent.to_dict(),
            results_count=len(answer.picks),
            via=via,
        )
    return answer


def answer_context(page, answer, in_box: bool) -> dict:
    """What courses/finder_answer.html shows of an answer, on the finder page and in the box."""
    compared = [pick.course for pick in answer.compare_picks]
    return {
        "answer": answer,
        "catalogue": page,
        "compare_columns": compare_columns(compared, page),
        "compare_rows": compare_rows(compared),
        "compare_link": compare_url(page, compared) if compared else "",
        "compare_max": COMPARE_MAX,
        "finder_url": page.subpage_url("finder") + "?" + urlencode({"q": answer.query}),
        # The box sits on pages with ids of their own (the finder page's own answer, too).
        "prefix": "box-" if in_box else "",
        "in_box": in_box,
    }


@read_only
def finder_page(page, request):
    answer = answer_request(page, request, "page")
    context = base_context(page, request)
    context.update(answer_context(page, answer, in_box=False))
    context.update(
        {
            "asked": "q" in request.GET,
            "finder": finder_box(page),
            # What the page shows (last breadcrumb, heading) for og:title and the JSON-LD trail.
            "head_tags": {"title": "Course finder", "crumb": "Course finder"},
        }
    )
    response = TemplateResponse(request, "pages/course_finder.html", context)
    add_never_cache_headers(response)
    return response


@read_only
def finder_answer(page, request):
    """The finder page's answer alone, as HTML, for the finder box's script to show in place."""
    answer = answer_request(page, request, "script")
    response = TemplateResponse(
        request, "courses/finder_answer.html", answer_context(page, answer, in_box=True)
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


@read_only
def finder_json(page, request):
    answer = answer_request(page, request, "json")
    compare_picks = answer.compare_picks
    response = JsonResponse(
        {
            "query": answer.query,
            "intent": answer.intent.to_dict(),
            "intent_summary": answer.intent.summary(),
            "messages": answer.messages,
            "results": [pick_data(page, pick) for pick in answer.picks],
            "compare_url": (
                compare_url(page, [pick.course for pick in compare_picks])
                if compare_picks
                else None
            ),
            "finder_url": page.subpage_url("finder") + "?" + urlencode({"q": answer.query}),
        }
    )
    add_never_cache_headers(response)
    return response


def compare_columns(courses, page) -> list[dict]:
    return [{"course": course, "url": page.course_url(course)} for course in courses]


def date_format(value) -> str:
    return dateformat(value, "j F Y") if value else ""


def compare_rows(courses) -> list[dict]:
    """The comparison table, one row per attribute and one column per course."""
    if not courses:
        return []
    return [
        # A course without a provider shows an empty cell, never "Other".
        {"label": "Provider", "values": [c.get_provider_display() for c in courses]},
        {"label": "Our rating", "values": [c.rating_display for c in courses]},
        {"label": "Level", "values": [c.get_level_display() for c in courses]},
        {"label": "Price", "values": [c.get_price_model_display() for c in courses]},
        {"label": "Language", "values": [c.language for c in courses]},
        {"label": "Topics", "values": [", ".join(c.topic_labels()) for c in courses]},
        # The format every page shows a date in (|date:"j F Y"): "1 September 2026".
        {"label": "Last reviewed", "values": [date_format(c.last_reviewed) for c in courses]},
        {"label": "Our review", "values": [c.review for c in courses]},
    ]


@read_only
def compare_page(page, request):
    slugs = []
    for slug in request.GET.getlist("course"):
        slug = clean_text(slug)[:200]
        if slug and slug not in slugs:
            slugs.append(slug)
    messages = []
    if len(slugs) > COMPARE_MAX:
        messages.append(
            f"We compare up to {COMPARE_MAX} courses at a time: here are the first four."
        )
        slugs = slugs[:COMPARE_MAX]
    found = {
        c.slug: c
        for c in Course.objects.live()
        .filter(slug__in=slugs)
        .select_related("provider")
        .prefetch_related("topics")
    }
    courses = [found[slug] for slug in slugs if slug in found]
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        messages.append(
            "We could not find "
            + ", ".join(f"“{slug}”" for slug in missing)
            + " among our live courses."
        )
    if len(courses) < COMPARE_MIN:
        messages.append(
            f"Choose {COMPARE_MIN} to {COMPARE_MAX} courses to compare them side by side, "
            "for example from the course finder's answers."
        )
    context = base_context(page, request)
    context.update(
        {
            "compare_columns": compare_columns(courses, page)
            if len(courses) >= COMPARE_MIN
            else [],
            "compare_rows": compare_rows(courses) if len(courses) >= COMPARE_MIN else [],
            "compare_messages": messages,
            "finder": finder_box(page),
            "head_tags": {"title": "Compare courses", "crumb": "Compare"},
        }
    )
    return TemplateResponse(request, "pages/course_compare.html", context)


class CourseIndexPage(RoutablePageMixin, SitePageMixin, Page):
    """The course catalogue (e.g. /courses/): every live course, a page per course, the finder."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/course_index_page.html"

    objects = SitePageManager()

    class Meta:
        verbose_name = "course catalogue"

    def clean(self):
        super().clean()
        refuse_reserved_slug(self)

    def serve(self, request, *args, **kwargs):
        # There is one catalogue (one home page, one catalogue under it): a reader who reached
        # it live and unrestricted is on the live catalogue, with no lookup (live_catalogue).
        reader = self.live and not getattr(request, "is_preview", False)
        if reader and not self.get_view_restrictions():
            request._course_catalogue = self
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(self, request))
        return context

    # Fixed routes come before the course slug route; RESERVED_SLUGS keeps them apart.
    @path("finder/", name="finder")
    def finder(self, request):
        return finder_page(self, request)

    @path("finder/answer/", name="finder_answer")
    def finder_answer(self, request):
        return finder_answer(self, request)

    @path("finder/json/", name="finder_json")
    def finder_json(self, request):
        return finder_json(self, request)

    @path("compare/", name="compare")
    def compare(self, request):
        return compare_page(self, request)

    @path("<slug:slug>/", name="course")
    def course(self, request, slug):
        return course_page(self, request, slug)

    @classmethod
    def live_catalogue(cls, request=None):
        """The live catalogue page (one per site) or None; for a reader's request kept on the
        request and in the cache until the page cache's site version changes (a publish,
        unpublish, move or delete, a view restriction), which is all that can change it."""
        if request is None:
            return cls.objects.live().public().order_by("path").first()
        if not hasattr(request, "_course_catalogue"):
            key = f"course-catalogue:{page_cache.site_version(request)}"
            found = page_cache.cache_backend().get(key)
            if found is None:
                found = (cls.objects.live().public().order_by("path").first(),)
                page_cache.cache_backend().set(key, found, settings.PAGE_CACHE_SECONDS)
            request._course_catalogue = found[0]
        return request._course_catalogue

    def subpage_url(self, name, request=None, **kwargs) -> str:
        """The URL of a route of the catalogue. With the reader's request, Wagtail reads the
        site root paths once per request rather than once per catalogue object."""
        return self.get_url(request) + self.reverse_subpage(name, kwargs=kwargs or None)

    def course_url(self, course, request=None) -> str:
        return self.subpage_url("course", request, slug=course.slug)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for course in Course.objects.live().order_by("slug"):
            urls.append(
                {
                    "location": base + self.reverse_subpage("course", kwargs={"slug": course.slug}),
                    "lastmod": course.last_published_at or course.last_reviewed,
                }
            )
        return urls
