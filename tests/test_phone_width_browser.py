"""At a phone's width (390 px) no page scrolls sideways, and the header's search box shows its
whole placeholder: measured in Chromium on every page type of the demo content."""

import pytest

PHONE = {"width": 390, "height": 844}

# The width the placeholder's text needs in the field's own font, and the room the field gives
# it (its content box).
PLACEHOLDER_FIT_JS = """el => {
    const style = getComputedStyle(el);
    const context = document.createElement('canvas').getContext('2d');
    context.font = style.font;
    const needed = context.measureText(el.placeholder).width;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {needed, room};
}"""

# The elements reaching furthest right, to say why a page is too wide.
WIDEST_JS = """() => [...document.querySelectorAll('body *')]
    .map(el => [el.getBoundingClientRect().right, el])
    .sort((a, b) => b[0] - a[0])
    .slice(0, 3)
    .map(([right, el]) => `${el.tagName}.${el.className} (${Math.round(right)} px)`)"""


@pytest.fixture
def phone_pages(demo_site):
    from courses.models import CourseIndexPage
    from guides.models import AuthorIndexPage, AuthorPage

    catalogue = CourseIndexPage.objects.live().get()
    return {
        **demo_site,
        "catalogue": catalogue.url,
        "course": catalogue.url + "web-application-technologies-and-django/",
        "finder": catalogue.url + "finder/?q=compare+django+courses",
        "compare": catalogue.url
        + "compare/?course=web-application-technologies-and-django"
        + "&course=coding-for-entrepreneurs-python-django&course=django-girls-tutorial",
        "search": "/search/?q=django",
        # A reader's query is shown as typed, however long its words.
        "search, long words": "/search/?q=" + "a" * 100 + "+django+" + "x" * 100,
        "authors": AuthorIndexPage.objects.live().get().url,
        "author": AuthorPage.objects.live().first().url,
        "not found": "/no-such-page/",
    }


@pytest.mark.browser
def test_no_page_scrolls_sideways_on_a_phone(browser_page, live_server, phone_pages):
    page = browser_page
    page.context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    page.set_viewport_size(PHONE)
    problems = []
    for name, url in phone_pages.items():
        response = page.goto(url)
        assert response.status == (404 if name == "not found" else 200), url
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > page.evaluate("window.innerWidth"):
            problems.append(f"{name} ({url}) is {width} px wide: {page.evaluate(WIDEST_JS)}")
        fit = page.locator("#site-search-q").evaluate(PLACEHOLDER_FIT_JS)
        if fit["needed"] > fit["room"]:
            problems.append(
                f"{name}: the search placeholder needs {fit['needed']:.0f} px of {fit['room']:.0f}"
            )
    assert not problems, "\n".join(problems)
