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

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.utils import timezone
from wagtail.search.models import IndexEntry

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
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else None)
        rows = []
        for query, extra in QUERIES:
            view_ms, results = self.time_view(client, query, extra, iterations)
            sql_ms = self.time_sql(query, iterations)
            rows.append((query, extra, results, view_ms, sql_ms))
            self.stdout.write(
                f"{query!r:35} {extra!s:40} view p50 {statistics.median(view_ms):6.1f} ms "
                f"p95 {percentile(view_ms, 95):6.1f} ms | "
                f"sql p50 {statistics.median(sql_ms):5.1f} ms"
            )
        report = self.report(rows, iterations)
        self.stdout.write("\n" + report)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(report)
            self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))

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
        )
        return timings, f"{len(outcome.hits):,} ({outcome.mode})"

    def time_sql(self, query, iterations):
        """The bare full-text query on the index table: top 10 by rank, no visibility rules."""
        table = connection.ops.quote_name(IndexEntry._meta.db_table)
        sql = (
            f"SELECT object_id, ts_rank(title || body, q) AS rank "  # noqa: S608 - table name
            f"FROM {table}, websearch_to_tsquery('english', %s) q "
            f"WHERE (title || body) @@ q ORDER BY rank DESC LIMIT 10"
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
        all_view = [ms for row in rows for ms in row[3]]
        overall_p95 = percentile(all_view, 95)
        verdict = "meets" if overall_p95 < TARGET_P95_MS else "misses"
        lines = [
            "# Search benchmarks",
            "",
            "Produced by `make bench-search` (`manage.py bench_search`); rerun it to refresh.",
            "",
            f"- Date: {timezone.now():%Y-%m-%d %H:%M %Z}",
            f"- Content: {GuidePage.objects.live().count():,} live guides, "
            f"{Course.objects.filter(live=True).count():,} live courses, "
            f"{IndexEntry.objects.count():,} rows in the search index",
            f"- Machine: {os.cpu_count()} CPU cores, Python {platform.python_version()}, "
            f"PostgreSQL {pg_version}, on the same host; {iterations} timed runs per query after "
            "3 warm-up runs",
            f"- **All view requests: p95 {overall_p95:.1f} ms** (target: p95 under "
            f"{TARGET_P95_MS} ms; this run {verdict} it)",
            "",
            "*View* is a whole GET of `/search/` through Django's test client: URL routing, the "
            "view (match, facets, promotions, spelling, excerpts for the page shown), the "
            "template and the search log write. *Raw SQL* is the bare full-text query on "
            "the index table (`websearch_to_tsquery`, top 10 by `ts_rank`, no joins, no "
            "visibility rules, no facets), a floor for comparison.",
            "",
            "| Query | Params | Results (mode) | View p50 ms | View p95 ms | Raw SQL p50 ms "
            "| Raw SQL p95 ms |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: |",
        ]
        for query, extra, results, view_ms, sql_ms in rows:
            params = ", ".join(f"{k}={v}" for k, v in extra.items()) or "—"
            lines.append(
                f"| `{query}` | {params} | {results} | {statistics.median(view_ms):.1f} | "
                f"{percentile(view_ms, 95):.1f} | {statistics.median(sql_ms):.1f} | "
                f"{percentile(sql_ms, 95):.1f} |"
            )
        return "\n".join(lines) + "\n"
