"""Site search over live guides and courses on Wagtail's database search backend.

One search runs in two cheap steps:

1. *Match*: Wagtail's backend (PostgreSQL full-text search, or SQLite FTS in the embedded default)
   returns the id, tree path or level and relevance score of every live, public, unexpired guide
   and live course that matches. Only those three columns travel, so facets can be counted
   over the whole result set and results from the two models merged by score.
2. *Show*: only the ten results on the requested page are loaded in full, with an excerpt.

When every word must match and nothing does, the search widens to any word, then (PostgreSQL
only) to trigram fuzzy matching, and offers a spelling suggestion ("Did you mean …?").
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import math
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.db.models.expressions import CombinedExpression, RawSQL
from django.utils import timezone
from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler
from taggit.models import Tag
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import Fuzzy
from wagtail.search.utils import normalise_query_string

from courses.models import Course, CourseIndexPage, Level, Topic
from guides.models import GuideIndexPage, GuidePage

from . import highlight
from .models import SearchIndexVersion

logger = logging.getLogger(__name__)

GUIDE, COURSE = "guide", "course"
TYPES = {GUIDE: "Guides", COURSE: "Courses"}
STEPLEN = Page.steplen
VOCABULARY_CACHE_KEY = "search:vocabulary:v1"
FUZZY_TIMEOUT_MS = 300
SEARCH_CACHE_MAX_HITS = 50_000
# Matches of one type above this: their visibility is read for all objects at once (PostgreSQL).
VISIBLE_SCAN_ABOVE = 2_000
# Ranking on top of the database's relevance score: guides are the site's own writing, so they
# come before a course of similar relevance; a title that *is* the query ("Django: the web
# framework ..." for "django") comes before titles that merely contain it.
GUIDE_BOOST = 1.5
# Fewer results than this for every word: documents matching some of the words join them, their
# score weighted down.
PARTIAL_MATCHES_BELOW = 10
PARTIAL_MATCH_WEIGHT = 0.5
EXACT_TITLE_BOOST = 2.0
# Words that say how good a result should be, not what it is about: "best course for beginners"
# searches for "course beginners" (unless nothing else is left).
NOISE_WORDS = frozenset({"best", "top", "good", "great", "recommended", "free"})


def normalise_query(raw: str | None) -> str:
    """What a reader typed, made safe to search for: no NUL or control characters, whitespace
    collapsed, at most SEARCH_MAX_QUERY_LENGTH characters (cut at a word boundary)."""
    if not raw:
        return ""
    limit = settings.SEARCH_MAX_QUERY_LENGTH
    # Only look at a bounded prefix: a 5,000-character query costs no more than a short one.
    text = raw[: limit * 2]
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit]
        if " " in text[limit // 2 :]:
            text = text.rsplit(" ", 1)[0]
    return text.strip()


def has_searchable_words(query: str) -> bool:
    return bool(highlight.WORD_RE.search(query))


@dataclass
class Hit:
    kind: str
    pk: int
    score: float
    parent_path: str | None = None  # guides: the category's tree path
    level: str | None = None  # courses
    promoted: bool = False
    # Filled for the results on the current page only.
    obj: object | None = None
    category: GuideIndexPage | None = None
    title_html: str = ""
    excerpt_html: str = ""
    url: str = ""


@dataclass
class Filters:
    type: str = ""
    category: str = ""  # a category's slug
    level: str = ""
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (filter, unknown value)

    def as_params(self) -> dict[str, str]:
        return {
            name: value
            for name, value in (
                ("type", self.type),
                ("category", self.category),
                ("level", self.level),
            )
            if value
        }

    @property
    def active(self) -> bool:
        return bool(self.type or self.category or self.level)


@dataclass
class Outcome:
    query: str
    hits: list[Hit]  # filtered, in display order
    facets: dict[str, list[dict]]
    mode: str = "all"  # "all" words, "any" word, "fuzzy" (typo tolerant), "none"
    suggestion: str = ""
    links: list[dict] = field(default_factory=list)  # promoted links that are not guides
    categories: dict[str, GuideIndexPage] = field(default_factory=dict)  # by tree path
    error: bool = False


def live_categories() -> dict[str, GuideIndexPage]:
    """Live categories readers may open, by tree path (a handful of rows). Not a restricted
    one: the "browse a category" list and the facets would name it."""
    return {
        category.path: category
        for category in GuideIndexPage.objects.live()
        .public()
        .only("id", "title", "slug", "path", "depth", "url_path", "locale_id")
    }


def parse_filters(params, categories: dict[str, GuideIndexPage]) -> Filters:
    """Known filter values from the query string; anything else is ignored, and the results
    page says so (`ignored` keeps each filter's name and the value, cut to 60 characters)."""
    filters = Filters()
    slugs = {category.slug for category in categories.values()}
    allowed = {"type": set(TYPES), "category": slugs, "level": set(Level.values)}
    for name, values in allowed.items():
        value = (params.get(name) or "").strip()
        if not value:
            continue
        if value in values:
            setattr(filters, name, value)
        else:
            filters.ignored.append((name, value[:60]))
    return filters


def _unexpired(queryset):
    return queryset.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))


