import datetime
import importlib
import os
import signal
import subprocess
import sys
import time
import zoneinfo
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, connections, transaction
from wagtail.models import Page, PageViewRestriction, Site

from courses.factories import CourseFactory
from courses.models import CourseIndexPage
from editorial.roles import COURSE_ADMINS, EDITORS, MODERATORS, ensure_editorial_setup
from guides.factories import GuideIndexPageFactory, GuidePageFactory
from guides.models import GuidePage
from home.factories import HomePageFactory

# A real S3 server (SeaweedFS) for the media storage tests: the s3_server and s3_media fixtures.
pytest_plugins = ["site_config.tests.s3"]


@pytest.fixture(autouse=True)
def _wagtail_tree_survives_flushes(request):
    """A transactional test's flush deletes the locale, tree root, root collection and course
    providers that migrations made; put them back so later transactional tests (browser tests)
    can build pages, upload images and import courses."""
    marker = request.node.get_closest_marker("django_db")
    by_marker = marker is not None and (
        marker.kwargs.get("transaction") or marker.args[:1] == (True,)
    )
    if not by_marker and not {"transactional_db", "live_server"} & set(request.fixturenames):
        return
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale

    request.getfixturevalue("transactional_db")
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant("en-gb"))
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    # The course providers the data migration made (a CSV names them: "udemy", "Coursera").
    from courses.models import Provider

    seeded = importlib.import_module("courses.migrations.0004_providers_from_choices")
    for slug, name, website in seeded.OLD_CHOICES:
        Provider.objects.get_or_create(slug=slug, defaults={"name": name, "website": website})


@pytest.fixture(autouse=True)
def _cache_starts_empty():
    """The cache (per-process memory in tests) outlives each test's rolled-back database: a
    site, settings or a token cached by one test must not answer in the next."""
    from django.core.cache import caches

    caches["default"].clear()


@pytest.fixture
def home_page(db):
    """A HomePage that is the root of the default site, as on the real site."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def category(home_page):
    return GuideIndexPageFactory(parent=home_page, title="Web development", slug="web-development")


@pytest.fixture(params=["guide", "category"])
def restricted_guide(request, home_page, category):
    """A live guide readers may not open: password-protected itself, or inside a protected
    category "Members only" (each test using it runs once for each)."""
    members = GuideIndexPageFactory(parent=home_page, title="Members only")
    secret = GuidePageFactory(
        parent=members if request.param == "category" else category,
        title="Secret roadmap",
        standfirst="Plans only members may read.",
    )
    PageViewRestriction.objects.create(
        page=members if request.param == "category" else secret,
        restriction_type=PageViewRestriction.PASSWORD,
        password="letmein",
    )
    return secret


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(user)
    return client


# --- The clock ---------------------------------------------------------------------------------
# A test that depends on today's date pins the clock with `pinned_clock`. By default it is the
# Wednesday on which a calendar test once failed (its events crossed into the next week);
# parametrise it (indirect=True) with local times to run a test on other days, such as either
# side of a daylight-saving change. The clock ticks on from there.
PINNED_NOW = "2026-12-02 09:30"


@pytest.fixture
def pinned_clock(request, time_machine, settings):
    """The pinned local date-time (aware, in TIME_ZONE)."""
    moment = datetime.datetime.fromisoformat(getattr(request, "param", PINNED_NOW))
    moment = moment.replace(tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    time_machine.move_to(moment, tick=True)
    return moment


@pytest.fixture
def catalogue(home_page):
    """A published course catalogue under the home page."""
    page = CourseIndexPage(title="Courses", slug="courses", intro="<p>Every course we rate.</p>")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def courses(catalogue):
    """Four courses in the catalogue, by key: three live (django, drf, pandas), one retired."""
    return {
        "django": CourseFactory(
            title="Django Basics",
            slug="django-basics",
            rating=Decimal("9.1"),
            level="beginner",
            provider="coursera",
            price_model="subscription",
            topics=["django", "python"],
            last_reviewed=datetime.date(2025, 1, 10),
        ),
        "drf": CourseFactory(
            title="Serious DRF",
            slug="serious-drf",
            rating=Decimal("8.4"),
            level="advanced",
            provider="udemy",
            price_model="paid",
            topics=["django", "rest-apis"],
            last_reviewed=datetime.date(2026, 9, 1),
        ),
        "pandas": CourseFactory(
            title="Pandas Free",
            slug="pandas-free",
            rating=Decimal("7.9"),
            level="beginner",
            provider="freecodecamp",
            price_model="free",
            topics=["pandas"],
            last_reviewed=datetime.date(2026, 5, 1),
        ),
        "retired": CourseFactory(
            title="Old Django",
            slug="old-django",
            rating=Decimal("9.9"),
            topics=["django"],
            live=False,
        ),
    }


# --- The demo content --------------------------------------------------------------------------
# Loaded one way, as `make run` loads it (`manage.py load_demo_content`): for one test with
# `demo_site`, or once for a whole module of tests that only read it with
# `demo_site_for_the_module`.


def load_demo_site() -> dict[str, str]:
    """Load the demo content; return {name: URL path} for its home page, the category and the
    Django guide modelled on the reference article."""
    call_command("load_demo_content", verbosity=0)
    guide = GuidePage.objects.get(slug="django-web-framework")
    return {
        "demo home": "/",
        "demo category": guide.get_parent().url,
        "demo django guide": guide.url,
    }


@pytest.fixture
def demo_site(db):
    """The demo site, loaded for this test (committed for the live server in browser tests)."""
    return load_demo_site()


@pytest.fixture(scope="module")
def demo_site_for_the_module(django_db_setup, django_db_blocker):
    """The demo site, loaded once per test module inside a transaction rolled back at its end.

    Each test's own transaction nests inside it (as a savepoint), so tests still cannot see each
    other's changes, and nothing outlives the module. Every later test of the module sees the
    demo content too, and a transactional test cannot run inside it: only for modules of tests
    that read the demo site.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo_site()
        transaction.set_rollback(True)


