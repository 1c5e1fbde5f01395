"""`make bench`: load each page type with wrk against gunicorn (production settings, PostgreSQL),
uncached and from the full-page cache, beside nginx serving the same guide HTML as a static file;
then the guide through Varnish (deploy/varnish/'s VCL) beside nginx and the application direct,
at 2 and 8 connections.

Everything listens on 127.0.0.1 only, every run is bounded (wrk -d), and every server this script
starts is stopped by it (also on errors and Ctrl-C). Results are printed and written into the
"Page speed" section of docs/benchmarks.md (other sections of that file are left alone).
"""

import datetime
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from render_cost import verdicts
from report import write_section
from servers import Servers, free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "bench"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"

DB_NAME = os.environ.get("BENCH_DB", "guides_bench")
DB_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
# Chosen when the run starts: never a port another server already holds.
PORTS = {
    "uncached": free_port(),
    "cached": free_port(),
    "nginx": free_port(),
    "redis": free_port(),
    "varnish": free_port(),
    "varnish-purge": free_port(),
}
DURATION = os.environ.get("BENCH_DURATION", "5s")
# Runs of one figure on this shared 2-core machine differ by 10 ms and more: each row is the
# median (by requests/s) of this many wrk runs.
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
# One connection per worker: p50/p99 then show the time to serve a request, not queueing.
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "2")
WORKERS = os.environ.get("BENCH_WORKERS", "2")
# The HTTP cache comparison: how many connections wrk keeps open, and the target.
HTTP_CACHE_CONNECTIONS = (2, 8)
HTTP_CACHE_TARGET = 0.5  # of nginx's static rate, in the same run

PAGES = {
    "home": "/",
    "category": "/web-development/",
    "guide (Django, demo)": "/web-development/django-web-framework/",
    "guide (generated)": "/generated-category-0/guide-0-0/",
    "course catalogue": "/courses/",
    "course page": "/courses/web-application-technologies-and-django/",
    "search results": "/search/?q=django",
}
GUIDE = "guide (Django, demo)"

servers = Servers(ROOT, WORK)
LOAD_AT_START = os.getloadavg()


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def run(*args, env=None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, check=True, cwd=ROOT, **kwargs)


def ensure_tools() -> None:
    tools = (("wrk", "wrk"), ("nginx", "nginx"), ("redis-server", "redis-server"))
    missing = [pkg for tool, pkg in tools if not shutil.which(tool)]
    if missing:
        log(f"installing {' '.join(missing)} with apt")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env, stdout=subprocess.DEVNULL)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", *missing],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    subprocess.run([str(ROOT / "scripts" / "ensure-varnish.sh")], check=True)


def django_env(cache: bool) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "PAGE_CACHE_ENABLED": "true" if cache else "false",
        # Redis, as production runs (docker-compose.yml); without it the cache is a database table.
        "REDIS_URL": f"redis://127.0.0.1:{PORTS['redis']}/0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def build_dataset() -> None:
    log(f"fresh database {DB_NAME}, demo content plus generated content")
    import psycopg

    with psycopg.connect(DB_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    env = django_env(cache=False)
    quiet = {"stdout": subprocess.DEVNULL}
    run(str(PYTHON), "manage.py", "migrate", "--noinput", env=env, **quiet)
    run(str(PYTHON), "manage.py", "load_demo_content", env=env, **quiet)
    run(str(PYTHON), "manage.py", "generate_content", env=env)
    run(str(PYTHON), "manage.py", "collectstatic", "--noinput", env=env, **quiet)


def start_redis() -> None:
    """A private Redis for the benchmark's cache, on its own port, keeping nothing on disk."""
    port = PORTS["redis"]
    servers.start(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""], name="redis"
    )
    for _ in range(50):
        ping = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True)
        if ping.returncode == 0:
            return
        time.sleep(0.1)
    raise SystemExit("the benchmark's redis-server did not start")


