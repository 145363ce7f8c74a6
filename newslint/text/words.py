"""Word tokens with their offsets."""

from __future__ import annotations

import re
from typing import Iterator

# A word: letters/digits, with inner apostrophes, hyphens and dots (3.5, e-mail), and the
# object-replacement character parsers use for inline code. An initialism keeps its final
# dot ("U.S."); a sentence's full stop is never part of its last word.
WORD_RE = re.compile(r"(?:[A-Za-z]\.){2,}(?![\w\uFFFC])|[\w\uFFFC]+(?:[’'\-.][\w\uFFFC]+)*")


# The same words, each with the text before it, so that one C-level ``findall`` yields
# everything needed to place them (Document.words builds its list this way).
GAP_AND_WORD_RE = re.compile(r"([^\w\uFFFC]*)(" + WORD_RE.pattern + ")")


def iter_words(text: str) -> Iterator[tuple[int, int]]:
    for match in WORD_RE.finditer(text):
        yield match.span()


def normalise_quotes(text: str) -> str:
    return (
        text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        .replace("«", '"').replace("»", '"')
    )


def spaced(text: str, first, second) -> bool:
    """Whether only spaces (no punctuation, no line break) separate two word tokens."""
    gap = text[first.end:second.start]
    return bool(gap) and not gap.strip(" \t\u00a0")
