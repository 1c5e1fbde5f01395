from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "guides"

    def ready(self):
        from core.search_index import index_deletes

        from . import cache_purges
        from .models import GuidePage

        cache_purges.connect()
        index_deletes(GuidePage)