def start_gunicorn(mode: str) -> str:
    port = PORTS[mode]
    servers.start(
        [
            str(GUNICORN),
            "site_config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            WORKERS,
        ],
        env=django_env(cache=mode == "cached"),
        name=f"gunicorn-{mode}",
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/")
    return base


def start_nginx(guide_html: bytes) -> str:
    root = WORK / "nginx"
    (root / "html").mkdir(parents=True, exist_ok=True)
    (root / "html" / "guide.html").write_bytes(guide_html)
    conf = root / "nginx.conf"
    conf.write_text(
        f"""worker_processes auto;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {root}/tmp-body;
    proxy_temp_path {root}/tmp-proxy;
    fastcgi_temp_path {root}/tmp-fastcgi;
    uwsgi_temp_path {root}/tmp-uwsgi;
    scgi_temp_path {root}/tmp-scgi;
    server {{
        listen 127.0.0.1:{PORTS["nginx"]};
        root {root}/html;
        default_type text/html;
    }}
}}
"""
    )
    servers.start(["nginx", "-p", str(root), "-c", str(conf)], name="nginx")
    base = f"http://127.0.0.1:{PORTS['nginx']}"
    wait_for(base + "/guide.html")
    return base


def start_varnish(backend: str) -> str:
    """varnishd with the repo's policy.vcl unchanged, in front of `backend` (the cached gunicorn),
    with a private working directory; -j none: no switch to the varnish user (this runs as root
    in a directory only root may enter)."""
    root = WORK / "varnish"
    root.mkdir(parents=True, exist_ok=True)
    port = backend.rsplit(":", 1)[1]
    vcl = root / "bench.vcl"
    vcl.write_text(
        "vcl 4.1;\n"
        f'backend default {{ .host = "127.0.0.1"; .port = "{port}"; }}\n'
        f'include "{ROOT / "deploy" / "varnish" / "policy.vcl"}";\n'
    )
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    servers.start(
        [
            varnishd,
            "-F",
            "-j",
            "none",
            "-n",
            str(root / "instance"),
            "-a",
            f"http=127.0.0.1:{PORTS['varnish']}",
            "-a",
            f"purge=127.0.0.1:{PORTS['varnish-purge']}",
            "-f",
            str(vcl),
            "-s",
            "malloc,256m",
        ],
        name="varnish",
    )
    base = f"http://127.0.0.1:{PORTS['varnish']}"
    wait_for(base + "/")
    return base


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, connections: int | str = CONNECTIONS) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{DURATION}", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout

    def latency(pct: str) -> float:
        value, unit = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * UNITS[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
    }


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    start, end = (" / ".join(f"{x:.1f}" for x in load) for load in (LOAD_AT_START, os.getloadavg()))
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem_kb / 1024 / 1024:.0f} GiB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}; "
        f"load average (1, 5, 15 min) {start} at the start of the run and {end} at the end "
        "(a figure above the core count means other work shared the CPUs and slowed every row)"
    )


