"""The course finder in a real browser (Debian's Chromium), with and without JavaScript, and the
finder and compare pages through the Nu HTML checker and axe-core."""

from decimal import Decimal
from urllib.parse import urlencode

import pytest

from courses.factories import CourseFactory
from courses.models import FinderRequest
from tests.checkers import axe_violations, nu_html_errors


@pytest.fixture
def catalogue(catalogue):
    """The site's catalogue (the root conftest's), with three courses to find."""
    CourseFactory(
        title="Python for Everyone",
        slug="python-for-everyone",
        rating=Decimal("9.4"),
        price_model="free",
        provider="edx",
        topics=["python"],
    )
    CourseFactory(
        title="Python the Hard Way",
        slug="python-hard-way",
        rating=Decimal("8.1"),
        level="advanced",
        topics=["python"],
    )
    CourseFactory(
        title="Django Start",
        slug="django-start",
        rating=Decimal("8.9"),
        topics=["django", "python"],
    )
    return catalogue


@pytest.mark.browser
def test_the_finder_box_answers_in_place_with_javascript(browser_page, catalogue):
    browser_page.goto("/")
    browser_page.get_by_label("What would you like to learn?").fill(
        "best python course for beginners"
    )
    browser_page.get_by_role("button", name="Find courses").click()
    answer = browser_page.locator("#finder-answer")
    answer.get_by_role("link", name="Python for Everyone").wait_for()
    assert browser_page.url.endswith("/")  # answered in place, no page load
    assert "beginner · Python · rated 9.4/10 · free" in answer.inner_text()
    assert "Python the Hard Way" not in answer.inner_text()
    request = FinderRequest.objects.get()
    assert request.via == "script" and request.results_count == 2
    answer.get_by_role("link", name="Python for Everyone").click()
    browser_page.wait_for_url("**/courses/python-for-everyone/")
    assert browser_page.get_by_role("heading", level=1).inner_text() == "Python for Everyone"


# Every course card of an answer: its title and link, provider, level, price, rating, why it
# was picked, review, and compare box, as a reader sees them.
ANSWER_CARDS_JS = """root => [...root.querySelectorAll('.course-item')].map(card => ({
    title: card.querySelector('.course-item__title a').textContent,
    href: card.querySelector('.course-item__title a').getAttribute('href'),
    meta: card.querySelector('.meta').innerText,
    why: card.querySelector('.course-item__why').innerText,
    review: card.querySelector('.course-item__why + p').innerText,
    compare: card.querySelector('input[type=checkbox][name=course]').value,
    compareLabel: card.querySelector('label').innerText,
}))"""


@pytest.mark.browser
@pytest.mark.parametrize("query", ["best python course", "compare python courses on edx"])
def test_the_in_page_answer_shows_what_the_answer_page_shows(browser_page, catalogue, query):
    """One answer, two renderings: the finder box's answer (script) and the finder page's."""
    browser_page.goto("/courses/")
    browser_page.get_by_label("What would you like to learn?").fill(query)
    browser_page.get_by_role("button", name="Find courses").click()
    box = browser_page.locator("#finder-answer")
    box.locator(".course-item").first.wait_for()
    assert browser_page.url.endswith("/courses/")  # answered in place
    in_box = box.evaluate(ANSWER_CARDS_JS)
    box_table = box.locator("table").all_inner_texts()
    box_notes = box.locator(".notice, p.meta").all_inner_texts()
    found = axe_violations(browser_page)  # the answer in place passes too
    assert not found, found

    browser_page.goto("/courses/finder/?" + urlencode({"q": query}))
    answer = browser_page.locator(".finder-results")
    on_page = answer.evaluate(ANSWER_CARDS_JS)
    assert in_box == on_page
    assert len(in_box) >= 2
    assert all(card["meta"] and card["review"] and card["compare"] for card in in_box)
    assert answer.locator("table").all_inner_texts() == box_table
    assert answer.locator(".notice, p.meta").all_inner_texts() == box_notes
    # Best first: the highest rating first.
    ratings = [float(card["meta"].split("Rated ")[1].split("/")[0]) for card in in_box]
    if query.startswith("best"):
        assert ratings == sorted(ratings, reverse=True)
        assert [card["title"] for card in in_box][:2] == ["Python for Everyone", "Django Start"]


@pytest.mark.browser
def test_the_finder_box_works_without_javascript(chromium, live_server, catalogue):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/courses/")
        page.get_by_label("What would you like to learn?").fill("compare python courses")
        page.get_by_role("button", name="Find courses").click()
        page.wait_for_url("**/courses/finder/?q=compare+python+courses")
        table = page.get_by_role("table")
        assert table.get_by_role("columnheader").count() == 3
        page.get_by_label("Compare Python for Everyone").check()
        page.get_by_label("Compare Django Start").check()
        page.get_by_role("button", name="Compare the ticked courses").click()
        page.wait_for_url("**/courses/compare/?course=*")
        headers = page.get_by_role("table").get_by_role("columnheader").all_inner_texts()
        assert headers == ["Python for Everyone", "Django Start"]
        assert FinderRequest.objects.get().via == "page"
    finally:
        context.close()


@pytest.mark.browser
def test_finder_and_compare_pages_have_no_axe_violations(browser_page, catalogue):
    found = []
    for url in [
        "/courses/finder/?q=compare+python+courses",
        "/courses/finder/?q=cooking",
        "/courses/compare/?course=python-for-everyone&course=django-start",
        "/courses/?level=expert",
    ]:
        assert browser_page.goto(url).status == 200
        found += [f"{url}: {v}" for v in axe_violations(browser_page)]
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_finder_and_compare_pages_are_valid_html(client, tmp_path, catalogue):
    files = []
    for n, url in enumerate(
        [
            "/courses/finder/?q=compare+python+courses",
            "/courses/finder/?q=",
            "/courses/finder/?q=cooking",
            "/courses/compare/?course=python-for-everyone&course=django-start",
            "/courses/compare/",
            "/courses/?topic=nope",
        ]
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"page-{n}.html"
        path.write_bytes(response.content)
        files.append(path)
    errors = nu_html_errors(files)
    assert not errors, "\n".join(errors)
