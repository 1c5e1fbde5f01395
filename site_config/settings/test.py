"""Tests run on PostgreSQL (search ranking and stemming differ on SQLite)."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"
DEBUG = False
DATABASES = {
    "default": database_from_url(  # noqa: F405
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

# Per-process memory: the query-count budgets count a page's own queries, not the cache's, and
# nothing cached outlives the test run. Tests of the cache shared between processes start real
# processes with the embedded default's settings (tests/test_scheduler_process.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
    },
}

# Factories change content without publishing, so other tests would read stale cached pages; the
# page-cache tests (tests/test_cache_*.py) switch it on themselves.
PAGE_CACHE_ENABLED = False

# Tests change content between searches: build the spelling vocabulary afresh every time.
SEARCH_VOCABULARY_CACHE_SECONDS = 0
# The cache outlives each test's rolled-back database: off, except in the tests of the cache.
SEARCH_CACHE_SECONDS = 0
