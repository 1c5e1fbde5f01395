"""What search engines and link previews read: head tags, JSON-LD, sitemap, robots and feeds."""

import html as html_lib
import json
import re
from decimal import Decimal

import pytest
import wagtail_factories

from core.images import SHARE_IMAGE_SPEC
from courses.factories import CourseFactory
from guides.body import course_list, faq, paragraph, section
from guides.factories import GuidePageFactory

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def get_html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def json_ld(html) -> dict:
    """Every JSON-LD object on the page, by @type (parsing fails the test if one is invalid)."""
    objects = [json.loads(block) for block in LD_JSON.findall(html)]
    return {obj["@type"]: obj for obj in objects}


def meta(html, attr, name) -> str:
    match = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)">', html)
    assert match, f"no {name} meta tag"
    return match.group(1)


@pytest.fixture
def guide(category):
    best = CourseFactory(title="Web Application Technologies and Django", rating=Decimal("9.7"))
    retired = CourseFactory(title="Retired course", rating=Decimal("9.9"), live=False)
    second = CourseFactory(title="Coding for Entrepreneurs", provider="udemy", rating=Decimal("9"))
    return GuidePageFactory(
        parent=category,
        title="Django in depth",
        slug="django-in-depth",
        standfirst="Everything about Django, from models to deployment.",
        author="Maya Okafor",
        hero_image=wagtail_factories.ImageFactory(),
        hero_alt_text="A laptop showing Django code",
        body=[
            section(
                "Learning path",
                paragraph("<p>Start with Python.</p>"),
                course_list([best, retired, second], heading="Top picks"),
            ),
            faq(
                [
                    ("Is Django still worth learning?", "<p>Yes, it is widely used.</p>"),
                    ("How long does it take?", "<p>A few weeks for the basics.</p>"),
                ]
            ),
        ],
    )


@pytest.mark.django_db
def test_guide_head_has_description_canonical_and_share_tags(client, guide):
    html = get_html(client, guide.url)
    assert "<title>Django in depth | Guides &amp; Courses</title>" in html
    assert '<html lang="en-GB">' in html
    # No search description: the standfirst stands in.
    assert meta(html, "name", "description") == guide.standfirst
    assert '<link rel="canonical" href="http://localhost/web-development/django-in-depth/">' in html
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:title") == "Django in depth"
    assert meta(html, "property", "og:url") == "http://localhost/web-development/django-in-depth/"
    image = meta(html, "property", "og:image")
    assert image.startswith("http://localhost/media/") and "1200x630" in image
    assert meta(html, "property", "og:image:alt") == "A laptop showing Django code"
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "name", "twitter:image") == image

    guide.search_description = "A hand-written summary for search results."
    guide.save()
    html = get_html(client, guide.url)
    assert meta(html, "name", "description") == "A hand-written summary for search results."


@pytest.mark.django_db
def test_guide_json_ld_matches_what_the_page_shows(client, guide):
    html = get_html(client, guide.url)
    data = json_ld(html)
    assert set(data) == {"Article", "ItemList", "FAQPage", "BreadcrumbList"}

    article = data["Article"]
    assert article["headline"] == "Django in depth"
    assert article["author"] == {"@type": "Person", "name": "Maya Okafor"}
    # Dates with the site's time-zone offset (London: GMT in March, BST in October).
    assert article["datePublished"] == "2026-03-01T00:00:00+00:00"
    assert article["dateModified"] == "2026-10-01T00:00:00+01:00"
    assert [re.search(r"fill-\d+x\d+", url)[0] for url in article["image"]] == [
        "fill-1200x675",
        "fill-1200x900",
        "fill-1200x1200",
    ]

    faq_items = data["FAQPage"]["mainEntity"]
    questions = [item["name"] for item in faq_items]
    assert questions == re.findall(r"<summary>(.*?)</summary>", html)
    assert "widely used" in faq_items[0]["acceptedAnswer"]["text"]

    # The retired course drops out of the list and the ranks close up, as on the page.
    courses = data["ItemList"]["itemListElement"]
    assert [(c["position"], c["item"]["name"]) for c in courses] == [
        (1, "Web Application Technologies and Django"),
        (2, "Coding for Entrepreneurs"),
    ]
    rating = courses[0]["item"]["review"]["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "ratingValue": "9.7",
        "bestRating": "10",
        "worstRating": "0",
    }
    assert "9.7/10" in html

    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == [
        guide.get_parent().get_parent().title,
        "Web development",
        "Django in depth",
    ]
    assert crumbs[-1]["item"] == "http://localhost/web-development/django-in-depth/"


