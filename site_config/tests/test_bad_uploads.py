"""Bad files uploaded in the admin get a clear error and never reach the object store."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .media import png_bytes, png_declaring_size, truncated_jpeg, upload_document, upload_image

Image = get_image_model()
Document = get_document_model()

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("holiday.jpg", b"This is a text file, not a photo.\n" * 20, "Upload a valid image"),
        ("empty.png", b"", "The submitted file is empty"),
        ("bomb.png", png_declaring_size(100_000, 100_000), "pixels"),
        ("drawing.svg", SVG_WITH_SCRIPT, "Not a supported image format"),
        ("cut-off.jpg", truncated_jpeg(), "Upload a valid image"),
    ],
    ids=[
        "not-an-image-named-jpg",
        "zero-bytes",
        "decompression-bomb",
        "svg-with-script",
        "truncated-jpeg",
    ],
)
def test_a_bad_image_is_refused_with_a_clear_message(
    admin_client, s3_media, name, content, message
):
    response = upload_image(admin_client, name, content)
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert message in response.json()["error_message"]
    assert not Image.objects.exists()
    assert s3_media.keys() == []


INVALID_IMAGE = "Upload a valid image"


@pytest.mark.django_db
def test_a_truncated_photo_on_the_add_page_is_a_form_error_that_keeps_the_title(
    admin_client, s3_media
):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Harbour at dawn, carefully captioned",
            "tags": "harbours",
            "file": SimpleUploadedFile("cut-off.jpg", truncated_jpeg(), "image/jpeg"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert INVALID_IMAGE in html
    assert "Harbour at dawn, carefully captioned" in html
    assert not Image.objects.exists()
    assert s3_media.keys() == []


@pytest.mark.django_db
def test_a_truncated_photo_in_the_choosers_upload_tab_is_a_form_error(admin_client, s3_media):
    response = admin_client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Harbour at dawn",
            "image-chooser-upload-file": SimpleUploadedFile(
                "cut-off.jpg", truncated_jpeg(), "image/jpeg"
            ),
        },
    )
    assert response.status_code == 200
    payload = response.json()
    assert payload["step"] == "reshow_creation_form"
    assert INVALID_IMAGE in payload["htmlFragment"]
    assert "Harbour at dawn" in payload["htmlFragment"]
    assert not Image.objects.exists()
    assert s3_media.keys() == []


@pytest.mark.django_db
def test_an_oversized_image_is_refused(admin_client, s3_media, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    response = upload_image(admin_client, "large.png", png_bytes(400, 400))
    assert response.json()["success"] is False
    assert "This file is too big" in response.json()["error_message"]
    assert not Image.objects.exists()
    assert s3_media.keys() == []


@pytest.mark.django_db
def test_a_document_that_a_browser_could_run_is_refused(admin_client, s3_media):
    for name in ("page.html", "drawing.svg"):
        response = upload_document(admin_client, name, SVG_WITH_SCRIPT)
        assert response.json()["success"] is False
        assert "File extension" in response.json()["error_message"]
    assert not Document.objects.exists()
    assert s3_media.keys() == []


@pytest.mark.django_db
def test_a_file_name_with_dot_dot_and_unicode_is_stored_under_a_safe_name(admin_client, s3_media):
    response = upload_image(admin_client, "../../etc/Café ☕ déjà.png", png_bytes())
    assert response.json()["success"] is True
    image = Image.objects.get()
    assert image.file.name.startswith("original_images/")
    assert ".." not in image.file.name
    assert image.file.name.isascii()
    assert s3_media.keys() == [image.file.name]
