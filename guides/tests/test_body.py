"""The body builders (guides/body.py) against the blocks (guides/blocks.py): every block has a
builder, and what each builder writes is what Wagtail itself stores for that block and passes
the block's own validation. A change to the blocks breaks this test, not the demo."""

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from courses.factories import CourseFactory
from guides import body as build
from guides.models import GuidePage

pytestmark = pytest.mark.django_db

EMBED_URL = "https://www.youtube.com/watch?v=builder"


def without_ids(stored):
    """Stored body data without the ids Wagtail gives blocks and list items on save."""
    if isinstance(stored, list):
        return [
            without_ids(
                item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
            )
            for item in stored
        ]
    if isinstance(stored, dict):
        return {key: without_ids(value) for key, value in stored.items() if key != "id"}
    return stored


@pytest.fixture
def stream_block():
    return GuidePage._meta.get_field("body").stream_block


@pytest.fixture
def every_block():
    """A body with every block the builders make, at every level it may sit."""
    # Stored as Wagtail stores what a provider answered, so validating the embed asks no one.
    Embed.objects.create(
        hash=get_embed_hash(EMBED_URL), url=EMBED_URL, type="video", html="<iframe></iframe>"
    )
    best, second = CourseFactory(), CourseFactory()
    image = wagtail_factories.ImageFactory()
    return [
        build.section(
            "Everything a section holds",
            build.paragraph("<p>Text with <b>bold</b>.</p>"),
            build.image(image, "The admin", caption="Admin"),
            build.quote("First line\nsecond line", attribution="Someone"),
            build.code("def f():\n    return 1\n", language="python"),
            build.callout("<p>Mind the gap.</p>", tone="warning"),
            build.table([["", "Django"], ["ORM", "Built in"]], caption="Frameworks"),
            build.embed(EMBED_URL),
            build.course_list([second, best], heading="Inside", notes=["Second", "Best"]),
            anchor="everything",
        ),
        build.course_list([best, second]),
        build.faq([("Why?", "<p>Because.</p>"), ("How?", "<p>Carefully.</p>")]),
    ]


def test_every_block_of_a_guide_body_has_a_builder(stream_block, every_block):
    section_content = stream_block.child_blocks["section"].child_blocks["content"]
    assert {child["type"] for child in every_block} == set(stream_block.child_blocks)
    assert {child["type"] for child in every_block[0]["value"]["content"]} == set(
        section_content.child_blocks
    )


def test_what_the_builders_write_is_what_wagtail_stores_and_valid(stream_block, every_block):
    value = stream_block.to_python(every_block)
    stream_block.clean(value)
    assert without_ids(stream_block.get_prep_value(value)) == every_block


@pytest.mark.parametrize(
    "content",
    [
        lambda: build.code("print(1)", language="cobol"),
        lambda: build.callout("<p>Careful.</p>", tone="shout"),
        lambda: build.image(wagtail_factories.ImageFactory(), ""),
    ],
    ids=["unknown language", "unknown tone", "image without alt text"],
)
def test_the_blocks_refuse_what_a_builder_was_given_wrong(stream_block, content):
    value = stream_block.to_python([build.section("Wrong", content())])
    with pytest.raises(ValidationError):
        stream_block.clean(value)


def test_a_course_list_takes_one_note_per_course():
    course = CourseFactory()
    with pytest.raises(ValueError):
        build.course_list([course], notes=["One", "Two"])
