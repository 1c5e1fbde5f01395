import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from wagtail.models import Page, Site

from guides.factories import GuideIndexPageFactory, GuidePageFactory
from guides.models import GuidePage
from home.factories import HomePageFactory
from tests.helpers import schedule

ROOT = Path(settings.BASE_DIR)


def test_compose_and_make_run_the_safe_scheduler_every_minute():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    scheduler = compose["services"]["scheduler"]
    assert scheduler["command"].split()[-3:] == ["publish_scheduled_safely", "--every", "60"]
    web_env = compose["services"]["web"]["environment"]
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL"):
        assert scheduler["environment"][name] == web_env[name]
    makefile = (ROOT / "Makefile").read_text()
    assert "scheduler: install" in makefile
    assert "manage.py publish_scheduled_safely --every 60" in makefile


def test_the_scheduler_process_publishes_a_due_guide_and_stops_cleanly(scheduler_process):
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    guide = GuidePageFactory(parent=GuideIndexPageFactory(parent=home), live=False)
    schedule(guide)

    scheduler = scheduler_process()
    try:
        scheduler.wait_until(lambda: GuidePage.objects.filter(pk=guide.pk, live=True).exists())
        assert GuidePage.objects.get(pk=guide.pk).live
    finally:
        output = scheduler.stop()
    assert scheduler.process.returncode == 0, output
    assert "Scheduler started" in output and "Published guide" in output
    assert "Scheduler stopped" in output


# --- The embedded default, as separate processes --------------------------------------------
# `make run` (a web server on SQLite, no Redis) beside `make scheduler` or a course import in a
# shell: each is its own process, so a change made by one must reach the pages the web server
# has cached. Everything below runs in real processes with the embedded default's settings.

SETUP = """
import datetime, json
from django.utils import timezone
from wagtail.models import Page, Site
from courses.factories import CourseFactory
from courses.importer import REQUIRED_COLUMNS
from courses.models import CourseIndexPage
from guides.factories import GuideIndexPageFactory, GuidePageFactory
from guides.models import GuidePage
from home.factories import HomePageFactory
from tests.helpers import schedule

home = HomePageFactory(parent=Page.get_first_root_node(), slug="site-home")
Site.objects.all().delete()
Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
category = GuideIndexPageFactory(parent=home, title="Web development", slug="web-development")
GuidePageFactory(parent=category, title="Standing guide", slug="standing")
expiring = GuidePageFactory(parent=category, title="Expiring guide", slug="expiring")
GuidePage.objects.filter(pk=expiring.pk).update(
    expire_at=timezone.now() - datetime.timedelta(minutes=1)
)
scheduled = GuidePageFactory(parent=category, title="Scheduled guide", slug="scheduled", live=False)
schedule(scheduled)
catalogue = home.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
course = CourseFactory(title="Retiring course", slug="retiring-course")
row = {name: getattr(course, name) for name in REQUIRED_COLUMNS}
row["provider"] = getattr(row["provider"], "name", row["provider"])
row["live"] = "false"
print(json.dumps({"category": category.url, "expiring": expiring.url,
    "scheduled": "/web-development/scheduled/", "catalogue": catalogue.url,
    "course": catalogue.course_url(course), "retire_row": {k: str(v) for k, v in row.items()}}))
"""


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def embedded_env(tmp) -> dict:
    """The environment `make run` and `make scheduler` have: dev settings, SQLite, no Redis."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("REDIS_", "DJANGO_", "AWS_")) and key != "DATABASE_URL"
    }
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp / 'site.sqlite3'}",
        "MEDIA_ROOT": str(tmp / "media"),
        "PAGE_CACHE_ENABLED": "true",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args, check=True, timeout=180) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def get(url: str) -> tuple[int, str, str]:
    """(status, X-Page-Cache, body) as a reader's browser gets them."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get(HIT, ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get(HIT, ""), error.read().decode()


HIT = "X-Page-Cache"


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory):
    """A SQLite database file migrated as `make run` migrates it (copied by each test)."""
    tmp = tmp_path_factory.mktemp("migrated")
    manage(embedded_env(tmp), "migrate", "--noinput")
    return tmp / "site.sqlite3"


def embedded_copy(tmp_path, migrated_sqlite):
    shutil.copy(migrated_sqlite, tmp_path / "site.sqlite3")
    return embedded_env(tmp_path)


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory, migrated_sqlite):
    """A migrated SQLite site with a category, its guides and a course catalogue, served by
    `manage.py runserver` (what `make run` starts) in a process of its own."""
    import json

    tmp = tmp_path_factory.mktemp("embedded")
    env = embedded_copy(tmp, migrated_sqlite)
    data = json.loads(manage(env, "shell", "-c", SETUP).stdout.strip().splitlines()[-1])
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if server.poll() is not None:
                pytest.fail(f"the web server did not start:\n{server.stderr.read()}")
            try:
                if get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        yield {"base": base, "env": env, "tmp": tmp, **data}
    finally:
        server.terminate()
        server.wait(timeout=20)


def warm(url: str) -> str:
    """Fetch `url` until the web process serves it from its page cache; return that page."""
    status, _hit, _body = get(url)
    assert status == 200, url
    status, hit, body = get(url)
    assert (status, hit) == (200, "HIT"), url
    return body


