from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every other app shares and nothing else: content blocks, responsive images and their
    presets, slug rules, listing pages, search-index and CSV helpers. The bottom layer: it
    imports no other app of the project."""

    name = "core"

    def ready(self):
        from . import checks, csv_safety  # noqa: F401 (checks registers the system checks)

        csv_safety.install()
