"""`make bench` (editor part): how long the Django guide's edit page takes in Chromium before an
editor can type, and how long *Save draft* takes, against gunicorn with the production settings.

"Ready to type" runs from the start of the navigation to the first animation frame in which the
page has loaded, its StreamField is built and every rich-text field on the screen has a working
Draftail editor (see READY). "Save draft" runs from the click to the first frame of the edit page
that confirms the save, as the editor sees it: the POST (a new revision), the redirect and the
edit page loaded again and ready to type. "Open a section" runs from a click on a collapsed
section to its editors working: the work that waits until an editor asks for it.

Its own database (demo content), a private Redis, gunicorn on a free port on 127.0.0.1 and a
headless Debian Chromium; every server it starts it stops. Results are printed and written into
the "Editing speed" section of docs/benchmarks.md (other sections are left alone). `make bench`
runs it after bench/run.py, which installs redis-server when it is missing.
"""

import datetime
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from report import write_section
from servers import Servers, free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "bench-editor"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

DB_NAME = os.environ.get("BENCH_EDITOR_DB", "guides_bench_editor")
DB_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PORTS = {"web": free_port(), "redis": free_port()}
RUNS = int(os.environ.get("BENCH_EDITOR_RUNS", "7"))
GUIDE_SLUG = "django-web-framework"
USERNAME, PASSWORD = "bench-editor", "bench-editor-password"
TARGET_READY, TARGET_SAVE = 1.5, 2.0

servers = Servers(ROOT, WORK)


def log(message: str) -> None:
    print(f"[bench-editor] {message}", flush=True)


def django_env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "REDIS_URL": f"redis://127.0.0.1:{PORTS['redis']}/0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def manage(*args: str) -> str:
    return subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=django_env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout


# An editor (the Editors group, as the demo's `editor`) and what the page under test holds.
SETUP = f"""
import json
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from editorial.roles import EDITORS, ensure_editorial_setup
from guides.models import GuidePage

ensure_editorial_setup(apps)
user, _ = get_user_model().objects.get_or_create(username={USERNAME!r})
user.set_password({PASSWORD!r})
user.save()
user.groups.add(Group.objects.get(name=EDITORS))
guide = GuidePage.objects.get(slug={GUIDE_SLUG!r})
print(json.dumps({{"id": guide.pk, "title": guide.title}}))
"""


