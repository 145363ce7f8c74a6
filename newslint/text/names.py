"""Proper names in a story: where they are, how they are written, which ones look alike.

Shared by rules that compare the forms a story uses for one entity. Everything here is
linear in the article's length: tokens are read once from ``document.words`` and near
spellings are found by indexing deletion variants, never by comparing all pairs.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from newslint.text.lexicon import load_set

# Quotation marks: the first word of a quotation is capitalised by rule.
_QUOTES = "\"'“‘«"
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of off on or over per the to up via vs with".split()
)


def fold(text: str) -> str:
    """Lower case without diacritics: 'Erdoğan' and 'Erdogan' fold alike."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("ı", "i")


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def is_all_caps(text: str) -> bool:
    return text == text.upper() and sum(1 for c in text if c.isalpha()) >= 8


def strip_possessive(word: str) -> str:
    if word[-1:] not in ("s", "'", "’"):
        return word
    for tail in ("'s", "’s", "'", "’"):
        if word.endswith(tail) and len(word) > len(tail):
            return word[: -len(tail)]
    return word


def is_title_case_line(text: str) -> bool:
    """A one-line block whose content words are all capitalised: a headline or a label."""
    text = text.strip()
    if not text or "\n" in text or text.endswith(tuple(".!?")) and not text.endswith("..."):
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text)]
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(content) < 2:
        return False
    capital = sum(1 for w in content if w[0].isupper())
    return capital == len(content)


def heading_blocks(document) -> frozenset[int]:
    """Blocks written in headline style: the title, Markdown headings, Title Case lines and
    all-capitals blocks. Their capitals say nothing about how the story spells a name."""
    out = set()
    if document.title_block is not None:
        out.add(document.title_block)
    for index, block in enumerate(document.blocks):
        if block.kind == "heading" or is_title_case_line(block.text) or is_all_caps(block.text):
            out.add(index)
    return frozenset(out)


# Where a capital is forced: after a line break, a colon or a bullet, or after an opening
# quotation mark. The match ends where the word starts.
_FORCED_RE = re.compile(r"[\n:" + _QUOTES + r"][ \t" + _QUOTES + r"]*(?:[-*•][ \t]+)?(?=\w)")


class StoryWords:
    """The story's words as columns, one entry a word of ``document.words``.

    ``initial[i]``: its capital is forced (first word of a sentence, a quotation, a line or
    a list item, or after a colon); ``heading[i]``: it stands in a headline-style block;
    ``quoted[i]``: it is inside quotation marks; ``link[i]``: word i and word i + 1 are
    side by side with only a space (or one line break) between them.
    """

    def __init__(self, document) -> None:
        text = document.text
        words = document.words
        self.text = [w.text for w in words]
        self.start = [w.start for w in words]
        self.end = [w.end for w in words]
        forced = {s.start for s in document.sentences}
        forced.add(0)
        forced.update(m.end() for m in _FORCED_RE.finditer(text))
        self.initial = [s in forced for s in self.start]
        headings = heading_blocks(document)
        block_starts = [b.start for b in document.blocks]
        self.block = [max(0, bisect_right(block_starts, s) - 1) for s in self.start]
        self.heading = [b in headings for b in self.block] if headings else [False] * len(words)
        quotes = quoted_spans(document)
        if quotes:
            q_starts = [a for a, _ in quotes]
            q_ends = [b for _, b in quotes]
            at = [bisect_right(q_starts, s) - 1 for s in self.start]
            self.quoted = [k >= 0 and s < q_ends[k] for k, s in zip(at, self.start)]
        else:
            self.quoted = [False] * len(words)
        ends, starts = self.end, self.start
        self.link = [text[ends[i]:starts[i + 1]] in (" ", "\n") for i in range(len(words) - 1)] + [False]

    def __len__(self) -> int:
        return len(self.text)


def story_words(document) -> StoryWords:
    """The document's StoryWords, computed once and shared by the rules that ask."""
    cached = document.__dict__.get("_newslint_story_words")
    if cached is None:
        cached = document.__dict__["_newslint_story_words"] = StoryWords(document)
    return cached


def quoted_spans(document) -> list[tuple[int, int]]:
    """Prose spans inside double quotation marks, block by block.

    A straight mark opens when it follows a space and precedes a word, and closes
    otherwise; a quotation re-opened before it closed (a speaker's next paragraph, a
    quote that ran on) stays open, and one left open runs to the end of its block.
    """
    spans: list[tuple[int, int]] = []
    for block in document.blocks:
        text = block.text
        open_at = None
        for match in _QUOTE_RE.finditer(text):
            mark, at = match.group(0), match.start()
            if mark == '"':
                before = text[at - 1] if at else " "
                after = text[at + 1] if at + 1 < len(text) else " "
                opening = (before.isspace() or before in "([—–") and not after.isspace()
            else:
                opening = mark == "“"
            if opening:
                if open_at is None:
                    open_at = block.start + at
            elif open_at is not None:
                spans.append((open_at, block.start + at + 1))
                open_at = None
        if open_at is not None:
            spans.append((open_at, block.end))
    return spans


