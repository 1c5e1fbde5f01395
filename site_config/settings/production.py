"""Production: settings come from the environment; missing required values stop start-up."""

import os

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


SECRET_KEY = required("SECRET_KEY")
required("DATABASE_URL")
ALLOWED_HOSTS = env_list(  # noqa: F405
    "ALLOWED_HOSTS", required("ALLOWED_HOSTS")
)
DEBUG = False

# Persistent connections, checked before reuse, so a database restart costs only the requests
# that arrive while it is down; a short connect timeout keeps workers from hanging on it.
# (New objects, never changes to base's: other settings modules share those.)
DATABASES = {  # noqa: F405
    "default": {
        **DATABASES["default"],  # noqa: F405
        "CONN_MAX_AGE": int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        "CONN_HEALTH_CHECKS": True,
    }
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "connect_timeout": int(os.environ.get("DB_CONNECT_TIMEOUT", "5")),
    }

# Static files: compressed, with content hashes in their names, served by whitenoise.
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS behind a proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No framing, except Wagtail's preview views, which set SAMEORIGIN themselves for the admin.
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")  # noqa: F405

# Content Security Policy (django-csp 4 format): no inline or third-party scripts on reader
# pages. Wagtail's admin still uses inline scripts, so it is left out; it sits behind a login.
MEDIA_ORIGIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or os.environ.get("AWS_S3_ENDPOINT_URL", "")
if MEDIA_ORIGIN and "//" not in MEDIA_ORIGIN:
    MEDIA_ORIGIN = f"https://{MEDIA_ORIGIN}"
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else ["https:"])],
        # Video embeds (YouTube, Vimeo) in guides.
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "browsing-topics=(), interest-cohort=()"
)
MIDDLEWARE = [  # noqa: F405
    *MIDDLEWARE[:2],  # noqa: F405 - the health checks and SecurityMiddleware
    "csp.middleware.CSPMiddleware",
    "site_config.middleware.PermissionsPolicyMiddleware",
    *MIDDLEWARE[2:],  # noqa: F405
]
INSTALLED_APPS = [*INSTALLED_APPS, "csp"]  # noqa: F405

# Logs go to stdout, where the container runtime collects them.
LOGGING = {  # noqa: F405
    **LOGGING,  # noqa: F405
    "handlers": {
        **LOGGING["handlers"],  # noqa: F405
        "console": {**LOGGING["handlers"]["console"], "stream": "ext://sys.stdout"},  # noqa: F405
    },
}
