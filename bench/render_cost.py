"""SQL queries and CPU time per uncached render of each page, measured inside one warm process.

Run with the settings and database of the site to measure (bench/run.py runs it with the
production settings against its benchmark database, full-page cache off):

    python bench/render_cost.py / /web-development/ ...

Each URL goes through Django's WSGI handler exactly as gunicorn would call it. After warm-up
requests (per-process caches, renditions, footer links), it counts the SQL queries of one
request, then times a batch of requests by the process's CPU clock (`time.process_time`), so
other work on a shared machine (PostgreSQL, other processes) does not count. It does the same
for the first render after a publish: the page cache's site version renewed before each
request, as every publish renews it, so the site lookup, a guide's head tags, article and
footer links are all computed again. Prints each figure against issue 14's targets (met or
not), then one JSON object on the last line:
{"machine_reference_ms": ms, "pages": {url: {"guide": bool, "queries": n, "cpu_ms": ms,
"queries_after_publish": n, "cpu_ms_after_publish": ms}}}; the machine reference is
core/machine_reference.py's fixed work, for comparing runs on different machines.

`--profile URL` prints a cProfile of that page's renders instead.
"""

import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARMUP = 10
RENDERS = int(os.environ.get("BENCH_RENDERS", "200"))
# Issue 14: SQL queries per uncached page (search results have their own budget) and CPU per
# uncached guide render, the first render after a publish included.
QUERY_TARGET, SEARCH_QUERY_TARGET = 12, 15
GUIDE_CPU_TARGET_MS = 12


def wsgi_app():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.production")
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def get(app, url: str) -> bytes:
    path, _, query = url.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    statuses = []
    response = app(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        body = b"".join(response)
    finally:
        if hasattr(response, "close"):
            response.close()
    if not statuses[0].startswith("200"):
        raise SystemExit(f"{url}: {statuses[0]}")
    return body


def count_queries(app, url: str, before=None) -> int:
    from django.db import connection

    queries = []
    if before:
        before()
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        get(app, url)
    if os.environ.get("BENCH_SHOW_SQL"):
        print(url, *queries, sep="\n  ", file=sys.stderr)
    return len(queries)


def cpu_ms(app, url: str, renders: int, before=None) -> float:
    start = time.process_time()
    for _ in range(renders):
        if before:
            before()
        get(app, url)
    return round((time.process_time() - start) * 1000 / renders, 2)


def measure(app, url: str) -> dict:
    """Every render but the first after a change (the site, head tags, a guide's article and
    footer links come from the cache), and the first render after a publish (the page cache's
    site version renewed before each: everything computed; that renewal, one cache write, is
    counted too)."""
    from pagecache.page_cache import purge_site

    for _ in range(WARMUP):
        get(app, url)
    for _ in range(WARMUP):  # per-process caches only a first render after a publish fills
        purge_site()
        get(app, url)
    return {
        # The CPU target is a guide's (base.html names the page type in the body's class).
        "guide": b'<body class="page-guide"' in get(app, url),
        "queries": count_queries(app, url),
        "cpu_ms": cpu_ms(app, url, RENDERS),
        "queries_after_publish": count_queries(app, url, before=purge_site),
        "cpu_ms_after_publish": cpu_ms(app, url, max(RENDERS // 4, 10), before=purge_site),
    }


def profile(app, url: str) -> None:
    import cProfile
    import pstats

    for _ in range(WARMUP):
        get(app, url)
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(RENDERS):
        get(app, url)
    profiler.disable()
    stats = pstats.Stats(profiler).sort_stats("cumulative")
    stats.print_stats(60)
    stats.sort_stats("tottime").print_stats(40)


def _met(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def verdicts(name: str, url: str, cost: dict) -> list[str]:
    """The page's figures against the targets, as Markdown list items: its queries, and for a
    guide its CPU time, each on every render and on the first render after a publish."""
    target = SEARCH_QUERY_TARGET if url.startswith("/search/") else QUERY_TARGET
    lines = [
        f"{name}: {cost['queries']} queries per render ({_met(cost['queries'] <= target)}), "
        f"{cost['queries_after_publish']} on the first render after a publish "
        f"({_met(cost['queries_after_publish'] <= target)}); target at most {target}"
    ]
    if cost["guide"]:
        lines.append(
            f"{name}: {cost['cpu_ms']:.1f} ms CPU per render "
            f"({_met(cost['cpu_ms'] <= GUIDE_CPU_TARGET_MS)}), "
            f"{cost['cpu_ms_after_publish']:.1f} ms on the first render after a publish "
            f"({_met(cost['cpu_ms_after_publish'] <= GUIDE_CPU_TARGET_MS)}); "
            f"target at most {GUIDE_CPU_TARGET_MS} ms"
        )
    return lines


def main(argv: list[str]) -> int:
    app = wsgi_app()
    if argv[:1] == ["--profile"]:
        profile(app, argv[1])
        return 0
    from core.machine_reference import machine_reference_ms

    costs = {url: measure(app, url) for url in argv}
    for url, cost in costs.items():
        for line in verdicts(url, url, cost):
            print(line.replace("**", ""))
    print(json.dumps({"machine_reference_ms": machine_reference_ms(), "pages": costs}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
