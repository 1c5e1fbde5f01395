"""One public base URL (WAGTAILADMIN_BASE_URL) names the site in every absolute URL: pages,
head tags, JSON-LD, feeds, the sitemap, robots.txt and e-mails, whatever host a request used."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import Site

BASE = "http://127.0.0.1:8000"
# Names this site could wrongly be called by: the request's host, Wagtail's first Site, tests.
LOCAL_HOSTS = {"localhost", "testserver", "127.0.0.1", "example.com"}
# The host the requests below name: allowed, but never the site's address.
REQUEST_HOST = "localhost:8001"
ABSOLUTE_URL = re.compile(r"""https?://[^\s"'<>\\)]+""")
LINK = re.compile(r"""(?:href|src)="(/[^"]*)\"""")

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_site(demo_site, settings):
    """The demo content at BASE, synced as `make run` does after loading it."""
    settings.WAGTAILADMIN_BASE_URL = BASE
    call_command("sync_site", verbosity=0)
    return Site.objects.get(is_default_site=True)


def own_urls(text: str) -> list[str]:
    """Every absolute URL in `text` that names this site (by any local name)."""
    urls = [unescape(url) for url in ABSOLUTE_URL.findall(text)]
    return [url for url in urls if urlsplit(url).hostname in LOCAL_HOSTS]


def crawl(client, start: list[str], limit: int = 120) -> dict[str, str]:
    """{path: body} of every page reachable from `start` on this site (GET, followed links)."""
    seen, queue, bodies = set(), list(start), {}
    while queue and len(bodies) < limit:
        path = queue.pop(0)
        if path in seen or path.startswith(("/admin/", "/static/", "/media/", "/documents/")):
            continue
        seen.add(path)
        response = client.get(path, HTTP_HOST=REQUEST_HOST)
        if response.status_code != 200 or response.streaming:
            continue
        body = response.content.decode()
        bodies[path] = body
        if "html" in response.headers.get("Content-Type", ""):
            queue += [unescape(link).split("#")[0] for link in LINK.findall(body)]
    return bodies


def test_make_run_gives_the_default_site_the_base_urls_address(public_site):
    assert (public_site.hostname, public_site.port) == ("127.0.0.1", 8000)
    assert public_site.root_url == BASE


def test_every_absolute_url_on_every_page_feed_and_sitemap_is_on_the_base_url(client, public_site):
    bodies = crawl(
        client,
        [
            "/",
            "/sitemap.xml",
            "/robots.txt",
            "/feeds/guides/",
            "/feeds/guides/atom/",
            "/search/?q=django",
            "/courses/finder/?q=compare+django+courses",
            "/courses/compare/?course=django-girls-tutorial&course=coding-for-entrepreneurs-python-django",
        ],
    )
    # Every page type was reached: home, category, guide, catalogue, course, finder, compare.
    paths = set(bodies)
    assert {"/", "/courses/", "/search/?q=django"} <= paths
    assert any(p.startswith("/courses/compare/") for p in paths)
    assert any(p.startswith("/feeds/") and p.count("/") == 3 and "guides" not in p for p in paths)
    assert len([p for p in paths if p.count("/") >= 3]) > 10
    for path, body in bodies.items():
        urls = own_urls(body)
        wrong = sorted({url for url in urls if not url.startswith(BASE + "/")})
        assert not wrong, f"{path} names another host: {wrong}"
        if not path.endswith(".webmanifest"):  # the manifest's URLs are relative
            assert urls, f"{path} has no absolute URL on the site at all"
        if "<html" in body:
            canonical = re.search(r'<link rel="canonical" href="([^"]+)"', body)
            assert canonical and canonical[1].startswith(BASE + "/"), path
    assert f"Sitemap: {BASE}/sitemap.xml" in bodies["/robots.txt"]
    locations = re.findall(r"<loc>([^<]+)</loc>", bodies["/sitemap.xml"])
    assert len(locations) > 10
    assert all(location.startswith(BASE + "/") for location in locations)


def test_password_reset_email_links_to_the_base_url(client, public_site, django_user_model):
    django_user_model.objects.create_user("reader", "reader@example.com", "pw")
    response = client.post(
        "/admin/password_reset/", {"email": "reader@example.com"}, HTTP_HOST=REQUEST_HOST
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    links = ABSOLUTE_URL.findall(message.body)
    assert links and all(link.startswith(BASE + "/admin/password_reset/") for link in links)


def test_review_notification_email_links_to_the_base_url(
    client, settings, roles, editor, moderator
):
    from guides.factories import GuideIndexPageFactory, GuidePageFactory

    settings.WAGTAILADMIN_BASE_URL = BASE
    call_command("sync_site", verbosity=0)
    category = GuideIndexPageFactory(parent=Site.objects.get(is_default_site=True).root_page)
    guide = GuidePageFactory(parent=category, owner=editor)
    guide.save_revision(user=editor)
    client.force_login(editor)
    from wagtail.models import Workflow

    Workflow.objects.get(name="Editorial review").start(guide, editor)
    assert mail.outbox, "no notification was sent"
    for message in mail.outbox:
        links = ABSOLUTE_URL.findall(message.body)
        assert links and all(link.startswith(BASE + "/") for link in links), message.body
