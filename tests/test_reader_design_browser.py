"""What a reader sees of the design, measured in Chromium on the demo content: a compact header
and results before filters on a phone, a guide set at a readable size and measure with its
contents in view on a laptop, card grids without empty columns, a ranked list whose top pick and
scores stand out, a dark scheme that passes axe, and a print version without the site's chrome."""

import pytest

from tests.checkers import axe_violations

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture
def offline(browser_page, live_server):
    """The browser page, refusing every request that would leave the test server."""
    browser_page.context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    return browser_page


def box(page, selector: str) -> dict:
    return page.locator(selector).first.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,"
        " height: r.height, width: r.width}; }"
    )


# Characters on each full line of the guide's paragraphs (the last line of a paragraph is
# short by nature and left out), counted from where the browser put each character.
LINE_LENGTHS_JS = """() => {
    const counts = [];
    for (const p of document.querySelectorAll('.guide__body .prose p')) {
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        const lines = new Map();
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            for (let i = 0; i < n.length; i++) {
                const range = document.createRange();
                range.setStart(n, i);
                range.setEnd(n, i + 1);
                const rect = range.getClientRects()[0];
                if (!rect) continue;
                const line = Math.round((rect.top + rect.height / 2) / 8);
                lines.set(line, (lines.get(line) || 0) + 1);
            }
        }
        const perLine = [...lines.values()];
        perLine.pop();
        counts.push(...perLine);
    }
    return counts.sort((a, b) => a - b);
}"""


@pytest.mark.browser
def test_on_a_phone_the_header_is_compact_and_search_results_come_before_the_filters(
    offline, demo_site
):
    page = offline
    page.emulate_media(reduced_motion="reduce")  # jumps land at once
    page.set_viewport_size(PHONE)
    for url in (demo_site["demo home"], demo_site["demo django guide"], "/search/?q=django"):
        page.goto(url)
        header = box(page, ".site-header")
        assert header["height"] < 120, (url, header)
        # Nothing in the header spills sideways (the sections row scrolls inside itself).
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url

    # A table wider than the phone scrolls inside its box, with shadows at the edges that hide
    # columns (drawn as backgrounds that travel with the content).
    page.goto(demo_site["demo django guide"])
    table = page.locator(".table-wrap").first
    assert table.evaluate("el => el.scrollWidth > el.clientWidth")
    assert "radial-gradient" in table.evaluate("el => getComputedStyle(el).backgroundImage")

    page.goto("/search/?q=django")
    first_result = box(page, ".search-result")
    filters = box(page, ".search-facets")
    assert first_result["bottom"] <= PHONE["height"], first_result  # on the first screen
    assert first_result["top"] < filters["top"], (first_result, filters)
    # A link at the top reaches the filters without scrolling past every result.
    jump = page.get_by_role("link", name="Filter results")
    assert jump.is_visible() and box(page, ".search-jump")["bottom"] <= PHONE["height"]
    found = axe_violations(page)  # the phone layout passes too
    assert not found, found
    jump.click()
    page.wait_for_function("location.hash === '#search-filters'")
    assert 0 <= box(page, "#search-filters")["top"] < PHONE["height"]


@pytest.mark.browser
def test_on_a_laptop_guides_read_at_a_measure_and_grids_have_no_empty_column(offline, demo_site):
    page = offline
    page.emulate_media(reduced_motion="reduce")  # jumps land at once
    page.set_viewport_size(LAPTOP)
    page.goto(demo_site["demo django guide"])

    size = page.locator(".guide__body .prose p").first.evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)"
    )
    assert 18 <= size <= 20, size
    lengths = page.evaluate(LINE_LENGTHS_JS)
    assert len(lengths) > 30, lengths  # enough full lines to judge
    median = lengths[len(lengths) // 2]
    assert 60 <= median <= 75, (median, lengths)

    # The table of contents stays on screen while the reader is deep in the guide.
    assert page.locator(".toc").evaluate("el => getComputedStyle(el).position") == "sticky"
    page.evaluate("document.getElementById('faq-heading').scrollIntoView()")
    # ... and marks the section being read.
    page.wait_for_function(
        "document.querySelector('.toc a[aria-current=location]')?.hash === '#faq-heading'"
    )
    toc = box(page, ".toc")
    assert page.evaluate("window.scrollY") > 2000
    assert toc["top"] >= 0 and toc["bottom"] <= LAPTOP["height"], toc

    # The ranked course list: the first course is marked as the top pick, and every course's
    # score sits level with its title, on the right.
    first = page.locator(".course-item--ranked").first
    assert first.locator(".course-item__pick").inner_text().lower() == "our top pick"
    assert page.locator(".course-item__pick").count() == 1  # one per list
    for item in page.locator(".course-item--ranked").all()[:3]:
        title = item.locator(".course-item__title").evaluate(
            "el => el.getBoundingClientRect().toJSON()"
        )
        score = item.locator(".course-item__score").evaluate(
            "el => el.getBoundingClientRect().toJSON()"
        )
        assert score["left"] > title["right"] and score["top"] < title["bottom"], (title, score)

    # Printed: the text without the site's chrome, each link followed by where it goes.
    page.emulate_media(media="print")
    for chrome in (".site-header", ".site-footer", ".toc", ".breadcrumbs"):
        assert page.locator(chrome).evaluate("el => getComputedStyle(el).display") == "none"
    link = page.locator(".guide__body a[href^='http']")
    assert link.count() > 0
    href = link.first.get_attribute("href")
    after = link.first.evaluate("el => getComputedStyle(el, '::after').content")
    assert href in after, (href, after)
    page.emulate_media(media="screen")
    assert page.locator(".site-header").is_visible()

    page.goto(demo_site["demo home"])
    grids = page.locator(".grid")
    assert grids.count() >= 2
    for index in range(grids.count()):
        grid = grids.nth(index)
        # The first row reaches the grid's right edge: no column is left empty.
        edges = grid.evaluate(
            "el => { const cards = [...el.children].map(c => c.getBoundingClientRect());"
            " const top = cards[0].top;"
            " return {right: el.getBoundingClientRect().right,"
            " row: Math.max(...cards.filter(c => Math.abs(c.top - top) < 2).map(c => c.right))}; }"
        )
        assert abs(edges["right"] - edges["row"]) < 2, (index, edges)


@pytest.mark.browser
def test_the_dark_scheme_has_enough_contrast_everywhere(offline, demo_site):
    page = offline
    page.emulate_media(color_scheme="dark")
    urls = [
        *demo_site.values(),
        "/search/?q=django",
        "/courses/",
        "/courses/web-application-technologies-and-django/",
        "/courses/finder/?q=beginner+python",
        "/authors/",
    ]
    found = {}
    for url in urls:
        page.goto(url)
        # The dark colours are really in use (a light page would pass this trivially).
        background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        channels = [int(c) for c in background[background.index("(") + 1 : -1].split(",")[:3]]
        assert max(channels) < 60, (url, background)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert not found, found
