"""The search page's head tags and breadcrumbs, unknown filter values, and POST."""

import html as html_lib
import json
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.usefixtures("postgres")

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def meta(html, attr, name) -> str:
    match = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)">', html)
    assert match, f"no {name} meta tag"
    return html_lib.unescape(match.group(1))


def canonical(html) -> str:
    links = re.findall(r'<link rel="canonical" href="([^"]*)">', html)
    assert len(links) == 1, links
    return html_lib.unescape(links[0])


@pytest.mark.parametrize("url", ["/search/", "/search/suggest/"])
def test_post_gets_405_with_allow_even_when_csrf_is_enforced(db, url):
    # The default test client skips CSRF checks; a browser's POST does not.
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"q": "django"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert Client(enforce_csrf_checks=True).get(url, {"q": "django"}).status_code == 200


@pytest.mark.parametrize(
    "params, message",
    [
        ({"type": "podcast"}, "The type filter “podcast” was not applied: unknown value."),
        ({"category": "no-such"}, "The category filter “no-such” was not applied"),
        ({"level": "expert"}, "The course level filter “expert” was not applied"),
    ],
)
def test_unknown_filter_values_are_reported(client, make_guide, params, message):
    make_guide("Django basics")
    response = client.get("/search/", {"q": "django", **params})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html_lib.unescape(html)
    # The filter is dropped, so the results are those of the plain search.
    assert response.context["results"].paginator.count == 1


def test_unknown_filter_value_is_escaped_and_cut(client, make_guide):
    make_guide("Django basics")
    hostile = "<script>alert(1)</script>" + "x" * 200
    html = client.get("/search/", {"q": "django", "type": hostile}).content.decode()
    assert "<script>alert(1)" not in html
    assert "The type filter “&lt;script&gt;alert(1)&lt;/script&gt;xxx" in html
    assert "x" * 61 not in html


def test_known_filters_get_no_message(client, make_guide):
    make_guide("Django basics")
    html = client.get("/search/", {"q": "django", "type": "guide"}).content.decode()
    assert "was not applied" not in html


def test_results_page_head_tags(client, home_page, make_guide):
    make_guide("Django basics")
    html = client.get("/search/", {"q": "django", "type": "guide", "page": "1"}).content.decode()
    assert "<title>Search results for “django” | Guides &amp; Courses</title>" in html
    assert '<meta name="robots" content="noindex">' in html
    # The query is the document; filters and page number are not part of the canonical URL.
    assert canonical(html) == "http://localhost/search/?q=django"
    assert meta(html, "property", "og:url") == "http://localhost/search/?q=django"
    assert meta(html, "property", "og:title") == "Search results for “django”"
    assert meta(html, "property", "og:type") == "website"
    assert meta(html, "name", "description") == "Guides and courses that match “django”."
    assert meta(html, "name", "twitter:card") == "summary"  # no image needed
    assert meta(html, "name", "twitter:title") == "Search results for “django”"
    assert "og:image" not in html
    assert 'href="/feeds/guides/"' in html

    # Visible breadcrumbs and the BreadcrumbList agree: the home page, then Search.
    visible = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert f'<a href="/">{html_lib.escape(home_page.title)}</a>' in visible
    assert '<span aria-current="page">Search</span>' in visible
    objects = [json.loads(block) for block in LD_JSON.findall(html)]
    assert [obj["@type"] for obj in objects] == ["BreadcrumbList"]
    crumbs = objects[0]["itemListElement"]
    assert [(c["name"], c["item"]) for c in crumbs] == [
        (home_page.title, "http://localhost/"),
        ("Search", "http://localhost/search/?q=django"),
    ]


def test_empty_search_page_head_tags(client, home_page):
    html = client.get("/search/").content.decode()
    assert "<title>Search | Guides &amp; Courses</title>" in html
    assert canonical(html) == "http://localhost/search/"
    assert meta(html, "property", "og:title") == "Search"
    assert '<meta name="robots" content="noindex">' in html


def test_hostile_query_is_escaped_in_the_head(client, home_page):
    query = 'a"><script>alert(1)</script> & b'
    html = client.get("/search/", {"q": query}).content.decode()
    assert "<script>alert(1)" not in html
    assert canonical(html).startswith("http://localhost/search/?q=a%22%3E%3Cscript%3E")
    assert meta(html, "property", "og:title") == f"Search results for “{query}”"
    for block in LD_JSON.findall(html):
        assert "<" not in block
        json.loads(block)