def build_dataset() -> dict:
    log(f"fresh database {DB_NAME} with the demo content")
    import psycopg

    with psycopg.connect(DB_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    manage("migrate", "--noinput")
    manage("load_demo_content")
    manage("collectstatic", "--noinput")
    return json.loads(manage("shell", "-c", SETUP).strip().splitlines()[-1])


def start_servers() -> str:
    servers.start(
        ["redis-server", "--port", str(PORTS["redis"]), "--bind", "127.0.0.1", "--save", ""],
        name="redis",
        env=django_env(),
    )
    servers.start(
        [
            str(GUNICORN),
            "site_config.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORTS['web']}",
            "--workers",
            "2",
        ],
        name="gunicorn",
        env=django_env(),
    )
    base = f"http://localhost:{PORTS['web']}"
    wait_for(base + "/")
    return base


# True in the first frame where the page has loaded, the StreamField is built (it is built in
# the browser, so the HTML alone is not enough) and every rich-text field on the screen has a
# working Draftail editor. Fields off the screen or in collapsed blocks start their editor when
# they come near it (editorial/static/editorial/js/lazy-rich-text.js).
READY = """() => {
    if (document.readyState !== "complete") return false;
    if (!document.querySelector("#body-root [data-streamfield-stream-container]")) return false;
    const onScreen = (el) => {
        const box = el.getBoundingClientRect();
        return el.offsetParent !== null && box.bottom > 0 && box.top < window.innerHeight;
    };
    return ![...document.querySelectorAll("[data-rich-text-pending]")].some(onScreen);
}"""
EDITORS = "document.querySelectorAll(\".Draftail-Editor [contenteditable='true']\").length"
RICH_TEXT_FIELDS = 'document.querySelectorAll(".Draftail-Editor, [data-rich-text-pending]").length'


def wait_ready(page) -> float:
    """Seconds from the start of the current navigation to the first ready frame."""
    handle = page.wait_for_function(
        f"() => ({READY})() && performance.now()", polling="raf", timeout=60_000
    )
    return handle.json_value() / 1000


def open_first_section(page) -> float:
    """Seconds from a click on the first (collapsed) section's header to the first frame in
    which its rich-text fields on the screen have working editors."""
    before = page.evaluate(EDITORS)
    section = page.locator(
        "#body-root > [data-streamfield-stream-container] > [data-streamfield-child]"
    ).first
    toggle = section.locator("[data-panel-toggle]").first
    started = page.evaluate("performance.now()")
    toggle.click()
    handle = page.wait_for_function(
        f"(before) => ({READY})() && document.querySelectorAll("
        f"\".Draftail-Editor [contenteditable='true']\").length > before && performance.now()",
        arg=before,
        polling="raf",
        timeout=60_000,
    )
    return (handle.json_value() - started) / 1000


# Where the time went, in seconds: the save's POST (and its redirect), the edit page's answer
# from the server, the HTML parsed, the scripts run at DOMContentLoaded, the load event.
PHASES = """() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return {
        post: (nav.redirectEnd - nav.redirectStart) / 1000,
        server: (nav.responseStart - nav.requestStart) / 1000,
        parsed: nav.domInteractive / 1000,
        scripts: nav.domContentLoadedEventEnd / 1000,
        loaded: nav.loadEventEnd / 1000,
    };
}"""


def main_thread(cdp) -> dict:
    """The browser's own count of the seconds its main thread spent on tasks, scripts, style and
    layout: less disturbed than wall time by whatever else runs on the machine."""
    wanted = {"TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration"}
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return {m["name"]: m["value"] for m in metrics if m["name"] in wanted}


def measure(base: str, guide: dict) -> dict:
    from playwright.sync_api import sync_playwright

    edit_url = f"{base}/admin/pages/{guide['id']}/edit/"
    ready, save, opened, html_kb = [], [], [], 0
    phases = {"load": [], "save": []}
    busy = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.set_default_timeout(60_000)
        page.goto(f"{base}/admin/login/")
        page.fill("#id_username", USERNAME)
        page.fill("#id_password", PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/admin/")
        # Warm-up: static files into the browser's cache, the workers' caches filled.
        page.goto(edit_url, wait_until="networkidle")
        fields = page.evaluate(RICH_TEXT_FIELDS)
        try:
            for _ in range(RUNS):
                response = page.goto(edit_url, wait_until="commit")
                ready.append(wait_ready(page))
                busy.append(main_thread(cdp))  # Chromium counts from the navigation
                started = page.evaluate(EDITORS)
                html_kb = len(response.body()) / 1024
                phases["load"].append(page.evaluate(PHASES))
                clicked = time.monotonic()
                page.get_by_role("button", name="Save draft").click()
                page.get_by_text("has been updated").first.wait_for()
                wait_ready(page)
                save.append(time.monotonic() - clicked)
                phases["save"].append(page.evaluate(PHASES))
                opened.append(open_first_section(page))
        except Exception:
            page.screenshot(path=str(WORK / "failure.png"), full_page=True)
            log(f"failed; the browser's page is in {WORK / 'failure.png'}")
            raise
        browser.close()
    return {
        "ready": ready,
        "save": save,
        "opened": opened,
        "phases": phases,
        "busy": busy,
        "html_kb": html_kb,
        "fields": fields,
        "started": started,
    }


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return f"{os.cpu_count()} cores ({cpu})"


def verdict(values: list[float], target: float) -> str:
    return "met" if statistics.median(values) <= target else "NOT met"


def report(result: dict, uptime: str) -> str:
    def row(name, values, target):
        goal = f"≤ {target}" if target else "none"
        met = verdict(values, target) if target else ""
        return (
            f"| {name} | {statistics.median(values):.2f} | {min(values):.2f} | "
            f"{max(values):.2f} | {goal} | {met} |"
        )

    return "\n".join(
        [
            "## Editing speed (`make bench`, `bench/editor.py`)",
            "",
            f"Run on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {machine()}; "
            f"`uptime` at the end: {uptime}.",
            "gunicorn (2 sync workers, `site_config.settings.production`, PostgreSQL and Redis "
            "on 127.0.0.1) and headless Debian Chromium on the same machine, signed in as an "
            f"editor. The Django guide's edit page: {result['html_kb']:.0f} KB of HTML, "
            f"{result['fields']} rich-text fields ({result['started']} with a started editor "
            "once ready: the others are in collapsed blocks or off the screen). *Ready to "
            "type*: navigation start to the first frame with the page loaded, the StreamField "
            "built and every rich-text field on the screen working. *Save draft*: the click to "
            "the reloaded edit page saying the draft was saved, ready to type. *Open a "
            "section*: a click on the first collapsed section to its editors working. "
            f"Seconds over {RUNS} runs (after one warm-up load).",
            "",
            "| Step | median s | fastest s | slowest s | target | median |",
            "| --- | ---: | ---: | ---: | --- | --- |",
            row("Ready to type", result["ready"], TARGET_READY),
            row("Save draft", result["save"], TARGET_SAVE),
            row("Open a section", result["opened"], None),
            "",
            "Where the time goes (medians, seconds from the start of each edit page's own "
            "navigation; *POST* is the save itself, before that navigation): ",
            "",
            "| Edit page | POST | server answer | HTML parsed | scripts run | loaded |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
            phase_row("opened", result["phases"]["load"]),
            phase_row("after Save draft", result["phases"]["save"]),
            "",
            "The browser's main thread while the edit page opens (Chromium's own counters, "
            "medians, seconds; less disturbed by other load than wall time): "
            + ", ".join(
                f"{label} {statistics.median(run[key] for run in result['busy']):.2f}"
                for key, label in (
                    ("TaskDuration", "all tasks"),
                    ("ScriptDuration", "scripts"),
                    ("RecalcStyleDuration", "style"),
                    ("LayoutDuration", "layout"),
                )
            )
            + ".",
        ]
    )


def phase_row(name: str, runs: list[dict]) -> str:
    cells = [
        f"{statistics.median(run[key] for run in runs):.2f}"
        for key in ("post", "server", "parsed", "scripts", "loaded")
    ]
    return f"| {name} | {' | '.join(cells)} |"


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        if os.environ.get("BENCH_EDITOR_REUSE_DB"):
            manage("collectstatic", "--noinput")
            guide = json.loads(manage("shell", "-c", SETUP).strip().splitlines()[-1])
        else:
            guide = build_dataset()
        base = start_servers()
        result = measure(base, guide)
    finally:
        servers.stop_all()
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    section = report(result, uptime)
    print("\n" + section)
    print(json.dumps(result, indent=None))
    write_section("editor", section)
    log("results written to docs/benchmarks.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
