"""Site-wide middleware: a clear answer when media storage fails, and the Permissions-Policy."""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect

from site_config.storage import StorageUnavailable

logger = logging.getLogger(__name__)

STORAGE_UNAVAILABLE_MESSAGE = (
    "The file could not be stored because the media storage is not answering. "
    "Nothing was saved. Please try again in a few minutes."
)


class StorageUnavailableMiddleware:
    """Turns a StorageUnavailable raised while saving a file into a message for the editor.

    The model row is never written (Django stores the file before it inserts the row), so the
    editor is told that nothing was saved: the admin's uploader gets Wagtail's own JSON failure
    format, a form post returns to the form with an error message, anything else gets a 503.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StorageUnavailable):
            return None
        logger.error("Media storage failed during %s %s", request.method, request.path)
        if request.headers.get("x-requested-with") == "XMLHttpRequest" or "application/json" in (
            request.headers.get("accept", "")
        ):
            return JsonResponse({"success": False, "error_message": STORAGE_UNAVAILABLE_MESSAGE})
        if request.method == "POST" and hasattr(request, "_messages"):
            messages.error(request, STORAGE_UNAVAILABLE_MESSAGE)
            return redirect(request.get_full_path())
        return HttpResponse(STORAGE_UNAVAILABLE_MESSAGE, status=503, content_type="text/plain")


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
