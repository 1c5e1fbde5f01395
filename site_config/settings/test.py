"""Tests run on PostgreSQL (search ranking and stemming differ on SQLite)."""

import os

import dj_database_url

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"
DEBUG = False
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/guides")
    )
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "build" / "test-media"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# No collectstatic outside production: serve from the app and project static folders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# Factories change content without publishing, so other tests would read stale cached pages; the
# page-cache tests (home/tests/test_cache_*.py) switch it on themselves.
PAGE_CACHE_ENABLED = False

# Tests change content between searches: build the spelling vocabulary afresh every time.
SEARCH_VOCABULARY_CACHE_SECONDS = 0
# The cache outlives each test's rolled-back database: off, except in the tests of the cache.
SEARCH_CACHE_SECONDS = 0
