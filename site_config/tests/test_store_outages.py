"""A store that hangs, stops, loses its bucket or hides missing keys: readers are not held up,
degraded pages are cached nowhere, editors are told what is wrong."""

import contextlib
import signal
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from guides.body import image, section
from guides.factories import GuidePageFactory

from .media import png_bytes, upload_image
from .s3 import use_object_storage

Image = get_image_model()
Document = get_document_model()


@contextlib.contextmanager
def hang_guard(seconds: int):
    """Fails the test instead of hanging the suite when a regression waits on the store: the
    assertions themselves count store calls, this only bounds a broken run."""

    def hung(signum, frame):
        raise TimeoutError(f"still waiting on the object store after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def new_image(client) -> Image:
    return Image.objects.get(pk=upload_image(client, "harbour.png", png_bytes()).json()["image_id"])


@pytest.mark.django_db
def test_a_hung_store_costs_readers_one_short_call_then_the_breaker_skips_it(
    admin_client, category, s3_media
):
    # A guide whose image was never rendered: the first reader has to read the original.
    guide = GuidePageFactory(
        parent=category, hero_image=new_image(admin_client), hero_alt_text="The harbour"
    )
    proxy = s3_media.server.proxy
    proxy.hang()

    # The test store's own budget is 2 attempts x 5 s per call (s3.py), and the page makes
    # several calls: without the readers' budget and the breaker this takes well over 20 s.
    with hang_guard(20):
        first = Client().get(guide.url)
        second = Client().get(guide.url)
        ready = Client().get("/readyz")
        alive = Client().get("/healthz")

    assert first.status_code == 200 and second.status_code == 200
    assert "The harbour" not in first.content.decode()  # shown without its image
    # One connection, one attempt, for everything above: the first reader's read of the
    # original timed out once (AWS_S3_READER_TIMEOUT) and opened the breaker; the rest of that
    # page, the second reader and the readiness probe did not ask the store at all.
    assert proxy.held == 1
    assert ready.status_code == 503 and ready.json()["checks"]["storage"] == "unavailable"
    assert alive.status_code == 200


@pytest.mark.django_db
def test_a_missing_original_is_asked_for_once_per_page(admin_client, category, s3_media):
    original = new_image(admin_client)
    s3_media.server.client().delete_object(Bucket=s3_media.bucket, Key=original.file.name)
    # The hero, a body figure and the share image each want renditions of the same original.
    guide = GuidePageFactory(
        parent=category,
        hero_image=original,
        hero_alt_text="The harbour",
        body=[section("Pictures", image(original, "A map"))],
    )
    proxy = s3_media.server.proxy
    proxy.requests.clear()
    response = Client().get(guide.url)
    assert response.status_code == 200
    reads = [r for r in proxy.requests if r.endswith(original.file.name)]
    assert reads == [f"GET /{s3_media.bucket}/{original.file.name}"]
    # The store answered (404): the page is whole as far as the store can help, and cacheable.
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_a_page_rendered_without_its_images_is_cached_nowhere(
    admin_client, category, s3_media, s3_server, settings
):
    settings.PAGE_CACHE_ENABLED = True
    use_object_storage(settings, s3_server.environment(s3_media.bucket, AWS_S3_BREAKER_SECONDS="1"))
    guide = GuidePageFactory(
        parent=category, hero_image=new_image(admin_client), hero_alt_text="The harbour"
    )
    image_urls = f"/{s3_media.bucket}/images/"
    reader = Client()

    s3_media.server.proxy.down()
    degraded = reader.get(guide.url)
    assert degraded.status_code == 200
    assert image_urls not in degraded.content.decode()
    assert degraded["Cache-Control"] == "private, no-store"  # no CDN keeps it either
    assert "X-Page-Cache" not in degraded
    assert "X-Page-Cache" not in reader.get(guide.url)  # not served from the page cache

    s3_media.server.proxy.up()
    time.sleep(1.2)  # AWS_S3_BREAKER_SECONDS: readers try the store again after it
    whole = reader.get(guide.url)
    assert image_urls in whole.content.decode()
    assert whole["X-Page-Cache"] == "MISS"
    assert "s-maxage" in whole["Cache-Control"] and "private" not in whole["Cache-Control"]
    assert reader.get(guide.url)["X-Page-Cache"] == "HIT"


@pytest.mark.django_db
def test_an_upload_to_a_missing_bucket_says_the_bucket_does_not_exist(admin_client, s3_media):
    client = s3_media.server.client()
    client.delete_bucket_policy(Bucket=s3_media.bucket)
    client.delete_bucket(Bucket=s3_media.bucket)
    expected = f"The media bucket &#x27;{s3_media.bucket}&#x27; does not exist"

    response = upload_image(admin_client, "diagram.png", png_bytes())
    assert response.json()["success"] is False
    message = response.json()["error_message"]
    assert f"The media bucket '{s3_media.bucket}' does not exist" in message
    assert "ensure_media_bucket" in message and "not answering" not in message

    with transaction.atomic():
        form_post = admin_client.post(
            reverse("wagtaildocs:add"),
            {"title": "Week one syllabus", "file": SimpleUploadedFile("syllabus.pdf", b"%PDF-1.4")},
        )
    assert form_post.status_code == 200
    html = form_post.content.decode()
    assert expected in html and "Week one syllabus" in html  # the rest of the form is kept
    assert not Image.objects.exists() and not Document.objects.exists()


@pytest.mark.django_db
def test_a_store_answering_403_for_missing_keys_gets_a_clear_message(admin_client, s3_media):
    # As AWS answers a key without s3:ListBucket: every missing key is 403, not 404.
    s3_media.server.proxy.forbid_missing = True
    response = upload_image(admin_client, "diagram.png", png_bytes())
    assert response.json()["success"] is False
    message = response.json()["error_message"]
    assert f"refused access to the bucket '{s3_media.bucket}' (403 Forbidden)" in message
    assert "s3:ListBucket" in message and "not answering" not in message
    assert not Image.objects.exists()
    s3_media.server.proxy.forbid_missing = False
    assert s3_media.keys() == []
