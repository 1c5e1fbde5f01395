"""Production settings: required variables, `check --deploy`, and the headers they set."""

import os
import re
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from guides.factories import GuidePageFactory
from site_config.media_settings import UPLOAD_STORE_CALLS, object_storage_settings

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS")


def production_environment(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="site_config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://guides:secret@db.internal:5432/guides",
        ALLOWED_HOSTS="guides.example.com",
        CSRF_TRUSTED_ORIGINS="https://guides.example.com",
        WAGTAILADMIN_BASE_URL="https://guides.example.com",
        AWS_STORAGE_BUCKET_NAME="guides-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.com",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_settings_prints_no_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", REQUIRED)
def test_a_missing_required_variable_stops_start_up_with_a_clear_error(name):
    env = production_environment()
    del env[name]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"The environment variable {name} must be set in production." in result.stderr


def production_settings() -> dict:
    """The production module's values, computed with a production environment."""
    env = production_environment(
        AWS_S3_CUSTOM_DOMAIN="media.guides.example.com", AWS_STORAGE_BUCKET_NAME=""
    )
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        return runpy.run_module("site_config.settings.production")
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture
def production_client():
    prod = production_settings()
    names = [name for name in prod if re.match(r"^(SECURE_|CSRF_COOKIE|SESSION_COOKIE)", name)]
    overrides = {name: prod[name] for name in names}
    overrides.update(
        MIDDLEWARE=prod["MIDDLEWARE"],
        CONTENT_SECURITY_POLICY=prod["CONTENT_SECURITY_POLICY"],
        PERMISSIONS_POLICY=prod["PERMISSIONS_POLICY"],
        X_FRAME_OPTIONS=prod["X_FRAME_OPTIONS"],
    )
    with override_settings(**overrides):
        yield Client()


@pytest.mark.django_db
def test_reader_pages_carry_the_security_headers_and_no_inline_script(production_client, category):
    guide = GuidePageFactory(parent=category, title="Headers everywhere")
    response = production_client.get(guide.url, secure=True)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "img-src 'self' data: https://media.guides.example.com" in policy
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    # Every executable script is a file from the site, so the policy blocks nothing of ours.
    for tag in re.findall(r"<script\b[^>]*>", response.content.decode()):
        assert "src=" in tag or "application/ld+json" in tag or "application/json" in tag, tag


@pytest.mark.django_db
def test_plain_http_is_redirected_but_health_probes_are_not(production_client, category):
    assert production_client.get(category.url).status_code == 301
    assert production_client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_wagtail_preview_can_still_be_framed_by_the_admin(
    production_client, category, django_user_model
):
    guide = GuidePageFactory(parent=category, title="Preview me")
    editor = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    production_client.force_login(editor)
    response = production_client.get(f"/admin/pages/{guide.pk}/edit/preview/", secure=True)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "Content-Security-Policy" not in response


def test_loading_production_settings_changes_nothing_the_other_modules_share():
    from site_config.settings import base

    before = repr((base.STORAGES, base.DATABASES, base.LOGGING, base.MIDDLEWARE))
    production_settings()
    assert repr((base.STORAGES, base.DATABASES, base.LOGGING, base.MIDDLEWARE)) == before


def test_a_stalled_object_store_gives_up_before_gunicorn_kills_the_worker():
    """Every object-store call of an admin upload may use all its attempts; with the default
    timeouts the whole upload must still end inside the worker timeout, so the editor sees the
    storage message instead of a dropped connection."""
    options = object_storage_settings({"AWS_STORAGE_BUCKET_NAME": "media"})["default"]["OPTIONS"]
    per_call = options["max_attempts"] * (options["connect_timeout"] + options["read_timeout"])
    worst_case = UPLOAD_STORE_CALLS * per_call
    for path in ("Dockerfile", "docker-compose.yml"):
        text = (ROOT / path).read_text()
        timeouts = re.findall(r'--timeout"?,? "?(\d+)', text)
        assert timeouts, f"{path} sets gunicorn's --timeout"
        assert worst_case < min(int(value) for value in timeouts), path


def test_check_deploy_warns_when_the_base_url_is_not_a_host_the_site_serves():
    left_at_default = production_environment(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=left_at_default)
    assert result.returncode != 0 and "core.W001" in result.stderr, result.stderr
    assert "names a host that is not in ALLOWED_HOSTS" in result.stderr

    unusable = production_environment(WAGTAILADMIN_BASE_URL="https://guides.example.com:8443")
    result = manage("check", env=unusable)
    assert result.returncode != 0 and "core.E001" in result.stderr, result.stderr
