"""Site-wide middleware: a clear answer when media storage fails, and the Permissions-Policy."""

import functools
import logging

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from site_config.storage import (
    STORAGE_UNAVAILABLE_MESSAGE,  # noqa: F401 - the fault tests import it from here
    StorageUnavailable,
    reader_request,
)

logger = logging.getLogger(__name__)


@functools.cache
def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


class StorageUnavailableMiddleware:
    """Keeps readers off a slow store, and degraded pages out of every cache; turns a
    StorageUnavailable raised while saving a file into a message for the editor.

    Requests outside the admin run inside `reader_request()`: their store calls get the short
    reader budget and the circuit breaker (site_config/storage.py). A response rendered while the
    store failed (an image left out) is marked `private, no-store`, so neither the page cache
    (which stores no private response) nor a CDN keeps it; the next request renders it whole.

    On a failed save the model row is never written (Django stores the file before it inserts
    the row), so the editor is told that nothing was saved: the admin's uploader gets Wagtail's
    own JSON failure format, a form post returns to the form with an error message, anything
    else gets a 503.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(_admin_prefix()):
            return self.get_response(request)
        with reader_request() as state:
            response = self.get_response(request)
        if state.degraded:
            response["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, StorageUnavailable):
            return None
        logger.error("Media storage failed during %s %s", request.method, request.path)
        message = exception.editor_message
        if request.headers.get("x-requested-with") == "XMLHttpRequest" or "application/json" in (
            request.headers.get("accept", "")
        ):
            return JsonResponse({"success": False, "error_message": message})
        if request.method == "POST" and hasattr(request, "_messages"):
            messages.error(request, message)
            return redirect(request.get_full_path())
        return HttpResponse(message, status=503, content_type="text/plain")


class PermissionsPolicyMiddleware:
    """Sets the Permissions-Policy header from settings.PERMISSIONS_POLICY (production)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.setdefault("Permissions-Policy", self.policy)
        return response
