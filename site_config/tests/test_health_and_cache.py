"""/healthz and /readyz for the load balancer, and a site that outlives its Redis cache."""

import logging
import shutil
import subprocess
import time

import pytest
import redis
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from wagtail_factories import ImageFactory

from guides.factories import GuidePageFactory
from site_config.media_settings import redis_cache_settings
from site_config.tests.s3 import free_port


@pytest.fixture
def probe():
    # Load balancers probe by address, not by the site's host name.
    return Client(HTTP_HOST="10.1.2.3")


@pytest.mark.django_db
def test_liveness_answers_without_touching_any_dependency(probe, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = probe.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readiness_reports_each_dependency(probe):
    response = probe.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
    }


@pytest.mark.django_db
def test_readiness_with_object_storage_checks_the_bucket_and_leaks_nothing(probe, s3_media):
    assert probe.get("/readyz").json()["checks"]["storage"] == "ok"

    s3_media.server.proxy.down()
    response = probe.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "unavailable",
    }
    body = response.content.decode()
    for secret in (s3_media.bucket, str(s3_media.server.proxy.port), "127.0.0.1", "Error"):
        assert secret not in body


def dead_redis_url() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there


@pytest.mark.django_db
def test_readiness_reports_an_unreachable_cache(probe, settings):
    settings.CACHES = redis_cache_settings(dead_redis_url(), {})
    response = probe.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "unavailable"


@pytest.mark.django_db
def test_every_reader_page_is_served_without_redis_and_the_outage_is_logged_once(
    settings, category, caplog
):
    settings.CACHES = redis_cache_settings(dead_redis_url(), {})
    settings.PAGE_CACHE_ENABLED = True  # the full-page cache reads and writes Redis too
    guide = GuidePageFactory(parent=category, title="Django without a cache")
    reader = Client()
    paths = [
        category.get_parent().url,
        category.url,
        guide.url,
        "/search/?q=django",
        "/search/?q=",
        "/sitemap.xml",
        "/no-such-page/",
    ]
    with caplog.at_level(logging.WARNING, logger="site_config.cache"):
        statuses = {path: reader.get(path).status_code for path in paths + paths}
    assert statuses == {**{path: 200 for path in paths}, "/no-such-page/": 404}
    outage = [r for r in caplog.records if r.name == "site_config.cache"]
    assert len(outage) == 1
    assert "unreachable: pages are served without it" in outage[0].getMessage()


@pytest.fixture
def redis_server(tmp_path):
    """A private redis-server on a free port, when the machine has one (make test does not
    install it: the tests above need no Redis at all)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed; the dead-port tests above still ran")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url, client, process
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.django_db
def test_renditions_are_cached_in_redis_and_pages_survive_redis_going_away(
    settings, category, redis_server, caplog
):
    url, client, process = redis_server
    settings.CACHES = redis_cache_settings(url, {})
    image = ImageFactory()
    guide = GuidePageFactory(parent=category, hero_image=image, hero_alt_text="A photo")
    reader = Client()
    assert reader.get(guide.url).status_code == 200
    assert client.keys("renditions:*"), "no rendition reached the Redis cache"
    assert Client(HTTP_HOST="10.1.2.3").get("/readyz").json()["checks"]["cache"] == "ok"

    process.terminate()
    process.wait(timeout=10)
    with caplog.at_level(logging.WARNING, logger="site_config.cache"):
        statuses = [reader.get(guide.url).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert len([r for r in caplog.records if r.name == "site_config.cache"]) == 1


def test_a_failed_get_many_gives_a_fresh_dict_that_callers_may_change(settings):
    settings.CACHES = redis_cache_settings(dead_redis_url(), {})
    first = caches["default"].get_many(["version-token"])
    first["version-token"] = "a string the page cache adds"
    assert caches["renditions"].get_many(["wagtail-rendition-1"]) == {}


@pytest.mark.django_db
def test_a_site_migrated_with_redis_gets_its_cache_tables_from_the_next_migrate(settings):
    """Run without REDIS_URL after it was first migrated with it (or given another database
    cache), the site's caches are tables that its first migration never made: the `migrate`
    every upgrade runs makes them, and the cache works."""
    table = "site_cache_after_redis"
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table},
    }
    assert table not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert table in connection.introspection.table_names()
    caches["default"].set("greeting", "hello")
    assert caches["default"].get("greeting") == "hello"
