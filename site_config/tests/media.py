"""Helpers for the media tests: image bytes and admin uploads."""

import io
import random
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage


def png_bytes(width: int = 64, height: int = 48, colour=(200, 60, 30)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    """A photo cut off half-way: its header (and size) read fine, its pixels do not decode."""
    noise = random.Random(7)
    image = PILImage.new("RGB", (400, 300))
    image.putdata([(noise.randrange(256),) * 3 for _ in range(400 * 300)])
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    return buffer.getvalue()[: len(buffer.getvalue()) // 2]


def png_declaring_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims enormous dimensions: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def upload_image(client, name: str, content: bytes, content_type: str = "image/png"):
    """Upload through the admin's "Add images" page, as the browser's uploader does."""
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content, content_type=content_type)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def upload_document(
    client, name: str, content: bytes, content_type: str = "application/octet-stream"
):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content, content_type=content_type)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
