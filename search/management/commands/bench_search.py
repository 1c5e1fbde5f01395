"""Search latency at scale: `make bench-search` (PostgreSQL, 10,000 guides + 2,000 courses).

Tops the database up to --guides/--courses with `generate_content`, then times a fixed set of
queries through the search view (Django's test client: URL routing, the view, the template, the
search log) and the same queries as raw SQL against Wagtail's search index table, and prints
p50/p95 per query as Markdown (`--output` writes it to a file, e.g. docs/benchmarks.md).
This is a measurement, not a test: it never fails on a slow figure.
"""

import os
import platform
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.http import QueryDict
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.search.models import IndexEntry

from core.machine_reference import machine_reference_ms
from courses.models import Course
from guides.models import GuidePage
from search import engine

QUERIES = [
    ("django", {}),
    ("python", {}),
    ("kubernetes deployment", {}),
    ("best course for beginners", {}),
    ("coursera", {}),
    ("faq", {}),
    ("postgresql performance tuning", {}),
    ("python", {"type": "course", "level": "beginner"}),
    ("django", {"page": "5"}),
    ("djnago", {}),
    ("fastapi tutoral", {}),
    ("zzqx nothing matches", {}),
]
TARGET_P95_MS = 50
START = "<!-- bench-search:start -->"
END = "<!-- bench-search:end -->"
NOTES = [
    "",
    "### Where the time goes",
    "",
    "- **One statement per search step** (`search/ranking.py`): the match is read by "
    "`search_index_matches()` (`search/migrations/0005`, which keeps sequential scans off for "
    "itself only) from `search_rank_entry`, a narrow copy of Wagtail's index table kept by "
    "triggers (`search/migrations/0006`), through its GIN index on `title || body`; joined to "
    "the guides and courses a reader may see, scored with the boosts (guides, exact titles, "
    "course ratings; the titles that are the query are looked up through indexes on their "
    "words, `search/migrations/0007`, not compared match by match), counted per kind, "
    "category and level in one SQL aggregate (the facet "
    "counts are sums of those groups) and cut to the page shown with "
    "`ORDER BY ... LIMIT`. Only the ten rows shown and a few counts leave the database, however "
    "many documents match.",
    "- **Ranking still reads every match.** `ts_rank` needs the title and body vectors of each "
    "match before the top ten are known, so a word nearly every document holds (`faq`, `best "
    "course for beginners`) costs the most. The narrow copy holds only those vectors (Wagtail's "
    "own rows also carry plain-text copies for the fuzzy search and an autocomplete vector, "
    "several times wider), so a broad search reads a few thousand small rows that stay in "
    "PostgreSQL's buffer cache, with the body vectors uncompressed in their rows.",
    "- **Fixed costs per request**: the editors' picks, the guides and courses shown (a "
    "guide's body read only as far as its excerpt needs) and the courses' topics, one query "
    "each; the site, its categories, the navigation and the course catalogue from the cache "
    "under the page cache's site version, read once per request; the template; and the "
    "search log, written in one statement committed without waiting for the disk. With the "
    "database cache every cache read is a statement: 10 per search of one step, 11 from the "
    "result cache (`search/tests/test_query_budget.py`).",
    "- **The result cache** (`SEARCH_CACHE_SECONDS`, default 300) keeps each page of results "
    "under a version that every guide, course, category, privacy or tree change bumps in the "
    "same transaction, so it never serves stale results; it lives in the site's shared cache "
    "(Redis when `REDIS_URL` is set, else a table in the site's database), so every process "
    "reads it.",
    "- **The machine is shared**: the load average printed above says whether other work ran "
    "on the same two cores during the run; figures taken under load are slower across the "
    "board.",
]


