"""Each editorial role's journey, end to end in Debian Chromium, as the person does it.

The people and their logins are the demo accounts exactly as `ensure_admin` makes them
(`editor`, `moderator`, `courseadmin`, passwords read from the logins file it writes). The
full-page cache is on, in the cache the deployment settings give (not the test settings'
per-process memory), as on a real deployment. Each journey starts from the state the role
before it leaves (built in the database, so that each test can run on its own) and asserts
what the person sees on screen.

The scheduler is its own process, started as docs/editorial.md says (`python manage.py
publish_scheduled_safely`, manage.py's default settings as `make scheduler` has them) against
the live server's database. Rather than wait up to two minutes for a go-live (the schedule
field takes whole minutes), it runs once with its clock moved past the go-live: time-machine
is started in that process only, from a `sitecustomize` module put on its PYTHONPATH. The
command and the product code run unchanged; the product has no test-only way to move time.
"""

import copy
import datetime
import os
import re
import subprocess
import sys
import textwrap
import uuid
from io import BytesIO, StringIO
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from courses.factories import CourseFactory
from courses.models import CourseIndexPage
from demo.demo_images import draw_hero
from guides.body import code, course_list, faq, image, paragraph, section, table
from guides.factories import GuideIndexPageFactory, GuidePageFactory
from guides.models import GuidePage
from home.factories import HomePageFactory
from site_config.settings import base as deployment_settings
from tests.helpers import insert_block

pytestmark = pytest.mark.browser

GUIDE = "Django: the web framework behind Instagram and Pinterest"
OLD_HEADING = "What Django actually is"
EDITED_HEADING = "What Django is, in one page"
NEW_HEADING = "Django at Instagram scale"
NEW_PARAGRAPH = "Instagram grew to hundreds of millions of readers on a Django code base."
IMAGE_TITLE = "Demo hero: Web development"
IMAGE_ALT = "A blue and green gradient with overlapping circles"
PICKS = ["Django Features and Libraries", "CS50's Web Programming with Python and JavaScript"]
NEW_QUESTION = "Can Django serve millions of readers?"
NEW_ANSWER = "Yes: cache the pages and scale the web processes out."
ROW_HEADERS = ["Philosophy", "Admin interface"]


# --- The site, as the demo has it, in miniature -----------------------------------------------


def _png_image(title):
    png = draw_hero(1, ("#0b5cad", "#36a3a0"))
    image = get_image_model()(title=title, file=ImageFile(BytesIO(png), name="hero.png"))
    image.save()
    return image


@pytest.fixture
def newsroom(transactional_db, settings, tmp_path, monkeypatch):
    """A home page, a category, the course catalogue, three courses, a library image and a
    live Django guide (tagged, with a section, a table, a code sample, a course list and an
    FAQ), plus the demo role accounts from `ensure_admin`. The page cache is on."""
    from demo.management.commands import ensure_admin

    # The page cache on, in the cache the deployment settings give (Redis with REDIS_URL, else
    # the site's database): the test settings' per-process memory would hide whether a change
    # made by another process (the scheduler) reaches this one.
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = deployment_settings.CACHES
    # What site_config's migration does for a deployment (the test database was migrated with
    # the test settings' caches); it leaves tables that exist alone.
    call_command("createcachetable", verbosity=0)
    for alias in settings.CACHES:
        caches[alias].clear()  # a fresh deployment: nothing cached from an earlier test

    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    home.save_revision().publish()
    category = GuideIndexPageFactory(parent=home, title="Web development", slug="web-development")
    category.save_revision().publish()
    catalogue = CourseIndexPage(title="Courses", slug="courses", intro="<p>Every course.</p>")
    home.add_child(instance=catalogue)
    catalogue.save_revision().publish()

    courses = {
        title: CourseFactory(title=title, slug=slug, rating=rating)
        for title, slug, rating in [
            ("Web Application Technologies and Django", "web-app-tech-django", "9.7"),
            (PICKS[0], "django-features-and-libraries", "9.1"),
            (PICKS[1], "cs50-web", "9.5"),
        ]
    }
    for course in courses.values():
        course.save_revision().publish()
    image = _png_image(IMAGE_TITLE)

    guide = GuidePageFactory(
        parent=category,
        title=GUIDE,
        slug="django-web-framework",
        hero_image=image,
        hero_alt_text="",
        body=[
            section(
                OLD_HEADING,
                paragraph("<p>Django is a high-level web framework written in Python.</p>"),
                table(
                    [
                        ["Feature", "Django", "Flask"],
                        [ROW_HEADERS[0], "Batteries included", "Microframework"],
                        [ROW_HEADERS[1], "Built in", "Add-on"],
                    ],
                    caption="Django and Flask at a glance",
                    header_column=True,
                ),
                code("class Post(models.Model):\n    title = models.CharField()\n"),
            ),
            course_list(
                [courses["Web Application Technologies and Django"]], heading="Top courses"
            ),
            faq([("Is Django free?", "<p>Yes, it is open source.</p>")]),
        ],
    )
    guide.tags.add("django", "python")
    guide.save_revision().publish()

    monkeypatch.setattr(ensure_admin, "LOGIN_FILE", tmp_path / "admin-login.txt")
    monkeypatch.setattr(ensure_admin, "DEMO_LOGINS_FILE", tmp_path / "demo-logins.txt")
    call_command("ensure_admin", stdout=StringIO())
    logins = dict(line.split() for line in (tmp_path / "demo-logins.txt").read_text().splitlines())
    return SimpleNamespace(
        home=home,
        category=category,
        catalogue=catalogue,
        courses=courses,
        image=image,
        guide=GuidePage.objects.get(pk=guide.pk),
        logins=logins,
        users={name: get_user_model().objects.get(username=name) for name in logins},
    )


