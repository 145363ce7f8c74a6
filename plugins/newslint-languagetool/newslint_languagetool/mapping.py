"""From LanguageTool's answer to newslint findings: categories, offsets, chunks, quotes.

Pure functions of text and numbers; nothing here talks to a server.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newslint import Finding
    from newslint.document import Block, Document

# LanguageTool category id -> newslint category. Anything not listed is "style".
CATEGORIES = {
    "TYPOS": "spelling",
    "CASING": "spelling",
    "COMPOUNDING": "spelling",
    "AMERICAN_ENGLISH_STYLE": "spelling",
    "BRITISH_ENGLISH": "spelling",
    "GRAMMAR": "grammar",
    "CONFUSED_WORDS": "grammar",
    "COLLOCATIONS": "grammar",
    "SEMANTICS": "grammar",
    "MISC": "grammar",  # a/an, repeated words, wrong weekday for a date
    "STYLE": "style",
    "REDUNDANCY": "style",
    "PLAIN_ENGLISH": "style",
    "TYPOGRAPHY": "typography",
    "PUNCTUATION": "typography",
}
DEFAULT_CATEGORY = "style"

# LanguageTool marks whitespace problems with this issue type; newslint has a category for them.
WHITESPACE_ISSUE = "whitespace"

# Default severity by newslint category; [rules."languagetool/<ID>"] severity overrides it.
SEVERITIES = {"spelling": "warning", "grammar": "warning"}
DEFAULT_SEVERITY = "info"

# LanguageTool rules that do a built-in rule's job. They are disabled on the server unless
# named in [languagetool] enabled_rules; even then, where the built-in rule reported an
# overlapping span the match is dropped (as is any match overlapping a core finding of the
# same category).
DUPLICATES = {
    "ENGLISH_WORD_REPEAT_RULE": ("doubled-word",),
    "EN_A_VS_AN": ("a-an",),
    "WHITESPACE_RULE": ("doubled-space", "trailing-whitespace"),
    "CONSECUTIVE_SPACES": ("doubled-space",),
}

_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_QUOTE_RE = re.compile('[\u201c\u201d"]')


def category_for(lt_category: str, issue_type: str, overrides: dict[str, str] | None = None) -> str:
    if overrides and lt_category in overrides:
        return overrides[lt_category]
    if issue_type == WHITESPACE_ISSUE:
        return "whitespace"
    return CATEGORIES.get(lt_category, DEFAULT_CATEGORY)


def severity_for(category: str) -> str:
    return SEVERITIES.get(category, DEFAULT_SEVERITY)


# --- offsets --------------------------------------------------------------------------
def utf16_len(text: str) -> int:
    """Length as LanguageTool (Java) counts it: characters beyond U+FFFF count two."""
    return len(text) + len(_ASTRAL_RE.findall(text))


def span_in_code_points(text: str, offset: int, length_utf16: int) -> tuple[int, int]:
    """(start, end) in code points of a match at code-point ``offset`` whose length
    LanguageTool gave in UTF-16 units (an emoji inside the match counts two)."""
    offset = max(0, min(offset, len(text)))
    end, units = offset, 0
    while end < len(text) and units < length_utf16:
        units += 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    return offset, end


# --- chunks ---------------------------------------------------------------------------
def _fit(text: str, start: int, end: int, limit: int) -> int:
    """The furthest index <= end such that text[start:index] is at most ``limit`` UTF-16 units."""
    index, units = start, 0
    while index < end:
        units += 2 if ord(text[index]) > 0xFFFF else 1
        if units > limit:
            break
        index += 1
    return max(index, start + 1)


def split_span(
    text: str, start: int, end: int, cuts: Sequence[int], limit: int
) -> list[tuple[int, int]]:
    """Split text[start:end] into pieces of at most ``limit`` UTF-16 units, cutting at the
    last of ``cuts`` (sentence ends, sorted) that fits, else at a space, else anywhere."""
    pieces: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        if utf16_len(text[pos:end]) <= limit:
            pieces.append((pos, end))
            break
        hard = _fit(text, pos, end, limit)
        i = bisect_right(cuts, hard) - 1
        cut = cuts[i] if i >= 0 and cuts[i] > pos else -1
        if cut == -1:
            space = text.rfind(" ", pos + 1, hard)
            cut = space if space > pos else hard
        pieces.append((pos, cut))
        pos = cut
        while pos < end and text[pos].isspace():
            pos += 1
    return pieces


def chunk_spans(document: Document, limit: int) -> list[tuple[int, int]]:
    """Prose spans to send, each at most ``limit`` UTF-16 units: whole runs of blocks where
    they fit, a block too long on its own split at sentence ends."""
    text = document.text
    chunks: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    size = 0
    for index, block in enumerate(document.blocks):
        if utf16_len(block.text) <= limit:
            pieces = [(block.start, block.end)]
        else:
            cuts = [s.end for s in document.sentences if s.block == index]
            pieces = split_span(text, block.start, block.end, cuts, limit)
        for start, end in pieces:
            if current is not None:
                grown = size + utf16_len(text[current[1] : end])
                if grown <= limit:
                    current, size = (current[0], end), grown
                    continue
                chunks.append(current)
            current, size = (start, end), utf16_len(text[start:end])
    if current is not None:
        chunks.append(current)
    return chunks


# --- quotes ---------------------------------------------------------------------------
def quoted_spans(blocks: Iterable[Block]) -> list[tuple[int, int]]:
    """Prose spans inside double quotation marks, block by block. A quote still open at the
    end of a paragraph runs to its end (news style reopens it in the next paragraph)."""
    spans: list[tuple[int, int]] = []
    for block in blocks:
        open_at: int | None = None
        for match in _QUOTE_RE.finditer(block.text):
            mark, at = match.group(), match.start()
            if open_at is None and mark in '\u201c"':
                open_at = at + 1
            elif open_at is not None and mark in '\u201d"':
                spans.append((block.start + open_at, block.start + at))
                open_at = None
        if open_at is not None:
            spans.append((block.start + open_at, block.end))
    return spans


def inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Is start:end within one of ``spans`` (sorted, non-overlapping)?"""
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


# --- duplicates of core findings ------------------------------------------------------
def duplicates_core(
    lt_rule: str, category: str, start: int, end: int, core: Iterable[Finding]
) -> bool:
    """Did a core rule already report this span? Same category and overlapping, or a core
    rule that does this LanguageTool rule's job (``DUPLICATES``) overlapping."""
    jobs = DUPLICATES.get(lt_rule, ())
    for finding in core:
        overlaps = (finding.start < end and start < finding.end) or (
            finding.start == start and finding.end == end
        )
        if overlaps and (finding.category == category or finding.rule in jobs):
            return True
    return False
