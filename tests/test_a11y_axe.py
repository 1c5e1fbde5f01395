"""axe-core (WCAG 2.2 AA rules) on every page type, in Debian's Chromium, and the keyboard checks
axe cannot make: the skip link, and the focus ring's contrast."""

import pytest
from wagtail.models import Page, Site

from home.factories import HomePageFactory
from tests.checkers import axe_violations
from tests.site_pages import build_site


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


@pytest.mark.browser
def test_the_demo_content_has_no_axe_violations(offline_page, demo_site):
    """The fixture site is small; the demo guides hold the real editorial content."""
    found = violations_on(offline_page, list(demo_site.items()))
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


# Reads, for the focused element, its focus ring (outline and box-shadow colours) and the
# backgrounds next to it: its own and the one it sits on (the nearest painted ancestor's).
FOCUS_RING_JS = """() => {
    const el = document.activeElement;
    const painted = node => {
        for (; node; node = node.parentElement) {
            const colour = getComputedStyle(node).backgroundColor;
            if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
        }
        return "rgb(255, 255, 255)";
    };
    const style = getComputedStyle(el);
    return {
        element: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
            + " " + (el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30),
        tag: el.tagName,
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        outline: style.outlineColor,
        shadow: style.boxShadow,
        own: painted(el),
        around: painted(el.parentElement),
    };
}"""


def _rgb(css: str) -> tuple[float, float, float]:
    import re

    red, green, blue = (float(part) for part in re.findall(r"[\d.]+", css)[:3])
    return red, green, blue


def contrast(first: str, second: str) -> float:
    def luminance(css):
        def channel(value):
            value /= 255
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        red, green, blue = (channel(v) for v in _rgb(css))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_matches_the_wcag_formula():
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert round(contrast("rgb(240, 160, 0)", "rgb(255, 255, 255)"), 1) == 2.2


@pytest.mark.browser
def test_the_focus_ring_has_3_to_1_contrast_wherever_it_appears(offline_page, site_urls):
    """WCAG 1.4.11: the ring's outer colour against what it lies on, and (where the element
    itself is dark or coloured) a ring colour against the element, are at least 3:1."""
    problems, seen = [], 0
    for name in ("home", "guide", "search"):
        offline_page.goto(site_urls[name])
        for _ in range(80):
            offline_page.keyboard.press("Tab")
            ring = offline_page.evaluate(FOCUS_RING_JS)
            if ring["tag"] in {"BODY", "IFRAME"}:
                continue  # wrapped round, or inside the embedded player's own page
            seen += 1
            where = f"{name}: {ring['element']}"
            if ring["outlineStyle"] == "none" or ring["outlineWidth"] < 2:
                problems.append(f"{where}: no visible outline")
                continue
            if contrast(ring["outline"], ring["around"]) < 3:
                problems.append(
                    f"{where}: outline {ring['outline']} on {ring['around']} is "
                    f"{contrast(ring['outline'], ring['around']):.1f}:1"
                )
            inner = ring["shadow"] if ring["shadow"] != "none" else ring["outline"]
            if max(contrast(ring["outline"], ring["own"]), contrast(inner, ring["own"])) < 3:
                problems.append(f"{where}: no ring colour is 3:1 against {ring['own']}")
    assert seen > 20  # the walk really went through the pages
    assert not problems, "\n".join(dict.fromkeys(problems))