def reader_guides():
    """Guides a reader may see: live, public (no view restriction), not past their expiry."""
    return _unexpired(GuidePage.objects.live().public())


def reader_courses():
    return _unexpired(Course.objects.live())


def _run(queryset, query, operator):
    if isinstance(query, str):
        return queryset.search(query, operator=operator).annotate_score("_score")
    return queryset.search(query).annotate_score("_score")


def _score(value, sign: float) -> float:
    """The backend's relevance as a number where higher is better (`sign` from _score_sign())."""
    try:
        score = float(value or 0.0)
    except (TypeError, ValueError):
        return 0.0
    if not math.isfinite(score):
        return 0.0
    return sign * score


def _score_sign() -> float:
    """SQLite's FTS5 `bm25()` is negative and lower is better; PostgreSQL's `ts_rank` is
    positive and higher is better. Asked once per search, not per match: reading
    `connection.vendor` goes through Django's context-local connection lookup each time."""
    return -1.0 if connection.vendor == "sqlite" else 1.0


def _title_boost(title: str, wanted: str) -> float:
    if not wanted or wanted not in title.lower():  # the cheap test first: most titles differ
        return 1.0
    head = " ".join(highlight.WORD_RE.findall(title.split(":")[0].lower()))
    whole = " ".join(highlight.WORD_RE.findall(title.lower()))
    return EXACT_TITLE_BOOST if wanted and wanted in {whole, head} else 1.0


def _rows(queryset, query, operator, fields):
    """(*fields, score) for every match. Only these columns leave the database: the backend's
    own queryset would also select each match's whole tsvector."""
    results = _run(queryset, query, operator)
    try:
        matches = results.get_queryset()
        return list(matches.values_list(*fields, "_score"))
    except (AttributeError, TypeError):  # a backend without a queryset (Elasticsearch)
        return [(*(getattr(obj, name) for name in fields), obj._score) for obj in results]


