"""Author pages, and structured data that says what the page shows: the byline and its author
page, the dates (page, feed, sitemap), the article's images, the ranked and catalogue course
lists pointing at the site's own course pages."""

import json
import re
from decimal import Decimal
from html import unescape

import pytest
import wagtail_factories

from courses.factories import CourseFactory
from guides.body import course_list
from guides.factories import AuthorIndexPageFactory, AuthorPageFactory, GuidePageFactory

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
OFFSET_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$")

pytestmark = pytest.mark.django_db


def page_html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def json_ld(html) -> dict[str, list[dict]]:
    found = {}
    for block in LD_JSON.findall(html):
        data = json.loads(block)
        found.setdefault(data["@type"], []).append(data)
    return found


def absolute(path: str) -> str:
    return "http://localhost" + path


@pytest.fixture
def author(home_page):
    index = AuthorIndexPageFactory(parent=home_page)
    return AuthorPageFactory(
        parent=index,
        slug="maya-okafor",
        photo=wagtail_factories.ImageFactory(file__width=800, file__height=800),
    )


@pytest.fixture
def courses():
    return [
        CourseFactory(title="Web Application Technologies and Django", rating=Decimal("9.7")),
        CourseFactory(title="Coding for Entrepreneurs", provider="udemy", rating=Decimal("9")),
    ]


@pytest.fixture
def guide(category, author, courses, catalogue):
    return GuidePageFactory(
        parent=category,
        title="Django in depth",
        slug="django-in-depth",
        author="M. Okafor",
        author_page=author,
        hero_image=wagtail_factories.ImageFactory(file__width=1600, file__height=1000),
        body=[course_list(courses, heading="Top picks")],
    )


def test_byline_links_to_the_author_page_that_the_article_names(client, guide, author):
    html = page_html(client, guide.url)
    byline = re.search(r'By <a href="([^"]+)" rel="author">([^<]+)</a>', html)
    assert byline, "no linked byline"
    (article,) = json_ld(html)["Article"]
    # The author page's title is the name shown, wherever the guide's own field differs.
    assert article["author"] == {
        "@type": "Person",
        "name": byline[2],
        "@id": absolute(byline[1]) + "#person",
        "url": absolute(byline[1]),
    }
    assert byline[2] == "Maya Okafor" and byline[1] == author.url

    # The author page: name, role, bio, photo, and the guide it links back to.
    author_html = page_html(client, author.url)
    assert "<h1>Maya Okafor</h1>" in author_html and "Senior editor" in author_html
    assert "Maya writes about Django." in author_html
    assert re.search(r'<img [^>]*alt="Maya Okafor"', author_html)
    assert f'href="{guide.url}"' in author_html
    (profile,) = json_ld(author_html)["ProfilePage"]
    person = profile["mainEntity"]
    assert person["@id"] == article["author"]["@id"] and person["name"] == "Maya Okafor"
    assert person["jobTitle"] == "Senior editor"
    assert person["description"] == "Maya writes about Django."
    assert "fill-400x400" in person["image"] and person["image"].startswith("http://localhost/")

    # The index lists the author.
    index_html = page_html(client, author.get_parent().url)
    assert f'<a href="{author.url}">Maya Okafor</a>' in index_html


def test_an_unpublished_author_page_is_neither_linked_nor_named_in_json_ld(client, guide, author):
    author.unpublish()
    html = page_html(client, guide.url)
    assert 'rel="author"' not in html and "By M. Okafor ·" in html
    (article,) = json_ld(html)["Article"]
    assert article["author"] == {"@type": "Person", "name": "M. Okafor"}


