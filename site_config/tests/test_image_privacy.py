"""Nothing a reader can fetch from the bucket carries photo metadata or a full-size original."""

import io
import re

import pytest
import requests
from django.test import Client
from PIL import ExifTags
from PIL import Image as PILImage
from wagtail.images import get_image_model

from guides.factories import GuidePageFactory

from .media import upload_image

Image = get_image_model()


def photo_with_location() -> bytes:
    """A 400x300 JPEG from a camera held upright (EXIF orientation 6: turn it 90° to view), with
    the camera's make and model and the GPS position where it was taken."""
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS 5D Mark IV"
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 300), (40, 120, 200)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


@pytest.mark.django_db
def test_no_public_object_carries_the_photos_location_or_camera(admin_client, category, s3_media):
    response = upload_image(admin_client, "holiday.jpg", photo_with_location(), "image/jpeg")
    image = Image.objects.get(pk=response.json()["image_id"])
    # The original keeps its metadata, and stays private.
    assert b"Canon" in s3_media.get(image.file.name)

    # An editor opens the image, a reader opens a guide that shows it.
    edit_page = admin_client.get(f"/admin/images/{image.pk}/")
    assert edit_page.status_code == 200
    html = edit_page.content.decode()
    # The link to the original is signed and short-lived: the original stays private.
    link = re.search(r'href="([^"]*original_images/[^"]*)"', html)[1].replace("&amp;", "&")
    assert "X-Amz-Signature=" in link
    assert requests.get(link, timeout=10).content == s3_media.get(image.file.name)
    guide = GuidePageFactory(parent=category, hero_image=image, hero_alt_text="The harbour")
    assert Client().get(guide.url).status_code == 200

    # No full-size copy of the original was published.
    assert not image.renditions.filter(filter_spec="original").exists()
    public = s3_media.keys("images/")
    assert not any(".original." in key for key in public)
    assert len(public) >= 3  # the uploader's thumbnail, the edit page's preview, the hero

    upright = {r.file.name for r in image.renditions.filter(filter_spec__startswith="max-")}
    assert upright, "the admin's thumbnail and preview were made"
    for key in public:
        fetched = requests.get(
            f"{s3_media.server.direct_endpoint}/{s3_media.bucket}/{key}", timeout=10
        )
        assert fetched.status_code == 200, key  # anyone can fetch it
        exif = PILImage.open(io.BytesIO(fetched.content)).getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo), key
        assert ExifTags.Base.Make not in exif and ExifTags.Base.Model not in exif, key
        assert b"Canon" not in fetched.content, key
        if key in upright:
            # Orientation kept: the pixels were turned upright before the tag was dropped.
            width, height = PILImage.open(io.BytesIO(fetched.content)).size
            assert height > width, key
    # The edit page gives the size without a rendition of the original: its upright size.
    assert "300x400" in html
