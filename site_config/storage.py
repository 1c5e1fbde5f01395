"""Media storage in S3-compatible object storage, and what happens when that storage fails."""

import json
import logging
import mimetypes
from pathlib import PurePosixPath

from boto3.exceptions import Boto3Error
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from storages.backends.s3 import S3Storage
from wagtail.images.models import SourceImageIOError

logger = logging.getLogger(__name__)

STORAGE_ERRORS = (BotoCoreError, ClientError, Boto3Error)
RENDITIONS_PREFIX = "images/"
DOCUMENTS_PREFIX = "documents/"
# Types Python's own table lacks where the system has no /etc/mime.types (slim containers).
CONTENT_TYPES = {
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
}


def content_type_for(name: str) -> str:
    """The Content-Type a stored file is served with, from its extension alone."""
    extension = PurePosixPath(name).suffix.lower()
    return (
        CONTENT_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    )


class StorageUnavailable(SourceImageIOError):
    """The object store could not be reached or refused the request.

    A SourceImageIOError (an OSError), which Wagtail's image tags catch: a rendition that cannot
    be made while the store is down renders as a missing image instead of failing the page.
    """


class MediaStorage(S3Storage):
    """django-storages' S3Storage with bounded timeouts and retries, whose failures are
    StorageUnavailable, never a bare boto error."""

    def __init__(self, *, connect_timeout=2.0, read_timeout=3.0, max_attempts=2, **options):
        options.setdefault(
            "client_config",
            Config(
                connect_timeout=connect_timeout,
                read_timeout=read_timeout,
                retries={"total_max_attempts": max_attempts, "mode": "standard"},
                s3={"addressing_style": options.get("addressing_style") or "path"},
                signature_version=options.get("signature_version") or "s3v4",
            ),
        )
        super().__init__(**options)

    def get_object_parameters(self, name):
        """The stored Content-Type comes from the file's extension, never from the uploading
        browser (a `.txt` sent as text/html would otherwise be served as a page on the storage
        host), and documents download as attachments unless they are a type browsers show
        safely inline (WAGTAILDOCS_INLINE_CONTENT_TYPES, as Wagtail's own serve view does)."""
        params = super().get_object_parameters(name)
        content_type = content_type_for(name)
        params["ContentType"] = content_type
        if name.startswith(DOCUMENTS_PREFIX):
            inline = getattr(
                settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", ["application/pdf", "text/plain"]
            )
            params["ContentDisposition"] = "inline" if content_type in inline else "attachment"
        return params

    def _open(self, name, mode="rb"):
        try:
            return super()._open(name, mode)
        except STORAGE_ERRORS as error:
            logger.warning("Could not read %s from object storage: %s", name, error)
            raise StorageUnavailable(f"Could not read {name} from object storage.") from error

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except STORAGE_ERRORS as error:
            logger.error("Could not write %s to object storage: %s", name, error)
            raise StorageUnavailable(f"Could not write {name} to object storage.") from error

    def exists(self, name):
        try:
            return super().exists(name)
        except STORAGE_ERRORS as error:
            logger.error("Could not check %s in object storage: %s", name, error)
            raise StorageUnavailable(f"Could not check {name} in object storage.") from error

    def delete(self, name):
        # Deleting happens after the database row is gone: an unreachable store must not turn
        # that into an error page, so the object is left behind and logged for clean-up.
        try:
            super().delete(name)
        except STORAGE_ERRORS as error:
            logger.error("Could not delete %s from object storage, left behind: %s", name, error)


def public_renditions_policy(bucket: str) -> str:
    """A bucket policy letting anyone read renditions; originals and documents stay private."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicRenditions",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": ["s3:GetObject"],
                    "Resource": [f"arn:aws:s3:::{bucket}/{RENDITIONS_PREFIX}*"],
                }
            ],
        }
    )


def ensure_media_bucket() -> str:
    """Create the media bucket when missing and make its renditions public; returns its name."""
    storage = storages["default"]
    if not isinstance(storage, S3Storage):
        raise ImproperlyConfigured("Media is stored locally: AWS_STORAGE_BUCKET_NAME is not set.")
    client = storage.connection.meta.client
    try:
        client.head_bucket(Bucket=storage.bucket_name)
    except ClientError as error:
        if error.response["ResponseMetadata"]["HTTPStatusCode"] != 404:
            raise
        client.create_bucket(Bucket=storage.bucket_name)
    client.put_bucket_policy(
        Bucket=storage.bucket_name, Policy=public_renditions_policy(storage.bucket_name)
    )
    return storage.bucket_name
