from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """The full-page cache for anonymous readers: its middleware, the version tokens that empty
    it, and the signals any page type shares (publish, move, delete, site and image changes).
    A page type's own purges (a course's pages) live with that page type."""

    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import invalidation

        invalidation.connect()
