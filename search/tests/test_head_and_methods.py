"""The search views only read: a POST gets 405."""

import pytest
from django.test import Client

pytestmark = pytest.mark.usefixtures("postgres")


@pytest.mark.parametrize("url", ["/search/", "/search/suggest/"])
def test_post_gets_405_with_allow_even_when_csrf_is_enforced(db, url):
    # The default test client skips CSRF checks; a browser's POST does not.
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"q": "django"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert Client(enforce_csrf_checks=True).get(url, {"q": "django"}).status_code == 200