# --- The scheduler as its own process ------------------------------------------------------------


class SchedulerProcess:
    """`manage.py publish_scheduled_safely --every 60`, as `make scheduler` runs it, against the
    test database: a separate process, as in production."""

    def __init__(self):
        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "site_config.settings.test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        }
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "publish_scheduled_safely", "--every", "60"],
            cwd=Path(settings.BASE_DIR),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def wait_until(self, done) -> None:
        """Poll `done()` while the process starts and works (it needs a moment to start)."""
        for _ in range(300):
            if done() or self.process.poll() is not None:
                return
            time.sleep(0.1)

    def stop(self) -> str:
        """Stop it as a service manager would (SIGTERM) and return what it printed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            output, _ = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()  # never leave a scheduler behind, holding the test database
            output, _ = self.process.communicate()
            pytest.fail(f"the scheduler did not stop on SIGTERM:\n{output}")
        return output


@pytest.fixture
def scheduler_process(transactional_db):
    """Start the scheduler process; it is stopped at the end of the test whatever happens."""
    started = []

    def start() -> SchedulerProcess:
        started.append(SchedulerProcess())
        return started[-1]

    yield start
    for scheduler in started:
        if scheduler.process.poll() is None:
            scheduler.process.kill()
            scheduler.process.communicate()


# --- Editorial roles (editorial/roles.py): one member of each group ------------------------------


@pytest.fixture
def roles(home_page):
    # The data migration made these, but a transactional test earlier in the run may have
    # flushed them; making them again (once the page tree has a root) is idempotent.
    return ensure_editorial_setup(apps)


def _member(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", "pw", first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(roles, django_user_model):
    return _member(django_user_model, "edna", EDITORS)


@pytest.fixture
def moderator(roles, django_user_model):
    return _member(django_user_model, "morgan", MODERATORS)


@pytest.fixture
def course_admin(roles, django_user_model):
    return _member(django_user_model, "cora", COURSE_ADMINS)


# --- Browser tests -----------------------------------------------------------------------------
# Playwright drives Debian's Chromium (/usr/bin/chromium) against pytest-django's live_server.
# Mark such tests with @pytest.mark.browser and use the `browser_page` fixture; a failing test
# leaves a full-page screenshot in test-artifacts/<test name>.png.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def chromium(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, which makes Django refuse the
    # test's own (synchronous, safe) ORM calls. Allow them for this test only: a session-wide
    # setting would leak into subprocesses such as `check --deploy`.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # While Playwright's loop runs, Django keeps the test's ORM connections per async
        # context, apart from the thread's own: close them here, or one stays open and the
        # test database cannot be dropped at the end of the run.
        connections.close_all()


@pytest.fixture
def browser_page(chromium, live_server, request):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    # Generous: two test processes share two cores with their browsers and servers, and a
    # waiting step ends as soon as what it waits for appears.
    page.set_default_timeout(45_000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
