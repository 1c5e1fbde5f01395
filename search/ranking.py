"""Rank, filter, count and cut search matches to one page of results.

On PostgreSQL (Wagtail's database backend) all of it happens in one SQL statement: the match
read from the index table through its GIN index, the reader-visibility rules, the boosts below,
the facet counts (one SQL aggregate grouped by kind, category and level, which facet_counts()
sums) and the top results of the requested page (ORDER BY ... LIMIT). Only the rows of that
page and a few counts leave the database, however many documents match. Elsewhere
(SQLite FTS in the embedded default, a search server) the same rules run in Python over the
backend's matches; a test keeps the two in step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from wagtail.models import Page

from courses.models import Course
from guides.models import GuidePage

from . import backend, highlight
from .visibility import reader_courses, reader_guides, reader_pages, searchable_guides

GUIDE, COURSE = "guide", "course"
STEPLEN = Page.steplen
# On top of the database's relevance score: guides are the site's own writing, so they come
# before a course of similar relevance; a title that *is* the query ("Django: the web framework
# ..." for "django") comes before titles that merely contain it.
GUIDE_BOOST = 1.5
EXACT_TITLE_BOOST = 2.0
# Among courses of similar relevance the better-rated comes first: each rating point above (or
# below) the pivot multiplies a course's relevance by RATING_STEP, so a 9.7 course outranks an
# 8.8 one unless the latter matches clearly better (by more than about a third).
RATING_PIVOT = 8.0
RATING_STEP = 1.35
# Fewer documents than this hold every word: documents matching some of the words join them,
# their score weighted down, if they still beat the weakest full match.
PARTIAL_MATCHES_BELOW = 10
PARTIAL_MATCH_WEIGHT = 0.5


@dataclass
class Hit:
    kind: str
    pk: int
    score: float | None  # None for an editor's pick
    parent_path: str | None = None  # guides: the category's tree path
    level: str | None = None  # courses
    promoted: bool = False
    # Filled by engine.load() for the results shown.
    obj: object | None = None
    category: object | None = None
    title_html: str = ""
    excerpt_html: str = ""
    url: str = ""


@dataclass(frozen=True)
class Step:
    """What to match: `text` with every word ("and") or any word ("or"); `fuzzy` for trigram
    similarity; `partial` adds strong partial matches to a short every-word list."""

    text: str
    operator: str = "and"
    fuzzy: bool = False
    partial: bool = False


@dataclass(frozen=True)
class Selection:
    """The filters a reader applied: a type, a category (by tree path), a course level."""

    type: str = ""
    category_path: str = ""
    level: str = ""

    def passes(self, hit: Hit, skip: str = "") -> bool:
        return (
            (skip == "type" or not self.type or hit.kind == self.type)
            and (
                skip == "category"
                or not self.category_path
                or hit.parent_path == self.category_path
            )
            and (skip == "level" or not self.level or hit.level == self.level)
        )


@dataclass
class Results:
    hits: list[Hit]  # the page shown, in order
    number: int  # the page shown (a page past the end shows the last one)
    total: int  # results with the filters applied
    matched: int  # matches without filters, editors' picks not counted
    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {"type": {}, "category": {}, "level": {}}
    )


def wanted_words(text: str) -> str:
    """The query's words as a title that *is* the query would read (for EXACT_TITLE_BOOST)."""
    return " ".join(highlight.WORD_RE.findall(text.lower()))


def rank(step: Step, selection: Selection, picks: list[int], number: int, per_page: int) -> Results:
    """Page `number` of the results for `step`, with facet counts. `picks` are editors' picked
    guides (by id, in their order): they lead, and count like any result."""
    if backend.uses_index_table():
        return rank_in_database(step, selection, picks, number, per_page)
    return rank_in_python(step, selection, picks, number, per_page)


def facet_counts(groups, selection: Selection) -> tuple[dict[str, dict[str, int]], int]:
    """The facet counts, each group counted with the other filters applied, and the total with
    every filter, from (hit, how many) pairs: one pair per result, or per kind, category and
    level of the results (all that the counts depend on)."""
    counts, total = {"type": {}, "category": {}, "level": {}}, 0
    for hit, number in groups:
        for name, key in (("type", hit.kind), ("category", hit.parent_path), ("level", hit.level)):
            if key and selection.passes(hit, skip=name):
                counts[name][key] = counts[name].get(key, 0) + number
        if selection.passes(hit):
            total += number
    return counts, total


def last_page(total: int, per_page: int) -> int:
    return max(1, math.ceil(total / per_page))


