"""Media storage in S3-compatible object storage, and what happens when that storage fails.

Two budgets: calls made for an editor (uploads, deletes) and by commands use the storage's own
timeouts and retries; calls made while serving a reader (a page whose rendition was never made
reads the original and writes the rendition) run inside `reader_request()`, which gives them
one attempt of `reader_timeout` seconds, skips the store entirely while a recent failure keeps
the per-process circuit breaker open, never asks twice for an object that failed in the same
request, and records that the response was degraded (rendered without some image), so that
the middleware can keep it out of every cache.
"""

import contextvars
import json
import logging
import mimetypes
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from boto3.exceptions import Boto3Error
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from storages.backends.s3 import S3Storage
from storages.utils import clean_name
from wagtail.images.models import SourceImageIOError

logger = logging.getLogger(__name__)
# Every object that may be in the bucket with no database row referring to it is logged here,
# in one format, so that it can be found again; `manage.py media_orphans` lists and removes them.
orphan_logger = logging.getLogger("site_config.storage.orphans")
LEFT_BEHIND = "Left behind in media storage: %s (%s)"

STORAGE_UNAVAILABLE_MESSAGE = (
    "The file could not be stored because the media storage is not answering. "
    "Nothing was saved. Please try again in a few minutes."
)

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


def log_left_behind(name: str, reason: str) -> None:
    orphan_logger.warning(LEFT_BEHIND, name, reason)


class StorageUnavailable(SourceImageIOError):
    """The object store could not be reached or refused the request.

    A SourceImageIOError (an OSError), which Wagtail's image tags catch: a rendition that cannot
    be made while the store is down renders as a missing image instead of failing the page.
    `editor_message` is what an editor whose upload failed is told.
    """

    editor_message = STORAGE_UNAVAILABLE_MESSAGE


class BucketMissing(StorageUnavailable):
    def __init__(self, bucket: str):
        self.editor_message = (
            f"The media bucket '{bucket}' does not exist, so the file could not be stored. "
            "Nothing was saved. An administrator can create it with "
            "`manage.py ensure_media_bucket`."
        )
        super().__init__(self.editor_message)


class StorageAccessDenied(StorageUnavailable):
    def __init__(self, bucket: str):
        self.editor_message = (
            f"The media storage refused access to the bucket '{bucket}' (403 Forbidden), so the "
            "file could not be stored. Nothing was saved. The site's access key needs "
            "s3:ListBucket on the bucket and s3:GetObject, s3:PutObject and s3:DeleteObject on "
            "its objects (the bucket policy in docs/deploying.md)."
        )
        super().__init__(self.editor_message)


def _status(error: Exception) -> int | None:
    if isinstance(error, ClientError):
        return error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return None


def _is_outage(error: Exception) -> bool:
    """No answer (connection refused, timeout) or a server error: worth not asking again soon.
    A 403 or 404 is an answer."""
    status = _status(error)
    return status is None or status >= 500


@dataclass
class ReaderRequest:
    """What one reader request learnt about the store."""

    failed: set[str] = field(default_factory=set)  # objects the store failed to serve
    missing: set[str] = field(default_factory=set)  # objects the store says do not exist
    degraded: bool = False  # something was left out of the response because the store failed


_reader_request: contextvars.ContextVar[ReaderRequest | None] = contextvars.ContextVar(
    "media_reader_request", default=None
)


@contextmanager
def reader_request():
    """Store calls made inside use the reader budget; yields the request's ReaderRequest."""
    state = ReaderRequest()
    token = _reader_request.set(state)
    try:
        yield state
    finally:
        _reader_request.reset(token)


def media_left_out() -> bool:
    """Whether the reader request being served has left something out because the store failed."""
    state = _reader_request.get()
    return state is not None and state.degraded