@contextmanager
def _planner_setting(name: str, value: str):
    """A PostgreSQL setting for the statements inside, in a transaction (or savepoint) of its
    own: SET LOCAL outside a transaction does nothing, and inside one it would outlive us.
    On an error the rollback undoes it; on success it is put back for the rest of the
    surrounding transaction (a request's, or a test's)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        previous = cursor.fetchone()[0]
        cursor.execute(f"SET LOCAL {name} = %s", [value])
        yield
        cursor.execute(f"SET LOCAL {name} = %s", [previous])


def _uses_postgres_index() -> bool:
    backend = get_search_backend()
    return (
        connection.vendor == "postgresql"
        and isinstance(getattr(backend, "query_compiler_class", None), type)
        and issubclass(backend.query_compiler_class, PostgresSearchQueryCompiler)
    )


def _index_scores(text: str, operator: str) -> dict[tuple[int, str], float]:
    """{(content type id, object id): relevance} for every index entry matching `text`.

    The same tsquery and ts_rank expression as Wagtail's PostgreSQL backend, asked of the index
    table alone. The backend's own query joins each model first and filters on the index's
    content type, and for a common word ("faq", "python") PostgreSQL then evaluates
    `title || body @@ query` row by row, detoasting every document's vectors (about 60 ms at
    10,000 guides); on the index table alone, with sequential scans ruled out, it reads the
    matches from the GIN index on that expression (search/migrations/0002) instead.
    """
    backend = get_search_backend()
    compiler = backend.query_compiler_class(GuidePage.objects.none(), text, operator=operator)
    config = compiler.get_config(backend)
    tsquery = compiler.build_tsquery(compiler.query, config=config)
    if tsquery is None:
        return {}
    rank = compiler.build_tsrank(F("title"), compiler.query, config=config) * F(
        "title_norm"
    ) + compiler.build_tsrank(F("body"), compiler.query, config=config)
    document = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    entries = (
        IndexEntry.objects.annotate(document=document, score=rank)
        .filter(document=tsquery)
        .values_list("content_type_id", "object_id", "score")
    )
    with _planner_setting("enable_seqscan", "off"):
        return {(ct, object_id): score for ct, object_id, score in entries}


def _visible(queryset, ids: list[int], fields):
    """`fields` of the reader-visible objects among `ids`. A few ids travel as one array; past
    VISIBLE_SCAN_ABOVE it is cheaper to read every visible object and keep the matches."""
    if not ids:
        return []
    if len(ids) > VISIBLE_SCAN_ABOVE:
        wanted = set(ids)
        return [row for row in queryset.values_list("pk", *fields) if row[0] in wanted]
    matching = RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return list(queryset.filter(pk__in=matching).values_list("pk", *fields))


def _postgres_rows(text: str, operator: str):
    """What _rows() returns for guides and for courses, from one index-table query."""
    scores = _index_scores(text, operator)
    by_type: dict[int, list[int]] = {}
    for ct, object_id in scores:
        by_type.setdefault(ct, []).append(int(object_id))
    guide_type = ContentType.objects.get_for_model(GuidePage).pk
    course_type = ContentType.objects.get_for_model(Course).pk
    guides = _visible(reader_guides(), by_type.get(guide_type, []), ("path", "title"))
    courses = _visible(reader_courses(), by_type.get(course_type, []), ("level", "title"))
    return (
        [(pk, path, title, scores[(guide_type, str(pk))]) for pk, path, title in guides],
        [(pk, level, title, scores[(course_type, str(pk))]) for pk, level, title in courses],
    )


def match(query, operator: str = "and") -> list[Hit]:
    """Every reader-visible guide and course matching `query` (a string or a Fuzzy query)."""
    text = query if isinstance(query, str) else query.query_string
    wanted = " ".join(highlight.WORD_RE.findall(text.lower()))
    if isinstance(query, str) and _uses_postgres_index():
        guides, courses = _postgres_rows(query, operator)
    else:
        guides = _rows(reader_guides(), query, operator, ("pk", "path", "title"))
        courses = _rows(reader_courses(), query, operator, ("pk", "level", "title"))
    sign = _score_sign()
    hits = [
        Hit(
            GUIDE,
            pk,
            _score(score, sign) * GUIDE_BOOST * _title_boost(title, wanted),
            parent_path=path[:-STEPLEN],
        )
        for pk, path, title, score in guides
    ]
    hits += [
        Hit(COURSE, pk, _score(score, sign) * _title_boost(title, wanted), level=level)
        for pk, level, title, score in courses
    ]
    return hits


def without_noise(query: str) -> str:
    words = query.split()
    kept = [word for word in words if word.lower().strip(".,!?") not in NOISE_WORDS]
    return " ".join(kept) if kept and len(kept) < len(words) else query


def _guarded(function, *args, default=None):
    """Run a database step in a savepoint; a backend error costs the step, never the page."""
    try:
        with transaction.atomic():
            return function(*args)
    except (DatabaseError, NotImplementedError, ValueError, TypeError):
        logger.exception("Search step %s failed", getattr(function, "__name__", function))
        return default


def _fuzzy_match(query: str) -> list[Hit]:
    """modelsearch's Fuzzy query (pg_trgm word similarity against titles and bodies), with a time
    limit: it compares every document, so a long run is cut short rather than held up."""
    with _planner_setting("statement_timeout", f"{FUZZY_TIMEOUT_MS}ms"):
        return match(Fuzzy(query))


def with_partial_matches(hits: list[Hit], query: str) -> list[Hit]:
    """A handful of documents hold every word: add strong matches for some of them, at a discount.

    "fastapi tutorial" should still find the FastAPI guide when only two other guides happen to
    mention both words; ranked by score, a strong partial match can come first."""
    if len(hits) >= PARTIAL_MATCHES_BELOW or len(highlight.query_terms(query)) < 2:
        return hits
    found = {(hit.kind, hit.pk) for hit in hits}
    weakest = min(hit.score for hit in hits)
    partial = [
        Hit(hit.kind, hit.pk, hit.score * PARTIAL_MATCH_WEIGHT, hit.parent_path, hit.level)
        for hit in _guarded(match, query, "or") or []
        if (hit.kind, hit.pk) not in found
    ]
    # Only partial matches that outscore the weakest full match: a common word alone ("course")
    # must not pull in everything.
    return hits + [hit for hit in partial if hit.score >= weakest]


def find(query: str) -> tuple[list[Hit], str, str, bool]:
    """Matches for `query`, widening step by step until something matches:
    every word; every word of the spelling correction; any word; fuzzy (PostgreSQL).
    Returns (hits, mode, spelling suggestion, error)."""
    words = highlight.query_terms(query)
    hits = _guarded(match, without_noise(query), "and")
    error = hits is None
    hits = hits or []
    if hits:
        return with_partial_matches(hits, without_noise(query)), "all", "", error
    correction = suggest_spelling(query)
    if correction:
        hits = _guarded(match, without_noise(correction), "and") or []
        if hits:
            return (
                with_partial_matches(hits, without_noise(correction)),
                "corrected",
                correction,
                error,
            )
    if len(words) > 1:
        hits = _guarded(match, correction or query, "or") or []
        if hits:
            return hits, "any", correction, error
    if words and connection.vendor == "postgresql":
        hits = _guarded(_fuzzy_match, " ".join(words)) or []
        if hits:
            return hits, "fuzzy", correction, error
    return [], "none", correction, error


def find_cached(query: str) -> tuple[list[Hit], str, str, bool]:
    """find(), cached for SEARCH_CACHE_SECONDS under the current SearchIndexVersion: any change
    to guides, courses, categories, privacy or the tree gives new searches a new key."""
    seconds = settings.SEARCH_CACHE_SECONDS
    version = _guarded(SearchIndexVersion.current) if seconds else None
    if version is None:
        return find(query)
    digest = hashlib.sha256(query.encode("utf-8", "replace")).hexdigest()[:32]
    key = f"search:find:v1:{version}:{digest}"
    cached = cache.get(key)
    if cached is not None:
        rows, mode, suggestion = cached
        hits = [
            Hit(kind, pk, score, parent_path=path, level=level)
            for kind, pk, score, path, level in rows
        ]
        return hits, mode, suggestion, False
    hits, mode, suggestion, error = find(query)
    if not error and len(hits) <= SEARCH_CACHE_MAX_HITS:
        rows = [(hit.kind, hit.pk, hit.score, hit.parent_path, hit.level) for hit in hits]
        cache.set(key, (rows, mode, suggestion), seconds)
    return hits, mode, suggestion, error


def promoted(query: str) -> tuple[list[Hit], list[dict]]:
    """Editors' picks for this query (wagtail.contrib.search_promotions): guides become the top
    results; other pages and external links are shown as links above them."""
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    if not picks:
        return [], []
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    visible_guides = {
        guide.pk: guide for guide in reader_guides().filter(pk__in=page_ids).only("id", "path")
    }
    # Other promoted pages are shown by title: only live ones readers may open.
    visible_pages = set(
        Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True)
    )
    hits, links = [], []
    for pick in picks:
        if pick.page_id in visible_guides:
            guide = visible_guides[pick.page_id]
            hits.append(
                Hit(GUIDE, guide.pk, math.inf, parent_path=guide.path[:-STEPLEN], promoted=True)
            )
        elif pick.page_id in visible_pages:
            links.append(
                {
                    "title": pick.page.title,
                    "url": pick.page.url,
                    "description": pick.description,
                }
            )
        elif pick.external_link_url:
            links.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return hits, links


def _passes(hit: Hit, filters: Filters, category_path: str | None, skip: str = "") -> bool:
    if skip != "type" and filters.type and hit.kind != filters.type:
        return False
    if skip != "category" and filters.category and hit.parent_path != category_path:
        return False
    return not (skip != "level" and filters.level and hit.level != filters.level)


def facets(hits: list[Hit], filters: Filters, categories: dict[str, GuideIndexPage]) -> dict:
    """Counts per filter value. Each group is counted with the *other* filters applied, so a
    value's count is exactly the number of results its link shows."""
    by_slug = {category.slug: path for path, category in categories.items()}
    category_path = by_slug.get(filters.category)
    types: dict[str, int] = {}
    cats: dict[str, int] = {}
    levels: dict[str, int] = {}
    # One pass over what can be thousands of matches: what each hit passes, per filter.
    for hit in hits:
        type_ok = not filters.type or hit.kind == filters.type
        category_ok = not filters.category or hit.parent_path == category_path
        level_ok = not filters.level or hit.level == filters.level
        if category_ok and level_ok:
            types[hit.kind] = types.get(hit.kind, 0) + 1
        if type_ok and level_ok and hit.parent_path:
            cats[hit.parent_path] = cats.get(hit.parent_path, 0) + 1
        if type_ok and category_ok and hit.level:
            levels[hit.level] = levels.get(hit.level, 0) + 1
    return {
        "type": [
            {"value": value, "label": label, "count": types[value]}
            for value, label in TYPES.items()
            if types.get(value)
        ],
        "category": sorted(
            (
                {"value": categories[path].slug, "label": categories[path].title, "count": n}
                for path, n in cats.items()
                if path in categories
            ),
            key=lambda item: (-item["count"], item["label"]),
        ),
        "level": [
            {"value": value, "label": label, "count": levels[value]}
            for value, label in Level.choices
            if levels.get(value)
        ],
    }


