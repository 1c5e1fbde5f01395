"""Small things a reader (or a search engine) notices: titles, descriptions, grammar, dates,
duplicated links, icons, the table of contents and the names of search landmarks."""

import datetime
import importlib
import json
import re
from decimal import Decimal
from html import unescape

import pytest
import wagtail_factories
from django.urls import clear_url_caches

import site_config.urls
from courses.factories import CourseFactory
from courses.models import Level
from demo.demo_content.guides import CATEGORIES, DJANGO_GUIDE
from guides.body import course_list, faq, paragraph, section
from guides.factories import GuidePageFactory
from guides.models import GuidePage
from home.models import HomeFeaturedGuide
from seo.metadata import DESCRIPTION_LENGTH


def get_html(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def title_of(html: str) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))


def meta_description(html: str) -> str:
    return unescape(re.search(r'<meta name="description" content="([^"]*)">', html).group(1))


@pytest.mark.django_db
def test_the_home_page_title_names_the_site_once(client, home_page, category):
    assert title_of(get_html(client, home_page.url)) == "Guides & Courses"
    assert title_of(get_html(client, category.url)) == "Web development | Guides & Courses"


@pytest.mark.django_db
def test_a_long_description_is_cut_at_a_word_within_the_limit(client, category):
    standfirst = (
        "Django gives you an ORM, migrations, an admin, forms, authentication and a template "
        "language in one coherent package; this guide explains what each part does, which "
        "courses teach it best and how to choose between them."
    )
    assert len(standfirst) > DESCRIPTION_LENGTH
    guide = GuidePageFactory(parent=category, standfirst=standfirst)
    description = meta_description(get_html(client, guide.url))
    assert len(description) <= DESCRIPTION_LENGTH
    assert description.endswith("…")
    kept = description.removesuffix("…")
    assert standfirst.startswith(kept) and standfirst[len(kept)] in " ,;"  # a whole word
    short = GuidePageFactory(parent=category, standfirst="A short standfirst.")
    assert meta_description(get_html(client, short.url)) == "A short standfirst."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("level", "lead"),
    [
        (Level.BEGINNER, "A beginner course"),
        (Level.INTERMEDIATE, "An intermediate course"),
        (Level.ADVANCED, "An advanced course"),
    ],
)
def test_the_course_page_uses_the_right_article(client, catalogue, level, lead):
    course = CourseFactory(level=level)
    html = get_html(client, catalogue.course_url(course))
    assert f'<p class="lead">{lead} on Coursera' in html


@pytest.mark.django_db
def test_dates_read_the_same_on_the_compare_and_course_pages(client, catalogue):
    first = CourseFactory(last_reviewed=datetime.date(2026, 9, 1))
    second = CourseFactory(last_reviewed=datetime.date(2026, 9, 12))
    compare = get_html(client, catalogue.url + "compare/", course=[first.slug, second.slug])
    assert "1 September 2026" in compare and "12 September 2026" in compare
    assert "01 September 2026" not in compare
    assert "1 September 2026" in get_html(client, catalogue.course_url(first))


@pytest.mark.django_db
def test_more_in_this_category_leaves_out_the_related_guides(client, category):
    guides = [
        GuidePageFactory(
            parent=category, title=f"Sibling {n}", first_published=datetime.date(2026, 1, n + 1)
        )
        for n in range(5)
    ]
    html = get_html(client, guides[0].url)
    related = html[html.index('id="related-heading"') : html.index('id="more-heading"')]
    more = html[html.index('id="more-heading"') :]
    # The three latest are related (same category); "more" offers only the one left.
    for n in (4, 3, 2):
        assert f"Sibling {n}" in related and f"Sibling {n}" not in more
    assert "Sibling 1" in more


@pytest.fixture(params=[False, True], ids=["production", "make-run"])
def urls_as_built(request, settings):
    """The URLconf as each setup builds it: with DEBUG (`make run`) it also serves media."""
    original = settings.DEBUG
    settings.DEBUG = request.param
    importlib.reload(site_config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = original
    importlib.reload(site_config.urls)
    clear_url_caches()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/favicon.ico", "image/"),  # image/x-icon or image/vnd.microsoft.icon
        ("/apple-touch-icon.png", "image/png"),
    ],
)
def test_the_icons_browsers_ask_for_unprompted_are_served(
    client, home_page, urls_as_built, path, content_type
):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert b"".join(response.streaming_content if response.streaming else [response.content])


