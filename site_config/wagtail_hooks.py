"""Wagtail imports every app's wagtail_hooks module once at start-up, in every process (web,
scheduler, worker, shell): the place to adjust Wagtail's image pipeline before it is used."""

from site_config import image_metadata

image_metadata.install()
