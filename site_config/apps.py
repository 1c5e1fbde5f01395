from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_tables(using, **kwargs):
    """The database cache's tables (settings.CACHES without REDIS_URL), after every `migrate`:
    a site first migrated with REDIS_URL set and later run without it, or given another
    database cache, gets its tables from the `migrate` every install and upgrade runs, instead
    of failing every request. Django's createcachetable leaves existing tables and other kinds of
    cache alone."""
    call_command("createcachetable", database=using, verbosity=0)


class SiteConfig(AppConfig):
    name = "site_config"

    def ready(self):
        post_migrate.connect(create_cache_tables, sender=self)

        from axes.models import AccessAttempt
        from wagtail import hooks
        from wagtail.permissions import register_permission_policy

        from . import throttling

        # Before anything asks for AccessAttempt's policy (Wagtail would make a fallback one).
        register_permission_policy(AccessAttempt, throttling.SuperusersUnlockPolicy(AccessAttempt))
        hooks.register("register_admin_viewset", throttling.SignInLockoutViewSet)
