import logging

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from . import engine
from .models import SearchQueryLog

logger = logging.getLogger(__name__)

SUGGESTION_LIMIT = 8
SUGGEST_MIN_LENGTH = 2


def page_number(value) -> int:
    """?page= as a positive integer; anything else ("abc", "-1", "0", "1e9") is page 1."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else 1


def log_search(query: str, hits: int) -> None:
    """Log a search, and count it for the search promotions report; never fail the page."""
    normalised = " ".join(query.lower().split())[:200]
    try:
        if connection.vendor == "postgresql":
            _log_in_one_statement(normalised, hits, normalise_query_string(query))
        else:
            with transaction.atomic():
                SearchQueryLog.objects.create(query=normalised, hits=hits)
                Query.get(query).add_hit()
    except DatabaseError:
        logger.exception("Could not log the search %r", query)


def _log_in_one_statement(normalised: str, hits: int, query_string: str) -> None:
    """What SearchQueryLog.objects.create() and Query.get(query).add_hit() write, as one
    statement (they take seven), committed without waiting for the disk: a log row lost in a
    crash does not matter, waiting for the disk on every search does."""
    log = SearchQueryLog._meta.db_table
    queries = Query._meta.db_table
    daily = QueryDailyHits._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH quick AS (SELECT set_config('synchronous_commit', 'off', true)), "  # noqa: S608
            f"logged AS (INSERT INTO {log} (query, hits, searched_at) "
            "SELECT %s, %s, %s FROM quick), "
            f"promoted AS (INSERT INTO {queries} (query_string) VALUES (%s) "
            "ON CONFLICT (query_string) DO UPDATE SET query_string = EXCLUDED.query_string "
            "RETURNING id) "
            f"INSERT INTO {daily} (query_id, date, hits) SELECT id, %s, 1 FROM promoted "
            f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {daily}.hits + 1",
            [normalised, hits, timezone.now(), query_string, timezone.now().date()],
        )


FILTER_LABELS = {"type": "type", "category": "category", "level": "course level"}


def ignored_filter_messages(filters) -> list[str]:
    """A plain sentence for every filter value we do not know (the template escapes it)."""
    return [
        f"The {FILTER_LABELS[name]} filter “{value}” was not applied: unknown value."
        for name, value in filters.ignored
    ]


def head_tags(query: str) -> dict:
    """Title, description and canonical path for the <head> (seo/templates/seo/head.html).

    The canonical URL keeps `q` and drops the filters and page: results for "django" are a
    document of their own (a shared link must preview and open that search, not an empty
    search box), while a filter or a page number only narrows the same results. The page
    stays noindex either way, so the canonical URL never asks for results to be indexed.
    """
    path = reverse("search")
    if not query:
        return {"title": "Search", "crumb": "Search", "path": path}
    return {
        "title": f"Search results for “{query}”",
        "crumb": "Search",
        "description": f"Guides and courses that match “{query}”.",
        "path": path + "?" + urlencode({"q": query}),
    }


def facet_links(outcome, filters, base):
    """Each facet value with the URL that applies it (query and other filters kept, page
    reset). `base`: the query's own parameters."""
    groups = []
    labels = {"type": "Type", "category": "Category", "level": "Course level"}
    for name, label in labels.items():
        values = outcome.facets[name]
        if not values:
            continue
        current = getattr(filters, name)
        items = []
        for item in values:
            params = {**base, **filters.as_params(), name: item["value"]}
            items.append(
                {
                    **item,
                    "url": "?" + urlencode(params),
                    "selected": item["value"] == current,
                }
            )
        clear = {**base, **filters.as_params()}
        clear.pop(name, None)
        groups.append(
            {
                "name": name,
                "label": label,
                "items": items,
                "current": current,
                "clear_url": "?" + urlencode(clear) if current else "",
            }
        )
    return groups