_QUOTE_RE = re.compile("[\"“”]")


# --- voting on forms -------------------------------------------------------------------

@dataclass
class Occurrence:
    """One place a form of an entity is written. ``ambiguous`` occurrences (a capital forced
    by the sentence start or a headline) agree with any form they could stand for."""

    start: int
    end: int
    form: str  # the form it stands for (a group's spelling of it)
    text: str  # as written
    initial: bool = False
    heading: bool = False


def first_letter_key(form: str) -> str:
    return form[:1].lower() + form[1:]


def title_key(form: str) -> str:
    return re.sub(r"(?<![\w'’])(\w)", lambda m: m.group(1).upper(), form)


def compatible(occurrence: Occurrence, form: str) -> bool:
    if occurrence.form == form:
        return True
    if occurrence.heading:
        return title_key(occurrence.text) == title_key(form)
    if occurrence.initial:
        return first_letter_key(occurrence.text) == first_letter_key(form)
    return False


@dataclass
class Vote:
    majority: str
    counts: dict[str, int]
    minority: list[Occurrence]  # occurrences that cannot stand for the majority form
    first: dict[str, int]  # first prose offset of each form


def vote(occurrences: list[Occurrence], prefer: Iterable[str] = ()) -> Vote | None:
    """The majority form among ``occurrences`` and the occurrences that differ from it.

    Only occurrences that can stand for exactly one form vote; a tie goes to the first of
    ``prefer`` that is tied, else to the form used first. None when the story is consistent.
    """
    forms: dict[str, int] = {}
    for occ in occurrences:
        forms.setdefault(occ.form, occ.start)
    if len(forms) < 2:
        return None
    counts = {f: 0 for f in forms}
    for occ in occurrences:
        fits = [f for f in forms if compatible(occ, f)]
        if len(fits) == 1:
            counts[fits[0]] += 1
    top = max(counts.values())
    if top == 0:
        return None
    tied = [f for f, c in counts.items() if c == top]
    majority = next((p for p in prefer if p in tied), None) or min(tied, key=lambda f: forms[f])
    minority = [occ for occ in occurrences if not compatible(occ, majority)]
    if not minority:
        return None
    return Vote(majority, counts, minority, forms)


# --- near spellings of one name -----------------------------------------------------

def deletion_keys(word: str) -> Iterator[str]:
    yield word
    for i in range(len(word)):
        yield word[:i] + word[i + 1:]


def one_edit_apart(a: str, b: str) -> bool:
    """Damerau distance exactly 1: one letter added, dropped, changed or two swapped."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1:] == b[i + 1:]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    return a[i:] == b[i + 1:]


_VOWELS = frozenset("aeiouy")


def edit_kind(a: str, b: str) -> str:
    """How two spellings one edit apart differ: 'double' (a doubled letter: Brennan, Brenan),
    'swap' (two letters swapped), 'vowel' (one vowel for another: Mohammed, Mohammad),
    'first' (the first letter), 'last' (the last letter changed), 'letter' (a letter
    added or dropped) or 'change' (another letter changed)."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if i == 0:
        return "first"
    if len(a) < len(b):  # b has one letter more, at i
        letter = b[i]
        return "double" if b[i - 1] == letter or (i + 1 < len(b) and b[i + 1] == letter) else "letter"
    if i + 1 < len(a) and a[i + 1:] != b[i + 1:]:
        return "swap"
    if i == len(a) - 1:
        return "last"
    return "vowel" if a[i] in _VOWELS and b[i] in _VOWELS else "change"


def near_pairs(keys: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Pairs of distinct keys one edit apart, found through a deletion-variant index."""
    index: dict[str, list[str]] = {}
    for key in sorted(set(keys)):
        for variant in set(deletion_keys(key)):
            index.setdefault(variant, []).append(key)
    seen = set()
    for bucket in index.values():
        if len(bucket) < 2 or len(bucket) > 8:
            continue
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                pair = (a, b) if a < b else (b, a)
                if pair not in seen and one_edit_apart(a, b):
                    seen.add(pair)
                    yield pair


@lru_cache(maxsize=None)
def not_names() -> frozenset[str]:
    """Capitalised words that are not names: months, days, titles, sentence openers."""
    return load_set("not_names.txt") | name_titles()


@lru_cache(maxsize=None)
def name_titles() -> frozenset[str]:
    """Titles written before a person's name: Mr, Ms, Dr, President, Senator."""
    return load_set("name_titles.txt")
