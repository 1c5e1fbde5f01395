"""The search views only read (POST gets 405); unknown filter values are reported."""

import html as html_lib

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