def the_editors_change(newsroom):
    """The guide as the editor leaves it: what the editor's journey does in the browser."""
    guide = newsroom.guide.get_latest_revision_as_object()
    body = copy.deepcopy(list(guide.body.raw_data))
    body[0]["value"]["heading"] = EDITED_HEADING
    new_section = section(
        NEW_HEADING,
        paragraph(f"<p>{NEW_PARAGRAPH}</p>"),
        image(newsroom.image, IMAGE_ALT),
        course_list(
            [newsroom.courses[t] for t in PICKS],
            heading="Where to learn it",
            notes=[f"Note on {t}" for t in PICKS],
        ),
    )
    body.insert(1, new_section)
    body[-1]["value"]["items"].append(
        {
            "type": "item",
            "id": str(uuid.uuid4()),
            "value": {"question": NEW_QUESTION, "answer": f"<p>{NEW_ANSWER}</p>"},
        }
    )
    guide.body = body
    return guide


@pytest.fixture
def submitted(newsroom):
    """The editor has saved the change and submitted it to Editorial review."""
    editor = newsroom.users["editor"]
    guide = the_editors_change(newsroom)
    revision = guide.save_revision(user=editor)
    guide.get_workflow().start(guide, editor)
    return revision


@pytest.fixture
def scheduled(newsroom):
    """A moderator has approved the change with a go-live a minute ahead."""
    guide = the_editors_change(newsroom)
    guide.go_live_at = timezone.now() + datetime.timedelta(minutes=1)
    revision = guide.save_revision(user=newsroom.users["moderator"])
    revision.publish(user=newsroom.users["moderator"])
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    return revision


# --- What people do -----------------------------------------------------------------------------


def log_in(page, newsroom, username):
    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", newsroom.logins[username])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def read_as_anonymous_reader(page, url):
    """The reader has no session: their pages come through the page cache."""
    page.context.clear_cookies()
    response = page.goto(url)
    assert response.status == 200
    return response


def run_the_scheduler(at):
    """`python manage.py publish_scheduled_safely` in its own process, as docs/editorial.md says,
    against the test database, with that process's clock at `at`."""
    clock = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"journey-clock-{os.getpid()}")
    os.makedirs(clock, exist_ok=True)
    with open(os.path.join(clock, "sitecustomize.py"), "w") as module:
        module.write(
            textwrap.dedent(
                """
                import os
                import time_machine

                time_machine.travel(os.environ["JOURNEY_CLOCK"], tick=True).start()
                """
            )
        )
    db = connection.settings_dict
    # As `make scheduler` has it: manage.py's default settings (the embedded default), pointed
    # at the web process's database. Django's test runner variables belong to this process.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env = {
        **env,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "PYTHONPATH": os.pathsep.join(filter(None, [clock, os.environ.get("PYTHONPATH")])),
        "JOURNEY_CLOCK": at.isoformat(),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "publish_scheduled_safely"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def top_level_blocks(page):
    return page.locator(
        "#body-root > [data-streamfield-stream-container] > [data-streamfield-child]"
    )


