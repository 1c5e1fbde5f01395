"""A full-page cache for anonymous readers, emptied when content changes.

Django's own cache middleware keys on `Vary: Cookie`, which every Wagtail page sends, so it cannot
share one copy between readers. This middleware stores only what is safe to share:

* anonymous GET (and HEAD, answered from the GET copy) of a page Wagtail serves, with status 200,
  with no query string or only `?page=N` (listings; the key spells N one way), so filters,
  finder questions and tracking parameters always reach the view;
* never when the request carries a session cookie (logged-in editors, visitors who unlocked a
  password-protected page), never for previews (served under /admin/), never when the response
  sets a cookie (a CSRF token in a form) or says it is private.

Entries are keyed by the absolute URL plus version tokens kept in the same cache: one for the
whole site, bumped when a page is published, unpublished, moved or deleted (navigation, listings
and related guides put a page's title on many others); one per path, and one per path prefix
(a subtree, such as a catalogue and all its routes), bumped when a course changes. Bumping a token
makes the old entries unreachable at once; they age out of the cache by themselves.
"""

import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

HIT_HEADER = "X-Page-Cache"
SITE_VERSION_KEY = "pagecache:site"
# Leading zeros are allowed and dropped from the key (below), so ?page=01 cannot fill the cache
# with a second copy of page 1.
CACHEABLE_QUERY = re.compile(r"^(page=0*(?P<number>\d{1,6}))?$")


def cache_backend():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 600))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _path_key(path: str) -> str:
    return "pagecache:path:" + _digest(path)


def _tree_key(prefix: str) -> str:
    return "pagecache:tree:" + _digest(prefix)


def _prefixes(path: str) -> list[str]:
    """ "/courses/django/" -> ["/", "/courses/", "/courses/django/"]."""
    parts = [part for part in path.split("/") if part]
    return ["/"] + ["/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts))]


def _new_version() -> str:
    return uuid.uuid4().hex[:12]


def _bump(keys) -> None:
    # A fresh random token, never a counter: a token that the cache evicted must not fall back
    # to an old value and bring stale entries back.
    cache_backend().set_many({key: _new_version() for key in keys}, timeout=None)


def _versions(keys: list[str]) -> list[str]:
    cache = cache_backend()
    # A copy: some backends hand back a shared default dict when the cache is unreachable.
    found = dict(cache.get_many(keys))
    for key in keys:
        if key not in found:
            token = _new_version()
            found[key] = token if cache.add(key, token, timeout=None) else cache.get(key, token)
    return [found[key] for key in keys]


def site_version(request=None) -> str:
    """The site's content version: it changes whenever a page is published, unpublished, moved
    or deleted, so anything keyed on it is fresh for readers. With a request it is read once
    for the whole request: what one request shows comes from one state of the site."""
    if request is None:
        return _versions([SITE_VERSION_KEY])[0]
    if not hasattr(request, "_page_cache_site_version"):
        request._page_cache_site_version = _versions([SITE_VERSION_KEY])[0]
    return request._page_cache_site_version


def purge_site() -> None:
    """Make every cached page unreachable."""
    _bump([SITE_VERSION_KEY])


def purge_paths(paths=(), trees=()) -> None:
    """Make cached copies of these paths, and of everything under these prefixes, unreachable."""
    keys = [_path_key(path) for path in paths] + [_tree_key(prefix) for prefix in trees]
    if keys:
        _bump(set(keys))


def _normal_url(request) -> str:
    """The request's absolute URL with its page number in one spelling: ?page=1, ?page=0001 and
    no page are the same page, ?page=02 is ?page=2."""
    match = CACHEABLE_QUERY.match(request.META.get("QUERY_STRING", ""))
    number = int(match["number"]) if match and match["number"] else 1
    return request.build_absolute_uri(request.path + (f"?page={number}" if number != 1 else ""))


def content_version(path: str) -> str:
    """The version of what the page at `path` shows: it changes whenever a cached copy of that
    page must go (the site's version, the path's own and its prefixes'). Page fragments kept in
    the cache are keyed on it, so they go at exactly the same moments as whole pages."""
    keys = [SITE_VERSION_KEY, _path_key(path)]
    keys += [_tree_key(prefix) for prefix in _prefixes(path)]
    return _digest(":".join(_versions(keys)))


def _entry_key(request) -> str:
    return f"pagecache:entry:{content_version(request.path)}:{_digest(_normal_url(request))}"


def _request_is_cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CACHEABLE_QUERY.match(request.META.get("QUERY_STRING", "")) is not None
    )


def _is_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "wagtail_serve"


def _response_is_shareable(request, response) -> bool:
    if not _is_page(request) or getattr(request, "is_preview", False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class PageCacheMiddleware:
    """Place it after WhiteNoise and before the session middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "PAGE_CACHE_ENABLED", True) or not _request_is_cacheable(request):
            return self._mark_private(request, self.get_response(request))

        cache = cache_backend()
        key = _entry_key(request)
        entry = cache.get(key)
        if entry is not None:
            return self._rebuild(entry)

        response = self.get_response(request)
        if request.method == "GET" and _response_is_shareable(request, response):
            self._public(response)
            headers = [(k, v) for k, v in response.items() if k.lower() != HIT_HEADER.lower()]
            cache.set(key, (response.status_code, headers, response.content), _timeout())
            response[HIT_HEADER] = "MISS"
        return response

    @staticmethod
    def _rebuild(entry) -> HttpResponse:
        status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "HIT"
        return response

    @staticmethod
    def _public(response) -> None:
        """Shared caches (a CDN) may keep the page; browsers check back every time."""
        if "Cache-Control" not in response:
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=_timeout(), must_revalidate=True
            )

    @staticmethod
    def _mark_private(request, response):
        """Pages rendered for a session (an editor's, with the user bar) must stay private."""
        if (
            "Cache-Control" not in response
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and _is_page(request)
        ):
            patch_cache_control(response, private=True, no_cache=True)
        return response
