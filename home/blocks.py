"""Content primitives shared by every page type's StreamFields."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.images.blocks import ImageChooserBlock

INLINE_FEATURES = ["bold", "italic", "link", "code"]
PARAGRAPH_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "code", "document-link"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "components/paragraph_block.html"
        description = "Body text with headings, lists, links and inline code."
        preview_value = (
            "<p>Django ships with an ORM, an admin, authentication and form handling, "
            "so a team can spend its first week on the product instead of the plumbing.</p>"
        )
        group = "Text"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe what the image shows for readers who cannot see it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "components/image_block.html"
        description = "An image with required alternative text and an optional caption."
        preview_value = {"alt_text": "A diagram", "caption": "Pick an image to preview it."}
        group = "Media"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=150)

    class Meta:
        icon = "openquote"
        template = "components/quote_block.html"
        description = "A pull quote with who said it."
        preview_value = {
            "text": "Ship something small to a real URL before you start the next tutorial.",
            "attribution": "A senior Django developer",
        }
        group = "Text"


class CodeBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(
        choices=[
            ("python", "Python"),
            ("bash", "Shell"),
            ("html", "HTML / templates"),
            ("javascript", "JavaScript"),
            ("sql", "SQL"),
            ("text", "Plain text"),
        ],
        default="python",
    )
    code = blocks.TextBlock()

    class Meta:
        icon = "code"
        template = "components/code_block.html"
        description = "A code sample shown in a monospaced, scrollable box."
        preview_value = {
            "language": "python",
            "code": "from django.db import models\n\n\nclass Post(models.Model):\n"
            "    title = models.CharField(max_length=200)\n",
        }
        group = "Text"


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[("tip", "Tip"), ("note", "Note"), ("warning", "Warning")], default="tip"
    )
    text = blocks.RichTextBlock(features=INLINE_FEATURES)

    class Meta:
        icon = "warning"
        template = "components/callout_block.html"
        description = "A highlighted tip, note or warning set apart from the text."
        preview_value = {
            "tone": "tip",
            "text": "<p>Read the official docs for the parts you just used.</p>",
        }
        group = "Text"


class TableBlock(WagtailTableBlock):
    class Meta:
        icon = "table"
        template = "components/table_block.html"
        description = "A data table with an optional header row and caption."
        preview_value = {
            "table_header_choice": "row",
            "first_row_is_table_header": True,
            "table_caption": "Framework comparison",
            "data": [["Framework", "Best for"], ["Django", "Full web apps"], ["FastAPI", "APIs"]],
        }
        group = "Text"


class EmbedBlock(WagtailEmbedBlock):
    class Meta:
        icon = "media"
        template = "components/embed_block.html"
        description = "A video or other embeddable content from a supported provider's URL."
        preview_value = None
        group = "Media"
