import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from courses.models import Course
from guides.models import AuthorPage, GuideIndexPage, GuidePage
from home.models import HomePage


def counts():
    return {
        "pages": Page.objects.count(),
        "guides": GuidePage.objects.live().count(),
        "categories": GuideIndexPage.objects.live().count(),
        "courses": Course.objects.live().count(),
        "revisions": Revision.objects.count(),
    }


@pytest.mark.django_db
def test_demo_loader_is_idempotent_and_complete():
    call_command("load_demo_content", verbosity=0)
    first = counts()
    call_command("load_demo_content", verbosity=0)
    assert counts() == first
    assert first["categories"] >= 3
    assert first["guides"] >= 7
    assert first["courses"] >= 20


@pytest.mark.smoke
@pytest.mark.django_db
def test_demo_site_renders_every_page_type(client):
    """The embedded-default smoke run: migrate (done by the test database), load, render."""
    call_command("load_demo_content", verbosity=0)
    home = HomePage.objects.get()
    assert client.get(home.url).status_code == 200

    for category in GuideIndexPage.objects.live():
        assert client.get(category.url).status_code == 200
    for guide in GuidePage.objects.live():
        assert client.get(guide.url).status_code == 200, guide.url

    django_guide = GuidePage.objects.get(slug="django-web-framework")
    html = client.get(django_guide.url).content.decode()
    for title, rating in [
        ("Web Application Technologies and Django", "9.7/10"),
        ("Coding for Entrepreneurs: Learn Python, Django, and More", "9.0/10"),
        ("Django Features and Libraries", "8.7/10"),
        ("Advanced Django: Introduction to Django Rest Framework", "8.5/10"),
        ("Django Application Development with SQL and Databases", "8.5/10"),
        ("Advanced Django: Advanced Django Rest Framework", "8.5/10"),
    ]:
        assert title in html and rating in html
    assert html.count("<details") == 6
    assert "Is Django still worth learning in 2026?" in html
    assert client.get("/search/", {"q": "django"}).status_code == 200
    assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.django_db
def test_demo_content_gives_every_guide_an_author_page(client, settings):
    call_command("load_demo_content", verbosity=0)
    guides = GuidePage.objects.live()
    assert guides and all(guide.live_author_page for guide in guides)
    for author in AuthorPage.objects.live():
        response = client.get(author.url)
        assert response.status_code == 200, author.url
        html = response.content.decode()
        assert author.photo is not None and author.bio
        written = [g for g in guides if g.author_page_id == author.pk]
        assert written and all(f'href="{g.url}"' in html for g in written)
    # Loading again changes nothing.
    revisions = {g.pk: g.latest_revision_id for g in GuidePage.objects.all()}
    call_command("load_demo_content", verbosity=0)
    assert revisions == {g.pk: g.latest_revision_id for g in GuidePage.objects.all()}
    assert get_image_model().objects.filter(title__startswith="Portrait:").count() == 4
