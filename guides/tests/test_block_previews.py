"""The block picker's live previews (Wagtail's block preview view) show every block."""

import re

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail import blocks

from courses.factories import CourseFactory
from guides.models import GuidePage


def picker_blocks() -> dict[str, blocks.Block]:
    """Every block an editor can pick in a guide's body: the children of each stream, nested."""
    found, todo = {}, [GuidePage._meta.get_field("body").stream_block]
    while todo:
        block = todo.pop()
        if isinstance(block, blocks.StreamBlock):
            for name, child in block.child_blocks.items():
                found.setdefault(f"{block.__class__.__name__}.{name}", child)
        if isinstance(block, (blocks.StreamBlock, blocks.StructBlock)):
            todo.extend(block.child_blocks.values())
        elif isinstance(block, blocks.ListBlock):
            todo.append(block.child_block)
    return found


def preview(client, block) -> str:
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main>") + len("<main>") : html.index("</main>")]


def shows_something(content: str) -> bool:
    text = re.sub(r"<[^>]+>", " ", content).strip()
    return bool(text) or "<img" in content or "<iframe" in content


def test_the_picker_offers_every_block_type():
    kinds = {name.split(".")[1] for name in picker_blocks()}
    assert {"section", "course_list", "faq", "paragraph", "image", "embed", "table"} <= kinds


@pytest.mark.django_db
def test_every_block_preview_renders_with_content(admin_client, settings):
    # A preview must never ask an embed provider: no finder may reach the internet here.
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed", "providers": []}]
    wagtail_factories.ImageFactory(title="Django admin screenshot")
    CourseFactory(title="Web Application Technologies and Django")

    empty = {}
    for name, block in picker_blocks().items():
        assert block.is_previewable, name
        content = preview(admin_client, block)
        if not shows_something(content):
            empty[name] = content
    assert not empty, empty


@pytest.mark.django_db
def test_the_image_preview_uses_the_first_image_and_the_embed_preview_stays_offline(
    admin_client, settings
):
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed", "providers": []}]
    first = wagtail_factories.ImageFactory(title="First image")
    wagtail_factories.ImageFactory(title="Second image")
    body = picker_blocks()

    image = preview(admin_client, body["SectionContentBlock.image"])
    assert "<picture>" in image and 'alt="First image"' in image

    embed = preview(admin_client, body["SectionContentBlock.embed"])
    assert "embed__placeholder" in embed and "plays here" in embed
    assert first.renditions.exists()  # the image preview really rendered the image


@pytest.mark.django_db
def test_the_image_preview_without_any_image_still_renders(admin_client):
    # No image in the library: the block renders nothing rather than a broken image or an error.
    assert "<img" not in preview(admin_client, picker_blocks()["SectionContentBlock.image"])


def test_embeds_lose_the_iframe_attributes_html_no_longer_allows():
    from core.blocks import valid_embed_html

    html = (
        '<iframe width="560" src="https://www.youtube.com/embed/x" frameborder="0" '
        "scrolling='no' marginwidth=0 allowfullscreen></iframe>"
    )
    assert valid_embed_html(html) == (
        '<iframe width="560" src="https://www.youtube.com/embed/x" allowfullscreen></iframe>'
    )


def test_embed_cleaning_touches_only_iframe_start_tags():
    from core.blocks import valid_embed_html

    # Text that looks like an attribute stays, and a quoted value cannot be re-paired into
    # an event handler by cutting out part of it.
    text = '<p>Set frameborder="0" in old HTML.</p>'
    assert valid_embed_html(text) == text
    tricky = """<iframe title="a frameborder='x' b" src="https://example.com/e"></iframe>"""
    assert valid_embed_html(tricky) == tricky
    crafted = """<iframe a=" frameborder='" b='" onload=alert(1) c="'></iframe>"""
    assert valid_embed_html(crafted) == crafted
