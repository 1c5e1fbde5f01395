"""The embedded default used by `make run`: SQLite (unless DATABASE_URL is set) and local media."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# No collectstatic outside production: serve from the app and project static folders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
