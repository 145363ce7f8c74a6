"""Proper names in a story: where they are, how they are written, which ones look alike.

Shared by rules that compare the forms a story uses for one entity. Everything here is
linear in the article's length: tokens are read once from ``document.words`` and near
spellings are found by indexing deletion variants, never by comparing all pairs.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from collections import Counter
from itertools import chain, compress, count
from operator import attrgetter, itemgetter, ne
from typing import Iterable, Iterator

from newslint.text.lexicon import load_set
from newslint.text.quotes import BlockQuotes

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


_SMALL_ASCII_RE = re.compile("[a-z]")


def is_all_caps(text: str) -> bool:
    if _SMALL_ASCII_RE.search(text):
        return False  # found at once in ordinary copy, where upper() would copy it all
    return text == text.upper() and sum(1 for c in text if c.isalpha()) >= 8


def strip_possessive(word: str) -> str:
    if word[-1:] not in ("s", "'", "’"):
        return word
    for tail in ("'s", "’s", "'", "’"):
        if word.endswith(tail) and len(word) > len(tail):
            return word[: -len(tail)]
    return word


_SENTENCE_ENDS = (".", "!", "?")
_LINE_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


def is_title_case_line(text: str) -> bool:
    """A one-line block whose content words are all capitalised: a headline or a label."""
    text = text.rstrip()  # most blocks end a sentence: know that before copying anything
    if not text or text.endswith(_SENTENCE_ENDS) and not text.endswith("..."):
        return False
    text = text.lstrip()
    if "\n" in text:
        return False
    content = 0
    for match in _LINE_WORD_RE.finditer(text):
        word = match.group()
        if word.lower() in _SMALL_WORDS:
            continue
        if not word[0].isupper():
            return False  # a paragraph shows this within its first few words
        content += 1
    return content >= 2


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
_START = itemgetter(0)
_SENTENCE_START = attrgetter("start")
# Characters that are upper case yet unchanged by lower() (letterlike and mathematical
# symbols, Unicode 14): a word holding one is capitalised although it equals its lower case.
_CASELESS_CAPITALS_RE = re.compile("[\u03d2-\u03d4\u2102-\u2145\U0001d400-\U0001d7ff\U0001f130-\U0001f189]")
_NON_ASCII_WORD_RE = re.compile("[^\\W\x00-\x7f]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")


def _may_hold_caseless_capitals(text: str) -> bool:
    if text.isascii():
        return False
    try:
        text.encode("latin-1")  # fast, and all such characters lie beyond Latin-1
    except UnicodeEncodeError:
        return _CASELESS_CAPITALS_RE.search(text) is not None
    return False


class TokenMemo(dict):
    """Answers that depend only on a token's spelling, worked out once per distinct token
    and shared across stories (a story repeats its tokens, a corpus its vocabulary).
    ``memo[token]`` computes a missing answer; ``memo.get`` does not."""

    def __init__(self, compute) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, token: str):
        value = self[token] = self._compute(token)
        return value


_MEMOS: list[TokenMemo] = []
_MEMO_LIMIT = 200_000


def token_memo(compute) -> TokenMemo:
    """A new TokenMemo that ``trim_memos`` empties with all the others."""
    memo = TokenMemo(compute)
    _MEMOS.append(memo)
    return memo


def trim_memos() -> None:
    """Empty every TokenMemo together once one has grown past its limit (a long-running
    process meets an open-ended vocabulary). Called between stories, never during one, so
    memos that index each other stay consistent."""
    if any(len(m) > _MEMO_LIMIT for m in _MEMOS):
        for memo in _MEMOS:
            memo.clear()


class StoryWords:
    """What several checks ask about the words of one story, answered by word index ``i``
    into ``document.words`` and worked out on demand, so that a check pays for the words it
    looks at rather than for every word of the story.

    ``initial(i)``: its capital is forced (first word of a sentence, a quotation, a line or
    a list item, or after a colon); ``heading[i]``: it stands in a headline-style block;
    ``quoted(i)``: it is inside quotation marks; ``link(i)``: word i and word i + 1 are side
    by side with only a space (or one line break) between them; ``upper``: the indices of
    the words holding a capital letter; ``tokens``: the distinct word texts.
    """

    def __init__(self, document) -> None:
        self.blocks = document.blocks  # not the document: it caches this object
        self.text = document.text
        self.words = words = document.words
        n = self.n = len(words)
        forced = set(map(_SENTENCE_START, document.sentences))
        forced.add(0)
        forced.update(m.end() for m in _FORCED_RE.finditer(self.text))
        self.forced = forced
        # heading[i]: word i lies in a headline-style block (the last block starting at or
        # before the word's start).
        self.heading = heading = bytearray(n)
        blocks = document.blocks
        for b in heading_blocks(document):
            lo = 0 if b == 0 else bisect_left(words, blocks[b].start, key=_START)
            hi = bisect_left(words, blocks[b + 1].start, key=_START) if b + 1 < len(blocks) else n
            if hi > lo:
                heading[lo:hi] = b"\x01" * (hi - lo)
        self._quotes = None
        self._spaced: str | None = None  # for one_form: the text with lines joined,
        self._squashed = ""  # that lower-cased without spaces or hyphens,
        self._one_form: dict[str, bool] = {}  # and its answers

    def __len__(self) -> int:
        return self.n

    def initial(self, i: int) -> bool:
        return self.words[i][0] in self.forced

    def link(self, i: int) -> bool:
        if i + 1 >= self.n:
            return False
        words = self.words
        return self.text[words[i][1]:words[i + 1][0]] in (" ", "\n")

    def index_at(self, offset: int) -> int:
        """The index of the last word starting at or before ``offset`` (-1 if none)."""
        return bisect_right(self.words, offset, key=_START) - 1

    @cached_property
    def tokens(self) -> set[str]:
        return set(map(_TEXT, self.words))

    @cached_property
    def upper(self) -> list[int]:
        """Indices of the words with a capital letter anywhere (in order)."""
        words = self.words
        if _may_hold_caseless_capitals(self.text):
            return list(range(self.n))  # rare capitals that lower() keeps: look at every word
        return list(compress(count(), map(ne, map(_TEXT, words), map(_LOWER, words))))

    @cached_property
    def upper_tokens(self) -> set[str]:
        """The distinct texts of the words in ``upper``."""
        words = self.words
        return set(map(_TEXT, map(words.__getitem__, self.upper)))

    @cached_property
    def irregular_tokens(self) -> set[str]:
        """The distinct words holding an apostrophe or a hyphen between word characters, or a
        non-ASCII word character. With ``upper_tokens`` they include every word that
        lower-casing, folding diacritics, or dropping a possessive or hyphens would change."""
        words, text = self.words, self.text
        places = []
        for mark in ("'", "-", "’"):
            find = text.find
            at = find(mark)
            while at >= 0:
                places.append(at)
                at = find(mark, at + 1)
        if not self.plain_words:
            places.extend(m.start() for m in _NON_ASCII_WORD_RE.finditer(text))
        found = set()
        for at in places:
            i = bisect_right(words, at, key=_START) - 1
            if i >= 0 and at < words[i][1]:  # inside a word, so joining two word characters
                found.add(words[i][2])
        return found

    def occurrences(self, token: str) -> list[int]:
        """Indices of the words written exactly ``token``, in order."""
        words, text, n = self.words, self.text, self.n
        size, end = len(token), len(text)
        out = []
        find = text.find
        at = find(token)
        while at >= 0:
            # A letter or digit on either side: inside a longer word, no need to look it up.
            if not ((at and text[at - 1].isalnum()) or (at + size < end and text[at + size].isalnum())):
                i = bisect_left(words, at, key=_START)
                if i < n and words[i][0] == at and words[i][2] == token:
                    out.append(i)
            at = find(token, at + 1)
        return out

    @cached_property
    def plain_words(self) -> bool:
        """Whether every word character is ASCII: then a word's key (``fold`` without a
        possessive or hyphens) is its lower case without hyphens, as ``one_form`` needs."""
        text = self.text
        if text.isascii():
            return True
        others = "".join(set(_NON_ASCII_RE.findall(text)))  # a few: £, quotation marks
        return _NON_ASCII_WORD_RE.search(others) is None

    def one_form(self, start: int, end: int) -> bool:
        """Whether every run of words in the story with the key of the words at
        ``start:end`` is written as they are. Needs ``plain_words`` and a span that starts
        and ends with a word character, its words linked by a space or a line break.

        A run's key is its lower case without hyphens and links. Squashed like that, every
        run is a place where the squashed span occurs in the squashed story, and so is each
        place where the span occurs as written. When there are as many of one as of the
        other, every run is written as the span."""
        if self._spaced is None:
            self._spaced = self.text.replace("\n", " ")
            self._squashed = _squash(self._spaced.lower())
            self._one_form = {}
        spaced = self._spaced
        span = spaced[start:end]
        found = self._one_form.get(span)
        if found is None:
            squashed = self._squashed
            part = _squash(span.lower())
            at = squashed.find(part)
            found = self._one_form[span] = squashed.find(part, at + 1) < 0 or \
                _count(squashed, part) == _count(spaced, span)
        return found

    def quoted(self, i: int) -> bool:
        """Whether word i stands inside quotation marks."""
        if self._quotes is None:
            self._quotes = BlockQuotes(self.blocks)
        return self._quotes.inside(self.words[i][0])


_TEXT = itemgetter(2)
_LOWER = itemgetter(3)


def _squash(text: str) -> str:
    return text.replace(" ", "").replace("-", "")


def _count(text: str, part: str) -> int:
    """How many times ``part`` occurs in ``text``, overlaps included."""
    found = 0
    find = text.find
    at = find(part)
    while at >= 0:
        found += 1
        at = find(part, at + 1)
    return found


def story_words(document) -> StoryWords:
    """The document's StoryWords, computed once and shared by the rules that ask."""
    cached = document.__dict__.get("_newslint_story_words")
    if cached is None:
        cached = document.__dict__["_newslint_story_words"] = StoryWords(document)
    return cached


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


