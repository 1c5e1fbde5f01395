"""docker-compose.yml, read as data (no Docker engine runs here)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
APP_SERVICES = ("migrate", "web", "scheduler", "worker")
# Read by libraries rather than by our settings modules: Django itself, and django-storages
# (the S3 credentials, which it looks up in the environment).
READ_BY_LIBRARIES = {"DJANGO_SETTINGS_MODULE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


READS = re.compile(
    r"""(?:environ\.get|env\.get|env_bool|env_list|required)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
    r"""|(?:environ|env)\[["']([A-Z][A-Z0-9_]+)["']\]"""
)


def variables_the_settings_read() -> set[str]:
    settings_dir = ROOT / "site_config" / "settings"
    sources = [*settings_dir.glob("*.py"), ROOT / "site_config" / "media_settings.py"]
    return {a or b for source in sources for a, b in READS.findall(source.read_text())}


def test_the_stack_has_every_service_with_health_checks_and_named_volumes(compose):
    services = compose["services"]
    assert set(services) == {
        "db",
        "s3",
        "redis",
        "migrate",
        "web",
        "scheduler",
        "worker",
        "varnish",
    }
    for name in ("db", "s3", "redis", "web"):
        assert services[name]["healthcheck"]["test"], name
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["s3"]["image"].startswith("chrislusf/seaweedfs:")
    assert set(compose["volumes"]) == {"db-data", "s3-data"}
    assert "db-data:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "s3-data:/data" in services["s3"]["volumes"]


def test_seaweedfs_starts_with_credentials_and_the_bucket(compose):
    script = " ".join(compose["services"]["s3"]["command"])
    assert "-s3.config=" in script and '"accessKey"' in script and '"secretKey"' in script
    assert '-bucket="$$S3_BUCKET"' in script or '-bucket="$S3_BUCKET"' in script
    web = compose["services"]["web"]["environment"]
    s3 = compose["services"]["s3"]["environment"]
    assert s3["S3_BUCKET"] == web["AWS_STORAGE_BUCKET_NAME"]
    assert s3["S3_ACCESS_KEY"] == web["AWS_ACCESS_KEY_ID"]
    assert s3["S3_SECRET_KEY"] == web["AWS_SECRET_ACCESS_KEY"]
    assert "s3.localhost" in compose["services"]["s3"]["networks"]["default"]["aliases"]
    assert web["AWS_S3_ENDPOINT_URL"].startswith("http://s3.localhost:8333")


def test_migrations_run_once_before_web_which_waits_for_its_dependencies(compose):
    services = compose["services"]
    assert "manage.py migrate --noinput" in services["migrate"]["command"]
    assert "ensure_media_bucket" in services["migrate"]["command"]
    assert services["migrate"]["depends_on"]["db"] == {"condition": "service_healthy"}
    web = services["web"]
    assert web["command"].startswith("gunicorn site_config.wsgi:application")
    assert web["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "s3": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }
    assert "/readyz" in " ".join(web["healthcheck"]["test"])
    assert services["scheduler"]["command"].endswith("publish_scheduled_safely --every 60")


def test_readers_come_in_through_varnish_which_the_site_purges(compose):
    services = compose["services"]
    varnish, web = services["varnish"], services["web"]
    assert varnish["image"].startswith("varnish:")
    assert "./deploy/varnish:/etc/varnish:ro" in varnish["volumes"]
    assert (ROOT / "deploy" / "varnish" / "default.vcl").exists()
    assert varnish["depends_on"]["web"] == {"condition": "service_healthy"}
    # Readers reach Varnish only; the web replicas and the purge listener are not published.
    assert varnish["ports"] == ["8000:80"]
    assert "ports" not in web
    purge_listener = varnish["command"][varnish["command"].index("-a") + 1]
    assert purge_listener == "purge=:6091,HTTP"
    for name in APP_SERVICES:
        environment = services[name]["environment"]
        assert environment["VARNISH_PURGE_URL"] == "http://varnish:6091", name
        assert environment["TRUSTED_PROXY_COUNT"] == "1", name


def test_the_task_worker_runs_the_background_queue_with_the_web_settings(compose):
    """Large course imports wait in the database for this worker (courses/tasks.py)."""
    from django.conf import settings

    worker = compose["services"]["worker"]
    command = worker["command"].split()
    assert command[:4] == ["python", "manage.py", "db_worker", "--backend"]
    backend = command[4]
    assert settings.TASKS[backend]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert worker["environment"] == compose["services"]["web"]["environment"]
    assert worker["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    makefile = (ROOT / "Makefile").read_text()
    assert f"manage.py db_worker --backend {backend}" in makefile.split("\nworker:")[1]
    run_recipe = makefile.split("\nrun:")[1].split("\n\n")[0]
    assert f"db_worker --backend {backend}" in run_recipe and "kill $$worker" in run_recipe


def test_every_variable_passed_to_the_site_is_one_its_settings_read(compose):
    known = variables_the_settings_read() | READ_BY_LIBRARIES
    for name in APP_SERVICES:
        environment = compose["services"][name]["environment"]
        assert environment["DJANGO_SETTINGS_MODULE"] == "site_config.settings.production"
        unknown = set(environment) - known
        assert not unknown, f"{name} passes variables no setting reads: {sorted(unknown)}"
    for required in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "REDIS_URL"):
        assert required in compose["services"]["web"]["environment"]


def test_the_settings_scan_finds_what_it_should():
    # Guards the scan above against matching nothing and letting every variable through.
    found = variables_the_settings_read()
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "AWS_S3_ENDPOINT_URL"} <= found
    assert "NOT_A_SETTING" not in found


def docker_compose_command() -> list[str] | None:
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_docker_compose_accepts_the_file():
    command = docker_compose_command()
    if command is None:
        pytest.skip("no docker compose client on this machine; the file was checked as data above")
    result = subprocess.run(
        [*command, "-f", str(COMPOSE), "config", "--quiet"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
