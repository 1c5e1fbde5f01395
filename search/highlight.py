"""Excerpts around the words a reader searched for, HTML-escaped, with the matches in <mark>.

The database finds the documents (with PostgreSQL's English stemming); this module only shows
why they matched. It stems query words crudely (enough for "deploying" to light up
"deployment") and works the same on every database.
"""

import re

from django.utils.html import escape, strip_tags
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


def plain_text(value) -> str:
    """Readable text from StreamField raw data (or any nested str/list/dict)."""
    parts: list[str] = []

    def walk(node):
        if isinstance(node, str):
            text = strip_tags(node).strip()
            if text:
                parts.append(text)
        elif isinstance(node, dict):
            for key, child in node.items():
                if key not in {"type", "id", "anchor", "course", "image", "url", "language"}:
                    walk(child)
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)

    walk(value)
    return " ".join(" ".join(parts).split())


def excerpt(text: str, pattern: re.Pattern | None, words: int = EXCERPT_WORDS) -> SafeString:
    """About `words` words of `text` around its first match, escaped and highlighted."""
    tokens = text.split()
    if not tokens:
        return mark_safe("")
    first = 0
    if pattern is not None:
        for index, token in enumerate(tokens):
            if pattern.search(token):
                first = index
                break
    start = max(0, first - words // 4)
    end = min(len(tokens), start + words)
    start = max(0, min(start, end - words))
    snippet = " ".join(tokens[start:end])
    html = highlight(snippet, pattern)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 - highlight() escaped it