def test_article_publisher_language_dates_and_images(client, guide):
    html = page_html(client, guide.url)
    (article,) = json_ld(html)["Article"]
    assert article["inLanguage"] == "en"
    assert re.search(r'<html lang="en\b', html)

    publisher = article["publisher"]
    assert publisher["url"] == "http://localhost/"
    logo = publisher["logo"]
    assert logo["url"].startswith("http://localhost/static/")
    assert client.get(logo["url"].removeprefix("http://localhost")).status_code == 200

    # The dates the page shows, as moments with the site's offset.
    shown = re.findall(r'<time datetime="([^"]+)">', html)
    assert article["datePublished"] == shown[0] and article["dateModified"] == shown[1]
    assert all(OFFSET_MOMENT.match(moment) for moment in shown)

    # The hero in 16:9, 4:3 and 1:1, each a real rendition of it.
    renditions = {r.url: r for r in guide.hero_image.renditions.all()}
    sizes = [
        (
            renditions[url.removeprefix("http://localhost")].width,
            renditions[url.removeprefix("http://localhost")].height,
        )
        for url in article["image"]
    ]
    assert [round(w / h, 2) for w, h in sizes] == [round(16 / 9, 2), round(4 / 3, 2), 1.0]


def test_date_modified_is_the_same_in_page_feed_and_sitemap(client, guide):
    (article,) = json_ld(page_html(client, guide.url))["Article"]
    modified = article["dateModified"]

    atom = client.get("/feeds/guides/atom/").content.decode()
    entry = atom[atom.index("<entry>") :]
    assert f"<updated>{modified}</updated>" in entry
    assert f"<published>{article['datePublished']}</published>" in entry
    assert f"<uri>{article['author']['url']}</uri>" in entry

    sitemap = client.get("/sitemap.xml").content.decode()
    entry = re.search(
        rf"<loc>{re.escape(absolute(guide.url))}</loc><lastmod>([^<]+)</lastmod>", sitemap
    )
    assert entry and entry[1] == modified


def test_ranked_course_list_points_at_the_sites_own_course_pages(client, guide, courses):
    html = page_html(client, guide.url)
    (item_list,) = json_ld(html)["ItemList"]
    shown = re.findall(r'<h3 class="course-item__title"><a href="([^"]+)">([^<]+)</a>', html)
    listed = [
        (element["position"], element["url"], element["item"]["name"])
        for element in item_list["itemListElement"]
    ]
    assert listed == [
        (position, absolute(href), unescape(title))
        for position, (href, title) in enumerate(shown, start=1)
    ]
    assert [c.title for c in courses] == [name for _, _, name in listed]
    for element, course in zip(item_list["itemListElement"], courses, strict=True):
        item = element["item"]
        assert item["@id"] == element["url"] + "#course" and item["url"] == element["url"]
        assert item["sameAs"] == course.web_url
        assert item["inLanguage"] == "en"


def test_course_page_course_has_an_id_at_its_canonical_url(client, catalogue, courses):
    course = courses[0]
    html = page_html(client, f"{catalogue.url}{course.slug}/")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)[1]
    (data,) = json_ld(html)["Course"]
    assert data["@id"] == canonical + "#course" and data["url"] == canonical
    assert data["name"] == course.title


def test_catalogue_has_an_item_list_of_the_courses_it_shows(client, catalogue):
    for number in range(14):
        CourseFactory(title=f"Course {number:02}", rating=Decimal("9.9") - Decimal(number) / 10)
    for page, start in (("", 1), ("?page=2", 13)):
        html = page_html(client, catalogue.url + page)
        (item_list,) = json_ld(html)["ItemList"]
        shown = re.findall(r'<h3 class="course-item__title"><a href="([^"]+)">([^<]+)</a>', html)
        assert shown
        assert [
            (element["position"], element["url"], element["item"]["name"])
            for element in item_list["itemListElement"]
        ] == [
            (position, absolute(href), unescape(title))
            for position, (href, title) in enumerate(shown, start=start)
        ]
    # The finder and compare routes show no catalogue listing, so no ItemList of it.
    assert "ItemList" not in json_ld(page_html(client, catalogue.url + "finder/?q=django"))