def _build_vocabulary() -> list[str]:
    titles = list(reader_guides().values_list("title", flat=True))
    titles += list(reader_courses().values_list("title", flat=True))
    # Only what readers can see: a suggestion must not spell out a restricted page's words.
    titles += list(GuideIndexPage.objects.live().public().values_list("title", flat=True))
    titles += list(
        Tag.objects.filter(guides_guidepagetag_items__content_object__in=reader_guides())
        .distinct()
        .values_list("name", flat=True)
    )
    titles += list(Topic.objects.values_list("name", flat=True))
    return sorted(
        {
            word
            for title in titles
            for word in highlight.WORD_RE.findall(title.lower())
            if len(word) > 2 and not word.isdigit()
        }
    )


def vocabulary() -> frozenset[str]:
    """The words of every live title, tag, topic and category: what a spelling suggestion may
    use. Cached for SEARCH_VOCABULARY_CACHE_SECONDS (it changes only when content does)."""
    seconds = settings.SEARCH_VOCABULARY_CACHE_SECONDS
    # Keyed by SearchIndexVersion, so a page restricted or unpublished leaves it at once.
    key = f"{VOCABULARY_CACHE_KEY}:{SearchIndexVersion.current()}" if seconds else ""
    words = cache.get(key) if seconds else None
    if words is None:
        words = _build_vocabulary()
        if seconds:
            cache.set(key, words, seconds)
    return frozenset(words)


