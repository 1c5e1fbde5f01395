import pytest

from courses.factories import CourseFactory
from guides.body import course_list, faq, paragraph, section
from guides.factories import GuidePageFactory


@pytest.fixture
def live_guide(transactional_db, category):
    course = CourseFactory(title="Web Application Technologies and Django", rating="9.7")
    return GuidePageFactory(
        parent=category,
        title="Django in depth",
        slug="django-in-depth",
        body=[
            section("What Django is", paragraph("<p>" + "Batteries included. " * 200 + "</p>")),
            section("Learning path", paragraph("<p>Start with Python.</p>")),
            course_list([course], heading="Top Django courses"),
            faq([("Do I need Python first?", "<p>Yes, the basics at least.</p>")]),
        ],
    )


@pytest.mark.browser
def test_reader_uses_the_contents_links_and_opens_an_faq_with_the_keyboard(
    browser_page, live_guide
):
    page = browser_page
    page.goto(live_guide.url)
    assert page.locator("h1").inner_text() == "Django in depth"

    page.get_by_role("link", name="Learning path").click()
    assert page.url.endswith("#learning-path")
    assert page.locator("#learning-path").is_visible()

    answer = page.get_by_text("Yes, the basics at least.")
    assert not answer.is_visible()
    page.locator("summary", has_text="Do I need Python first?").focus()
    page.keyboard.press("Enter")
    assert answer.is_visible()
    assert page.get_by_text("9.7/10").is_visible()
