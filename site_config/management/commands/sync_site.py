from django.core.management.base import BaseCommand

from core.public_url import base_url, sync_default_site


class Command(BaseCommand):
    help = (
        "Give the default Wagtail Site the hostname and port of WAGTAILADMIN_BASE_URL, the "
        "site's public base URL, so every absolute URL (canonical, sitemap, feeds, JSON-LD, "
        "e-mails) names it. Run after migrate on every deploy."
    )

    def handle(self, *args, **options):
        site = sync_default_site()
        if site is None:
            self.stdout.write("No default site yet: nothing to change.")
        else:
            self.stdout.write(f"Default site: {site.root_url} (from {base_url()}).")
