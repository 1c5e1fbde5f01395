"""A Redis cache the site can live without: failures are skipped and logged once per outage."""

import logging
import time
from urllib.parse import urlsplit

from django.core.signals import setting_changed
from django.dispatch import receiver
from django_redis.cache import RedisCache

logger = logging.getLogger(__name__)

# While Redis stays unreachable, one reminder is logged per this many seconds, not one per request.
REMINDER_SECONDS = 300
_last_logged: dict[str, float] = {}


class _OutageLog:
    """Stands in for django-redis's logger of ignored exceptions."""

    def __init__(self, server: str):
        parts = urlsplit(server.split(",")[0])
        self.where = f"{parts.hostname}:{parts.port or 6379}"  # never the password

    def exception(self, *args, **kwargs):
        now = time.monotonic()
        last = _last_logged.get(self.where)
        if last is not None and now - last < REMINDER_SECONDS:
            return
        _last_logged[self.where] = now
        logger.warning(
            "The cache at %s is unreachable: pages are served without it. "
            "Further cache errors are not logged for %d seconds.",
            self.where,
            REMINDER_SECONDS,
            exc_info=True,
        )


class ResilientRedisCache(RedisCache):
    """django-redis with IGNORE_EXCEPTIONS always on: a cache error is a miss, never a 500."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._ignore_exceptions = True
        self._log_ignored_exceptions = True
        self.logger = _OutageLog(server)


@receiver(setting_changed)
def forget_outages(*, setting, **kwargs):
    if setting == "CACHES":
        _last_logged.clear()