def write_section(path: Path, section: str) -> None:
    """Put `section` between this benchmark's markers in `path`, leaving the rest alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{START}\n{section.rstrip()}\n{END}"
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def met(timings) -> bool:
    return percentile(timings, 95) < TARGET_P95_MS


def verdict(timings) -> str:
    return "met" if met(timings) else "NOT met"


def percentile(values, pct):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


class Command(BaseCommand):
    help = "Benchmark site search on PostgreSQL and print p50/p95 latencies as Markdown."

    def add_arguments(self, parser):
        parser.add_argument("--guides", type=int, default=10_000)
        parser.add_argument("--courses", type=int, default=2_000)
        parser.add_argument("--iterations", type=int, default=30, help="Timed runs per query.")
        parser.add_argument("--output", help="Also write the Markdown report to this file.")

    def handle(self, *args, guides, courses, iterations, output, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The search benchmark runs on PostgreSQL: set DATABASE_URL.")
        if settings.DEBUG:
            raise CommandError("Run with DEBUG off (DEBUG=false): debug mode records every query.")
        missing_guides = max(0, guides - GuidePage.objects.count())
        missing_courses = max(0, courses - Course.objects.count())
        if missing_guides or missing_courses:
            self.stdout.write(
                f"Generating {missing_guides} guides and {missing_courses} courses first."
            )
            call_command(
                "generate_content",
                guides=missing_guides,
                courses=missing_courses,
                stdout=self.stdout,
            )
        # What autovacuum does within a minute of a bulk load in any deployment: statistics
        # for the planner, and the dead row versions of the load (Wagtail's index writes each
        # new entry twice) marked free, so the measurement is of a settled database.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else None)
        rows = []
        self.load_before = os.getloadavg()
        for query, extra in QUERIES:
            with override_settings(SEARCH_CACHE_SECONDS=0):
                cold_ms, results = self.time_view(client, query, extra, iterations)
            cache.clear()
            warm_ms, _ = self.time_view(client, query, extra, iterations)
            sql_ms = self.time_sql(query, iterations)
            rows.append((query, extra, results, cold_ms, warm_ms, sql_ms))
            self.stdout.write(
                f"{query!r:32} {extra!s:36} cold p50 {statistics.median(cold_ms):6.1f} "
                f"p95 {percentile(cold_ms, 95):6.1f} ({verdict(cold_ms)}) | cached p50 "
                f"{statistics.median(warm_ms):5.1f} p95 {percentile(warm_ms, 95):5.1f} | "
                f"sql p50 {statistics.median(sql_ms):5.1f} ms"
            )
        self.load_after = os.getloadavg()
        report = self.report(rows, iterations)
        self.stdout.write("\n" + report)
        cold = [ms for row in rows for ms in row[3]]
        missed = [f"{row[0]!r} {row[1] or ''}".strip() for row in rows if not met(row[3])]
        self.stdout.write(
            f"Target: search p95 under {TARGET_P95_MS} ms cold for every query: "
            + ("MET" if not missed else "NOT MET (" + "; ".join(missed) + ")")
            + f"; over all requests p95 {percentile(cold, 95):.1f} ms cold"
        )
        if output:
            write_section(Path(output), report)
            self.stdout.write(self.style.SUCCESS(f"Wrote the site search section of {output}"))

    def time_view(self, client, query, extra, iterations):
        params = {"q": query, **extra}
        response = None
        for _ in range(3):  # warm caches and the connection
            response = client.get("/search/", params)
        if response.status_code != 200:
            raise CommandError(f"/search/ answered {response.status_code} for {params}")
        timings = []
        for _ in range(iterations):
            started = time.perf_counter()
            client.get("/search/", params)
            timings.append((time.perf_counter() - started) * 1000)
        query_string = QueryDict(mutable=True)
        query_string.update(params)
        categories = engine.live_categories()
        outcome = engine.search(
            engine.normalise_query(query),
            engine.parse_filters(query_string, categories),
            categories,
            int(extra.get("page", 1)),
        )
        return timings, f"{outcome.total:,} ({outcome.mode})"

    def time_sql(self, query, iterations):
        """The bare full-text query on the table ranking reads (search/migrations/0006): top 10
        by rank, no visibility rules."""
        sql = (
            "SELECT object_id, ts_rank(title || body, q) AS rank "
            "FROM search_rank_entry, websearch_to_tsquery('english', %s) q "
            "WHERE (title || body) @@ q ORDER BY rank DESC LIMIT 10"
        )
        timings = []
        with connection.cursor() as cursor:
            for n in range(iterations + 3):
                started = time.perf_counter()
                cursor.execute(sql, [query])
                cursor.fetchall()
                if n >= 3:
                    timings.append((time.perf_counter() - started) * 1000)
        return timings

    def report(self, rows, iterations):
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            pg_version = cursor.fetchone()[0]
        cold_p95 = percentile([ms for row in rows for ms in row[3]], 95)
        warm_p95 = percentile([ms for row in rows for ms in row[4]], 95)
        lines = [
            "## Site search (`make bench-search`)",
            "",
            "Produced by `make bench-search` (`manage.py bench_search`), which rewrites this "
            "section only; rerun it to refresh.",
            "",
            f"- Date: {timezone.now():%Y-%m-%d %H:%M %Z}",
            f"- Content: {GuidePage.objects.live().count():,} live guides, "
            f"{Course.objects.filter(live=True).count():,} live courses, "
            f"{IndexEntry.objects.count():,} rows in the search index",
            f"- Machine: {os.cpu_count()} CPU cores, Python {platform.python_version()}, "
            f"PostgreSQL {pg_version} on the same host; load average "
            f"{self.load_before[0]:.1f} at the start and {self.load_after[0]:.1f} at the end "
            "(anything above the core count means other work shared the CPUs); machine "
            f"reference {machine_reference_ms():.1f} ms (`core/machine_reference.py`: fixed "
            "work, for comparing runs on different machines)",
            f"- {iterations} timed requests per query and regime, after 3 warm-up requests, on a "
            "database vacuumed and analysed after loading (as autovacuum leaves it)",
            f"- **p95 over all requests: {cold_p95:.1f} ms cold, {warm_p95:.1f} ms cached** "
            f"(target: under {TARGET_P95_MS} ms cold for every query: "
            f"{'met' if all(met(row[3]) for row in rows) else 'NOT met'})",
            "",
            "*Cold* is a whole GET of `/search/` through Django's test client with the result "
            "cache off (`SEARCH_CACHE_SECONDS=0`): URL routing, the full-text match of every "
            "visible guide and course, ranking, facets, promotions, spelling, excerpts for the "
            "ten results shown, the template and the search log write. *Cached* is the same "
            "request with the result cache on (the default; a page of results is reused until "
            "any guide, course or category changes), so only the fixed costs per request "
            "(below) are left. *Raw SQL* is the bare "
            "full-text query on the table ranking reads (`search_rank_entry`) "
            "(`websearch_to_tsquery`, top 10 by `ts_rank`, no joins, no visibility rules, no "
            "facets, no typo handling), a floor for comparison.",
            "",
            "| Query | Params | Results (mode) | Cold p50 | Cold p95 | Target | Cached p50 "
            "| Cached p95 | Raw SQL p50 | Raw SQL p95 |",
            "| --- | --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
        ]
        for query, extra, results, cold_ms, warm_ms, sql_ms in rows:
            params = ", ".join(f"{k}={v}" for k, v in extra.items()) or "—"
            lines.append(
                f"| `{query}` | {params} | {results} | "
                f"{statistics.median(cold_ms):.1f} | {percentile(cold_ms, 95):.1f} | "
                f"{verdict(cold_ms)} | {statistics.median(warm_ms):.1f} | "
                f"{percentile(warm_ms, 95):.1f} | "
                f"{statistics.median(sql_ms):.1f} | {percentile(sql_ms, 95):.1f} |"
            )
        lines.append("")
        lines.append("All times in milliseconds.")
        lines += NOTES
        return "\n".join(lines) + "\n"
