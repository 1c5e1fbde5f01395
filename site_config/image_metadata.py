"""Renditions carry no photo metadata: no GPS position, camera, owner or editing history.

Wagtail makes every rendition (page images, the admin's thumbnails and previews) from a Willow
image opened from the original file, and Willow's JPEG and PNG writers copy the original's EXIF
block into the rendition as it is. Renditions are public, so `install()` replaces Willow's
converters from each image file type to its Pillow image (the one step every rendition goes
through, and a hook Willow's registry offers) with one that turns the pixels upright by the EXIF
orientation and then drops every metadata entry. Orientation is thereby kept in the pixels, and
colour profiles and transparency stay.
"""

from PIL import ImageOps
from willow.plugins.pillow import PillowImage
from willow.registry import registry

# What Pillow needs to write the pixels faithfully; anything else in `info` is metadata.
KEPT_INFO = frozenset(
    {"icc_profile", "transparency", "gamma", "duration", "loop", "background", "dpi"}
)


def open_without_metadata(image_file) -> PillowImage:
    pillow = PillowImage.open(image_file).image
    ImageOps.exif_transpose(pillow, in_place=True)
    pillow.info = {key: value for key, value in pillow.info.items() if key in KEPT_INFO}
    return PillowImage(pillow)


def install() -> None:
    """Register the converter for every file type Willow opens with Pillow (idempotent)."""
    for (source, target), converter in list(registry._registered_converters.items()):
        if target is PillowImage and converter is not open_without_metadata:
            registry.register_converter(source, PillowImage, open_without_metadata)