class CircuitBreaker:
    """Per process: after a store outage, readers skip the store for a few seconds."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open_until: dict[tuple, float] = {}

    def is_open(self, key: tuple) -> bool:
        with self._lock:
            return self._open_until.get(key, 0.0) > time.monotonic()

    def trip(self, key: tuple, seconds: float) -> None:
        with self._lock:
            self._open_until[key] = time.monotonic() + seconds

    def reset(self) -> None:
        with self._lock:
            self._open_until.clear()


breaker = CircuitBreaker()


class MediaStorage(S3Storage):
    """django-storages' S3Storage with bounded timeouts and retries, whose failures are
    StorageUnavailable, never a bare boto error."""

    def __init__(
        self,
        *,
        connect_timeout=2.0,
        read_timeout=3.0,
        max_attempts=2,
        reader_timeout=1.0,
        breaker_seconds=30.0,
        **options,
    ):
        self.reader_timeout = reader_timeout
        self.breaker_seconds = breaker_seconds
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

    @property
    def connection(self):
        """Inside reader_request(): a client with one short attempt per call."""
        if _reader_request.get() is None:
            return super().connection
        connection = getattr(self._connections, "reader", None)
        if connection is None:
            budget = Config(
                connect_timeout=self.reader_timeout,
                read_timeout=self.reader_timeout,
                retries={"total_max_attempts": 1, "mode": "standard"},
            )
            connection = self._create_session().resource(
                "s3",
                region_name=self.region_name,
                use_ssl=self.use_ssl,
                endpoint_url=self.endpoint_url,
                config=self.client_config.merge(budget),
                verify=self.verify,
            )
            self._connections.reader = connection
        return connection

    @property
    def bucket(self):
        if _reader_request.get() is None:
            return super().bucket
        # The parent caches one Bucket per instance, bound to whichever client came first.
        bucket = getattr(self._connections, "reader_bucket", None)
        if bucket is None:
            bucket = self._connections.reader_bucket = self.connection.Bucket(self.bucket_name)
        return bucket

    def _call(self, name: str, operation):
        """Run one store operation; inside reader_request(), with the breaker and the
        request's memory of failed objects."""
        state = _reader_request.get()
        if state is None:
            return operation()
        key = (self.endpoint_url, self.bucket_name)
        if name in state.missing:
            raise FileNotFoundError(f"File does not exist: {name}")
        if name in state.failed or breaker.is_open(key):
            state.degraded = True
            raise StorageUnavailable(f"Skipped {name}: the object store failed moments ago.")
        try:
            return operation()
        except FileNotFoundError:
            state.missing.add(name)
            raise
        except STORAGE_ERRORS as error:
            state.failed.add(name)
            state.degraded = True
            if _is_outage(error):
                breaker.trip(key, self.breaker_seconds)
            raise

    def _read(self, name, mode):
        if "r" not in mode or "w" in mode:
            return super()._open(name, mode)
        # One GetObject, read in full here: a failure surfaces now, as StorageUnavailable, not
        # at the first read() (S3File would also HEAD first, and retry the body's download).
        key = self._normalize_name(clean_name(name))
        try:
            response = self.connection.meta.client.get_object(Bucket=self.bucket_name, Key=key)
        except ClientError as error:
            if _status(error) == 404:
                raise FileNotFoundError(f"File does not exist: {name}") from error
            raise
        return ContentFile(response["Body"].read(), name=name)

    def _open(self, name, mode="rb"):
        try:
            return self._call(name, lambda: self._read(name, mode))
        except STORAGE_ERRORS as error:
            logger.warning("Could not read %s from object storage: %s", name, error)
            raise StorageUnavailable(f"Could not read {name} from object storage.") from error

    def _save(self, name, content):
        try:
            return self._call(name, lambda: super(MediaStorage, self)._save(name, content))
        except STORAGE_ERRORS as error:
            logger.error("Could not write %s to object storage: %s", name, error)
            if _is_outage(error):
                # A write that timed out may still have landed, with no row to refer to it.
                log_left_behind(name, f"the write failed and may have landed: {error}")
            raise StorageUnavailable(f"Could not write {name} to object storage.") from error

    def exists(self, name):
        try:
            return self._call(name, lambda: super(MediaStorage, self).exists(name))
        except STORAGE_ERRORS as error:
            logger.error("Could not check %s in object storage: %s", name, error)
            if _status(error) == 403:
                # A store without s3:ListBucket answers 403 for every missing key.
                raise StorageAccessDenied(self.bucket_name) from error
            raise StorageUnavailable(f"Could not check {name} in object storage.") from error

    def delete(self, name):
        # Deleting happens after the database row is gone: an unreachable store must not turn
        # that into an error page, so the object is left behind and logged for clean-up.
        try:
            self._call(name, lambda: super(MediaStorage, self).delete(name))
        except STORAGE_ERRORS as error:
            logger.error("Could not delete %s from object storage: %s", name, error)
            log_left_behind(name, f"the delete failed: {error}")
        except StorageUnavailable as error:  # skipped: the store failed moments ago
            log_left_behind(name, f"the delete was skipped: {error}")

    def check_writable(self, probe_name: str) -> None:
        """Before an upload: raise BucketMissing, StorageAccessDenied or StorageUnavailable
        when a write cannot work. One GetObject of a name that does not exist: its error code
        tells a missing bucket (NoSuchBucket) from a missing key (NoSuchKey), which a HEAD
        request cannot (no body), and a 403 means the key may not check names."""
        client = self.connection.meta.client
        try:
            found = self._call(
                probe_name, lambda: client.get_object(Bucket=self.bucket_name, Key=probe_name)
            )
            found["Body"].close()
        except ClientError as error:
            status, code = _status(error), error.response.get("Error", {}).get("Code")
            if status == 404 and code == "NoSuchBucket":
                logger.error("The media bucket %r does not exist", self.bucket_name)
                raise BucketMissing(self.bucket_name) from error
            if status == 404:
                return
            if status == 403:
                logger.error("The media store refused access to %r: %s", self.bucket_name, error)
                raise StorageAccessDenied(self.bucket_name) from error
            logger.error("Could not check the media bucket %r: %s", self.bucket_name, error)
            raise StorageUnavailable(f"Could not check {self.bucket_name}.") from error
        except STORAGE_ERRORS as error:
            logger.error("Could not check the media bucket %r: %s", self.bucket_name, error)
            raise StorageUnavailable(f"Could not check {self.bucket_name}.") from error

    def check_ready(self) -> None:
        """For /readyz: HeadBucket within the reader budget, or nothing while the breaker is
        open (a probe must not wait on a store known to be failing)."""
        with reader_request():
            client = self.connection.meta.client
            try:
                self._call("", lambda: client.head_bucket(Bucket=self.bucket_name))
            except STORAGE_ERRORS as error:
                raise StorageUnavailable(f"Could not reach {self.bucket_name}.") from error


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
