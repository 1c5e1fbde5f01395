"""What an unchanged save must leave as it was: a guide's stored body in its canonical form,
compared leaf by leaf. Shared by the lossless-save tests and the editor's browser test."""

import json
import re
from unittest.mock import ANY

from wagtail import blocks

from guides.models import GuidePage

# Bookkeeping a save rewrites by design; everything else in a revision must survive it.
BOOKKEEPING = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "live_revision",
    "last_published_at",
    "first_published_at",  # set by the first publish, which may follow the revision
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
}
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def list_items(raw):
    """A ListBlock's stored items as (value, id): items stored before Wagtail gave them ids are
    plain values."""
    for item in raw:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            yield item["value"], item.get("id")
        else:
            yield item, None


def canonical_body(block, raw):
    """The stored body as it must read after an unchanged save: rich text in Draftail's
    canonical form (what the editor's converter makes of it), everything else as it is.
    Blocks and list items stored without an id get one on save (Wagtail's own format); which
    id does not matter, so it compares as ANY."""
    if isinstance(block, blocks.BaseStreamBlock):
        return [
            {
                "type": child["type"],
                "value": canonical_body(block.child_blocks[child["type"]], child["value"]),
                "id": child.get("id") or ANY,
            }
            for child in raw
        ]
    if isinstance(block, blocks.ListBlock):
        return [
            {"type": "item", "value": canonical_body(block.child_block, value), "id": id or ANY}
            for value, id in list_items(raw)
        ]
    if isinstance(block, blocks.BaseStructBlock):
        return {
            name: canonical_body(block.child_blocks[name], value)
            if name in block.child_blocks
            else value
            for name, value in raw.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        converter = block.field.widget.converter
        return converter.to_database_format(converter.from_database_format(raw))
    return raw


def differences(expected, actual, path="") -> list[str]:
    """Where two stored values differ, one line per leaf, so a failure names the block."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return [
            line
            for key in expected.keys() | actual.keys()
            for line in differences(expected.get(key), actual.get(key), f"{path}.{key}")
        ]
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [
            line
            for index, (e, a) in enumerate(zip(expected, actual, strict=True))
            for line in differences(e, a, f"{path}[{index}]")
        ]
    if isinstance(expected, str) and isinstance(actual, str):
        # Draftail's block keys are random for text it had not seen before.
        expected, actual = BLOCK_KEY.sub("", expected), BLOCK_KEY.sub("", actual)
    return [] if expected == actual else [f"{path}: {expected!r} became {actual!r}"]


def assert_unchanged(before, after):
    body_block = GuidePage.body.field.stream_block
    expected_body = canonical_body(body_block, json.loads(before["body"]))
    changed = differences(expected_body, json.loads(after["body"]), "body")
    # A revision saved before the page's first publish holds its child objects (tag links,
    # related guides) unnumbered; the database numbers them on publish, so only a number
    # already given must stay.
    before = {
        key: [{**item, "pk": item["pk"] or ANY} for item in value]
        if isinstance(value, list)
        and all(isinstance(item, dict) and "pk" in item for item in value)
        else value
        for key, value in before.items()
    }
    fields = (before.keys() | after.keys()) - BOOKKEEPING - {"body"}
    changed += differences({k: before.get(k) for k in fields}, {k: after.get(k) for k in fields})
    assert not changed, "\n".join(changed)
