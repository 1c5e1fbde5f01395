"""The storage for image renditions (WAGTAILIMAGES_RENDITION_STORAGE points here).

Wagtail resolves that setting once, while its models load; this lazy object looks the
"renditions" alias up on first use instead, and again whenever STORAGES changes.
"""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class RenditionStorage(LazyObject):
    """The "renditions" storage alias, looked up on first use rather than at model import."""

    def _setup(self):
        self._wrapped = storages["renditions"]


rendition_storage = RenditionStorage()


def get_rendition_storage():
    """WAGTAILIMAGES_RENDITION_STORAGE points here."""
    return rendition_storage


@receiver(setting_changed)
def reset_rendition_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        rendition_storage._wrapped = empty
