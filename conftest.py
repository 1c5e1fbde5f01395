import pytest
from wagtail.models import Page, Site

from guides.factories import GuideIndexPageFactory
from home.factories import HomePageFactory


@pytest.fixture
def home_page(db):
    """A HomePage that is the root of the default site, as on the real site."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def category(home_page):
    return GuideIndexPageFactory(parent=home_page, title="Web development", slug="web-development")


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(user)
    return client
