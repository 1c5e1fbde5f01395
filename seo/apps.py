from django.apps import AppConfig


class SeoConfig(AppConfig):
    """What search engines and link previews read: head tags and schema.org JSON-LD. It reads
    the page types it describes, so it sits above them; no page type imports it."""

    name = "seo"
    verbose_name = "SEO"