def insert_button(scope):
    return scope.locator("button.c-sf-add-button[title='Insert a block']")


def expand(block):
    """Open a collapsed block by its header, as an editor does."""
    toggle = block.locator("[data-panel-toggle]").first
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()


def type_rich_text(page, field):
    """Click into the last Draftail editor inside `field` and type, as a person does."""
    field.locator("[role='textbox']").last.click()
    return page.keyboard


def choose_in_modal(page, button, name):
    button.click()
    modal = page.locator(".modal-content")
    modal.get_by_role("link", name=re.compile(re.escape(name))).first.click()
    modal.wait_for(state="detached")


# --- The journeys -------------------------------------------------------------------------------


def test_the_editor_edits_a_section_adds_one_previews_saves_and_submits(browser_page, newsroom):
    page = browser_page
    log_in(page, newsroom, "editor")
    page.get_by_placeholder("Search all pages…").fill("Django")
    page.keyboard.press("Enter")
    page.get_by_role("link", name=GUIDE).first.click()
    page.wait_for_url(re.compile(rf"/admin/pages/{newsroom.guide.pk}/edit/$"))

    # Edit a section: the guide opens with its blocks collapsed; open the first, change its heading.
    first = top_level_blocks(page).nth(0)
    expand(first)
    first.locator("input[name$='-value-heading']").first.fill(EDITED_HEADING)

    # Add a section after it: a paragraph, a library image and a course list of two courses.
    insert_block(
        page,
        page.locator(
            "#body-root > [data-streamfield-stream-container] > div:not([data-streamfield-child])"
            " > button.c-sf-add-button"
        ).nth(1),
        "Section",
    )
    new = top_level_blocks(page).nth(1)
    # Each field is filled once it is on screen, as a person would: a block's fields appear a
    # moment after its menu closes, and `.last` picked before then is an older block's field.
    headings = new.locator("input[name$='-value-heading']")
    expect(headings).to_have_count(1)
    headings.first.fill(NEW_HEADING)
    insert_block(page, insert_button(new).last, "Paragraph")
    type_rich_text(page, new).type(NEW_PARAGRAPH)
    insert_block(page, insert_button(new).last, "Image")
    choose_in_modal(page, new.get_by_role("button", name="Choose an image"), IMAGE_TITLE)
    new.locator("input[name$='-value-alt_text']").fill(IMAGE_ALT)
    insert_block(page, insert_button(new).last, "Course list")
    expect(headings).to_have_count(2)
    headings.last.fill("Where to learn it")
    choose_in_modal(page, new.get_by_role("button", name="Choose course").last, PICKS[0])
    new.locator("button[data-streamfield-list-add]").last.click()
    choose_in_modal(page, new.get_by_role("button", name="Choose course").last, PICKS[1])

    # And an FAQ item to the guide's FAQ.
    faq_block = top_level_blocks(page).last
    expand(faq_block)
    faq_block.locator("button[data-streamfield-list-add]").last.click()
    questions = faq_block.locator("input[name$='-value-question']")
    expect(questions).to_have_count(2)
    questions.last.fill(NEW_QUESTION)
    answer = faq_block.locator("[data-contentpath='answer']").last
    type_rich_text(page, answer).type(NEW_ANSWER)

    # The preview panel shows the new content, as readers will see it.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.get_by_role("heading", name=NEW_HEADING).wait_for()
    # The panel may first show a render of the form from before the last keystrokes, then
    # refresh, perhaps more than once: wait for the last thing added, then expect() the rest
    # (it retries; is_visible() looks once and fails on a frame that is reloading).
    preview.get_by_text(NEW_QUESTION).wait_for()
    expect(preview.get_by_role("heading", name=EDITED_HEADING)).to_be_visible()
    expect(preview.get_by_text(NEW_PARAGRAPH)).to_be_visible()
    expect(preview.locator(f"img[alt='{IMAGE_ALT}']")).to_have_count(1)
    for title in PICKS:
        expect(preview.get_by_role("link", name=title).first).to_be_visible()
    expect(preview.get_by_text(NEW_QUESTION)).to_be_visible()

    # Save, then submit for review.
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text(f"Page '{GUIDE}' has been updated.").wait_for()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Editorial review").click()
    page.get_by_text(f"Page '{GUIDE}' has been submitted for moderation.").wait_for()

    # The live guide is unchanged for readers until a moderator publishes the change.
    read_as_anonymous_reader(page, newsroom.guide.url)
    assert page.get_by_role("heading", name=OLD_HEADING).is_visible()
    assert page.get_by_role("heading", name=NEW_HEADING).count() == 0


