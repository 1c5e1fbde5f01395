"""Liveness (/healthz) and readiness (/readyz) for the load balancer.

Served by a middleware at the top of the stack: probes skip host validation (load balancers often
probe by IP address), the HTTPS redirect, sessions and every cache, and the answers carry no
configuration, only "ok" or "unavailable" per dependency. Failures are logged in full instead.
"""

import logging
import os
import secrets
from pathlib import Path

from django.core.cache import caches
from django.core.files.storage import storages
from django.db import connection, transaction
from django.http import JsonResponse
from storages.backends.s3 import S3Storage

from site_config.storage import MediaStorage

logger = logging.getLogger(__name__)

CHECK_TIMEOUT_SECONDS = 2


def check_database() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL statement_timeout = %s", [CHECK_TIMEOUT_SECONDS * 1000])
        cursor.execute("SELECT 1")


def check_cache() -> None:
    # The site's Redis cache swallows errors (a miss is never fatal), so a round trip is the test.
    cache = caches["default"]
    token = secrets.token_hex(8)
    cache.set("readyz-probe", token, 10)
    if cache.get("readyz-probe") != token:
        raise ConnectionError("the cache did not return what was just written")


def check_storage() -> None:
    storage = storages["default"]
    if isinstance(storage, MediaStorage):
        # HeadBucket with the readers' budget (one attempt, AWS_S3_READER_TIMEOUT), and no call
        # at all while the circuit breaker says the store failed moments ago.
        storage.check_ready()
    elif isinstance(storage, S3Storage):
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    else:  # local media: the folder exists (or can be made) and can be written to
        location = Path(storage.location)
        location.mkdir(parents=True, exist_ok=True)
        if not os.access(location, os.W_OK):
            raise PermissionError("the media folder is not writable")


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}


def readiness() -> tuple[bool, dict[str, str]]:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # noqa: BLE001 - any failure means "not ready"; the details go to the log
            logger.exception("Readiness check %r failed", name)
            results[name] = "unavailable"
        else:
            results[name] = "ok"
    return all(result == "ok" for result in results.values()), results


def _response(payload: dict, status: int) -> JsonResponse:
    response = JsonResponse(payload, status=status)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers GET/HEAD /healthz and /readyz before any other middleware runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            if request.path == "/healthz":
                return _response({"status": "ok"}, 200)
            if request.path == "/readyz":
                ready, checks = readiness()
                payload = {"status": "ok" if ready else "unavailable", "checks": checks}
                return _response(payload, 200 if ready else 503)
        return self.get_response(request)