def median_of_runs(url: str, connections: int | str = CONNECTIONS) -> dict:
    runs = sorted((wrk(url, connections) for _ in range(RUNS)), key=lambda run: run["rps"])
    return runs[len(runs) // 2]


def measure_http_cache(bases: dict, nginx_base: str) -> list[tuple]:
    """The guide from nginx (static file), Varnish, and gunicorn direct (page cache on, and off),
    at each connection count: rows of (source, connections, result)."""
    varnish = start_varnish(bases["cached"]) + PAGES[GUIDE]
    for _ in range(3):
        with urllib.request.urlopen(varnish) as response:
            response.read()
    if response.headers.get("X-Cache") != "HIT":
        raise SystemExit(f"Varnish does not keep the guide: X-Cache {response.headers['X-Cache']}")
    sources = {
        "nginx, static file": nginx_base + "/guide.html",
        "Varnish": varnish,
        "gunicorn, page cache": bases["cached"] + PAGES[GUIDE],
        "gunicorn, rendering": bases["uncached"] + PAGES[GUIDE],
    }
    rows = []
    for connections in HTTP_CACHE_CONNECTIONS:
        for source, url in sources.items():
            result = median_of_runs(url, connections)
            rows.append((source, connections, result))
            log(
                f"guide via {source:22} c={connections}  {result['rps']:8.0f} req/s  "
                f"p50 {result['p50']:7.2f} ms  p99 {result['p99']:7.2f} ms"
            )
    return rows


def measure() -> tuple[list[tuple], dict, list[tuple]]:
    rows = []
    bases = {"uncached": start_gunicorn("uncached"), "cached": start_gunicorn("cached")}
    guide_html = urllib.request.urlopen(bases["uncached"] + PAGES[GUIDE]).read()
    nginx_base = start_nginx(guide_html)
    nginx = wrk(nginx_base + "/guide.html")
    log(f"nginx static guide: {nginx['rps']:.0f} req/s")
    for name, path in PAGES.items():
        for mode in ("uncached", "cached"):
            url = bases[mode] + path
            for _ in range(6):  # warm: renditions, connections, and each worker's cache
                urllib.request.urlopen(url).read()
            result = median_of_runs(url)
            rows.append((name, mode, result))
            log(
                f"{name:22} {mode:9} {result['rps']:8.0f} req/s  "
                f"p50 {result['p50']:7.2f} ms  p99 {result['p99']:7.2f} ms"
            )
    return rows, nginx, measure_http_cache(bases, nginx_base)


def http_cache_verdict(rows) -> tuple[str, list[str]]:
    """'met' when Varnish serves the guide at least at HTTP_CACHE_TARGET of nginx's static rate
    at every connection count; and one line per count."""
    by = {(source, c): r for source, c, r in rows}
    lines, met = [], True
    for c in HTTP_CACHE_CONNECTIONS:
        share = by[("Varnish", c)]["rps"] / by[("nginx, static file", c)]["rps"]
        met = met and share >= HTTP_CACHE_TARGET
        lines.append(f"{c} connections: Varnish {share:.2f} x nginx")
    return ("met" if met else "not met"), lines


def report_http_cache(rows) -> str:
    verdict, shares = http_cache_verdict(rows)
    static = {c: r["rps"] for source, c, r in rows if source == "nginx, static file"}
    lines = [
        "### The guide through an HTTP cache",
        "",
        "The Django guide (the same HTML) from nginx as a static file (a worker process per "
        "core), from Varnish (`deploy/varnish/policy.vcl` unchanged, `-s malloc,256m`, in front "
        "of the page-cached gunicorn, every request a hit) and from gunicorn direct (2 sync "
        "workers; page cache on, and off), loaded by `wrk -t2` at 2 and 8 connections, each row "
        f"the median of {RUNS} runs of {DURATION}; wrk, the servers and PostgreSQL share the "
        "2 cores.",
        "",
        "| Served by | Connections | Requests/s | p50 ms | p99 ms | x nginx static |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for source, c, r in rows:
        lines.append(
            f"| {source} | {c} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} | "
            f"{r['rps'] / static[c]:.2f} |"
        )
    lines += [
        "",
        f"At least half of nginx's static rate through Varnish: **{verdict}** "
        f"({'; '.join(shares)}).",
    ]
    return "\n".join(lines)


def report(rows, nginx, http_cache_rows) -> str:
    lines = [
        "## Page speed (`make bench`)",
        "",
        f"Run on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {machine()}.",
        f"gunicorn ({WORKERS} sync workers, `site_config.settings.production`, PostgreSQL on "
        f"127.0.0.1, a private Redis for the cache) loaded by "
        f"`wrk -t2 -c{CONNECTIONS} -d{DURATION}` on the same machine, each row the median of "
        f"{RUNS} runs; dataset: the demo content plus "
        "`generate_content` (6 categories x 25 long guides, 150 courses). *Uncached* has the "
        "full-page cache off (every request renders; the smaller caches a production miss also "
        "uses stay on: renditions, a guide's footer links); *cached* answers from it. The last "
        "column compares with nginx serving the same guide HTML as a static file: "
        f"{nginx['rps']:.0f} req/s, p50 {nginx['p50']:.2f} ms.",
        "",
        "| Page | Mode | Requests/s | p50 ms | p99 ms | x nginx static |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, mode, r in rows:
        lines.append(
            f"| {name} | {mode} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} | "
            f"{r['rps'] / nginx['rps']:.3f} |"
        )
    lines += [
        "",
        "Search results are not page-cached (every query differs), so both of its rows render.",
        "",
        report_http_cache(http_cache_rows),
    ]
    return "\n".join(lines)


def measure_render_costs() -> dict:
    """SQL queries and CPU time per render of every page with the full-page cache off
    (bench/render_cost.py: one warm process, Django's WSGI handler, the process's CPU clock)."""
    log("queries and CPU time per render (bench/render_cost.py)")
    out = subprocess.run(
        [str(PYTHON), "bench/render_cost.py", *PAGES.values()],
        env=django_env(cache=False),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=1800,
    ).stdout
    measured = json.loads(out.strip().splitlines()[-1])
    return measured["machine_reference_ms"], {
        name: measured["pages"][path] for name, path in PAGES.items()
    }


def render_cost_verdicts(costs: dict) -> list[str]:
    return [line for name, cost in costs.items() for line in verdicts(name, PAGES[name], cost)]


def report_render_costs(reference_ms: float, costs: dict) -> str:
    lines = [
        "### Work per uncached render",
        "",
        f"Machine reference: **{reference_ms:.1f} ms** of CPU for a fixed piece of work "
        "(`core/machine_reference.py`: a template and some SQL built, no database). The same "
        "commit measures slower on a slower machine by about the ratio of two runs' references; "
        "the targets were set on the machine of issue 14.",
        "",
        "`bench/render_cost.py` in one warm process with the production settings, this database "
        "and Redis, the full-page cache off: each page through Django's WSGI handler, the SQL "
        "queries of one request and the process's CPU time (`time.process_time`, so other work "
        "on the shared cores does not count) per request over a batch. *Every render* is the "
        "steady state: the site and its sections, a guide's head tags, article and footer links "
        "come from the cache, kept under the page cache's version of the page. *After a publish* "
        "renews the page cache's site version before each request, as every publish does, so "
        "all of them are computed: what the first reader after a publish waits for.",
        "",
        "| Page | Queries | CPU ms | Queries after a publish | CPU ms after a publish |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, cost in costs.items():
        lines.append(
            f"| {name} | {cost['queries']} | {cost['cpu_ms']:.1f} | "
            f"{cost['queries_after_publish']} | {cost['cpu_ms_after_publish']:.1f} |"
        )
    lines += ["", *(f"- {line}" for line in render_cost_verdicts(costs))]
    return "\n".join(lines)


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    ensure_tools()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        start_redis()
        build_dataset()
        rows, nginx, http_cache_rows = measure()
        reference_ms, render_costs = measure_render_costs()
    finally:
        servers.stop_all()
    section = "\n\n".join(
        (report(rows, nginx, http_cache_rows), report_render_costs(reference_ms, render_costs))
    )
    print("\n" + section)
    verdict, shares = http_cache_verdict(http_cache_rows)
    log(f"at least half of nginx's static rate through Varnish: {verdict} ({'; '.join(shares)})")
    log(f"machine reference (core/machine_reference.py): {reference_ms:.1f} ms")
    for line in render_cost_verdicts(render_costs):
        log(line.replace("**", ""))
    write_section("page-speed", section)
    log("results written to docs/benchmarks.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
