from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from django.db.models.signals import post_save

        from pagecache.invalidation import on_site_change

        from .models import SiteSettings

        # The tagline and footer note show on every page.
        post_save.connect(on_site_change, sender=SiteSettings, dispatch_uid="pagecache-settings")
