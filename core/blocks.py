"""Content primitives shared by every page type's StreamFields."""

import difflib
import re

from django.core.exceptions import ValidationError
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.admin.compare import BlockComparison, diff_text
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.embeds.blocks import EmbedValue
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from core.images import preset_specs
from core.templatetags.responsive_images import prefetch_renditions

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
        group = "Media"

    def get_preview_value(self):
        """The block picker shows the library's first image (by id), when it has one."""
        image = get_image_model().objects.order_by("pk").first()
        return self.normalize(
            {
                "image": image,
                "alt_text": image.default_alt_text if image else "",
                "caption": "An image with its caption, as readers see it.",
            }
        )

    def bulk_to_python(self, values):
        """Every image block of a page gets its renditions at once (`prefetch_renditions`),
        never a lookup per image (the block's template shows the "body_image" preset)."""
        values = super().bulk_to_python(values)
        prefetch_renditions([value["image"] for value in values], preset_specs("body_image"))
        return values


def unix_line_ends(text):
    """Text with LF line ends. Browsers submit a textarea's lines joined by CRLF (HTML's form
    submission normalises them so), which would otherwise be stored on every save."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if isinstance(text, str) else text


class MultilineTextBlock(blocks.TextBlock):
    """A TextBlock that stores LF line ends whatever the browser sends, so saving an untouched
    code sample or quote stores exactly what was there. strip=False keeps leading and trailing
    whitespace (a code sample's first indent, its final newline), which a form field strips."""

    def __init__(self, *args, strip=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_options["strip"] = strip

    def clean(self, value):
        if self.required and isinstance(value, str) and not value.strip():
            raise ValidationError(self.field.error_messages["required"])
        return super().clean(value)

    def value_from_form(self, value):
        return unix_line_ends(super().value_from_form(value))

    def to_python(self, value):
        # Text saved with CRLF before this block normalised it reads (and saves) as LF.
        return unix_line_ends(super().to_python(value))


class QuoteBlock(blocks.StructBlock):
    text = MultilineTextBlock(max_length=600)
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
    code = MultilineTextBlock(strip=False)

    def get_comparison_class(self):
        return CodeBlockComparison

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


def diff_lines(a: str, b: str):
    """Two texts compared line by line, for a <pre>: unchanged lines as they are, a changed
    line as the old line struck out above the new one. A word diff over a code sample runs its
    lines together and marks whole blocks for a change of line ends."""
    a_lines, b_lines = unix_line_ends(a or "").split("\n"), unix_line_ends(b or "").split("\n")
    lines = []
    matcher = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for op, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if op == "equal":
            lines.extend(escape(line) for line in a_lines[a_start:a_end])
            continue
        lines.extend(
            format_html('<span class="deletion">{}</span>', line) for line in a_lines[a_start:a_end]
        )
        lines.extend(
            format_html('<span class="addition">{}</span>', line) for line in b_lines[b_start:b_end]
        )
    return mark_safe("\n".join(lines))  # noqa: S308 - every line escaped above


class CodeBlockComparison(BlockComparison):
    """A code sample in the moderator's compare view: its language, then the code as code."""

    def _language(self, value):
        choices = dict(self.block.child_blocks["language"].field.choices)
        return choices.get(value["language"], value["language"]) or ""

    def htmlvalue(self, val):
        return format_html(
            '<p>{}</p><pre class="comparison__code">{}</pre>', self._language(val), val["code"]
        )

    def htmldiff(self):
        return format_html(
            '<p>{}</p><pre class="comparison__code">{}</pre>',
            diff_text(self._language(self.val_a), self._language(self.val_b)).to_html(),
            diff_lines(self.val_a["code"], self.val_b["code"]),
        )


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


# Which header cells readers see (the flags the template renders from) -> the editor's
# "Which cells should be displayed as headers?" choice.
TABLE_HEADER_CHOICES = {
    (True, True): "both",
    (True, False): "row",
    (False, True): "column",
    (False, False): "neither",
}


# How the compare view names each header choice.
TABLE_HEADER_LABELS = {
    "both": "Headers: first row and first column",
    "row": "Headers: first row",
    "column": "Headers: first column",
    "neither": "No header cells",
}


def _table_facts(value):
    value = value or {}
    flags = (
        bool(value.get("first_row_is_table_header")),
        bool(value.get("first_col_is_header")),
    )
    return (
        value.get("table_caption") or "",
        flags,
        [[cell or "" for cell in row] for row in value.get("data") or []],
    )


class TableBlockComparison(BlockComparison):
    """A table in the moderator's compare view: caption, which cells are headers, and the
    cells as a table (header cells as headers), each changed cell showing its old and new
    text."""

    def _render(self, caption, headers, flags, rows):
        first_row, first_col = flags

        def cells(r, row):
            for c, content in enumerate(row):
                if first_row and r == 0 and content:
                    yield format_html('<th scope="col">{}</th>', content)
                elif first_col and c == 0 and content:
                    yield format_html('<th scope="row">{}</th>', content)
                else:
                    yield format_html("<td>{}</td>", content)

        body = format_html_join(
            "\n",
            "<tr>{}</tr>",
            (
                (format_html_join("", "{}", ((c,) for c in cells(r, row))),)
                for r, row in enumerate(rows)
            ),
        )
        return format_html(
            '<p>{}</p><p>{}</p><table class="comparison__table"><tbody>{}</tbody></table>',
            caption,
            headers,
            body,
        )

    def htmlvalue(self, val):
        caption, flags, rows = _table_facts(val)
        return self._render(
            caption or "(no caption)", TABLE_HEADER_LABELS[TABLE_HEADER_CHOICES[flags]], flags, rows
        )

    def htmldiff(self):
        caption_a, flags_a, rows_a = _table_facts(self.val_a)
        caption_b, flags_b, rows_b = _table_facts(self.val_b)
        height = max(len(rows_a), len(rows_b))
        width = max((len(row) for row in rows_a + rows_b), default=0)

        def cell(rows, r, c):
            return rows[r][c] if r < len(rows) and c < len(rows[r]) else None

        rows = []
        for r in range(height):
            row = []
            for c in range(width):
                a, b = cell(rows_a, r, c), cell(rows_b, r, c)
                if a is None and b is not None:
                    row.append(format_html('<span class="addition">{}</span>', b))
                elif b is None and a is not None:
                    row.append(format_html('<span class="deletion">{}</span>', a))
                else:
                    row.append(diff_text(a or "", b or "").to_html())
            rows.append(row)
        return self._render(
            diff_text(caption_a, caption_b).to_html(),
            diff_text(
                TABLE_HEADER_LABELS[TABLE_HEADER_CHOICES[flags_a]],
                TABLE_HEADER_LABELS[TABLE_HEADER_CHOICES[flags_b]],
            ).to_html(),
            flags_b,
            rows,
        )


class TableBlock(WagtailTableBlock):
    def get_comparison_class(self):
        return TableBlockComparison

    def to_python(self, value):
        """The editor's header choice always says what readers see. Wagtail's form shows
        table_header_choice and, on save, rewrites the header flags from it alone, so a table
        whose flags and choice disagree (first column as header with the choice "row", or a
        pre-6.0 table with the first column only, which Wagtail reads as the unknown choice
        "col") would silently lose its row headers on an untouched save."""
        if value and ("first_row_is_table_header" in value or "first_col_is_header" in value):
            flags = (
                bool(value.get("first_row_is_table_header")),
                bool(value.get("first_col_is_header")),
            )
            value = {**value, "table_header_choice": TABLE_HEADER_CHOICES[flags]}
        return super().to_python(value)

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


class EmbedPreviewValue(EmbedValue):
    """The block picker's embed: a placeholder the size of a video player. A real EmbedValue
    would ask the provider (over the internet) for its HTML every time the picker opens."""

    def __init__(self):
        super().__init__("https://www.youtube.com/watch?v=example")

    @property
    def html(self):
        return format_html(
            '<div class="embed__placeholder"><p>{}</p></div>',
            "A video or other embed from YouTube, Vimeo and other providers plays here.",
        )


class EmbedBlock(WagtailEmbedBlock):
    class Meta:
        icon = "media"
        template = "components/embed_block.html"
        description = "A video or other embeddable content from a supported provider's URL."
        group = "Media"

    def get_preview_value(self):
        return EmbedPreviewValue()

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed_html"] = valid_embed_html(value.html) if value else ""
        return context


# Presentational iframe attributes that providers' oEmbed HTML still carries (YouTube's
# frameborder="0") and the HTML standard made obsolete: the Nu checker reports them as errors.
OBSOLETE_IFRAME_ATTRIBUTES = frozenset({"frameborder", "marginwidth", "marginheight", "scrolling"})
# An <iframe ...> start tag, quoted values kept whole (a ">" may sit inside one).
IFRAME_START_TAG = re.compile(r"""<iframe\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
# One attribute of a start tag: its name, then an optional quoted or bare value.
TAG_ATTRIBUTE = re.compile(r"""\s+([^\s=>/"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?""")


def _without_obsolete_attributes(tag: re.Match) -> str:
    return TAG_ATTRIBUTE.sub(
        lambda attr: "" if attr.group(1).lower() in OBSOLETE_IFRAME_ATTRIBUTES else attr.group(0),
        tag.group(0),
    )


def valid_embed_html(html: str) -> str:
    """A provider's embed HTML without the obsolete attributes of its iframe start tags; text
    and every other tag are left exactly as the provider sent them."""
    cleaned = IFRAME_START_TAG.sub(_without_obsolete_attributes, html or "")
    return mark_safe(cleaned)  # noqa: S308 - the provider's HTML, which Wagtail renders as is