def suggest_spelling(query: str) -> str:
    """A corrected query ("djnago tutoral" -> "django tutorial"), or "" when none is better."""
    words = highlight.query_terms(query)
    if not words or len(words) > 8:
        return ""
    known = _guarded(vocabulary, default=frozenset())
    if not known:
        return ""
    corrected, changed = [], False
    for word in words:
        if word in known or word.isdigit() or len(word) < 3:
            corrected.append(word)
            continue
        nearby = [w for w in known if abs(len(w) - len(word)) <= 2]
        close = difflib.get_close_matches(word, nearby, n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(corrected) if changed else ""


def search(query: str, filters: Filters, categories: dict[str, GuideIndexPage]) -> Outcome:
    if not has_searchable_words(query):
        return Outcome(query, [], facets([], filters, categories), mode="none")
    hits, mode, suggestion, error = find_cached(query)
    picks, links = _guarded(promoted, query, default=([], [])) or ([], [])
    if picks:
        picked = {hit.pk for hit in picks}
        hits = picks + [hit for hit in hits if not (hit.kind == GUIDE and hit.pk in picked)]
        if mode == "none":
            mode = "all"
    by_slug = {category.slug: path for path, category in categories.items()}
    category_path = by_slug.get(filters.category)
    visible = [hit for hit in hits if _passes(hit, filters, category_path)]
    # Promoted hits score infinity, so they lead in the editors' order (the sort is stable).
    visible.sort(key=attrgetter("score"), reverse=True)
    return Outcome(
        query=query,
        hits=visible,
        facets=facets(hits, filters, categories),
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


def course_catalogue():
    """The live course catalogue page, whose course pages search links to (None: link out)."""
    return CourseIndexPage.live_catalogue()


def load(hits: list[Hit], outcome: Outcome) -> None:
    """Fill in the objects, titles and excerpts of the hits on one results page."""
    pattern = highlight.terms_pattern(highlight_terms(outcome))
    guide_ids = [hit.pk for hit in hits if hit.kind == GUIDE]
    course_ids = [hit.pk for hit in hits if hit.kind == COURSE]
    # Visibility is checked again for what is shown: a cached match may have expired since.
    guides = reader_guides().in_bulk(guide_ids) if guide_ids else {}
    courses = reader_courses().prefetch_related("topics").in_bulk(course_ids) if course_ids else {}
    catalogue = _guarded(course_catalogue) if courses else None
    for hit in hits:
        if hit.kind == GUIDE:
            guide = guides.get(hit.pk)
            if guide is None:
                continue
            hit.obj = guide
            hit.category = outcome.categories.get(hit.parent_path)
            text = f"{guide.standfirst} {highlight.plain_text(list(guide.body.raw_data))}"
        else:
            course = courses.get(hit.pk)
            if course is None:
                continue
            hit.obj = course
            hit.url = catalogue.course_url(course) if catalogue else course.web_url
            text = f"{course.review} Topics: {course.topic_names()}."
        hit.title_html = highlight.highlight(hit.obj.title, pattern)
        hit.excerpt_html = highlight.excerpt(text, pattern)
