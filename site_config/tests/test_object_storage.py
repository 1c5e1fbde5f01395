"""Images, documents and renditions in a real S3 server (SeaweedFS), as people meet them."""

import json
import time
import uuid
from io import StringIO

import pytest
import requests
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from guides.body import image, paragraph, section
from guides.factories import GuidePageFactory

from .media import png_bytes, upload_document, upload_image
from .s3 import use_object_storage

Image = get_image_model()
Document = get_document_model()


@pytest.fixture
def reader():
    """An anonymous visitor (the root conftest's admin_client logs in the shared `client`)."""
    return Client()


def uploaded_image(client, name="diagram.png"):
    response = upload_image(client, name, png_bytes())
    assert response.status_code == 200
    assert response.json()["success"] is True
    return Image.objects.get(pk=response.json()["image_id"])


def guide_with_images(category, hero, body_images=(), title="Images in storage"):
    blocks = [image(picture, "A diagram") for picture in body_images]
    return GuidePageFactory(
        parent=category,
        title=title,
        hero_image=hero,
        hero_alt_text="The hero",
        body=[section("Pictures", paragraph("<p>Look.</p>"), *blocks)],
    )


@pytest.mark.django_db
def test_an_uploaded_image_and_its_renditions_are_objects_in_the_bucket(
    admin_client, reader, category, s3_media
):
    image = uploaded_image(admin_client)
    original = image.file.name
    assert original.startswith("original_images/")
    assert s3_media.head(original)["ContentType"] == "image/png"
    assert s3_media.get(original) == png_bytes()

    guide = guide_with_images(category, image)
    html = reader.get(guide.url).content.decode()

    hero = image.renditions.get(filter_spec="fill-1200x500|format-webp")
    assert hero.file.name.startswith("images/")
    assert s3_media.head(hero.file.name)["ContentType"] == "image/webp"
    # Readers load renditions from a stable public URL: no signature, and it serves the bytes.
    assert hero.url in html and "X-Amz-Signature" not in hero.url
    public = requests.get(hero.url, timeout=10)
    assert public.status_code == 200 and public.headers["Content-Type"] == "image/webp"
    # Originals stay private: the bare URL is refused.
    bare_original = f"{s3_media.server.direct_endpoint}/{s3_media.bucket}/{original}"
    assert requests.get(bare_original, timeout=10).status_code == 403


@pytest.mark.django_db
def test_a_document_download_redirects_to_a_signed_url_that_serves_it_and_expires(
    admin_client, reader, s3_media, s3_server, settings
):
    response = upload_document(admin_client, "course-notes.txt", b"Week one: models and views.\n")
    assert response.json()["success"] is True
    document = Document.objects.get(pk=response.json()["doc_id"])
    assert s3_media.keys("documents/") == [document.file.name]

    download = reader.get(document.url)
    assert download.status_code == 302
    assert "no-store" in download["Cache-Control"] and "private" in download["Cache-Control"]
    signed = download["Location"]
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=300" in signed
    fetched = requests.get(signed, timeout=10)
    assert fetched.status_code == 200 and fetched.content == b"Week one: models and views.\n"

    # Without a signature the object store refuses the private document.
    unsigned = signed.split("?")[0]
    assert requests.get(unsigned, timeout=10).status_code == 403

    # A signed URL stops working once it expires.
    use_object_storage(settings, s3_server.environment(s3_media.bucket, AWS_QUERYSTRING_EXPIRE="1"))
    short_lived = reader.get(document.url)["Location"]
    assert "X-Amz-Expires=1" in short_lived
    time.sleep(2.2)
    assert requests.get(short_lived, timeout=10).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content_type", "disposition"),
    [
        ("notes.txt", "text/plain", "inline"),
        ("timetable.csv", "text/csv", "attachment"),
        (
            "syllabus.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "attachment",
        ),
    ],
)
def test_documents_are_served_with_the_type_of_their_extension_not_the_browsers(
    admin_client, reader, s3_media, name, content_type, disposition
):
    # A browser (or an attacker) claims text/html for a file carrying a script.
    payload = b"<script>alert(document.domain)</script>\n"
    response = upload_document(admin_client, name, payload, content_type="text/html")
    assert response.json()["success"] is True
    document = Document.objects.get(pk=response.json()["doc_id"])

    stored = s3_media.head(document.file.name)
    assert stored["ContentType"] == content_type
    assert stored["ContentDisposition"] == disposition
    fetched = requests.get(reader.get(document.url)["Location"], timeout=10)
    assert fetched.status_code == 200 and fetched.content == payload
    assert fetched.headers["Content-Type"] == content_type
    assert "text/html" not in fetched.headers["Content-Type"]


