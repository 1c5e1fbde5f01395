"""Site search over live guides and courses: the public functions views and commands use.

A search tries one step after another until something matches, and says which it used:

1. every word the reader typed (words like "best" dropped when others remain), with strong
   partial matches added to a short list ("all");
2. any of the reader's words, when there are several ("any"); a spelling correction is only
   offered ("Did you mean …?"), the reader's own words are what is searched;
3. the spelling correction, when the words as typed match nothing at all ("corrected"): the page
   says "Showing results for X" and links to the words as typed (`as_typed`), which skips it;
4. on PostgreSQL, trigram similarity to the words as typed ("fuzzy").

Each step is one SQL statement (search/ranking.py) that ranks, filters, counts facets and cuts
to the page shown inside PostgreSQL; only that page's objects are then loaded (`load`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from itertools import chain

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from courses.finder import normalise_query as _normalise
from courses.models import Course

from . import caching, highlight, promotions, spelling
from .facets import Filters, facets, parse_filters
from .ranking import COURSE, GUIDE, Hit, Results, Step, rank
from .visibility import (
    course_catalogue,
    live_categories,
    reader_courses,
    reader_guides,
    searchable_guides,
)

__all__ = [
    "COURSE",
    "GUIDE",
    "Filters",
    "Hit",
    "Outcome",
    "course_catalogue",
    "guarded",
    "has_searchable_words",
    "live_categories",
    "load",
    "normalise_query",
    "parse_filters",
    "reader_courses",
    "reader_guides",
    "search",
    "searchable_guides",
]

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    query: str
    hits: list[Hit]  # the page shown, in order
    number: int  # the page shown
    total: int  # results with the filters applied
    facets: dict[str, list[dict]]
    mode: str = "all"  # "all" words, "any" word, "corrected", "fuzzy", "none"
    suggestion: str = ""  # a spelling correction: offered, or (mode "corrected") applied
    links: list[dict] = field(default_factory=list)  # promoted links that are not guides
    categories: dict = field(default_factory=dict)  # live categories by tree path
    error: bool = False


def normalise_query(raw: str | None) -> str:
    """What a reader typed, made safe to search for (the finder reads queries the same way)."""
    return _normalise(raw, settings.SEARCH_MAX_QUERY_LENGTH)


def has_searchable_words(query: str) -> bool:
    return bool(highlight.WORD_RE.search(query))


def without_noise(query: str) -> str:
    words = query.split()
    kept = [word for word in words if word.lower().strip(".,!?") not in highlight.NOISE_WORDS]
    return " ".join(kept) if kept and len(kept) < len(words) else query


def guarded(function, *args, default=None):
    """Run a database step in a savepoint; a backend error costs the step, never the page."""
    try:
        with transaction.atomic():
            return function(*args)
    except (DatabaseError, NotImplementedError, ValueError, TypeError):
        logger.exception("Search step %s failed", getattr(function, "__name__", function))
        return default


def _find(query, as_typed, selection, picks, number, per_page):
    """(results, mode, suggestion, error) of the first step that matches (module docstring)."""
    error = False

    def attempt(step):
        nonlocal error
        results = guarded(rank, step, selection, picks, number, per_page)
        error = error or results is None
        return results

    last = attempt(Step(without_noise(query), partial=True))
    if last and last.matched:
        return last, "all", "", error
    suggestion = guarded(spelling.suggest_spelling, query, default="") or ""
    words = highlight.query_terms(query)
    if len(words) > 1:
        results = attempt(Step(query, "or"))
        last = results or last
        if results and results.matched:
            return results, "any", suggestion, error
    if suggestion and not as_typed:
        results = attempt(Step(without_noise(suggestion), partial=True))
        last = results or last
        if results and results.matched:
            return results, "corrected", suggestion, error
    if words and connection.vendor == "postgresql":
        results = attempt(Step(" ".join(words), fuzzy=True))
        last = results or last
        if results and results.matched:
            return results, "fuzzy", suggestion, error
    # Nothing matched; editors' picks, if any, are the results.
    last = last or Results([], 1, 0, 0)
    return last, ("all" if last.total else "none"), suggestion, error


def search(
    query: str,
    filters: Filters,
    categories: dict,
    number: int = 1,
    as_typed: bool = False,
) -> Outcome:
    """Page `number` of the results for `query` with `filters`. `as_typed`: never apply a
    spelling correction (the reader chose their own words)."""
    per_page = settings.SEARCH_RESULTS_PER_PAGE
    selection = filters.selection(categories)
    if not has_searchable_words(query):
        return Outcome(query, [], 1, 0, facets(Results([], 1, 0, 0).counts, categories), "none")
    picks, links = promotions.promoted(query)

    def compute():
        return _find(query, as_typed, selection, picks, number, per_page)

    parts = (query, as_typed, selection, tuple(picks), number, per_page)
    results, mode, suggestion, error = caching.versioned(
        "results", parts, settings.SEARCH_CACHE_SECONDS, compute, keep=lambda found: not found[3]
    )
    return Outcome(
        query=query,
        hits=results.hits,
        number=results.number,
        total=results.total,
        facets=facets(results.counts, categories),
        mode=mode,
        suggestion=suggestion,
        links=links,
        categories=categories,
        error=error,
    )


def highlight_terms(outcome: Outcome) -> list[str]:
    """The words to highlight: the reader's, plus the corrected ones after a typo."""
    terms = highlight.query_terms(outcome.query)
    if outcome.suggestion:
        terms += [word for word in outcome.suggestion.split() if word not in terms]
    return terms


# What a result shows of a guide: its link, title and excerpt (the body only for the excerpt).
GUIDE_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "standfirst",
    "body",
)


def load(outcome: Outcome, request=None) -> None:
    """Fill in the objects, titles, excerpts and course links of the results shown."""
    hits = outcome.hits
    pattern = highlight.terms_pattern(highlight_terms(outcome))
    guide_ids = [hit.pk for hit in hits if hit.kind == GUIDE]
    course_ids = [hit.pk for hit in hits if hit.kind == COURSE]
    # Visibility is checked again for what is shown: a cached result may have expired since.
    guides = reader_guides().only(*GUIDE_FIELDS).in_bulk(guide_ids) if guide_ids else {}
    courses = reader_courses().in_bulk(course_ids) if course_ids else {}
    topics = Course.topic_names_of(courses) if courses else {}
    catalogue = guarded(course_catalogue, request) if courses else None
    for hit in hits:
        if hit.kind == GUIDE:
            guide = guides.get(hit.pk)
            if guide is None:
                continue
            hit.obj = guide
            hit.category = outcome.categories.get(hit.parent_path)
            text = chain([guide.standfirst], highlight.text_pieces(list(guide.body.raw_data)))
        else:
            course = courses.get(hit.pk)
            if course is None:
                continue
            hit.obj = course
            hit.url = catalogue.course_url(course, request) if catalogue else course.web_url
            text = f"{course.review} Topics: {topics.get(course.pk, '')}."
        hit.title_html = highlight.highlight(hit.obj.title, pattern)
        hit.excerpt_html = highlight.excerpt(text, pattern)
