"""Nothing a reader (anonymous) can fetch names a page behind a view restriction.

One site holds a restricted category (with a guide in it), a restricted guide in a public
category, and a course catalogue that is public in one scenario and restricted in the other.
Every reader-facing URL (pages, search, suggestions, feeds, sitemap, finder JSON, course pages;
JSON-LD and head tags are in the pages) is fetched, and none may carry those pages' words.
"""

import re

import pytest
from django.test import Client
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from courses.factories import CourseFactory
from courses.models import CourseIndexPage
from guides.body import course_list
from guides.factories import GuideIndexPageFactory, GuidePageFactory

# Titles of restricted pages, and words only they use (a spelling suggestion must not offer one).
SECRETS = [
    "Osprey Nesting Records",
    "Kestrel Ringing Ledger",
    "Merlin Falconry Dossier",
    "Harrier Academy Catalogue",
    "nesting",
    "ringing",
    "ledger",
    "falconry",
    "dossier",
    "academy",
]
SEARCHES = ["", "osprey", "kestrel", "merlin", "harrier", "falconri", "dosier", "ledgr", "birds"]
READER_URLS = (
    ["/", "/web-development/", "/web-development/robin-watching/", "/robots.txt", "/sitemap.xml"]
    + [f"/search/?q={query}" for query in SEARCHES]
    + [f"/search/suggest/?q={prefix}" for prefix in ["osp", "kes", "mer", "har", "fal", "rob"]]
    + ["/feeds/guides/", "/feeds/guides/atom/", "/feeds/web-development/"]
    + ["/feeds/osprey-nesting-records/", "/feeds/osprey-nesting-records/atom/"]
    + ["/osprey-nesting-records/", "/web-development/merlin-falconry-dossier/"]
    + ["/courses/", "/courses/wren-fieldcraft/", "/courses/compare/?course=wren-fieldcraft"]
    + ["/courses/finder/?q=birds", "/courses/finder/json/?q=birds", "/no-such-page/"]
)


@pytest.fixture(params=["public catalogue", "restricted catalogue"])
def secrets(request, home_page, category, django_user_model):
    from django.contrib.auth.models import Group

    course = CourseFactory(slug="wren-fieldcraft", title="Wren fieldcraft")
    GuidePageFactory(
        parent=category, title="Robin watching", slug="robin-watching", body=[course_list([course])]
    ).tags.add("birds")
    guide = GuidePageFactory(
        parent=category,
        title="Merlin Falconry Dossier",
        slug="merlin-falconry-dossier",
        body=[course_list([course])],
    )
    guide.tags.add("falconry", "dossier")
    guide.save_revision().publish()
    PageViewRestriction.objects.create(
        page=guide, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    private_category = GuideIndexPageFactory(
        parent=home_page, title="Osprey Nesting Records", slug="osprey-nesting-records"
    )
    GuidePageFactory(parent=private_category, title="Kestrel Ringing Ledger").tags.add("ledger")
    PageViewRestriction.objects.create(page=private_category, restriction_type="login")
    catalogue = home_page.add_child(
        instance=CourseIndexPage(title="Courses", slug="courses", intro="<p>Every course.</p>")
    )
    if request.param == "restricted catalogue":
        catalogue.title = "Harrier Academy Catalogue"
        catalogue.save_revision().publish()
        restriction = PageViewRestriction.objects.create(
            page=catalogue, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.create(name="Catalogue insiders"))
    promotion = Query.get("birds")
    for order, page in enumerate([guide, private_category, catalogue]):
        SearchPromotion.objects.create(query=promotion, page=page, sort_order=order)
    return request.param


@pytest.mark.parametrize("url", READER_URLS)
def test_no_reader_url_names_a_restricted_page(secrets, url):
    response = Client().get(url)
    assert response.status_code in (200, 302, 404), url
    body = b"".join(response) if response.streaming else response.content
    # A restricted page's own URL answers with a sign-in or password form that names the URL
    # the reader asked for: that is not the page telling anything.
    text = body.decode().lower().replace(url, "")
    leaked = [secret for secret in SECRETS if secret.lower() in text]
    assert not leaked, f"{url} ({secrets}) names {leaked}"


def test_the_search_page_still_offers_public_categories_and_picks(secrets):
    found = Client().get("/search/", {"q": "robin"}).content.decode()
    assert "Robin watching" in re.sub(r"<[^>]+>", "", found)  # the match is highlighted
    assert "Web development" in Client().get("/search/").content.decode()