def test_a_scheduler_run_reaches_anonymous_readers_of_the_web_process(embedded_site):
    site = embedded_site
    listing = warm(site["base"] + site["category"])
    assert "Expiring guide" in listing and "Scheduled guide" not in listing
    assert "Expiring guide" in warm(site["base"] + site["expiring"])
    assert get(site["base"] + site["scheduled"])[0] == 404
    search = site["base"] + "/search/?q=scheduled"  # the search result cache, not the page cache
    assert f'href="{site["scheduled"]}"' not in get(search)[2]

    # Exactly what `make scheduler` runs, once (as cron would), in a process of its own.
    run = manage(site["env"], "publish_scheduled_safely")
    assert "Published guide “Scheduled guide”" in run.stdout, run.stdout + run.stderr
    assert "Expired guide “Expiring guide”" in run.stdout

    status, _hit, listing = get(site["base"] + site["category"])
    assert status == 200
    assert "Scheduled guide" in listing and "Expiring guide" not in listing
    assert get(site["base"] + site["expiring"])[0] == 404
    status, _hit, body = get(site["base"] + site["scheduled"])
    assert status == 200 and "Scheduled guide" in body
    assert f'href="{site["scheduled"]}"' in get(search)[2]


def test_a_course_retired_by_import_courses_leaves_the_catalogue_at_once(embedded_site):
    import csv

    site = embedded_site
    assert "Retiring course" in warm(site["base"] + site["catalogue"])
    assert "Retiring course" in warm(site["base"] + site["course"])

    path = site["tmp"] / "retire.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(site["retire_row"]))
        writer.writeheader()
        writer.writerow(site["retire_row"])
    manage(site["env"], "import_courses", str(path))  # as a course admin would, in a shell

    status, _hit, catalogue = get(site["base"] + site["catalogue"])
    assert status == 200 and "Retiring course" not in catalogue
    assert get(site["base"] + site["course"])[0] == 404


# --- Several writers on the embedded default's SQLite ----------------------------------------

SCHEDULED_GUIDES = """
from wagtail.models import Page, Site
from guides.factories import GuideIndexPageFactory, GuidePageFactory
from home.factories import HomePageFactory
from tests.helpers import schedule

home = HomePageFactory(parent=Page.get_first_root_node(), slug="site-home")
Site.objects.all().delete()
Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
category = GuideIndexPageFactory(parent=home, title="Web development", slug="web-development")
for n in range({count}):
    schedule(GuidePageFactory(parent=category, title=f"Due guide {{n}}", live=False))
"""


def scheduled_site(tmp_path, migrated_sqlite, count: int) -> dict:
    env = embedded_copy(tmp_path, migrated_sqlite)
    manage(env, "shell", "-c", SCHEDULED_GUIDES.format(count=count))
    return env


def scheduler(env) -> subprocess.Popen:
    """`manage.py publish_scheduled_safely`, run once, as cron runs it beside `make scheduler`."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "publish_scheduled_safely"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


class WriteLock:
    """Another process's write transaction on the SQLite file (an import, the web process)."""

    def __init__(self, path):
        self.db = sqlite3.connect(path, isolation_level=None)

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, *exc):
        self.db.execute("COMMIT")
        self.db.close()


def sqlite_path(env) -> str:
    return env["DATABASE_URL"].removeprefix("sqlite:///")


def scheduled_publishes(env) -> list[tuple[int, int]]:
    with sqlite3.connect(sqlite_path(env)) as db:
        return db.execute(
            "SELECT page_id, COUNT(*) FROM wagtailcore_pagelogentry "
            "WHERE action = 'wagtail.publish.scheduled' GROUP BY page_id"
        ).fetchall()


def test_a_scheduler_waits_for_another_process_writing_instead_of_failing(
    tmp_path, migrated_sqlite
):
    env = scheduled_site(tmp_path, migrated_sqlite, count=1)
    # Held for longer than SQLite's default five-second wait, which gave "database is locked".
    with WriteLock(sqlite_path(env)):
        process = scheduler(env)
        time.sleep(6)
    output, errors = process.communicate(timeout=60)
    assert process.returncode == 0, errors
    assert "Published guide “Due guide 0”" in output
    assert "Traceback" not in errors


def test_two_schedulers_at_once_on_sqlite_publish_each_guide_once(tmp_path, migrated_sqlite):
    env = scheduled_site(tmp_path, migrated_sqlite, count=8)
    # Both start and wait for the lock (four seconds: under SQLite's default five-second wait),
    # then both find the same work at once.
    with WriteLock(sqlite_path(env)):
        processes = [scheduler(env), scheduler(env)]
        time.sleep(4)
    results = [process.communicate(timeout=120) for process in processes]
    for process, (_output, errors) in zip(processes, results, strict=True):
        assert process.returncode == 0, errors
        assert "Traceback" not in errors
    published = "".join(output for output, _errors in results)
    for n in range(8):
        assert published.count(f"Published guide “Due guide {n}”") == 1, published
    assert [count for _page, count in scheduled_publishes(env)] == [1] * 8


def test_a_scheduler_that_cannot_get_the_database_says_so_and_stops(tmp_path, migrated_sqlite):
    env = {**scheduled_site(tmp_path, migrated_sqlite, count=1), "SQLITE_BUSY_TIMEOUT": "1"}
    with WriteLock(sqlite_path(env)):
        process = scheduler(env)
        output, errors = process.communicate(timeout=60)
    assert process.returncode == 1
    assert "The database stayed busy for 1 seconds" in errors
    assert "the next run publishes and expires whatever is still due" in errors
    assert "Traceback" not in errors
    assert scheduled_publishes(env) == []
