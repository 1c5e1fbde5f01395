"""Search's caches, keyed by SearchIndexVersion: any change to guides, courses, categories,
privacy or the page tree bumps it in the same transaction (search/signals.py), so a new search
never reads an entry computed before the change, in any process sharing the cache."""

import hashlib

from django.core.cache import cache

from .models import SearchIndexVersion


def versioned(name: str, parts: tuple, seconds: int, compute, keep=lambda value: True):
    """compute(), cached for `seconds` under `name`, `parts` and the current index version
    when keep(value) says so. With `seconds` 0 every call computes."""
    if not seconds:
        return compute()
    digest = hashlib.sha256(repr(parts).encode("utf-8", "replace")).hexdigest()[:32]
    key = f"search:{name}:v2:{SearchIndexVersion.current()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        if keep(value):
            cache.set(key, value, seconds)
    return value
