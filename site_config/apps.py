from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "site_config"

    def ready(self):
        from . import csv_safety

        csv_safety.install()
