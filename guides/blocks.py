"""StreamField blocks that make up a guide: sections, ranked course lists and FAQs."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.models import CourseIndexPage
from home.blocks import (
    CalloutBlock,
    CodeBlock,
    EmbedBlock,
    ImageBlock,
    ParagraphBlock,
    QuoteBlock,
    TableBlock,
)


class CourseListItemBlock(blocks.StructBlock):
    course = SnippetChooserBlock("courses.Course")
    note = blocks.CharBlock(
        label="Editor's note",
        required=False,
        max_length=300,
        help_text="Why this course is here; shown under the course's own review.",
    )

    class Meta:
        icon = "pick"
        label = "Course"


class CourseListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=150)
    items = blocks.ListBlock(CourseListItemBlock(), min_num=1, label="Courses, best first")

    class Meta:
        icon = "list-ol"
        template = "components/course_list_block.html"
        description = "A ranked list of courses with their provider, rating and review."
        group = "Courses"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # A retired (unpublished) course silently drops out; the ranks close up behind it.
        request = (parent_context or {}).get("request")
        catalogue = CourseIndexPage.live_catalogue(request)
        context["ranked_items"] = [
            {
                "course": item["course"],
                "note": item["note"],
                "page_url": catalogue.course_url(item["course"]) if catalogue else "",
            }
            for item in value["items"]
            if item["course"] is not None and item["course"].live
        ]
        return context

    def get_preview_value(self):
        from courses.models import Course

        courses = Course.objects.live()[:3]
        return self.normalize(
            {
                "heading": "Top courses",
                "items": [{"course": course, "note": ""} for course in courses],
            }
        )


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
        max_length=80,
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

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        seen = {}
        for index, child in enumerate(value):
            if child.block_type != "section" or not child.value["anchor"]:
                continue
            anchor = child.value["anchor"]
            if anchor in seen:
                errors[index] = StructBlockValidationError(
                    block_errors={
                        "anchor": ValidationError(
                            f"Section {seen[anchor] + 1} already uses the anchor “{anchor}”. "
                            "Choose another or leave it empty."
                        )
                    }
                )
            else:
                seen[anchor] = index
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value


def fill_section_anchors(body) -> None:
    """Give every section without an anchor one derived from its heading, unique on the page."""
    sections = [child for child in body if child.block_type == "section"]
    used = {child.value["anchor"] for child in sections if child.value["anchor"]}
    for child in sections:
        if child.value["anchor"]:
            continue
        base = slugify(child.value["heading"])[:70] or "section"
        anchor, suffix = base, 2
        while anchor in used:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        child.value["anchor"] = anchor
        used.add(anchor)