# Both views only read. CsrfViewMiddleware runs before the view, so without csrf_exempt a
# POST would get the CSRF failure page (403) before require_safe could answer 405 + Allow.
@csrf_exempt
@require_safe
def search(request):
    query = engine.normalise_query(request.GET.get("q"))
    # The reader asked for their own words ("Search instead for …"): no spelling correction.
    as_typed = request.GET.get("as_typed") == "1"
    categories = engine.live_categories(request)
    filters = engine.parse_filters(request.GET, categories)
    requested = page_number(request.GET.get("page", 1))
    outcome = results = None
    base = {"q": query, **({"as_typed": "1"} if as_typed else {})}
    if query:
        outcome = engine.search(query, filters, categories, requested, as_typed)
        paginator = Paginator(range(outcome.total), settings.SEARCH_RESULTS_PER_PAGE)
        results = Page(outcome.hits, outcome.number, paginator)
        engine.load(outcome, request)
        if requested == 1:  # a new search, not a reader paging through one
            log_search(query, outcome.total)
    suggestion = outcome.suggestion if outcome else ""
    response = render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "query_was_cut": len(request.GET.get("q") or "") > settings.SEARCH_MAX_QUERY_LENGTH,
            "outcome": outcome,
            "results": results,
            "filters": filters,
            "facet_groups": facet_links(outcome, filters, base) if outcome else [],
            "clear_filters_url": "?" + urlencode(base) if filters.active else "",
            "pagination_query": urlencode({**base, **filters.as_params()}) if query else "",
            "suggestion_url": (
                "?" + urlencode({"q": suggestion, **filters.as_params()}) if suggestion else ""
            ),
            "as_typed_url": (
                "?" + urlencode({"q": query, "as_typed": "1", **filters.as_params()})
                if suggestion
                else ""
            ),
            "categories": sorted(categories.values(), key=lambda c: c.title),
            "filter_messages": ignored_filter_messages(filters),
            "head_tags": head_tags(query),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt
@require_safe
def suggest(request):
    """Up to eight live titles that start with what the reader has typed, as JSON:
    {"query": "dja", "suggestions": [{"title": ..., "type": "guide", "url": ...}, ...]}"""
    query = engine.normalise_query(request.GET.get("q"))[:100]
    suggestions = []
    if len(query) >= SUGGEST_MIN_LENGTH and engine.has_searchable_words(query):
        suggestions = engine.guarded(_suggestions, request, query, default=[]) or []
    response = JsonResponse({"query": query, "suggestions": suggestions})
    response["Cache-Control"] = "public, max-age=60"
    response["X-Robots-Tag"] = "noindex"
    return response


def _suggestions(request, query):
    """Guides first, then courses; within each, titles that start with the query first."""
    prefix = query.lower()
    # Autocomplete filters by index fields only: the privacy rule is applied to what it finds.
    found = list(
        engine.searchable_guides()
        .only("id", "title", "url_path", "path", "depth", "locale_id")
        .autocomplete(query)[: SUGGESTION_LIMIT * 3]
    )
    visible = set(
        engine.reader_guides().filter(pk__in=[g.pk for g in found]).values_list("pk", flat=True)
    )
    guides = [guide for guide in found if guide.pk in visible][:SUGGESTION_LIMIT]
    courses = list(
        engine.reader_courses().only("id", "title", "slug").autocomplete(query)[:SUGGESTION_LIMIT]
    )
    search_url = reverse("search")
    catalogue = engine.course_catalogue() if courses else None
    candidates = [(guide.title, engine.GUIDE, guide) for guide in guides] + [
        (course.title, engine.COURSE, course) for course in courses
    ]
    candidates.sort(
        key=lambda item: (item[1] != engine.GUIDE, not item[0].lower().startswith(prefix))
    )
    suggestions, seen = [], set()
    for title, kind, obj in candidates:
        if title.lower() in seen:
            continue
        seen.add(title.lower())
        if kind == engine.GUIDE:
            url = obj.get_url(request)
        elif catalogue is not None:
            url = catalogue.course_url(obj, request)
        else:
            url = f"{search_url}?{urlencode({'q': title, 'type': engine.COURSE})}"
        suggestions.append({"title": title, "type": kind, "url": url})
        if len(suggestions) == SUGGESTION_LIMIT:
            break
    return suggestions
