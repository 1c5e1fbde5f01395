"""Wagtail's document URLs, with the serve view marked never-cache.

With media in object storage the view answers with a redirect to a short-lived signed URL (after
Wagtail's permission checks); no browser, proxy or page cache may keep that redirect.
"""

from django.urls import path, re_path
from django.views.decorators.cache import never_cache
from wagtail.documents.views import serve

urlpatterns = [
    re_path(r"^(\d+)/(.*)$", never_cache(serve.serve), name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        serve.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
