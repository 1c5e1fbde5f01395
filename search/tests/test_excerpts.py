"""A result's excerpt reads a guide's body only as far as it needs, and says exactly what it
would say from the whole text."""

import pytest

from search import highlight

PATTERN = highlight.terms_pattern(["gannet"])


def body_pieces(count: int, match_at: int | None) -> list[str]:
    """`count` pieces of five words each; word number `match_at` (if any) is "gannets"."""
    words = [f"w{n}" for n in range(count * 5)]
    if match_at is not None:
        words[match_at] = "gannets"
    return [" ".join(words[n : n + 5]) for n in range(0, len(words), 5)]


# (pieces of five words, the matching word's position): short and long texts, a match at the
# start, around the edges of the excerpt (8 words before the match, 32 in all; a match at 11
# ends it on the last word of a piece) and near the end.
CASES = [
    (count, match_at)
    for count in (1, 6, 7, 40)
    for match_at in (None, 0, 3, 8, 9, 11, 13, 24, 31, 32, 33, 100, 170, 190, 199)
    if match_at is None or match_at < count * 5
]


@pytest.mark.parametrize(("count", "match_at"), CASES)
def test_an_excerpt_from_pieces_is_the_excerpt_of_the_whole_text(count, match_at):
    pieces = body_pieces(count, match_at)
    whole = " ".join(pieces)
    assert highlight.excerpt(iter(pieces), PATTERN) == highlight.excerpt(whole, PATTERN)
    assert highlight.excerpt(iter(pieces), None) == highlight.excerpt(whole, None)


def test_an_excerpt_stops_reading_once_it_has_its_words():
    read = []

    def pieces():
        for piece in body_pieces(200, match_at=12):
            read.append(piece)
            yield piece

    html = highlight.excerpt(pieces(), PATTERN)
    assert "<mark>gannets</mark>" in html
    assert html.endswith(" …")
    # The match is in the third piece; 32 words around it end in the ninth.
    assert len(read) < 12


def test_text_pieces_are_the_readable_strings_of_a_body_in_order():
    body = [
        {
            "type": "section",
            "id": "a1",
            "value": {
                "heading": "Where gannets nest",
                "anchor": "where-gannets-nest",
                "content": [
                    {
                        "type": "paragraph",
                        "id": "b2",
                        "value": "<p>On <b>cliffs</b> and stacks.</p>",
                    },
                    {"type": "image", "id": "c3", "value": {"image": 7, "caption": "A colony"}},
                    {"type": "course_list", "id": "d4", "value": {"items": [{"course": 9}]}},
                    {"type": "code", "id": "e5", "value": {"language": "python", "code": "x = 1"}},
                ],
            },
        }
    ]
    assert list(highlight.text_pieces(body)) == [
        "Where gannets nest",
        "On cliffs and stacks.",
        "A colony",
        "x = 1",
    ]


def test_characters_written_as_entities_in_rich_text_are_escaped_once():
    pieces = highlight.text_pieces([{"type": "paragraph", "value": "<p>Tom &amp; Jerry &lt;3</p>"}])
    assert highlight.excerpt(pieces, None) == "Tom &amp; Jerry &lt;3"


def test_tags_and_comments_go_and_comparisons_in_code_stay():
    pieces = highlight.text_pieces(
        [
            {
                "type": "paragraph",
                "value": '<p>See <a href="/x?a=1&amp;b=>2">the docs</a>.<br/></p>'
                "<!-- don't > show -->",
            },
            {"type": "code", "value": {"language": "python", "code": "if x < 10 and y > 5: pass"}},
        ]
    )
    assert list(pieces) == ["See the docs.", "if x < 10 and y > 5: pass"]
