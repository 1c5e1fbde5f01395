"""Settings for media in an S3-compatible bucket, built from the environment.

Kept free of Django imports so that the settings modules can call it, and the tests can build
the very same settings for their own SeaweedFS bucket.
"""

from collections.abc import Mapping

MEDIA_STORAGE_BACKEND = "site_config.storage.MediaStorage"
# Object-store calls one admin image upload can make: the form's probe (media_forms.py), the
# name check, the write, and reading the original and writing the uploader's thumbnail.
UPLOAD_STORE_CALLS = 5


def object_storage_settings(env: Mapping[str, str]) -> dict:
    """Return the STORAGES entries that keep images, documents and renditions in a bucket.

    Originals and documents are private (signed, short-lived URLs); renditions, the only image
    files readers load, are public so that pages carry stable, cacheable image URLs. Every option
    is plain data: Wagtail hands a deconstructed storage to a background task when it deletes a
    file. The credentials are not options: django-storages reads AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY from the environment (or settings) itself, so they never travel.
    """
    common = {
        "bucket_name": env["AWS_STORAGE_BUCKET_NAME"],
        "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env.get("AWS_S3_REGION_NAME") or "us-east-1",
        "addressing_style": env.get("AWS_S3_ADDRESSING_STYLE", "path"),
        "signature_version": "s3v4",
        # Never overwrite: Wagtail can generate the same rendition name twice (wagtail#3206).
        "file_overwrite": False,
        "default_acl": None,
        # An admin upload makes up to UPLOAD_STORE_CALLS calls; at these defaults, even a store
        # that answers each one only on its last attempt costs at most 5 x 2 x (2 + 3) = 50 s,
        # inside gunicorn's 60 s worker timeout, so the editor gets the "storage is not
        # answering" message instead of a killed worker.
        "connect_timeout": float(env.get("AWS_S3_CONNECT_TIMEOUT", "2")),
        "read_timeout": float(env.get("AWS_S3_READ_TIMEOUT", "3")),
        "max_attempts": int(env.get("AWS_S3_MAX_ATTEMPTS", "2")),
        # A reader's page waits for the store once, this long, at most (site_config/storage.py);
        # after a failure, readers skip the store for breaker_seconds.
        "reader_timeout": float(env.get("AWS_S3_READER_TIMEOUT", "1")),
        "breaker_seconds": float(env.get("AWS_S3_BREAKER_SECONDS", "30")),
    }
    return {
        "default": {
            "BACKEND": MEDIA_STORAGE_BACKEND,
            "OPTIONS": {
                **common,
                "querystring_auth": True,
                "querystring_expire": int(env.get("AWS_QUERYSTRING_EXPIRE", "300")),
            },
        },
        "renditions": {
            "BACKEND": MEDIA_STORAGE_BACKEND,
            "OPTIONS": {
                **common,
                "querystring_auth": False,
                "custom_domain": env.get("AWS_S3_CUSTOM_DOMAIN") or None,
                "object_parameters": {"CacheControl": "public, max-age=604800"},
            },
        },
    }


def redis_cache_settings(url: str, env: Mapping[str, str]) -> dict:
    """CACHES for Redis: reads and writes that fail are skipped, so Redis is never required."""
    options = {
        "SOCKET_CONNECT_TIMEOUT": float(env.get("REDIS_CONNECT_TIMEOUT", "0.5")),
        "SOCKET_TIMEOUT": float(env.get("REDIS_TIMEOUT", "0.5")),
    }
    backend = "site_config.cache.ResilientRedisCache"
    return {
        "default": {"BACKEND": backend, "LOCATION": url, "OPTIONS": options, "KEY_PREFIX": "site"},
        "renditions": {
            "BACKEND": backend,
            "LOCATION": url,
            "OPTIONS": options,
            "KEY_PREFIX": "renditions",
            "TIMEOUT": 7 * 24 * 3600,
        },
    }
