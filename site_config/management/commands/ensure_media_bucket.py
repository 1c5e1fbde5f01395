from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from site_config.storage import STORAGE_ERRORS, ensure_media_bucket


class Command(BaseCommand):
    help = "Create the media bucket if it is missing and let anyone read image renditions."

    def handle(self, *args, **options):
        try:
            bucket = ensure_media_bucket()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        except STORAGE_ERRORS as error:
            raise CommandError(f"The object store refused or did not answer: {error}") from error
        self.stdout.write(f"Media bucket {bucket} is ready; renditions are public.")
