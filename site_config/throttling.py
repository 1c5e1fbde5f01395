"""Login throttling (django-axes) and a limit on password-reset requests, per client address.

Axes counts failed sign-ins per account and address (settings: AXES_*) and refuses that pair for
a cool-off once the limit is reached; a superuser unlocks it early with
`manage.py axes_reset_username USERNAME` (docs/deploying.md). Axes does not cover the
password reset form, which sends email to anyone who names an address:
`ThrottledPasswordResetView` below caps the requests one address may make in the same window.
"""

import datetime
import ipaddress
import time

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.account import PasswordResetView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT proxies that each append
    the address they were connected from to X-Forwarded-For, the entry that many places from the
    right. Entries further left are whatever the client sent, so they are never trusted.

    (django-ipware's proxy count expects the proxies' own addresses in the header as well, and
    finds no client in the single-entry header that one Varnish or nginx in front sends.)"""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote


class AxesBackend(AxesStandaloneBackend):
    """Axes' check, for sign-ins made through a request (every login form). Code that
    authenticates without one (the shell, Django's test client `login()`) is no guess over the
    network; axes would refuse it outright."""

    def authenticate(self, request, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset, with at most PASSWORD_RESET_LIMIT requests per address per
    PASSWORD_RESET_WINDOW_MINUTES."""

    def form_valid(self, form):
        window = settings.PASSWORD_RESET_WINDOW_MINUTES * 60
        # One key per address and window, written with the window's timeout each time: the
        # database cache's incr() would write it back with the cache's default timeout, and the
        # count would vanish minutes early. Two requests at the same instant may both count as
        # one; the limit is a brake on mass e-mails, not an exact quota.
        key = f"password-reset:{client_ip(self.request)}:{int(time.time() // window)}"
        count = cache.get(key, 0) + 1
        cache.set(key, count, window)
        if count > settings.PASSWORD_RESET_LIMIT:
            form.add_error(
                None,
                "Too many password reset requests from your address. Try again in "
                f"{settings.PASSWORD_RESET_WINDOW_MINUTES} minutes, or ask an administrator "
                "to reset your password.",
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


def lockout_response(request, original_response=None, credentials=None):
    """Axes' answer to a refused sign-in (AXES_LOCKOUT_CALLABLE): what happened, when to retry."""
    minutes = settings.LOGIN_COOLOFF_MINUTES
    context = {
        "username": get_client_username(request, credentials) or "",
        "minutes": minutes,
        "retry_at": timezone.localtime() + datetime.timedelta(minutes=minutes),
    }
    return render(request, "account/locked_out.html", context, status=429)


class SuperusersUnlockPolicy(ModelPermissionPolicy):
    """Only superusers see the failed sign-ins, and their only action is to delete (unlock)."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action in {"view", "delete"}

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class SignInLockoutViewSet(ModelViewSet):
    """Settings → Sign-in lockouts: the accounts and addresses with failed sign-ins, and a
    Delete that unlocks one at once (what `manage.py axes_reset_username` does on a shell)."""

    model = AccessAttempt
    icon = "lock"
    menu_label = "Sign-in lockouts"
    name = "sign_in_lockouts"
    add_to_settings_menu = True
    copy_view_enabled = False
    form_fields = ["username"]  # no add or edit view is reachable: the policy allows neither
    list_display = [
        "username",
        "ip_address",
        "failures_since_start",
        Column("locked", label="Locked out", accessor=lambda attempt: is_locked(attempt)),
        "attempt_time",
    ]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]


def is_locked(attempt) -> str:
    return "yes" if attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT else "no"
