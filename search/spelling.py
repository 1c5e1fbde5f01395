"""Spelling suggestions from the words readers can see: "djnago tutoral" -> "django tutorial"."""

import difflib

from django.conf import settings
from taggit.models import Tag

from courses.models import Topic
from guides.models import GuideIndexPage

from . import caching, highlight
from .visibility import reader_courses, reader_guides


def _build_vocabulary() -> list[str]:
    titles = list(reader_guides().values_list("title", flat=True))
    titles += list(reader_courses().values_list("title", flat=True))
    # Only what readers can see: a suggestion must not spell out a restricted page's words.
    titles += list(GuideIndexPage.objects.live().public().values_list("title", flat=True))
    titles += list(
        Tag.objects.filter(guides_guidepagetag_items__content_object__in=reader_guides())
        .distinct()
        .values_list("name", flat=True)
    )
    titles += list(Topic.objects.values_list("name", flat=True))
    return sorted(
        {
            word
            for title in titles
            for word in highlight.WORD_RE.findall(title.lower())
            if len(word) > 2 and not word.isdigit()
        }
    )


def vocabulary() -> frozenset[str]:
    """The words of every live title, tag, topic and category: what a suggestion may use.
    Cached for SEARCH_VOCABULARY_CACHE_SECONDS (it changes only when content does)."""
    seconds = settings.SEARCH_VOCABULARY_CACHE_SECONDS
    return frozenset(caching.versioned("vocabulary", (), seconds, _build_vocabulary))


def suggest_spelling(query: str) -> str:
    """A corrected query ("djnago tutoral" -> "django tutorial"), or "" when none is better."""
    words = highlight.query_terms(query)
    if not words or len(words) > 8:
        return ""
    known = vocabulary()
    if not known:
        return ""
    corrected, changed = [], False
    for word in words:
        if word in known or word in highlight.NOISE_WORDS or word.isdigit() or len(word) < 3:
            corrected.append(word)
            continue
        nearby = [w for w in known if abs(len(w) - len(word)) <= 2]
        close = difflib.get_close_matches(word, nearby, n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(corrected) if changed else ""
