"""axe-core (WCAG 2.2 AA rules) on every page type, in Debian's Chromium."""

import pytest
from wagtail.models import Page, Site

from home.factories import HomePageFactory
from home.tests.checkers import axe_violations
from home.tests.site_pages import build_site, load_demo_site


@pytest.fixture
def site_urls(transactional_db):
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return build_site(home)


@pytest.fixture
def offline_page(browser_page, live_server):
    """The browser page, refusing every request that would leave the test server (the fixture
    guide's embedded video, for one): the checks never reach the internet."""

    def only_local(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            route.abort()

    browser_page.context.route("**/*", only_local)
    return browser_page


def violations_on(page, pages: list[tuple[str, str]]) -> str:
    found = {}
    for name, url in pages:
        response = page.goto(url)
        assert response.status == (404 if name == "not found" else 200), url
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    return "\n".join(f"{name}: {v}" for name, vs in found.items() for v in vs)


@pytest.mark.browser
def test_every_page_type_has_no_axe_violations(offline_page, site_urls):
    found = violations_on(offline_page, [*site_urls.items(), ("not found", "/no-such-page/")])
    assert not found, found


@pytest.fixture
def demo_urls(transactional_db):
    from wagtail.models import Collection

    # A transactional test's flush also deletes the root collection the demo images go in.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return load_demo_site()


@pytest.mark.browser
def test_the_demo_content_has_no_axe_violations(offline_page, demo_urls):
    """The fixture site is small; the demo guides hold the real editorial content."""
    found = violations_on(offline_page, list(demo_urls.items()))
    assert not found, found


@pytest.mark.browser
def test_keyboard_reaches_the_skip_link_and_it_moves_focus_to_the_content(browser_page, site_urls):
    browser_page.goto(site_urls["guide"])
    browser_page.keyboard.press("Tab")
    skip = browser_page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()  # a visible focus target, not hidden off screen
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"