def deletion_variants(key: str) -> tuple[str, ...]:
    """The distinct strings ``key`` becomes with at most one letter deleted, itself first."""
    return tuple(dict.fromkeys(deletion_keys(key)))


_DELETIONS = token_memo(deletion_variants)


# Every key met so far (across stories) indexed by its deletion variants, and each key's
# neighbours one edit apart among them: a story then asks about its own keys only.
_BUCKETS = token_memo(lambda variant: [])


def _register(key: str) -> list[str]:
    near: list[str] = []
    for variant in _DELETIONS[key]:
        bucket = _BUCKETS[variant]
        for other in bucket:
            if other not in near and one_edit_apart(key, other):
                near.append(other)
                _NEIGHBOURS[other].append(key)
        bucket.append(key)
    return near


_NEIGHBOURS = token_memo(_register)


def near_pairs_unordered(keys: Iterable[str]) -> Iterator[tuple[str, str]]:
    """The pairs of ``near_pairs(keys, max_bucket=None)``, (a, b) with a < b, in no set order."""
    keys = set(keys)
    found = list(map(_NEIGHBOURS.__getitem__, keys))  # every key indexed before any is read
    for key, near in zip(keys, found):
        for other in near:
            if key < other and other in keys:
                yield key, other


def near_pairs(keys: Iterable[str], max_bucket: int | None = 8) -> Iterator[tuple[str, str]]:
    """Pairs of distinct keys one edit apart, found through a deletion-variant index.

    A deletion variant shared by more than ``max_bucket`` keys (a short, common shape) pairs
    none of them; ``None`` sets no limit."""
    keys = sorted(set(keys))
    variants = list(map(_DELETIONS.__getitem__, keys))
    if len(set().union(*variants)) == sum(map(len, variants)):
        return  # no two keys share a deletion variant, so none is one edit from another
    shared = {variant for variant, times in Counter(chain.from_iterable(variants)).items() if times > 1}
    index: dict[str, list[str]] = {}  # a shared variant -> the keys it comes from
    for key, own in zip(keys, variants):
        if not shared.isdisjoint(own):
            for variant in own:
                if variant in shared:
                    index.setdefault(variant, []).append(key)
    seen = set()
    for bucket in index.values():
        if len(bucket) < 2 or (max_bucket is not None and len(bucket) > max_bucket):
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
