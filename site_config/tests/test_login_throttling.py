"""Guessing passwords over HTTP: the admin sign-in and the password reset form are throttled."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"


@pytest.fixture
def accounts(db, django_user_model, settings):
    settings.AXES_FAILURE_LIMIT = 5
    cache.clear()  # the password reset counter lives in the cache
    django_user_model.objects.create_superuser("root", "root@example.com", "right-pw")
    django_user_model.objects.create_user("ed", "ed@example.com", "ed-pw", is_staff=True)
    yield
    cache.clear()


def sign_in(username, password, address="203.0.113.10", **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})
    return response


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_after_five_wrong_passwords_the_right_one_is_refused_with_a_message(accounts):
    for _ in range(4):
        response = sign_in("root", "guess")
        assert response.status_code == 200 and not signed_in(response)
    locked = sign_in("root", "guess")  # the fifth failure locks the account for this address
    assert locked.status_code == 429
    for _ in range(20):
        assert sign_in("root", "guess").status_code == 429
    refused = sign_in("root", "right-pw")
    assert refused.status_code == 429 and not signed_in(refused)
    html = refused.content.decode()
    assert "Too many failed sign-ins for “root” from your address" in html
    assert "paused for 15 minutes" in html and "ask an administrator" in html

    # Per account AND address: the same account from elsewhere, and another account from here.
    assert signed_in(sign_in("root", "right-pw", address="198.51.100.20"))
    assert signed_in(sign_in("ed", "ed-pw"))


def test_a_success_before_the_limit_starts_the_count_again(accounts):
    for _ in range(4):
        sign_in("root", "guess")
    assert signed_in(sign_in("root", "right-pw"))
    for _ in range(4):
        sign_in("root", "guess")
    assert signed_in(sign_in("root", "right-pw"))


def test_a_superuser_unlocks_an_account_with_the_reset_command(accounts):
    for _ in range(5):
        sign_in("ed", "guess")
    assert sign_in("ed", "ed-pw").status_code == 429
    call_command("axes_reset_username", "ed", verbosity=0)
    assert signed_in(sign_in("ed", "ed-pw"))


def test_forwarded_addresses_count_only_behind_a_configured_proxy(accounts, settings):
    # No proxy configured: X-Forwarded-For is whatever the client says, so it changes nothing.
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(5):
        sign_in("root", "guess", address="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert (
        sign_in("root", "right-pw", "10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.99").status_code
        == 429
    )

    # One proxy in front (10.0.0.3) appends the address it saw; anything left of it is the
    # client's own say and is ignored.
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.3"
    for number in range(5):
        forwarded = f"192.0.2.{number}, 198.51.100.7"  # a forged entry, then the real client
        sign_in("ed", "guess", address=proxy, HTTP_X_FORWARDED_FOR=forwarded)
    assert sign_in("ed", "ed-pw", proxy, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    # Another reader behind the same proxy is not locked out by that one.
    assert signed_in(sign_in("ed", "ed-pw", proxy, HTTP_X_FORWARDED_FOR="198.51.100.8"))


def test_password_reset_requests_are_limited_per_address(accounts, mailoutbox, settings):
    settings.PASSWORD_RESET_LIMIT = 3
    client = Client(REMOTE_ADDR="203.0.113.10")
    for _ in range(3):
        response = client.post(RESET, {"email": "ed@example.com"})
        assert response.status_code == 302
    refused = client.post(RESET, {"email": "ed@example.com"})
    assert refused.status_code == 429
    assert "Too many password reset requests from your address" in refused.content.decode()
    assert len(mailoutbox) == 3
    elsewhere = Client(REMOTE_ADDR="198.51.100.20").post(RESET, {"email": "ed@example.com"})
    assert elsewhere.status_code == 302 and len(mailoutbox) == 4


def test_the_reset_limit_holds_for_its_whole_window_on_the_database_cache(
    accounts, mailoutbox, settings, pinned_clock, time_machine
):
    """Without Redis the cache is a database table, whose incr() rewrites a key with the
    cache's default timeout (300 s): the count must still last the whole window."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "site_cache",
        },
    }
    call_command("createcachetable", "site_cache")  # the test settings' caches are in memory
    settings.PASSWORD_RESET_LIMIT = 2
    client = Client(REMOTE_ADDR="203.0.113.11")
    for _ in range(2):
        assert client.post(RESET, {"email": "ed@example.com"}).status_code == 302
    time_machine.shift(datetime.timedelta(minutes=6))  # within the 15-minute window
    assert client.post(RESET, {"email": "ed@example.com"}).status_code == 429
    assert len(mailoutbox) == 2


def test_a_superuser_unlocks_an_account_in_the_admin(accounts, django_user_model):
    from axes.models import AccessAttempt
    from django.contrib.auth.models import Permission
    from django.urls import reverse

    for _ in range(5):
        sign_in("ed", "guess")
    assert sign_in("ed", "ed-pw").status_code == 429

    # Only superusers see the lockouts (an editor with admin access does not).
    staff = django_user_model.objects.create_user("staff", password="staff-pw")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    editor = Client()
    editor.force_login(staff)
    assert editor.get(reverse("sign_in_lockouts:index")).status_code in (302, 403)

    root = Client()
    root.force_login(django_user_model.objects.get(username="root"))
    listing = root.get(reverse("sign_in_lockouts:index"))
    assert listing.status_code == 200
    assert "Sign-in lockouts" in root.get(reverse("wagtailadmin_home")).content.decode()
    html = listing.content.decode()
    assert "203.0.113.10" in html and "Locked out" in html
    attempt = AccessAttempt.objects.get(username="ed")
    delete_url = reverse("sign_in_lockouts:delete", args=[attempt.pk])
    assert root.post(delete_url).status_code == 302
    assert signed_in(sign_in("ed", "ed-pw"))
    assert root.get(reverse("sign_in_lockouts:add")).status_code in (302, 403)
