"""Saving a guide without touching it changes nothing.

Each test opens the editor over HTTP, submits the form exactly as the page renders it (the way
a browser sends it back, CRLF line ends included), and compares the stored revision with the
one before. The only accepted difference is Draftail's canonical form of rich text.
"""

import json

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail import blocks
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from courses.factories import CourseFactory
from guides.body import (
    callout,
    code,
    course_list,
    embed,
    faq,
    image,
    paragraph,
    quote,
    section,
    table,
)
from guides.factories import GuidePageFactory
from guides.models import GuidePage, RelatedGuide
from guides.tests.lossless import (
    assert_unchanged,
    list_items,
)
from tests.admin_forms import unchanged_edit_form

pytestmark = pytest.mark.django_db

EMBED_URL = "https://www.youtube.com/watch?v=lossless"


def save_unchanged(client, guide) -> tuple[dict, dict]:
    """The latest revision's content before and after pressing Save draft on the untouched
    editor."""
    guide.refresh_from_db()
    before = guide.get_latest_revision().content
    url = reverse("wagtailadmin_pages:edit", args=(guide.pk,))
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, unchanged_edit_form(page.content.decode(), GuidePage))
    assert response.status_code == 302, response.content.decode()[:3000]
    guide.refresh_from_db()
    after = guide.get_latest_revision().content
    return before, after


def block_types(block, seen=None, path=""):
    """Every block type reachable in a guide's body, as 'parent.child' paths."""
    seen = set() if seen is None else seen
    if isinstance(block, (blocks.BaseStreamBlock, blocks.BaseStructBlock)):
        children = block.child_blocks.items()
    elif isinstance(block, blocks.ListBlock):
        children = [("item", block.child_block)]
    else:
        return seen
    for name, child in children:
        seen.add(f"{path}{name}")
        block_types(child, seen, f"{path}{name}.")
    return seen


def used_types(block, raw, seen=None, path=""):
    seen = set() if seen is None else seen
    if isinstance(block, blocks.BaseStreamBlock):
        for child in raw:
            seen.add(f"{path}{child['type']}")
            used_types(
                block.child_blocks[child["type"]], child["value"], seen, f"{path}{child['type']}."
            )
    elif isinstance(block, blocks.BaseStructBlock):
        for name, child in block.child_blocks.items():
            seen.add(f"{path}{name}")
            used_types(child, raw.get(name), seen, f"{path}{name}.")
    elif isinstance(block, blocks.ListBlock):
        for value, _id in list_items(raw):
            seen.add(f"{path}item")
            used_types(block.child_block, value, seen, f"{path}item.")
    return seen


@pytest.fixture
def every_block_guide(category):
    screenshot = wagtail_factories.ImageFactory(title="Admin screenshot")
    Embed.objects.create(
        hash=get_embed_hash(EMBED_URL),
        url=EMBED_URL,
        type="video",
        html='<iframe src="https://www.youtube.com/embed/lossless" title="Demo"></iframe>',
        width=640,
        height=360,
    )
    first, second = CourseFactory(title="Course one"), CourseFactory(title="Course two")
    guide = GuidePageFactory(
        parent=category,
        title="Every block",
        standfirst="Two lines:\nthe second one.",
        search_description="For search engines,\non two lines.",
        body=[
            section(
                "Everything a section holds",
                paragraph("<h3>A heading</h3><p>Text with <b>bold</b> and <code>x</code>.</p>"),
                image(screenshot, "The admin", caption="Admin"),
                quote("First line\nsecond line", attribution="Someone"),
                code("def f():\n    return 1\n\n\nprint(f())\n"),
                callout("<p>Mind the <i>gap</i>.</p>", tone="warning"),
                table(
                    [["", "Django"], ["ORM", "Built in"], ["Admin", None]],
                    caption="Frameworks",
                    header_column=True,
                ),
                embed(EMBED_URL),
                course_list(
                    [second, first], heading="Inside", notes=["Second, inside", "First, inside"]
                ),
                anchor="everything",
            ),
            course_list([first, second], heading="Best first", notes=["The best", ""]),
            faq([("Why?", "<p>Because.\n</p>"), ("How?", "<p><b>Carefully</b></p>")]),
        ],
    )
    guide.tags.set(["python", "django", "web"])
    neighbour = GuidePageFactory(parent=category, title="Neighbour")
    guide.related_links.add(RelatedGuide(guide=neighbour))
    guide.save_revision().publish()
    return guide


def test_the_every_block_guide_uses_every_block_type_a_guide_offers(every_block_guide):
    body_block = GuidePage.body.field.stream_block
    raw = list(every_block_guide.body.raw_data)
    assert used_types(body_block, raw) == block_types(body_block)


def test_saving_every_block_type_unchanged_changes_nothing(client, editor, every_block_guide):
    client.force_login(editor)
    before, after = save_unchanged(client, every_block_guide)
    assert_unchanged(before, after)
    # Twice: what the first save stored must survive the next one exactly, rich text too.
    again_before, again_after = save_unchanged(client, every_block_guide)
    assert again_after["body"] == again_before["body"]
    assert [tag.name for tag in every_block_guide.get_latest_revision_as_object().tags.all()] == [
        "python",
        "django",
        "web",
    ]


def test_saving_every_demo_guide_unchanged_changes_nothing(client, editor, demo_site):
    client.force_login(editor)
    guides = GuidePage.objects.order_by("pk")
    assert guides.count() >= 7
    for guide in guides:
        before, after = save_unchanged(client, guide)
        assert_unchanged(before, after)


@pytest.mark.parametrize(
    "stored",
    [
        # The demo loader's tables before it said "both": the choice disagrees with the flags.
        {
            "table_header_choice": "row",
            "first_row_is_table_header": True,
            "first_col_is_header": True,
        },
        # A table stored before Wagtail 6 had the choice: first column only.
        {"first_row_is_table_header": False, "first_col_is_header": True},
    ],
)
def test_an_untouched_save_keeps_the_row_headers_readers_see(client, editor, category, stored):
    table = {
        **stored,
        "table_caption": "Frameworks",
        "data": [["Django", "Full"], ["Flask", "Small"]],
    }
    guide = GuidePageFactory(
        parent=category, body=[section("Compared", {"type": "table", "value": table})]
    )
    guide.save_revision().publish()
    client.force_login(editor)
    save_unchanged(client, guide)
    stored_table = json.loads(guide.get_latest_revision().content["body"])[0]["value"]["content"][0]
    assert stored_table["value"]["first_col_is_header"] is True
    assert stored_table["value"]["first_row_is_table_header"] is stored["first_row_is_table_header"]

    guide.get_latest_revision().publish()
    html = client.get(guide.url).content.decode()
    assert '<th scope="row">Flask</th>' in html
