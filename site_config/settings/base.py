"""Settings shared by every environment. Everything that varies comes from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url

from site_config.media_settings import object_storage_settings, redis_cache_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

# The project's apps, layered as docs/architecture.md draws them (import-linter checks it).
# The page cache and editorial connect their signals and permission policies first.
INSTALLED_APPS = [
    "pagecache",  # the full-page cache: middleware, version tokens, generic purges
    "editorial",  # roles, workflows, the editorial calendar and the scheduler command
    "home",
    "guides",
    "courses",
    "search",
    "seo",  # head tags and JSON-LD
    "core",  # shared blocks, responsive images, slug rules: imports no other app
    "demo",  # demo content and its commands; the top layer, imported by no other app
    "site_config",  # management commands (ensure_media_bucket) and tests
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "axes",  # login throttling (site_config/throttling.py)
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: load-balancer probes (/healthz, /readyz) skip everything below.
    "site_config.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every page and 304 Not Modified when a browser or CDN revalidates a cached copy.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before the session middleware: a cache hit needs no session, user or CSRF work.
    "pagecache.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware, which refuses hosts outside ALLOWED_HOSTS.
    "home.site_lookup.SiteLookupMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "site_config.middleware.StorageUnavailableMiddleware",
    # Last, as django-axes asks: turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "site_config.wsgi.application"


# SQLite is shared by several processes in the embedded default (web, scheduler, imports):
# WAL lets readers go on while one process writes; IMMEDIATE transactions take the write lock
# when they begin, so a second writer waits for it (up to `timeout` seconds) instead of failing
# at once with "database is locked" when its read turns into a write; synchronous=NORMAL is
# safe with WAL and spares an fsync per commit.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database_from_url(url: str, **kwargs) -> dict:
    """DATABASES["default"] from a URL, with SQLITE_OPTIONS whenever the engine is SQLite."""
    database = dj_database_url.parse(url, **kwargs)
    if database["ENGINE"].endswith("sqlite3"):
        database["OPTIONS"] = {**database.get("OPTIONS", {}), **SQLITE_OPTIONS}
    return database


# The embedded default is SQLite; DATABASE_URL switches to any other database (PostgreSQL in
# tests and production).
DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes; see docs/deploying.md). Failed sign-ins are
# counted per account AND client address: after LOGIN_FAILURE_LIMIT of them that pair is refused
# for LOGIN_COOLOFF_MINUTES (each refused try restarts the wait), while the same account from
# another address, and other accounts, still sign in. A success clears the count; a superuser
# unlocks early with `manage.py axes_reset_username USERNAME`. Behind TRUSTED_PROXY_COUNT proxies
# (Varnish, nginx, a load balancer) the address comes from X-Forwarded-For, never otherwise.
AUTHENTICATION_BACKENDS = [
    "site_config.throttling.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_COOLOFF_MINUTES = int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "site_config.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "site_config.throttling.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # failures are what matters; no row per successful sign-in
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# The password reset form (which axes does not cover): requests per address per window.
PASSWORD_RESET_LIMIT = int(os.environ.get("PASSWORD_RESET_LIMIT", "5"))
PASSWORD_RESET_WINDOW_MINUTES = LOGIN_COOLOFF_MINUTES

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Collected files go to a build folder, never into static/.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "build" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Media storage: local files (the embedded default) unless AWS_STORAGE_BUCKET_NAME names a bucket
# in S3-compatible object storage (SeaweedFS, MinIO, R2, Spaces, AWS). See site_config/storage.py.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "renditions": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES.update(object_storage_settings(os.environ))
    # Documents are private: after Wagtail's permission check, redirect to a short-lived signed URL.
    WAGTAILDOCS_SERVE_METHOD = "redirect"
# Resolved on use (not at import), so that the "renditions" alias follows settings changes.
WAGTAILIMAGES_RENDITION_STORAGE = "site_config.renditions.get_rendition_storage"

# Caches: Redis from REDIS_URL, else tables in the site's own database (Django's DatabaseCache;
# site_config/migrations creates them, so `migrate` is all a new install needs). Either way the
# cache is shared by every process of the site: the page cache's version tokens, the search cache
# and a guide's footer links live there, so a publish by the scheduler process or an import in a
# shell reaches the web processes at once. The database, not files under build/, because it is
# the one thing every process of every setup already shares (containers and hosts included) and
# needs no extra service; on SQLite, WAL and the busy timeout above let its writes wait their
# turn. Rendered pages look renditions up in the "renditions" cache, so a warm page never asks
# storage for them.
if os.environ.get("REDIS_URL"):
    CACHES = redis_cache_settings(os.environ["REDIS_URL"], os.environ)
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "site_cache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "site_cache_renditions",
            "TIMEOUT": 7 * 24 * 3600,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Guides & Courses"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database search backend: PostgreSQL full-text search (English stemming, ranking, and
# pg_trgm fuzzy matching enabled by search/migrations) wherever DATABASE_URL is PostgreSQL, SQLite
# FTS in the embedded default. Moving to Elasticsearch/OpenSearch is a change of BACKEND only.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "english",
        # pg_trgm word similarity a typo must reach to count as a match ("djnago" -> "django").
        "FUZZY_SIMILARITY_THRESHOLD": 0.4,
        "FUZZY_PREFIX_BOOST": 0.5,
    }
}
# Search promotions keep per-day hit counts for this many days (searchpromotions_garbage_collect).
WAGTAILSEARCH_HITS_MAX_AGE = 30
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# A file is accepted only once the object store answers: a form error keeps the rest of the edit.
WAGTAILIMAGES_IMAGE_FORM_BASE = "site_config.media_forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "site_config.media_forms.DocumentForm"
# The admin's date pickers write values in these formats and the forms must read them back:
# ISO formats are accepted in every locale ("%d %b %Y" and "%Z" are not, so saving failed).
# Date-and-time fields name their time zone in their help text (editorial/wagtail_hooks.py).
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAILADMIN_COMMENTS_ENABLED = True
# Editing safety (Wagtail 8): autosave drafts while editing (milliseconds after a change) and
# tell editors when someone else is editing or has saved the same page or course.
WAGTAIL_AUTOSAVE_INTERVAL = 500
WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10_000
# The admin would otherwise call releases.wagtail.org from every editor's browser.
WAGTAIL_ENABLE_UPDATE_CHECK = False
TAGGIT_CASE_INSENSITIVE = True

GUIDES_PER_PAGE = 10
# Live courses not reviewed for this many months appear in the "Courses due for review" report.
COURSE_STALE_MONTHS = int(os.environ.get("COURSE_STALE_MONTHS", "12"))

# Site search (search/): results per page, the longest query kept, and how long the search log
# keeps rows before `manage.py prune_search_log` removes them.
SEARCH_RESULTS_PER_PAGE = 10
SEARCH_MAX_QUERY_LENGTH = 200
SEARCH_LOG_RETENTION_DAYS = int(os.environ.get("SEARCH_LOG_RETENTION_DAYS", "90"))
# Days of course finder requests kept by `manage.py prune_finder_requests`.
FINDER_REQUEST_RETENTION_DAYS = int(os.environ.get("FINDER_REQUEST_RETENTION_DAYS", "90"))
# Commands (with their arguments) the scheduler (publish_scheduled_safely --every N) runs when it
# starts and then once a day: the logs readers' requests fill, and the worker's finished task
# results (django-tasks' own command: older than 14 days), would otherwise grow for ever.
SCHEDULER_DAILY_COMMANDS = [
    "prune_search_log",
    "prune_finder_requests",
    "prune_db_task_results --backend background --queue-name *",
]
# How long the spelling-suggestion vocabulary (words of all live titles) is cached.
SEARCH_VOCABULARY_CACHE_SECONDS = 600
# How long a query's matches are cached (keyed by a version every content change bumps, so a
# publish, unpublish, move or delete shows at once); 0 turns the cache off.
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "300"))

# Django's tasks framework (the django-tasks backport). "default" runs Wagtail's own small tasks
# (reference index, CDN purges) at once, in the process that asks, so nothing depends on a worker
# being up; "background" keeps jobs too long for a web request (course imports above
# COURSE_IMPORT_INLINE_MAX_ROWS rows) in the database until `manage.py db_worker --backend
# background` (make worker, compose's worker service) runs them.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# A CSV with more rows than this is imported by the worker, with a page that shows its progress;
# smaller files are imported within the upload's request.
COURSE_IMPORT_INLINE_MAX_ROWS = int(os.environ.get("COURSE_IMPORT_INLINE_MAX_ROWS", "100"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Failed sign-ins and lockouts are warnings; skip a line per successful sign-in.
        "axes": {"level": "WARNING"},
    },
}

# Full-page cache for anonymous readers (pagecache/page_cache.py), stored in the default cache, and
# purging of a CDN in front (wagtail.contrib.frontend_cache) when one is configured.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
WAGTAILFRONTENDCACHE = {}
if os.environ.get("VARNISH_PURGE_URL"):  # Varnish with deploy/varnish/'s VCL: PURGE and BAN
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "pagecache.varnish.VarnishBackend",
        "LOCATION": os.environ["VARNISH_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_API_TOKEN") and os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