@pytest.mark.django_db
def test_script_in_content_cannot_break_out_of_json_ld(client, category):
    hostile = 'What about </script><script>alert("x")</script>?'
    guide = GuidePageFactory(
        parent=category, title="</script> & co", body=[faq([(hostile, "<p>No.</p>")])]
    )
    html = get_html(client, guide.url)
    assert '<script>alert("x")' not in html
    data = json_ld(html)
    assert data["FAQPage"]["mainEntity"][0]["name"] == hostile
    assert data["Article"]["headline"] == "</script> & co"


@pytest.mark.django_db
def test_home_and_category_describe_themselves(client, home_page, category):
    GuidePageFactory(parent=category, title="A guide", hero_image=wagtail_factories.ImageFactory())
    home = get_html(client, "/")
    website = json_ld(home)["WebSite"]
    assert website["url"] == "http://localhost/"
    assert website["potentialAction"]["target"]["urlTemplate"].endswith(
        "/search/?q={search_term_string}"
    )
    assert meta(home, "property", "og:type") == "website"
    assert "1200x630" in meta(home, "property", "og:image")  # the latest guide's hero

    listing = get_html(client, category.url)
    assert meta(listing, "name", "description") == "Guides about one subject."
    assert [c["name"] for c in json_ld(listing)["BreadcrumbList"]["itemListElement"]] == [
        home_page.title,
        "Web development",
    ]
    # A category shares the hero of the first guide it lists.
    assert "1200x630" in meta(listing, "property", "og:image")
    assert 'href="/feeds/web-development/"' in listing and 'href="/feeds/guides/"' in listing


@pytest.mark.django_db
def test_paginated_category_pages_are_their_own_canonical(client, category, settings):
    settings.GUIDES_PER_PAGE = 1
    GuidePageFactory(parent=category)
    GuidePageFactory(parent=category)
    assert 'rel="canonical" href="http://localhost/web-development/"' in get_html(
        client, category.url
    )
    second = get_html(client, category.url + "?page=2")
    assert 'rel="canonical" href="http://localhost/web-development/?page=2"' in second


@pytest.mark.django_db
def test_robots_txt_keeps_crawlers_out_of_admin_and_search_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Disallow: /search/" in lines
    # On the Site's own root URL (core/public_url.py), not the request's host.
    assert "Sitemap: http://localhost/sitemap.xml" in lines


