"""Excerpts around the words a reader searched for, HTML-escaped, with the matches in <mark>.

The database finds the documents (with PostgreSQL's English stemming); this module only shows
why they matched. It stems query words crudely (enough for "deploying" to light up
"deployment") and works the same on every database. It also says which of a query's words carry
no subject (stop words, and quality words like "best"), for the search steps and spelling
suggestions as much as for highlighting.
"""

import html
import re
from collections.abc import Iterable, Iterator

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD_RE = re.compile(r"\w+", re.UNICODE)
EXCERPT_WORDS = 32
# Longest first: the first suffix that leaves a stem of 3+ letters is removed.
SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ingly",
    "ings",
    "ing",
    "ions",
    "ion",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
)
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "how",
        "i",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "with",
        "you",
        "your",
    ]
)


# Words that say how good a result should be, not what it is about: "best course for beginners"
# searches for "course beginners" (unless nothing else is left), and a spelling suggestion never
# "corrects" them ("best" is not a typo of "test").
NOISE_WORDS = frozenset({"best", "top", "good", "great", "recommended", "free"})


def query_terms(query: str) -> list[str]:
    """The words of a query worth highlighting, lower-cased, without stop words."""
    seen, terms = set(), []
    for word in WORD_RE.findall(query.lower()):
        if word in STOPWORDS or word in seen or (len(word) < 2 and not word.isdigit()):
            continue
        seen.add(word)
        terms.append(word)
    return terms


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def terms_pattern(terms: list[str]) -> re.Pattern | None:
    stems = sorted({stem(term) for term in terms}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE
    )


def highlight(text: str, pattern: re.Pattern | None) -> SafeString:
    """Escape `text` and wrap every match of `pattern` in <mark>."""
    if pattern is None:
        return mark_safe(escape(text))  # noqa: S308 - escaped
    out, position = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped


# StreamField keys that hold no reader-visible text.
NOT_TEXT_KEYS = frozenset({"type", "id", "anchor", "course", "image", "url", "language"})


# A comment, or a tag: "<" then a letter, "/", "!" or "?", up to ">" (quoted attribute values
# may hold one). Rich text is the editor's own well-formed HTML, so this removes its tags as
# Django's strip_tags (an HTML parser, run until the text stops changing) would, at a fraction
# of the cost: a broad search reads whole guide bodies for its excerpts. What is left is
# escaped before it is shown.
TAG_RE = re.compile(r"<!--.*?-->|<[A-Za-z/!?](?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.DOTALL)


def text_pieces(value) -> Iterator[str]:
    """The readable strings of StreamField raw data (or any nested str/list/dict), in order,
    one at a time: an excerpt stops reading once it has its words."""
    if isinstance(value, str):
        # Rich text is stored as HTML: its entities become characters again here, and the
        # excerpt escapes each once (else a reader saw "&amp;" for "&").
        text = html.unescape(TAG_RE.sub("", value)).strip()
        if text:
            yield text
    elif isinstance(value, dict):
        for key, child in value.items():
            if key not in NOT_TEXT_KEYS:
                yield from text_pieces(child)
    elif isinstance(value, list | tuple):
        for child in value:
            yield from text_pieces(child)


def excerpt(
    text: str | Iterable[str], pattern: re.Pattern | None, words: int = EXCERPT_WORDS
) -> SafeString:
    """About `words` words of `text` around its first match, escaped and highlighted.

    `text` may be its pieces in order (`text_pieces`), joined by spaces: they are read only as
    far as the excerpt needs, so a long guide body is not turned to text to its end when the
    match is near its start. The excerpt is the same as from the whole text."""
    pieces = [text] if isinstance(text, str) else text
    tokens: list[str] = []
    first = 0 if pattern is None else None
    for piece in pieces:
        for token in piece.split():
            if first is None and pattern.search(token):
                first = len(tokens)
            tokens.append(token)
        # Enough once a token beyond the excerpt is known (the trailing " …" depends on it).
        if first is not None and len(tokens) > max(0, first - words // 4) + words:
            break
    if not tokens:
        return mark_safe("")
    first = first or 0
    start = max(0, first - words // 4)
    end = min(len(tokens), start + words)
    start = max(0, min(start, end - words))
    snippet = " ".join(tokens[start:end])
    html = highlight(snippet, pattern)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 - highlight() escaped it