@pytest.mark.django_db
def test_every_page_links_icons_and_a_manifest_that_parses(client, home_page):
    html = get_html(client, home_page.url)
    links = dict(re.findall(r'<link rel="(icon|apple-touch-icon|manifest)" href="([^"]+)"', html))
    assert set(links) == {"icon", "apple-touch-icon", "manifest"}
    response = client.get(links["manifest"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Guides & Courses"
    sizes = set()
    for icon in manifest["icons"]:
        served = client.get(icon["src"])
        assert served.status_code == 200, icon["src"]
        assert served["Content-Type"] == icon["type"]
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes


@pytest.mark.django_db
def test_the_site_name_comes_from_settings(client, home_page, settings):
    settings.WAGTAIL_SITE_NAME = "Field Notes & Courses"
    html = get_html(client, home_page.url)
    assert '<meta property="og:site_name" content="Field Notes &amp; Courses">' in html
    assert " | Field Notes &amp; Courses</title>" in html
    manifest = json.loads(client.get("/site.webmanifest").content)
    assert manifest["name"] == "Field Notes & Courses"


@pytest.mark.django_db
def test_the_table_of_contents_reaches_the_course_list_and_the_faq(client, category):
    guide = GuidePageFactory(
        parent=category,
        body=[
            section("Main", paragraph("<p>Text</p>")),
            course_list([CourseFactory(rating=Decimal("9"))], heading="Main"),
            course_list([CourseFactory()], heading=""),
            faq([("Why?", "<p>Because.</p>")], heading="Questions readers ask"),
        ],
    )
    html = get_html(client, guide.url)
    toc = html[html.index('id="toc-heading"') : html.index("</nav>", html.index("toc-heading"))]
    entries = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a></li>', toc)
    assert [heading for _, heading in entries] == [
        "Main",
        "Main",
        "Recommended courses",
        "Questions readers ask",
    ]
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for anchor, _ in entries:
        assert f'id="{anchor}"' in html
    # Each course list's own id is on the list itself, not only somewhere on the page.
    assert f'<section class="course-list" id="{entries[1][0]}">' in html
    assert f'<section class="course-list" id="{entries[2][0]}">' in html


@pytest.mark.django_db
def test_the_search_page_names_its_two_search_landmarks_differently(client, home_page):
    html = get_html(client, "/search/", q="django")
    names = re.findall(r'<form[^>]*role="search"[^>]*aria-label="([^"]+)"', html)
    assert len(names) == 2 and len(set(names)) == 2, names


def card_images(html: str) -> list[str]:
    return re.findall(r'<img [^>]*class="card__image"[^>]*>', html)


def assert_only_the_first_card_is_eager(html: str, count: int) -> None:
    images = card_images(html)
    assert len(images) == count
    assert 'loading="eager"' in images[0] and 'fetchpriority="high"' in images[0]
    for image in images[1:]:
        assert 'loading="lazy"' in image and "fetchpriority" not in image


@pytest.mark.django_db
def test_the_first_card_image_of_a_listing_loads_first(client, home_page, category):
    for n in range(3):
        GuidePageFactory(
            parent=category,
            hero_image=wagtail_factories.ImageFactory(),
            first_published=datetime.date(2026, 1, n + 1),
        )
    assert_only_the_first_card_is_eager(get_html(client, category.url), 3)
    assert_only_the_first_card_is_eager(get_html(client, home_page.url), 3)

    # With featured guides above them, the latest guides' first card is not the first.
    featured = GuidePageFactory(parent=category, hero_image=wagtail_factories.ImageFactory())
    HomeFeaturedGuide.objects.create(page=home_page, guide=featured, sort_order=0)
    html = get_html(client, home_page.url)
    assert_only_the_first_card_is_eager(html, len(card_images(html)))
    first = card_images(html)[0]
    assert first in html[html.index('id="featured-heading"') : html.index('id="latest-heading"')]


def test_every_demo_guide_has_a_description_that_fits_in_search_results():
    for category in CATEGORIES:
        for guide in category["guides"]:
            text = guide.get("search_description") or guide["standfirst"]
            assert len(text) <= DESCRIPTION_LENGTH, guide["slug"]


@pytest.mark.django_db
def test_the_demo_guide_shows_its_own_search_description(client, demo_site):
    guide = GuidePage.objects.get(slug=DJANGO_GUIDE["slug"])
    html = get_html(client, guide.url)
    assert meta_description(html) == DJANGO_GUIDE["search_description"]