@pytest.mark.django_db
def test_a_restricted_document_is_checked_by_wagtail_before_any_redirect(
    admin_client, reader, s3_media
):
    response = upload_document(admin_client, "staff-only.txt", b"Internal.\n")
    document = Document.objects.get(pk=response.json()["doc_id"])
    private = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document.collection = private
    document.save()

    anonymous = reader.get(document.url)
    assert anonymous.status_code == 302
    assert "X-Amz-Signature" not in anonymous["Location"]
    assert "/login/" in anonymous["Location"]
    editor = admin_client.get(document.url)
    assert "X-Amz-Signature=" in editor["Location"]


@pytest.mark.django_db
def test_deleting_an_image_removes_its_original_and_renditions(
    admin_client, reader, category, s3_media, django_capture_on_commit_callbacks
):
    image = uploaded_image(admin_client)
    reader.get(guide_with_images(category, image).url)
    assert s3_media.keys("original_images/") and s3_media.keys("images/")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/images/{image.pk}/delete/")
    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()
    assert s3_media.keys() == []


@pytest.mark.django_db
def test_deleting_a_document_removes_its_object(
    admin_client, s3_media, django_capture_on_commit_callbacks
):
    response = upload_document(admin_client, "old-syllabus.txt", b"Out of date.\n")
    document = Document.objects.get(pk=response.json()["doc_id"])
    assert s3_media.keys("documents/") == [document.file.name]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/documents/delete/{document.pk}/")
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert s3_media.keys() == []


def test_ensure_media_bucket_refuses_clearly_when_media_is_local():
    with pytest.raises(CommandError, match="AWS_STORAGE_BUCKET_NAME is not set"):
        call_command("ensure_media_bucket")


@pytest.mark.django_db
def test_ensure_media_bucket_creates_a_missing_bucket_with_public_renditions_only(
    s3_server, settings
):
    bucket = f"fresh-{uuid.uuid4().hex[:12]}"
    use_object_storage(settings, s3_server.environment(bucket))
    out = StringIO()
    call_command("ensure_media_bucket", stdout=out)
    assert f"Media bucket {bucket} is ready" in out.getvalue()
    policy = json.loads(s3_server.client().get_bucket_policy(Bucket=bucket)["Policy"])
    [statement] = policy["Statement"]
    # The server may hand back a one-item list as a plain string.
    assert statement["Resource"] in (
        [f"arn:aws:s3:::{bucket}/images/*"],
        f"arn:aws:s3:::{bucket}/images/*",
    )
    assert statement["Action"] in (["s3:GetObject"], "s3:GetObject")


@pytest.mark.django_db
def test_a_warm_page_view_sends_nothing_to_the_object_store_and_its_query_count_is_flat(
    admin_client, reader, category, s3_media
):
    images = [uploaded_image(admin_client, f"figure-{n}.png") for n in range(4)]
    one = guide_with_images(category, images[0], images[:1], title="One figure")
    four = guide_with_images(category, images[0], images, title="Four figures")
    reader.get(one.url)  # cold: renditions are generated and stored
    reader.get(four.url)

    proxy = s3_media.server.proxy
    before = proxy.bytes_from_clients
    with CaptureQueriesContext(connection) as one_queries:
        assert reader.get(one.url).status_code == 200
    with CaptureQueriesContext(connection) as four_queries:
        html = reader.get(four.url).content.decode()
    assert proxy.bytes_from_clients == before, "a warm page view talked to the object store"
    assert html.count(f"/{s3_media.bucket}/images/") >= 5
    assert len(four_queries) == len(one_queries)
