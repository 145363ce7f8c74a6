"""Word tokens with their offsets."""

from __future__ import annotations

import re
from typing import Iterator

# A word: letters/digits, with inner apostrophes, hyphens, dots (U.S., 3.5) and the
# object-replacement character parsers use for inline code.
WORD_RE = re.compile(r"[\w\uFFFC]+(?:[’'\-.][\w\uFFFC]+)*\.?", re.UNICODE)

_INITIALISM_RE = re.compile(r"(?:[A-Za-z]\.){2,}$")


def iter_words(text: str) -> Iterator[tuple[int, int]]:
    for match in WORD_RE.finditer(text):
        start, end = match.span()
        # Keep the final dot only on initialisms ("U.S."); a sentence's full stop is not
        # part of its last word.
        if text[end - 1] == "." and not _INITIALISM_RE.match(text[start:end]):
            end -= 1
        yield start, end


def normalise_quotes(text: str) -> str:
    return (
        text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        .replace("«", '"').replace("»", '"')
    )


def spaced(text: str, first, second) -> bool:
    """Whether only spaces (no punctuation, no line break) separate two word tokens."""
    gap = text[first.end:second.start]
    return bool(gap) and not gap.strip(" \t\u00a0")
