from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """How the newsroom works in the admin: roles and workflows, the deletion permission for
    the media library, the editorial calendar, the scheduler command and the admin hooks."""

    name = "editorial"

    def ready(self):
        from . import permissions

        permissions.register()
