from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content, its generators and the local admin accounts: the top layer of the site.

    It may import any other app; no other app imports it (only tests and the Makefile use its
    commands). It has no models."""

    name = "demo"
