"""When the object store is down or hangs, readers still get pages; editors get a clear message."""

import logging
import signal

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from guides.body import image, section
from guides.factories import GuidePageFactory
from site_config.middleware import STORAGE_UNAVAILABLE_MESSAGE

from .media import png_bytes, upload_image
from .s3 import StallingServer, use_object_storage

Image = get_image_model()
Document = get_document_model()


@pytest.fixture
def reader():
    return Client()


def image_section(picture):
    return section("Pictures", image(picture, "A labelled diagram"))


@pytest.mark.django_db
def test_pages_keep_rendering_when_the_object_store_is_down(
    admin_client, reader, category, s3_media, caplog
):
    image = Image.objects.get(
        pk=upload_image(admin_client, "hero.png", png_bytes()).json()["image_id"]
    )
    guide = GuidePageFactory(parent=category, hero_image=image, hero_alt_text="The hero")
    assert reader.get(guide.url).status_code == 200  # renditions now exist
    hero_url = image.renditions.get(filter_spec="fill-1200x500|format-webp").url

    s3_media.server.proxy.down()
    caches["renditions"].clear()  # known only to the database now
    response = reader.get(guide.url)
    assert response.status_code == 200
    assert hero_url in response.content.decode()

    # A rendition that was never made cannot be made now: no image, a log line, not a 500.
    guide.body = [image_section(image)]
    guide.save_revision().publish()
    with caplog.at_level(logging.WARNING, logger="site_config.storage"):
        response = reader.get(guide.url)
    assert response.status_code == 200
    assert "The hero" in response.content.decode()
    assert any("Could not read original_images/" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_an_upload_while_the_object_store_is_down_says_so_and_saves_nothing(admin_client, s3_media):
    s3_media.server.proxy.down()

    # Django marks the open transaction for rollback when a save fails; outside tests that is
    # the request's own. Here an inner block stands in for it, so the test's checks can query.
    with transaction.atomic():
        response = upload_image(admin_client, "diagram.png", png_bytes())
    assert response.status_code == 200
    assert response.json() == {"success": False, "error_message": STORAGE_UNAVAILABLE_MESSAGE}
    assert not Image.objects.exists()

    with transaction.atomic():
        form_post = admin_client.post(
            reverse("wagtaildocs:add"),
            {"title": "Syllabus", "file": SimpleUploadedFile("syllabus.pdf", b"%PDF-1.4 notes")},
            follow=True,
        )
    assert form_post.status_code == 200
    assert STORAGE_UNAVAILABLE_MESSAGE in form_post.content.decode()
    assert not Document.objects.exists()

    s3_media.server.proxy.up()
    assert s3_media.keys() == []


@pytest.mark.django_db
def test_replacing_a_file_while_the_store_is_down_keeps_the_rest_of_the_edit(
    admin_client, s3_media
):
    image = Image.objects.get(
        pk=upload_image(admin_client, "hero.png", png_bytes()).json()["image_id"]
    )
    s3_media.server.proxy.down()
    with transaction.atomic():
        response = admin_client.post(
            reverse("wagtailimages:edit", args=(image.pk,)),
            {
                "title": "My carefully written new title",
                "tags": "diagrams",
                "collection": image.collection_id,
                "file": SimpleUploadedFile("new.png", png_bytes(80, 60), "image/png"),
                "focal_point_x": "",
                "focal_point_y": "",
                "focal_point_width": "",
                "focal_point_height": "",
            },
        )
    # The form comes back with the message on the file field and every other edit in place.
    assert response.status_code == 200
    html = response.content.decode()
    assert STORAGE_UNAVAILABLE_MESSAGE in html
    assert "My carefully written new title" in html
    assert Image.objects.values_list("title", flat=True).get(pk=image.pk) == image.title


@pytest.mark.django_db
def test_a_hanging_object_store_times_out_instead_of_holding_the_worker(
    admin_client, settings, s3_server
):
    stalled = StallingServer()
    environment = s3_server.environment(
        "media-stalled",
        AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{stalled.port}",
        AWS_S3_READ_TIMEOUT="0.5",
        AWS_S3_MAX_ATTEMPTS="2",
    )
    use_object_storage(settings, environment)

    def hung(signum, frame):
        raise TimeoutError("the upload hung on a stalled object store")

    # A guard so that a regression fails here instead of hanging the whole suite.
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        with transaction.atomic():
            response = upload_image(admin_client, "diagram.png", png_bytes())
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        stalled.close()
    assert response.json()["error_message"] == STORAGE_UNAVAILABLE_MESSAGE
    assert stalled.connections == 2  # AWS_S3_MAX_ATTEMPTS attempts, then it gives up
    assert not Image.objects.exists()
