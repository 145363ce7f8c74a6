"""Sentence splitting tuned for news copy.

Handles titles and ranks (Mr, Gov., Lt. Col.), months (Nov. 5), initials (J. K. Rowling),
initialisms (U.S., U.N.), decimals (3.5%), quotes that close a sentence, ellipses, and
bulleted lines inside one paragraph. Returns offsets, not strings, so rules can report
exact positions.
"""

from __future__ import annotations

import re

from newslint.text.lexicon import load_set

_BOUNDARY_RE = re.compile(r"(?:\.{3}|…|[.!?]+)[\"'”’)\]]*(?=\s)")
_LIST_LINE_RE = re.compile(r"\n(?=[ \t]*(?:[-*•]|\d+[.)])\s)")
_PREV_WORD_RE = re.compile(r"([\w.’'-]+)$")
_NEXT_RE = re.compile(r"\s+([\"'“‘(\[]*)(\S)")
_INITIALISM_RE = re.compile(r"(?:[A-Za-z]\.){2,}$")

# After an initialism ("U.S.") only a word that clearly opens a sentence starts a new one.
_SENTENCE_OPENERS = frozenset(
    "the he she it they we i but and in a an this that there its his her their "
    "mr mrs ms dr however meanwhile yet so on at for if when while after before".split()
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``; whitespace between sentences is left out."""
    cuts: list[int] = []
    titles = load_set("abbreviations.txt")
    companies = load_set("company_abbreviations.txt")
    for match in _BOUNDARY_RE.finditer(text):
        end = match.end()
        nxt = _NEXT_RE.match(text, end)
        if nxt is None:
            continue
        first = nxt.group(2)
        if not (first.isupper() or first.isdigit()) and not nxt.group(1):
            continue
        mark = match.group(0)
        if mark.startswith(".") and not mark.startswith("..."):
            prev = _PREV_WORD_RE.search(text, 0, match.start())
            word = prev.group(1) if prev else ""
            bare = word.rstrip(".").lower()
            if bare in titles:
                continue
            if len(word) == 1 and word.isupper():
                continue  # an initial: "J. Smith"
            next_word = re.match(r"[\w’']+", text[nxt.start(2):])
            nw = next_word.group(0).lower() if next_word else ""
            if _INITIALISM_RE.match(word + ".") and nw not in _SENTENCE_OPENERS:
                continue
            if bare in companies and not first.isupper():
                continue
        cuts.append(end)
    for match in _LIST_LINE_RE.finditer(text):
        cuts.append(match.start())
    cuts.sort()

    spans: list[tuple[int, int]] = []
    start = 0
    for cut in cuts + [len(text)]:
        if cut <= start:
            continue
        segment = text[start:cut]
        lead = len(segment) - len(segment.lstrip())
        body = segment.strip()
        if body:
            spans.append((start + lead, start + lead + len(body)))
        start = cut
    return spans