# In PostgreSQL ---------------------------------------------------------------------------------

# A title that is the query: the whole title, or the part before a colon, word for word
# (`_title_boost`). The titles whose words are the query's are looked up by these expressions,
# which search/migrations/0007 indexes on pages and courses (the text must stay the same there
# for PostgreSQL to use the indexes; a test checks it does), so no match's title is read or
# compared. Every number is a float8: a numeric literal would make PostgreSQL compute in numeric
# and convert every row.
TITLE_WORDS_SQL = r"btrim(regexp_replace(lower(title), '\W+', ' ', 'g'))"
TITLE_HEAD_WORDS_SQL = r"btrim(regexp_replace(lower(split_part(title, ':', 1)), '\W+', ' ', 'g'))"
TITLE_BOOST_SQL = (
    "CASE WHEN {titled}.pk IS NOT NULL AND strpos(lower({titled}.title), %s) > 0 "
    f"THEN {EXACT_TITLE_BOOST}::float8 ELSE 1.0::float8 END"
)
ORDER = "h.promo NULLS LAST, h.score DESC, h.kind = 'course', h.pk"


class _Sql:
    """SQL text and its positional parameters, built in order."""

    def __init__(self):
        self.parts: list[str] = []
        self.params: list = []

    def add(self, sql: str, params=()) -> _Sql:
        self.parts.append(sql)
        self.params.extend(params)
        return self

    def cte(self, definition: str, params=()) -> _Sql:
        """One more common table expression of the WITH list."""
        return self.add((", " if self.parts else "WITH ") + definition, params)

    def text(self) -> str:
        return "".join(self.parts)


def _boosted(sql: _Sql, name: str, step: Step, weight: float) -> None:
    """CTE `name`: (kind, pk, score, parent_path, level, promo) of the visible matches of
    `step`, scored with every boost. One pass over the matches, so PostgreSQL's estimate of
    how many there are (from the GIN index) chooses the joins."""
    guide_type = ContentType.objects.get_for_model(GuidePage).pk
    course_type = ContentType.objects.get_for_model(Course).pk
    if step.fuzzy:
        # The join with `vg` below applies the privacy rule.
        guides_sql, guides_params = backend.fuzzy_sql(searchable_guides(), step.text)
        courses_sql, courses_params = backend.fuzzy_sql(reader_courses(), step.text)
        source = (
            f"SELECT {guide_type} AS ct, g.pk, g.score FROM ({guides_sql}) g (pk, score) "
            f"UNION ALL SELECT {course_type}, c.pk, c.score FROM ({courses_sql}) c (pk, score)"
        )
        params = [*guides_params, *courses_params]
    else:
        match = backend.match_sql(step.text, step.operator, GuidePage)
        if match is None:
            match = ("SELECT NULL::int, NULL::text, NULL::float8 WHERE false", [])
        source = (
            f"SELECT e.ct, CASE WHEN e.ct IN ({guide_type}, {course_type}) "
            f"THEN e.object_id::int END AS pk, e.score FROM ({match[0]}) e (ct, object_id, score)"
        )
        params = match[1]
    wanted = wanted_words(step.text)
    sql.cte(
        f"{name} AS MATERIALIZED ("
        f"SELECT CASE WHEN vg.pk IS NULL THEN '{COURSE}' ELSE '{GUIDE}' END AS kind, m.pk, "
        f"m.score * {weight}::float8 * CASE WHEN vg.pk IS NULL "
        "THEN " + TITLE_BOOST_SQL.format(titled="tc") + " * "
        f"power({RATING_STEP}::float8, vc.rating::float8 - {RATING_PIVOT}::float8) "
        f"ELSE {GUIDE_BOOST}::float8 * " + TITLE_BOOST_SQL.format(titled="tg") + " END AS score, "
        f"substr(vg.path, 1, length(vg.path) - {STEPLEN}) AS parent_path, "
        "vc.level::text AS level, NULL::int AS promo "
        f"FROM ({source}) m "
        f"LEFT JOIN vg ON m.ct = {guide_type} AND vg.pk = m.pk "
        f"LEFT JOIN vc ON m.ct = {course_type} AND vc.pk = m.pk "
        "LEFT JOIN tg ON tg.pk = vg.pk LEFT JOIN tc ON tc.pk = vc.pk "
        "WHERE vg.pk IS NOT NULL OR vc.pk IS NOT NULL)",
        [wanted, wanted, *params],
    )


