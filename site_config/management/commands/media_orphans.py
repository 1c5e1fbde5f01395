"""List, and on request delete, objects in the media bucket that no database row refers to.

They come from outages: a write that timed out after the store took it, a delete that failed
after the row was gone (each logged by the logger `site_config.storage.orphans` as "Left behind
in media storage: <name> (<reason>)"). Only the prefixes the site writes are looked at.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from site_config.storage import STORAGE_ERRORS

BATCH = 1000  # the most keys one DeleteObjects call takes


def sources():
    """(what, model, key prefix) for every kind of object the site stores."""
    image = get_image_model()
    return [
        ("original image", image, "original_images/"),
        ("rendition", image.get_rendition_model(), "images/"),
        ("document", get_document_model(), "documents/"),
    ]


class Command(BaseCommand):
    help = (
        "List objects in the media bucket that no image, rendition or document refers to; "
        "with --delete, remove those older than --older-than hours."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="delete the orphans listed")
        parser.add_argument(
            "--older-than",
            type=float,
            default=24,
            metavar="HOURS",
            help="only delete objects at least this old (default 24): an upload in progress "
            "writes its object before its row",
        )
        parser.add_argument("--yes", action="store_true", help="delete without asking")

    def handle(self, *args, delete=False, older_than=24, yes=False, **options):
        if older_than < 0:
            raise CommandError("--older-than must be 0 or more hours.")
        cutoff = timezone.now() - timedelta(hours=older_than)
        try:
            orphans = [orphan for source in sources() for orphan in self.find(*source)]
        except STORAGE_ERRORS as error:
            raise CommandError(f"The object store refused or did not answer: {error}") from error

        for what, _storage, key, size, modified in orphans:
            age = (timezone.now() - modified).total_seconds() / 3600
            self.stdout.write(f"{key}\t{what}\t{size} bytes\t{age:.1f} hours old")
        due = [orphan for orphan in orphans if orphan[4] <= cutoff]
        self.stdout.write(
            f"{len(orphans)} objects no row refers to; {len(due)} older than {older_than:g} hours."
        )
        if not delete:
            if due:
                self.stdout.write("Run with --delete to delete those.")
            return
        if not due:
            self.stdout.write("Nothing to delete.")
            return
        if not yes and not self.confirm(len(due)):
            self.stdout.write("Nothing deleted.")
            return
        deleted = self.delete(due)
        self.stdout.write(f"Deleted {deleted} objects.")

    def find(self, what, model, prefix):
        storage = model._meta.get_field("file").storage
        bucket = getattr(storage, "bucket_name", None)
        if bucket is None:
            raise CommandError("Media is stored locally: AWS_STORAGE_BUCKET_NAME is not set.")
        referenced = set(model.objects.values_list("file", flat=True))
        location = storage.location.strip("/")
        full_prefix = f"{location}/{prefix}" if location else prefix
        pages = storage.connection.meta.client.get_paginator("list_objects_v2").paginate(
            Bucket=bucket, Prefix=full_prefix
        )
        for page in pages:
            for item in page.get("Contents", ()):
                name = item["Key"][len(location) :].lstrip("/") if location else item["Key"]
                if name not in referenced:
                    yield what, storage, item["Key"], item["Size"], item["LastModified"]

    def confirm(self, count: int) -> bool:
        try:
            answer = input(f"Delete {count} objects from the media bucket? [y/N] ")
        except EOFError:  # no terminal: never delete without an answer or --yes
            return False
        return answer.strip().lower() in ("y", "yes")

    def delete(self, due) -> int:
        deleted = 0
        by_bucket = {}
        for _, storage, key, _, _ in due:
            by_bucket.setdefault(storage.bucket_name, (storage, []))[1].append(key)
        for bucket, (storage, keys) in by_bucket.items():
            client = storage.connection.meta.client
            for start in range(0, len(keys), BATCH):
                batch = keys[start : start + BATCH]
                try:
                    result = client.delete_objects(
                        Bucket=bucket,
                        Delete={"Objects": [{"Key": key} for key in batch], "Quiet": True},
                    )
                except STORAGE_ERRORS as error:
                    raise CommandError(
                        f"The object store refused or did not answer after {deleted} deletions: "
                        f"{error}"
                    ) from error
                for failure in result.get("Errors", ()):
                    self.stderr.write(f"Could not delete {failure['Key']}: {failure['Message']}")
                deleted += len(batch) - len(result.get("Errors", ()))
        return deleted