def test_the_moderator_compares_schedules_approves_and_finds_it_in_the_calendar(
    browser_page, newsroom, submitted
):
    page = browser_page
    log_in(page, newsroom, "moderator")

    # The task is on the dashboard; the moderator compares it with the live guide.
    review = page.locator("#awaiting-review-section")
    row = review.get_by_role("row").filter(has_text=GUIDE)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("link", name="Compare with live version").click()
    page.wait_for_url(re.compile(r"/revisions/compare/"))

    # The change reads as the moderator reads a guide: words, cells, code, ranked courses.
    compare = page.locator("main")
    for text in (NEW_HEADING, NEW_PARAGRAPH, IMAGE_ALT, NEW_QUESTION, NEW_ANSWER):
        assert compare.get_by_text(text).first.is_visible(), text
    assert compare.locator(".addition").filter(has_text="in one page").count()
    seen = compare.inner_text()
    assert "{'" not in seen and "StructValue" not in seen  # no Python reprs
    # A table shows as cells; code keeps its lines.
    assert compare.get_by_role("cell", name="Batteries included").count()
    code = compare.locator("pre, code").filter(has_text="class Post(models.Model):")
    assert "\n    title = models.CharField()" in code.first.inner_text()
    # Each chosen course by its rank and title, with its note; no bare field names.
    for rank, title in enumerate(PICKS, start=1):
        assert re.search(rf"(?<!\d){rank}(?!\d)\D{{0,20}}{re.escape(title)}", seen), title
        assert f"Note on {title}" in seen
    assert compare.get_by_text("course", exact=True).count() == 0

    # The moderator opens the guide, sets a go-live one to two minutes ahead (the field takes
    # whole minutes) and approves.
    page.get_by_role("link", name="Edit", exact=True).first.click()
    page.wait_for_url(re.compile(rf"/admin/pages/{newsroom.guide.pk}/edit/$"))
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    go_live = timezone.localtime().replace(second=0, microsecond=0) + datetime.timedelta(minutes=2)
    # Set the value directly: the date picker's pop-up would cover the dialog's button.
    page.locator("#id_go_live_at").evaluate(
        "(field, value) => { field.value = value; }", go_live.strftime("%Y-%m-%d %H:%M")
    )
    page.get_by_role("button", name="Save schedule").click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    # The message says when the guide goes live, not just that it "has been updated".
    message = page.locator(".messages").get_by_text(GUIDE)
    message.wait_for()
    assert "will go live" in message.inner_text()
    assert go_live.strftime("%H:%M") in message.inner_text()

    # Readers still see the live guide as it was.
    read_as_anonymous_reader(page, newsroom.guide.url)
    assert page.get_by_role("heading", name=OLD_HEADING).is_visible()

    # The go-live is in the editorial calendar.
    log_in(page, newsroom, "moderator")
    page.get_by_role("link", name="Editorial calendar").first.click()
    if go_live.date() != timezone.localdate():  # a minute before midnight: the next day
        page.goto(f"/admin/editorial-calendar/?start={go_live.date().isoformat()}")
    scheduled = page.locator("section[aria-labelledby='calendar-scheduled'] li").filter(
        has_text=GUIDE
    )
    scheduled.wait_for()
    assert go_live.strftime("%H:%M") in scheduled.inner_text()


def test_the_scheduler_publishes_at_the_go_live_and_the_reader_sees_it(
    browser_page, newsroom, scheduled
):
    page = browser_page
    url = newsroom.guide.url

    # A reader reads the live guide; the page cache keeps it.
    read_as_anonymous_reader(page, url)
    assert page.get_by_role("heading", name=OLD_HEADING).is_visible()
    # (Asked outside the browser, whose own cache would answer a revalidation with the first
    # response's headers.)
    assert page.request.get(url).headers.get("x-page-cache") == "HIT"

    # The go-live passes and the scheduler process runs, as `make scheduler` runs it each minute.
    result = run_the_scheduler(at=scheduled.approved_go_live_at + datetime.timedelta(minutes=1))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Published guide" in result.stdout + result.stderr

    # The reader comes back and sees the new content at once.
    read_as_anonymous_reader(page, url)
    assert page.get_by_role("heading", name=NEW_HEADING).is_visible()
    assert page.get_by_role("heading", name=EDITED_HEADING).is_visible()
    assert page.get_by_role("heading", name=OLD_HEADING).count() == 0
    assert page.get_by_text(NEW_PARAGRAPH).is_visible()
    assert page.locator(f"img[alt='{IMAGE_ALT}']").count() == 1
    for title in PICKS:
        assert page.get_by_role("link", name=title).first.is_visible()
    page.get_by_text(NEW_QUESTION).click()
    assert page.get_by_text(NEW_ANSWER).is_visible()
    # What the editor did not touch is as it was: the table keeps its row headers.
    for header in ROW_HEADERS:
        assert page.get_by_role("rowheader", name=header).is_visible()


