"""The public base URL (WAGTAILADMIN_BASE_URL) as the default Site's hostname and port; a base
URL a Site cannot hold is refused. That every absolute URL uses it: tests/test_public_url.py."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.public_url import site_address


@pytest.mark.parametrize(
    "url, address",
    [
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("https://guides.example.com/", ("guides.example.com", 443)),
        ("http://guides.example.com", ("guides.example.com", 80)),
    ],
)
def test_site_address_of_a_base_url(url, address):
    assert site_address(url) == address


@pytest.mark.parametrize(
    "url", ["guides.example.com", "https://guides.example.com:8443", "http://x.example/blog/"]
)
def test_a_base_url_a_site_cannot_hold_is_refused(url):
    with pytest.raises(ImproperlyConfigured):
        site_address(url)
