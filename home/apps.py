from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from home import cache_invalidation, permissions

        cache_invalidation.connect()
        permissions.register()