NEW_COURSE = "Django for Everybody"
RATED = "Web Application Technologies and Django"
CSV = (
    "slug,title,provider,url,rating,review,level,price_model\n"
    "flask-mega-tutorial,The Flask Mega-Tutorial,Coursera,https://example.com/flask,9.0,"
    "A long tutorial that builds one app.,intermediate,free\n"
    "pandas-in-a-day,Pandas in a Day,Coursera,https://example.com/pandas,8.0,"
    "Quick and practical.,expert,free\n"
)


def publish_course(page):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()


def test_the_course_admin_adds_a_course_rates_one_and_imports_a_file(browser_page, newsroom):
    page = browser_page
    guide_url = newsroom.guide.url
    course_page = newsroom.catalogue.url + "web-app-tech-django/"
    # Readers have the guide and the course page in the page cache.
    for url in (guide_url, course_page):
        read_as_anonymous_reader(page, url)
        assert page.get_by_text("9.7/10").first.is_visible()

    log_in(page, newsroom, "courseadmin")
    page.get_by_role("link", name="Courses").first.click()
    page.get_by_role("link", name="Add course").first.click()
    page.fill("#id_title", NEW_COURSE)
    page.select_option("#id_provider", label="Coursera")
    page.fill("#id_rating", "9.3")
    page.fill("#id_url", "https://www.coursera.org/specializations/django")
    page.fill("#id_review", "Five short courses that take a beginner from HTML to a Django app.")
    page.select_option("#id_level", label="Beginner")
    page.select_option("#id_price_model", label="Free")
    publish_course(page)
    page.locator(".messages").get_by_text(NEW_COURSE).wait_for()

    # A rating changes: the course admin finds the course in the list and edits it.
    page.get_by_role("link", name="Courses").first.click()
    page.get_by_role("link", name=RATED).first.click()
    page.fill("#id_rating", "9.9")
    publish_course(page)
    page.locator(".messages").get_by_text(RATED).wait_for()

    # Readers see the new course and the new rating, on the course pages and in the guide.
    read_as_anonymous_reader(page, newsroom.catalogue.url + "django-for-everybody/")
    assert page.locator("h1").inner_text() == NEW_COURSE
    assert page.get_by_text("9.3/10").first.is_visible()
    assert page.get_by_role("link", name=re.compile("Go to the course on Coursera")).is_visible()
    for url in (course_page, guide_url):
        read_as_anonymous_reader(page, url)
        assert page.get_by_text("9.9/10").first.is_visible(), url
        assert page.get_by_text("9.7/10").count() == 0, url

    # An import of one good row and one bad one: the report says what to fix.
    log_in(page, newsroom, "courseadmin")
    page.get_by_role("button", name="Settings").click()
    page.get_by_role("link", name="Import courses").click()
    page.get_by_label("CSV file").set_input_files(
        {"name": "courses.csv", "mimeType": "text/csv", "buffer": CSV.encode()}
    )
    page.get_by_label(re.compile("Dry run")).uncheck()
    page.get_by_role("button", name="Upload").click()
    page.get_by_role("heading", name="Import refused").wait_for()
    report = page.locator("section[aria-labelledby='import-result-heading']")
    problems = report.get_by_role("alert").inner_text()
    # The bad row: its row number, the bad value and what would do instead.
    assert re.search(r"[Rr]ow 3", problems), problems
    assert "expert" in problems and "beginner" in problems.lower(), problems
    good = report.get_by_role("row").filter(has_text="flask-mega-tutorial").inner_text()
    assert not re.search(r"(?<!be )created", good) or "not" in good, good
    assert "nothing" in report.inner_text().lower()
    # Nothing from the file reached readers.
    page.context.clear_cookies()
    assert page.goto(newsroom.catalogue.url + "flask-mega-tutorial/").status == 404
