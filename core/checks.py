"""System checks on the public base URL (core/public_url.py)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host

from .public_url import site_address


@register()
def base_url_is_a_site_address(app_configs, **kwargs):
    """A base URL a Wagtail Site cannot hold would give every absolute URL the wrong address."""
    try:
        site_address()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="core.E001")]
    return []


@register(Tags.security, deploy=True)
def base_url_is_a_host_the_site_serves(app_configs, **kwargs):
    """In production the base URL must name a host in ALLOWED_HOSTS: left at its development
    default, every canonical URL, feed and e-mail link would point at 127.0.0.1."""
    try:
        hostname, _port = site_address()
    except ImproperlyConfigured:
        return []  # reported by base_url_is_a_site_address
    if validate_host(hostname, settings.ALLOWED_HOSTS):
        return []
    return [
        Warning(
            f"WAGTAILADMIN_BASE_URL ({settings.WAGTAILADMIN_BASE_URL}) names a host that is not "
            f"in ALLOWED_HOSTS, so absolute URLs and e-mail links would point elsewhere.",
            hint="Set WAGTAILADMIN_BASE_URL to the site's public address, e.g. "
            "https://guides.example.com, and run manage.py sync_site.",
            id="core.W001",
        )
    ]
