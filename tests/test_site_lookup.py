"""The site lookup (home.site_lookup): the site Wagtail would find, its root page, settings and
sections read in two queries and kept until the site's content version moves, and navigation
that follows every publish, unpublish and privacy change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from courses.factories import CourseFactory
from guides.body import course_list
from guides.factories import GuideIndexPageFactory, GuidePageFactory
from home.models import HomePage, SiteSettings
from home.site_lookup import _lookup, find_site

# Sites as (hostname, port, is_default_site), and the (hostname, port) of requests to them.
SITES = {
    "one default": [("localhost", 80, True)],
    "default and another": [("a.example", 80, True), ("b.example", 80, False)],
    "default, one host on two ports": [
        ("a.example", 80, True),
        ("b.example", 80, False),
        ("b.example", 8080, False),
    ],
    "a host on two ports, no default": [("b.example", 80, False), ("b.example", 8080, False)],
    "one host, no default": [("b.example", 80, False)],
}
REQUESTS = [
    ("localhost", 80),
    ("localhost", 8000),
    ("a.example", 80),
    ("a.example", 443),
    ("b.example", 80),
    ("b.example", 8080),
    ("b.example", 9000),
    ("c.example", 80),
]


def wagtails_choice(hostname, port):
    try:
        return get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        return None


@pytest.mark.django_db
@pytest.mark.parametrize("sites", SITES.values(), ids=SITES.keys())
def test_finds_the_site_wagtail_finds(home_page, sites):
    Site.objects.all().delete()
    for hostname, port, default in sites:
        Site.objects.create(
            hostname=hostname, port=port, root_page=home_page, is_default_site=default
        )
    for hostname, port in REQUESTS:
        found = find_site(hostname, port)
        assert (found.pk if found else None) == wagtails_choice(hostname, port), (hostname, port)


@pytest.mark.django_db
def test_the_site_its_home_page_and_settings_are_one_query(home_page):
    SiteSettings.objects.create(site=Site.objects.get(), tagline="Our tagline")
    with CaptureQueriesContext(connection) as queries:
        site = find_site("localhost", 80)
        home, settings = site.root_page.homepage, site.sitesettings
    assert len(queries) == 1
    assert isinstance(home, HomePage) and home.pk == home_page.pk
    assert settings.tagline == "Our tagline"


def navigation(client, url="/") -> str:
    html = client.get(url).content.decode()
    return html[html.index('aria-label="Main"') : html.index("</nav>")]


@pytest.mark.django_db
def test_navigation_follows_publishing_and_privacy(client, home_page, category):
    guide = GuidePageFactory(parent=category)
    assert "Web development" in navigation(client, guide.url)

    python = GuideIndexPageFactory(parent=home_page, title="Python", live=False)
    python.save_revision().publish()
    assert "Python" in navigation(client, guide.url)

    python.title = "Python and friends"
    python.save_revision().publish()
    assert "Python and friends" in navigation(client, guide.url)

    PageViewRestriction.objects.create(page=python, restriction_type="login")
    assert "Python" not in navigation(client, guide.url)
    PageViewRestriction.objects.all().delete()
    assert "Python and friends" in navigation(client, guide.url)

    Page.objects.get(pk=python.pk).unpublish()
    assert "Python" not in navigation(client, guide.url)


@pytest.mark.django_db
def test_course_links_point_at_the_catalogue_among_the_sections(client, home_page, catalogue):
    course = CourseFactory(slug="django-basics")
    category = GuideIndexPageFactory(parent=home_page)
    guide = GuidePageFactory(parent=category, body=[course_list([course])])
    html = client.get(guide.url).content.decode()
    assert '<a href="/courses/django-basics/">' in html
    assert 'href="/courses/"' in navigation(client, guide.url)


@pytest.mark.django_db
def test_a_site_rooted_below_the_home_page_still_finds_the_catalogue(home_page, catalogue):
    category = GuideIndexPageFactory(parent=home_page)
    Site.objects.update(root_page=category)
    found = _lookup("localhost", 80)
    assert found.site.root_page.specific_class is type(found.site.root_page)
    assert found.catalogue == catalogue
    assert found.sections == []
