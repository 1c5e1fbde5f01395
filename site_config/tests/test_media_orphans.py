"""Objects left in the bucket by an outage are logged one way, then found and removed."""

import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from guides.factories import GuidePageFactory

from .media import png_bytes, upload_document, upload_image

Image = get_image_model()
Document = get_document_model()


def orphans(*args, answer=None, monkeypatch=None) -> str:
    out = StringIO()
    if answer is not None:
        monkeypatch.setattr("builtins.input", lambda prompt: answer)
    call_command("media_orphans", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_objects_left_behind_by_an_outage_are_logged_listed_and_deleted(
    admin_client, category, s3_media, caplog, monkeypatch, django_capture_on_commit_callbacks
):
    kept = Image.objects.get(
        pk=upload_image(admin_client, "kept.png", png_bytes()).json()["image_id"]
    )
    doomed = Image.objects.get(
        pk=upload_image(admin_client, "doomed.png", png_bytes()).json()["image_id"]
    )
    guide = GuidePageFactory(parent=category, hero_image=kept, body=[])
    assert Client().get(guide.url).status_code == 200  # renditions of the kept image
    document = Document.objects.get(
        pk=upload_document(admin_client, "notes.txt", b"Week one.\n").json()["doc_id"]
    )
    client = s3_media.server.client()
    client.put_object(Bucket=s3_media.bucket, Key="documents/stray.pdf", Body=b"%PDF-1.4")
    client.put_object(Bucket=s3_media.bucket, Key="backups/not-ours.sql", Body=b"--")
    referenced = {kept.file.name, document.file.name}
    referenced |= set(kept.renditions.values_list("file", flat=True))

    # The store goes away while an editor deletes an image: the row goes, the object stays.
    s3_media.server.proxy.down()
    with (
        caplog.at_level(logging.WARNING, logger="site_config.storage.orphans"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert admin_client.post(f"/admin/images/{doomed.pk}/delete/").status_code == 302
    s3_media.server.proxy.up()
    assert not Image.objects.filter(pk=doomed.pk).exists()
    left = [r.getMessage() for r in caplog.records if r.name == "site_config.storage.orphans"]
    assert any(
        message.startswith(f"Left behind in media storage: {doomed.file.name} (the delete failed")
        for message in left
    ), left

    listing = orphans()
    expected = {doomed.file.name, "documents/stray.pdf"}
    listed = {line.split("\t")[0] for line in listing.splitlines() if "\t" in line}
    assert listed == expected
    assert "2 objects no row refers to; 0 older than 24 hours." in listing

    # The age guard: nothing is young enough to be an upload in progress only if asked.
    assert "Nothing to delete." in orphans("--delete", "--yes")
    # Asked, and answered no.
    refused = orphans("--delete", "--older-than", "0", answer="n", monkeypatch=monkeypatch)
    assert "Nothing deleted." in refused
    assert set(s3_media.keys()) >= expected

    assert "Deleted 2 objects." in orphans("--delete", "--older-than", "0", "--yes")
    assert set(s3_media.keys()) == referenced | {"backups/not-ours.sql"}
    assert "0 objects no row refers to" in orphans()


def test_media_orphans_refuses_clearly_when_media_is_local(db):
    with pytest.raises(CommandError, match="AWS_STORAGE_BUCKET_NAME is not set"):
        call_command("media_orphans")
