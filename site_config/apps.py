from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "site_config"

    def ready(self):
        from axes.models import AccessAttempt
        from wagtail import hooks
        from wagtail.permissions import register_permission_policy

        from . import throttling

        # Before anything asks for AccessAttempt's policy (Wagtail would make a fallback one).
        register_permission_policy(AccessAttempt, throttling.SuperusersUnlockPolicy(AccessAttempt))
        hooks.register("register_admin_viewset", throttling.SignInLockoutViewSet)