def _titled(sql: _Sql, name: str, model, wanted: str) -> None:
    """CTE `name`: (pk, title) of the `model` rows whose title, or its part before a colon, is
    `wanted` word for word: the only rows the exact-title boost can apply to."""
    if not wanted:
        sql.cte(f"{name} (pk, title) AS (SELECT NULL::int, NULL::text WHERE false)")
        return
    table, pk = connection.ops.quote_name(model._meta.db_table), model._meta.pk.column
    sql.cte(
        f"{name} (pk, title) AS MATERIALIZED (SELECT {pk}, title FROM {table} "
        f"WHERE {TITLE_WORDS_SQL} = %s OR {TITLE_HEAD_WORDS_SQL} = %s)",
        [wanted, wanted],
    )


def rank_in_database(step, selection, picks, number, per_page) -> Results:
    # The page table alone: a guide's own table adds nothing the ranking needs.
    guides_sql, guides_params = (
        reader_pages(GuidePage).order_by().values(pk_=F("pk"), path_=F("path")).query
    ).sql_with_params()
    courses_sql, courses_params = (
        reader_courses()
        .order_by()
        .values(pk_=F("pk"), level_=F("level"), rating_=F("rating"))
        .query
    ).sql_with_params()
    sql = _Sql()
    sql.cte(f"vg (pk, path) AS NOT MATERIALIZED ({guides_sql})", guides_params)
    sql.cte(f"vc (pk, level, rating) AS NOT MATERIALIZED ({courses_sql})", courses_params)
    wanted = wanted_words(step.text)
    _titled(sql, "tg", Page, wanted)
    _titled(sql, "tc", Course, wanted)
    _boosted(sql, "full_", step, 1.0)
    # Each set of rows is materialised once: a copy of ten thousand matches is not free.
    matches = "full_"
    if step.partial and len(highlight.query_terms(step.text)) > 1:
        _boosted(sql, "part_", Step(step.text, "or"), PARTIAL_MATCH_WEIGHT)
        # The partial match runs only when the full one found few documents (a one-time filter).
        sql.cte(
            "matches_ AS MATERIALIZED (SELECT * FROM full_ UNION ALL SELECT p.* FROM part_ p"
            f" WHERE (SELECT count(*) FROM full_) BETWEEN 1 AND {PARTIAL_MATCHES_BELOW - 1}"
            " AND p.score >= (SELECT min(score) FROM full_)"
            " AND NOT EXISTS (SELECT 1 FROM full_ f WHERE f.kind = p.kind AND f.pk = p.pk))"
        )
        matches = "matches_"
    hits = matches
    if picks:
        sql.cte(
            "hits AS MATERIALIZED ("
            "SELECT 'guide'::text AS kind, vg.pk, NULL::float8 AS score, "
            f"substr(vg.path, 1, length(vg.path) - {STEPLEN}) AS parent_path, NULL::text AS level, "
            "array_position(%s::int[], vg.pk) AS promo FROM vg WHERE vg.pk = ANY(%s::int[]) "
            f"UNION ALL SELECT * FROM {matches} m "
            "WHERE NOT (m.kind = 'guide' AND m.pk = ANY(%s::int[])))",
            [picks, picks, picks],
        )
        hits = "hits"
    # A filter not set is no condition at all (the values are known ones: search/facets.py
    # parse_filters).
    conditions = (
        ("h.kind = %s", selection.type),
        ("h.parent_path = %s", selection.category_path),
        ("h.level = %s", selection.level),
    )
    every = [(part, value) for part, value in conditions if value]
    where = (" WHERE " + " AND ".join(part for part, _ in every)) if every else ""
    sql.add(
        " SELECT 'page', h.kind, h.pk, h.score, h.parent_path, h.level, h.promo, 0 FROM ("
        f"SELECT h.* FROM {hits} h{where} ORDER BY {ORDER} LIMIT %s OFFSET %s) h ",
        [*(value for _, value in every), per_page, (number - 1) * per_page],
    )
    # The facets and the total come from one pass: the results counted per kind, category and
    # level (a few dozen groups however many match), summed in Python by facet_counts().
    sql.add(
        "UNION ALL SELECT 'group', h.kind, NULL, NULL, h.parent_path, h.level, NULL, count(*) "
        f"FROM {hits} h GROUP BY h.kind, h.parent_path, h.level "
        "UNION ALL SELECT 'matched', NULL, NULL, NULL, NULL, NULL, NULL, count(*) "
        f"FROM {matches}"
    )
    with connection.cursor() as cursor:
        if step.fuzzy:  # trigram similarity compares every document: cut a long run short
            with backend.planner_setting("statement_timeout", f"{backend.FUZZY_TIMEOUT_MS}ms"):
                cursor.execute(sql.text(), sql.params)
        else:
            cursor.execute(sql.text(), sql.params)
        rows = cursor.fetchall()
    page, groups, matched = [], [], 0
    for section, key, pk, score, parent_path, level, promo, count in rows:
        if section == "page":
            page.append((promo, score, key, pk, parent_path, level))
        elif section == "group":
            groups.append((Hit(key, None, None, parent_path=parent_path, level=level), count))
        else:
            matched = count
    counts, total = facet_counts(groups, selection)
    # UNION ALL keeps no order: sort the page's rows again, as ORDER BY did.
    page.sort(key=lambda r: (r[0] is None, r[0] or 0, -(r[1] or 0.0), r[2] == COURSE, r[3]))
    hits = [
        Hit(kind, pk, score, parent_path=path, level=level, promoted=promo is not None)
        for promo, score, kind, pk, path, level in page
    ]
    if not hits and number > last_page(total, per_page) and total:
        # A page past the end shows the last one (a second statement only for such a link).
        return rank_in_database(step, selection, picks, last_page(total, per_page), per_page)
    return Results(
        hits=hits,
        number=min(number, last_page(total, per_page)),
        total=total,
        matched=matched,
        counts=counts,
    )


