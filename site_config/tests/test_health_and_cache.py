"""/healthz and /readyz for the load balancer, and a site that outlives its Redis cache."""

import logging

import pytest
from django.test import Client

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
