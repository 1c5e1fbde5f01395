"""The one way code writes a guide's body: small builders, one per block of `guides/blocks.py`,
each returning the raw StreamField data Wagtail stores (`{"type": ..., "value": ...}`).

Factories, tests, the demo content and the content generator all build bodies here, so a
change to the body's blocks is made in `blocks.py` and here, and `guides/tests/test_body.py`
(which runs every builder's output through the blocks' own `to_python` and `clean`) says when
the two disagree. Rich text arguments are HTML, as the editor stores it; courses and images are
model instances.

    body = [
        section("What Django is", paragraph("<p>A web framework.</p>"), code("import django")),
        course_list([best, second], heading="Top Django courses"),
        faq([("Is Django free?", "<p>Yes.</p>")]),
    ]
"""

from core.blocks import TABLE_HEADER_CHOICES


def _block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value}


# The guide body's own blocks --------------------------------------------------------------


def section(heading: str, *content: dict, anchor: str = "") -> dict:
    """A titled section; `content` holds the section's blocks (paragraph(), code() ...), in
    order. Without an anchor the page derives one from the heading."""
    return _block("section", {"heading": heading, "anchor": anchor, "content": list(content)})


def course_list(courses, heading: str = "", notes=None) -> dict:
    """Courses ranked best first; `notes`, when given, holds the editor's note on each, in the
    same order. At the body's top level or inside a section."""
    courses = list(courses)
    notes = [""] * len(courses) if notes is None else list(notes)
    return _block(
        "course_list",
        {
            "heading": heading,
            "items": [
                {"course": course.pk, "note": note}
                for course, note in zip(courses, notes, strict=True)
            ],
        },
    )


def faq(questions, heading: str = "Frequently asked questions") -> dict:
    """Questions and answers: (question, answer HTML) pairs, in order."""
    return _block(
        "faq",
        {
            "heading": heading,
            "items": [{"question": question, "answer": answer} for question, answer in questions],
        },
    )


# What a section holds (course_list() above too) -------------------------------------------


def paragraph(html: str) -> dict:
    return _block("paragraph", html)


def image(image, alt_text: str, caption: str = "") -> dict:
    return _block("image", {"image": image.pk, "alt_text": alt_text, "caption": caption})


def quote(text: str, attribution: str = "") -> dict:
    return _block("quote", {"text": text, "attribution": attribution})


def code(source: str, language: str = "python") -> dict:
    return _block("code", {"language": language, "code": source})


def callout(html: str, tone: str = "tip") -> dict:
    """A tip, note or warning (`tone`)."""
    return _block("callout", {"tone": tone, "text": html})


def table(rows, caption: str = "", header_row: bool = True, header_column: bool = False) -> dict:
    """A table of `rows` (lists of cell text); the first row and the first column can head it."""
    return _block(
        "table",
        {
            # The editor's header choice is saved with the flags it sets: keep them in step.
            "table_header_choice": TABLE_HEADER_CHOICES[(header_row, header_column)],
            "first_row_is_table_header": header_row,
            "first_col_is_header": header_column,
            "table_caption": caption,
            "data": [list(row) for row in rows],
        },
    )


def embed(url: str) -> dict:
    return _block("embed", url)