# In Python (SQLite, search servers) ------------------------------------------------------------


def _title_boost(title: str, wanted: str) -> float:
    if not wanted or wanted not in title.lower():
        return 1.0
    head = wanted_words(title.split(":")[0])
    return EXACT_TITLE_BOOST if wanted in {wanted_words(title), head} else 1.0


def _matches(step: Step, weight: float) -> list[Hit]:
    from wagtail.search.query import Fuzzy

    query = Fuzzy(step.text) if step.fuzzy else step.text
    sign = 1.0 if backend.higher_is_better() else -1.0
    wanted = wanted_words(step.text)
    found = backend.search_rows(searchable_guides(), query, step.operator, ("pk", "path", "title"))
    visible = set(
        reader_guides().filter(pk__in=[row[0] for row in found]).values_list("pk", flat=True)
    )
    guides = [row for row in found if row[0] in visible]
    courses = backend.search_rows(
        reader_courses(), query, step.operator, ("pk", "level", "title", "rating")
    )
    hits = [
        Hit(
            GUIDE,
            pk,
            sign * float(score or 0.0) * GUIDE_BOOST * weight * _title_boost(title, wanted),
            parent_path=path[:-STEPLEN],
        )
        for pk, path, title, score in guides
    ]
    hits += [
        Hit(
            COURSE,
            pk,
            sign
            * float(score or 0.0)
            * weight
            * _title_boost(title, wanted)
            * RATING_STEP ** (float(rating) - RATING_PIVOT),
            level=level,
        )
        for pk, level, title, rating, score in courses
    ]
    return hits


def rank_in_python(step, selection, picks, number, per_page) -> Results:
    hits = _matches(step, 1.0)
    several_words = len(highlight.query_terms(step.text)) > 1
    if step.partial and several_words and 0 < len(hits) < PARTIAL_MATCHES_BELOW:
        found = {(hit.kind, hit.pk) for hit in hits}
        weakest = min(hit.score for hit in hits)
        hits += [
            hit
            for hit in _matches(Step(step.text, "or"), PARTIAL_MATCH_WEIGHT)
            if (hit.kind, hit.pk) not in found and hit.score >= weakest
        ]
    matched = len(hits)
    order = {pk: position for position, pk in enumerate(picks)}
    if picks:
        visible = dict(reader_guides().filter(pk__in=picks).values_list("pk", "path"))
        picked = [
            Hit(GUIDE, pk, None, parent_path=visible[pk][:-STEPLEN], promoted=True)
            for pk in picks
            if pk in visible
        ]
        hits = picked + [hit for hit in hits if not (hit.kind == GUIDE and hit.pk in order)]
    counts, _ = facet_counts(((hit, 1) for hit in hits), selection)
    shown = [hit for hit in hits if selection.passes(hit)]
    shown.sort(
        key=lambda hit: (
            order.get(hit.pk, len(order)) if hit.promoted else len(order),
            -(hit.score or 0.0),
            hit.kind == COURSE,
            hit.pk,
        )
    )
    number = min(number, last_page(len(shown), per_page))
    start = (number - 1) * per_page
    return Results(
        hits=shown[start : start + per_page],
        number=number,
        total=len(shown),
        matched=matched,
        counts=counts,
    )