@pytest.mark.django_db
def test_sitemap_lists_live_pages_with_last_modified_dates(client, category):
    live = GuidePageFactory(parent=category, slug="live-guide")
    live.save_revision().publish()
    GuidePageFactory(parent=category, slug="draft-guide", live=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://localhost/web-development/live-guide/" in xml
    assert "draft-guide" not in xml
    entry = xml[xml.index("live-guide") :]
    assert re.search(r"<lastmod>\d{4}-\d{2}-\d{2}", entry)


@pytest.mark.django_db
def test_feeds_list_latest_guides_site_wide_and_per_category(client, home_page, category):
    from guides.factories import GuideIndexPageFactory

    other = GuideIndexPageFactory(parent=home_page, title="Data", slug="data")
    GuidePageFactory(parent=category, title="Web guide")
    GuidePageFactory(parent=other, title="Data guide")
    GuidePageFactory(parent=category, title="Draft guide", live=False)

    rss = client.get("/feeds/guides/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "<title>Web guide</title>" in body and "<title>Data guide</title>" in body
    assert "Draft guide" not in body

    atom = client.get("/feeds/web-development/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    body = atom.content.decode()
    assert "<title>Web guide</title>" in body and "Data guide" not in body
    assert "http://localhost/web-development/" in body and "testserver" not in body

    assert client.get("/feeds/no-such-category/").status_code == 404
    assert client.get("/feeds/no-such-category/atom/").status_code == 404


@pytest.mark.django_db
def test_course_pages_are_in_the_sitemap_and_carry_course_json_ld(client, home_page):
    from courses.models import CourseIndexPage

    catalogue = CourseIndexPage(title="Courses", slug="courses")
    home_page.add_child(instance=catalogue)
    CourseFactory(title="Django for everybody", slug="django-for-everybody", rating=Decimal("9.2"))
    CourseFactory(title="Retired", slug="retired-course", live=False)

    xml = client.get("/sitemap.xml").content.decode()
    assert "http://localhost/courses/django-for-everybody/" in xml
    assert "retired-course" not in xml

    html = get_html(client, "/courses/django-for-everybody/")
    data = json_ld(html)
    course = data["Course"]
    assert course["name"] == "Django for everybody"
    assert course["review"]["reviewRating"]["ratingValue"] == "9.2"
    assert course["review"]["reviewRating"]["bestRating"] == "10"
    assert "9.2/10" in html
    assert [c["name"] for c in data["BreadcrumbList"]["itemListElement"]][-2:] == [
        "Courses",
        "Django for everybody",
    ]
    assert '<link rel="canonical" href="http://localhost/courses/django-for-everybody/">' in html
    assert meta(html, "property", "og:title") == "Django for everybody"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "original, shared",
    [((2400, 1600), (1200, 630)), ((400, 300), (400, 210)), ((100, 100), (100, 54))],
)
def test_share_image_size_is_the_renditions_real_size(client, category, original, shared):
    # fill-1200x630 crops to the ratio but never upscales: a small hero gives a small image.
    image = wagtail_factories.ImageFactory(file__width=original[0], file__height=original[1])
    guide = GuidePageFactory(parent=category, hero_image=image)
    html = get_html(client, guide.url)
    assert meta(html, "property", "og:image")
    width = meta(html, "property", "og:image:width")
    height = meta(html, "property", "og:image:height")
    assert (int(width), int(height)) == shared
    rendition = image.get_rendition(SHARE_IMAGE_SPEC)
    assert (rendition.width, rendition.height) == shared


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, title, crumb",
    [
        ("/courses/finder/?q=django", "Course finder", "Course finder"),
        ("/courses/finder/", "Course finder", "Course finder"),
        ("/courses/compare/", "Compare courses", "Compare"),
    ],
)
def test_catalogue_routes_describe_the_route_not_the_catalogue(
    client, home_page, catalogue, url, title, crumb
):
    html = get_html(client, url)
    path = url.split("?")[0]
    assert meta(html, "property", "og:title") == title
    assert meta(html, "name", "twitter:title") == title
    crumbs = json_ld(html)["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [
        (1, home_page.title),
        (2, "Courses"),
        (3, crumb),
    ]
    assert crumbs[-1]["item"] == f"http://localhost{path}"
    # The JSON-LD trail is the visible one.
    visible = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    names = [html_lib.unescape(name) for name in re.findall(r">([^<>]+)</(?:a|span)>", visible)]
    assert names == [c["name"] for c in crumbs]
    assert f'<link rel="canonical" href="http://localhost{path}">' in html


@pytest.mark.django_db
def test_the_catalogue_itself_keeps_its_own_title(client, catalogue):
    html = get_html(client, "/courses/")
    assert meta(html, "property", "og:title") == "Courses"
    assert [c["name"] for c in json_ld(html)["BreadcrumbList"]["itemListElement"]][-1] == "Courses"
