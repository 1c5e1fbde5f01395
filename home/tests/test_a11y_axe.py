"""axe-core (WCAG 2.2 AA rules) on every page type, in Debian's Chromium."""

import pytest
from wagtail.models import Page, Site

from home.factories import HomePageFactory
from home.tests.checkers import axe_violations
from home.tests.site_pages import build_site


@pytest.fixture
def site_urls(transactional_db):
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return build_site(home)


@pytest.mark.browser
def test_every_page_type_has_no_axe_violations(browser_page, site_urls):
    found = {}
    for name, url in [*site_urls.items(), ("not found", "/no-such-page/")]:
        response = browser_page.goto(url)
        assert response.status == (404 if name == "not found" else 200), url
        violations = axe_violations(browser_page)
        if violations:
            found[name] = violations
    assert not found, "\n".join(f"{name}: {v}" for name, vs in found.items() for v in vs)


@pytest.mark.browser
def test_keyboard_reaches_the_skip_link_and_it_moves_focus_to_the_content(browser_page, site_urls):
    browser_page.goto(site_urls["guide"])
    browser_page.keyboard.press("Tab")
    skip = browser_page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()  # a visible focus target, not hidden off screen
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"
