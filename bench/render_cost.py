"""SQL queries and CPU time per uncached render of each page, measured inside one warm process.

Run with the settings and database of the site to measure (bench/run.py runs it with the
production settings against its benchmark database, full-page cache off):

    python bench/render_cost.py / /web-development/ ...

Each URL goes through Django's WSGI handler exactly as gunicorn would call it. After warm-up
requests (per-process caches, renditions, footer links), it counts the SQL queries of one
request, then times a batch of requests by the process's CPU clock (`time.process_time`), so
other work on a shared machine (PostgreSQL, other processes) does not count. It does the same
for the first render after a publish. Prints one JSON object:
{url: {"queries": n, "cpu_ms": ms, "queries_after_publish": n, "cpu_ms_after_publish": ms}}.

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


def wsgi_app():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.production")
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def get(app, url: str) -> None:
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
    body = app(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        for _ in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    if not statuses[0].startswith("200"):
        raise SystemExit(f"{url}: {statuses[0]}")


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
    return {
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


def main(argv: list[str]) -> int:
    app = wsgi_app()
    if argv[:1] == ["--profile"]:
        profile(app, argv[1])
        return 0
    print(json.dumps({url: measure(app, url) for url in argv}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
