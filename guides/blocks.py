"""StreamField blocks that make up a guide: sections, ranked course lists and FAQs."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from core.blocks import (
    CalloutBlock,
    CodeBlock,
    EmbedBlock,
    ImageBlock,
    ParagraphBlock,
    QuoteBlock,
    TableBlock,
)
from courses.blocks import CourseListBlock

# Every id a guide page renders outside its sections: templates/base.html ("main", the skip
# link's target), includes/header.html (the search box), pages/guide_page.html (the table of
# contents and the footer's headings), components/faq_block.html, and Wagtail's userbar for
# signed-in editors. Keep this in step with those templates.
PAGE_IDS = frozenset(
    {
        "main",
        "site-search-q",
        "toc-heading",
        "faq-heading",
        "related-heading",
        "more-heading",
        "wagtail-userbar-template",
        "wagtail-userbar-items",
        "wagtail-userbar-trigger",
    }
)
# components/section_block.html gives a section id="<anchor>" and its heading this suffix.
HEADING_ID_SUFFIX = "-heading"
ANCHOR_MAX_LENGTH = 80


def section_ids(anchor: str) -> set[str]:
    """The ids a section with this anchor puts on the page."""
    return {anchor, f"{anchor}{HEADING_ID_SUFFIX}"}


def is_reserved_anchor(anchor: str) -> bool:
    """True when a section with this anchor would repeat an id the page itself uses."""
    return bool(section_ids(anchor) & PAGE_IDS)


class SectionContentBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    code = CodeBlock()
    callout = CalloutBlock()
    table = TableBlock()
    embed = EmbedBlock()
    course_list = CourseListBlock()


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=150)
    anchor = blocks.CharBlock(
        required=False,
        max_length=ANCHOR_MAX_LENGTH,
        help_text="The link target for the table of contents. Leave empty to derive it "
        "from the heading.",
    )
    content = SectionContentBlock()

    def get_searchable_content(self, value):
        # The anchor is a URL fragment, not words a reader searches for.
        return self.child_blocks["heading"].get_searchable_content(
            value.get("heading")
        ) + self.child_blocks["content"].get_searchable_content(value.get("content"))

    class Meta:
        icon = "doc-full"
        template = "components/section_block.html"
        description = "A titled section of the guide; it appears in the table of contents."
        preview_value = {
            "heading": "What Django actually is",
            "anchor": "what-django-is",
            "content": [
                (
                    "paragraph",
                    "<p>A batteries-included Python web framework for database-backed sites.</p>",
                )
            ],
        }
        group = "Structure"

    def clean(self, value):
        value = super().clean(value)
        anchor = value.get("anchor") or ""
        if anchor and slugify(anchor) != anchor:
            raise StructBlockValidationError(
                block_errors={
                    "anchor": ValidationError(
                        "Use lowercase letters, numbers and hyphens only, e.g. "
                        f"“{slugify(anchor) or 'getting-started'}”."
                    )
                }
            )
        if anchor and is_reserved_anchor(anchor):
            raise StructBlockValidationError(
                block_errors={
                    "anchor": ValidationError(
                        f"“{anchor}” is taken by the page itself (its main content, table of "
                        "contents, FAQ or footer). Choose another, e.g. "
                        f"“{anchor}-section”, or leave it empty."
                    )
                }
            )
        return value


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul", "code"])

    class Meta:
        icon = "help"
        label = "Question"


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Frequently asked questions", max_length=150)
    items = blocks.ListBlock(FAQItemBlock(), min_num=1, label="Questions")

    def get_searchable_content(self, value):
        # Readers type "faq" for "frequently asked questions": index the abbreviation too.
        return ["FAQ"] + super().get_searchable_content(value)

    class Meta:
        icon = "help"
        template = "components/faq_block.html"
        description = "Questions and answers, shown as expandable items."
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [
                {
                    "question": "Do I need to know Python first?",
                    "answer": "<p>Yes: classes, functions and modules at least.</p>",
                }
            ],
        }
        group = "Structure"


class GuideBodyBlock(blocks.StreamBlock):
    section = SectionBlock()
    course_list = CourseListBlock()
    faq = FAQBlock()

    class Meta:
        block_counts = {"faq": {"max_num": 1}}
        # A long guide opens as a list of its sections, each headed by its title: an editor
        # opens the one to change. Laying out every section's fields and editors at once made
        # the edit page slow to become usable (bench/editor.py). Blocks added in the editor
        # open expanded, and a block with an error stays open.
        collapsed = True

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        # Each section puts two ids on the page (see section_ids): "intro" and "intro-heading".
        # Two sections clash when they share either one, e.g. anchors "intro-heading" and "intro".
        owners = {}
        for index, child in enumerate(value):
            if child.block_type != "section" or not child.value["anchor"]:
                continue
            anchor = child.value["anchor"]
            shared = sorted(section_ids(anchor) & owners.keys())
            if shared:
                other_index, other_anchor = owners[shared[0]]
                message = f"Section {other_index + 1} already uses the anchor “{other_anchor}”"
                if other_anchor != anchor:
                    message += f", so the page would show the id “{shared[0]}” twice"
                errors[index] = StructBlockValidationError(
                    block_errors={
                        "anchor": ValidationError(f"{message}. Choose another or leave it empty.")
                    }
                )
            else:
                for page_id in section_ids(anchor):
                    owners[page_id] = (index, anchor)
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value


def fill_section_anchors(body) -> None:
    """Give every section an anchor whose ids (see section_ids) are unique on the page and none
    of the page's own ids (PAGE_IDS). A section without an anchor gets one derived from its
    heading. The admin refuses an explicit anchor that clashes; one that reaches here anyway
    (saved by code, or stored before the page had that id) gets the next free variant of it, so
    the page never repeats an id and the skip link never lands inside a section."""
    sections = [child for child in body if child.block_type == "section"]
    taken = set(PAGE_IDS)
    needing = []
    for child in sections:
        anchor = child.value["anchor"]
        if anchor and slugify(anchor) == anchor and not section_ids(anchor) & taken:
            taken |= section_ids(anchor)
        else:
            needing.append(child)
    for child in needing:
        base = slugify(child.value["anchor"] or child.value["heading"])
        base = base[: ANCHOR_MAX_LENGTH - 10].strip("-") or "section"
        anchor, suffix = base, 2
        while section_ids(anchor) & taken:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        child.value["anchor"] = anchor
        taken |= section_ids(anchor)
