"""Proper names in a story: where they are, how they are written, which ones look alike.

Shared by rules that compare the forms a story uses for one entity. Everything here is
linear in the article's length: tokens are read from ``document.text`` where a check looks
(capitalised words by one regex pass, others around them), never through a list of every
word, and near spellings are found by indexing deletion variants, never by comparing all pairs.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import attrgetter, itemgetter
from typing import Iterable, Iterator

from newslint.text.furniture import SUBHEAD, forced_after
from newslint.text.lexicon import load_set
from newslint.text.words import CHUNK_CHARS as _CHUNK
from newslint.text.words import CHUNK_RUN_RE as _CHUNK_RUN_RE
from newslint.text.words import WORD_RE, Tokens
from newslint.text.words import is_chunk_char as _is_chunk_char

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
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("ı", "i")
    )


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
# Where a capital is forced: after a line break, a colon or a quotation mark, past any
# spaces, quotation marks and a list bullet. A match is tried only where a run of those
# characters starts (and ends after the last break, colon or quote in it): tried from every
# character of a run, each attempt would rescan the rest of the run, quadratic on '"""...'.
_FORCED_RUN = r"[\n: \t" + _QUOTES + r"]"
_FORCED_RE = re.compile(
    r"(?<!"
    + _FORCED_RUN
    + r")"
    + _FORCED_RUN
    + r"*[\n:"
    + _QUOTES
    + r"][ \t]*(?:[-*•][ \t]+)?(?=\w)"
)
_SENTENCE_START = attrgetter("start")
# Characters that are upper case yet unchanged by lower() (letterlike and mathematical
# symbols, Unicode 14): a word holding one is capitalised although it equals its lower case.
_CASELESS_CAPITALS_RE = re.compile(
    "[\u03d2-\u03d4\u2102-\u2145\U0001d400-\U0001d7ff\U0001f130-\U0001f189]"
)
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
# Small enough that a run over an archive stays flat in memory (a token's deletion keys
# alone cost about a kilobyte), large enough to hold many stories' common names.
_MEMO_LIMIT = 5_000


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


# A chunk from its first capital on; group 1 when that is a token of letters, digits and
# inner apostrophes or hyphens to the chunk's end, as WORD_RE reads it.
_CAPS = "A-Z"
# Group 1: the chunk is that one token (nothing joined before the capital, no point inside);
# group 2: the marks up to where the next token starts.
_UPPER_TAIL = (
    f"(?:(?<![{_CHUNK}].)([\\w\ufffc]*(?:[’'\\-][\\w\ufffc]+)*)(?![{_CHUNK}])"
    f"(?=([^\\w\ufffc]*))|[{_CHUNK}]*)"
)
_MARKS_RE = re.compile("[^\\w\ufffc]*")
_ASCII_UPPER_RE = re.compile(f"[{_CAPS}]{_UPPER_TAIL}")
# An apostrophe or a hyphen with a word character on either side: inside a token.
_INNER_MARK_RE = re.compile("[’'\\-](?<=[\\w\ufffc].)(?=[\\w\ufffc])")
_LINK_CHARS = (" ", "\n")


@lru_cache(maxsize=256)
def _upper_regex(extra: str) -> re.Pattern:
    """The chunk regex for a story whose non-ASCII capitals are ``extra``."""
    return re.compile(f"[{_CAPS}{re.escape(extra)}]{_UPPER_TAIL}")


# Past this many characters, looking a name up by scanning the text (fast for a story)
# would cost more than indexing every token once: a long file stays linear.
_INDEX_FROM = 20_000


class PackedTokens:
    """A list of ``(start, end, text, next)`` tokens held as arrays, each distinct text once:
    a long story has a capital every few words, and a tuple of four objects per word made
    this list most of inconsistent-naming's memory. Reads as a list of tuples."""

    __slots__ = ("_starts", "_ends", "_nexts", "_texts", "_distinct")

    def __init__(self) -> None:
        self._starts, self._ends, self._nexts = array("q"), array("q"), array("q")
        self._texts: list[str] = []
        self._distinct: dict[str, str] = {}

    def append(self, start: int, end: int, text: str, next_start: int) -> None:
        self._starts.append(start)
        self._ends.append(end)
        self._nexts.append(next_start)
        self._texts.append(self._distinct.setdefault(text, text))

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, k: int) -> tuple[int, int, str, int]:
        return self._starts[k], self._ends[k], self._texts[k], self._nexts[k]

    def __iter__(self) -> Iterator[tuple[int, int, str, int]]:
        return zip(self._starts, self._ends, self._texts, self._nexts)


class StoryWords:
    """What several checks ask about the words of one story, read from ``document.text``
    around the places a check looks at, so that no list of every word is built.

    A token is ``(start, end, text)`` exactly as ``WORD_RE`` cuts the whole text (and
    ``document.words`` would hold it). ``upper``: the tokens holding a capital letter, in
    order; ``next_linked(end)``/``prev_linked(start)``: the token beside one with only a space
    or a line break between; ``occurrences(token)``: where a token is written; ``forced``:
    offsets of words whose capital is forced (first word of a sentence, a quotation, a line
    or a list item, after a colon, a dateline or a speaker label); ``in_heading(offset)``: in a
    headline-style block or a live-blog subhead; ``aside(offset)``: in the story's furniture
    (``document.regions.furniture``: handles, URLs, datelines, embedded posts, labels...);
    ``quoted(offset)``: inside quotation marks.
    """

    def __init__(self, document) -> None:
        self.blocks = blocks = document.blocks
        self.text = document.text
        self.tokens = Tokens(self.text)
        forced = set(map(_SENTENCE_START, document.sentences))
        forced.add(0)
        forced.update(m.end() for m in _FORCED_RE.finditer(self.text))
        # Furniture (handles, URLs, datelines, embedded posts, labels, tables): not the
        # writer's prose. A dateline or a speaker label forces a capital on the word after it.
        regions = self._regions = document.regions  # holds the blocks, not the document
        furniture = regions.furniture
        forced.update(forced_after(furniture))
        self.forced = forced
        self.aside = regions.aside
        # Headline-style blocks as prose ranges: from the block's start (0 for the first)
        # to the next block's start; and live-blog subheads, set in headline style.
        self.headings = _merge_ranges(
            [
                (
                    0 if b == 0 else blocks[b].start,
                    blocks[b + 1].start if b + 1 < len(blocks) else len(self.text) + 1,
                )
                for b in sorted(heading_blocks(document))
            ]
            + [(s.start, s.end) for s in furniture if s.kind == SUBHEAD]
        )
        self._has: dict[str, bool] = {}
        self._spaced: str | None = None  # for one_form: the text with lines joined,
        self._squashed = ""  # that lower-cased without spaces or hyphens,
        self._one_form: dict[str, bool] = {}  # and its answers
        self._unhyphened: tuple[str, str] | None = None  # for may_write_lower

    def in_heading(self, offset: int) -> bool:
        i = bisect_right(self._heading_starts, offset) - 1
        return i >= 0 and offset < self.headings[i][1]

    @cached_property
    def _heading_starts(self) -> list[int]:
        return [lo for lo, _ in self.headings]  # the ranges are in order and do not overlap

    # --- tokens read locally -------------------------------------------------------------
    def _chunk_start(self, at: int) -> int:
        return self.tokens.chunk_start(at)

    def token_containing(self, at: int) -> tuple[int, int, str] | None:
        """The token holding the character at ``at``, or None."""
        for match in WORD_RE.finditer(self.text, self._chunk_start(at)):
            if match.end() > at:
                return (match.start(), match.end(), match.group()) if match.start() <= at else None
        return None

    def token_at(self, at: int) -> str | None:
        """The text of the token starting at offset ``at``, or None."""
        text = self.text
        if at and _is_chunk_char(text[at - 1]):
            for match in WORD_RE.finditer(text, self._chunk_start(at - 1)):
                if match.start() >= at:
                    return match.group() if match.start() == at else None
            return None
        match = WORD_RE.match(text, at)
        return match.group() if match is not None else None

    def next_linked(self, end: int) -> tuple[int, int, str] | None:
        """The token after the token ending at ``end`` when only a space or a line break
        lies between them."""
        text = self.text
        if text[end : end + 1] in _LINK_CHARS:
            match = WORD_RE.match(text, end + 1)  # after white space: where a token may start
            if match is not None:
                return (end + 1, match.end(), match.group())
        return None

    def prev_token(self, start: int) -> tuple[int, int, str] | None:
        """The token before the token starting at ``start``."""
        found = self.tokens.before(start)
        return None if found is None else (found.start, found.end, found.text)

    def prev_linked(self, start: int) -> tuple[int, int, str] | None:
        """The token before the token starting at ``start`` when only a space or a line
        break lies between them."""
        if start and self.text[start - 1] in _LINK_CHARS:
            found = self.prev_token(start)
            if found is not None and found[1] == start - 1:
                return found
        return None

    def _tokens_of_chunk(self, start: int, end: int) -> list[tuple[int, int, str, int]]:
        text = self.text
        return [
            (m.start(), m.end(), m.group(), _MARKS_RE.match(text, m.end()).end())
            for m in WORD_RE.finditer(text, start, end)
        ]

    @cached_property
    def upper(self) -> "PackedTokens | list[tuple[int, int, str, int]]":
        """The tokens with a capital letter anywhere, in order, each as ``(start, end,
        text, next)``: ``next`` is where the token after it starts (marks alone between)."""
        text = self.text
        if text.isascii():
            regex = _ASCII_UPPER_RE
        elif _may_hold_caseless_capitals(text):
            # Rare capitals that lower() keeps: every token.
            return [
                t for m in _CHUNK_RUN_RE.finditer(text) for t in self._tokens_of_chunk(*m.span())
            ]
        else:
            capitals = "".join(
                sorted(c for c in set(_NON_ASCII_RE.findall(text)) if c.lower() != c)
            )
            regex = _upper_regex(capitals)
        # One pass, no list of matches (a long story has a capital every few words). Group 1:
        # the chunk is one token; other chunks are cut into tokens afterwards.
        out = PackedTokens()
        several: list[tuple[int, int]] = []
        for m in regex.finditer(text):
            if m.end(1) >= 0:
                out.append(m.start(), m.end(), m[0], m.end(2))
            else:
                several.append(m.span())
        if several:
            tokens = list(out)
            for start, end in several:
                tokens.extend(
                    t
                    for t in self._tokens_of_chunk(self._chunk_start(start), end)
                    if t[2] != t[2].lower()
                )
            tokens.sort()
            out = PackedTokens()
            for token in tokens:
                out.append(*token)
        return out

    @cached_property
    def upper_tokens(self) -> set[str]:
        """The distinct texts of the tokens in ``upper``."""
        return set(map(_TEXT, self.upper))

    @cached_property
    def irregular_tokens(self) -> set[str]:
        """The distinct words holding an apostrophe or a hyphen between word characters, or a
        non-ASCII word character. With ``upper_tokens`` they include every word that
        lower-casing, folding diacritics, or dropping a possessive or hyphens would change."""
        text = self.text
        places = [m.start() for m in _INNER_MARK_RE.finditer(text)]
        if not self.plain_words:
            places.extend(m.start() for m in _NON_ASCII_WORD_RE.finditer(text))
            places.sort()
        found = set()
        tokens: list[tuple[int, int, str, int]] = []
        done = -1  # the end of the chunk whose tokens are in ``tokens``
        for at in places:
            if at >= done:
                lo = self._chunk_start(at)
                done = _CHUNK_RUN_RE.match(text, lo).end()
                tokens = self._tokens_of_chunk(lo, done)
            for start, end, token, _ in tokens:
                if start <= at < end:
                    found.add(token)
                    break
        return found

    def iter_occurrences(self, token: str) -> Iterator[tuple[int, int, str]]:
        """``occurrences(token)`` one at a time: a long story holds none of them as a list."""
        if len(self.text) > _INDEX_FROM:
            size = len(token)
            return ((at, at + size, token) for at in self._token_index.get(token, ()))
        return iter(self.occurrences(token))

    def occurrences(self, token: str) -> list[tuple[int, int, str]]:
        """The tokens written exactly ``token``, in order."""
        if len(self.text) > _INDEX_FROM:
            return list(self.iter_occurrences(token))
        text = self.text
        size, end = len(token), len(text)
        out = []
        find = text.find
        at = find(token)
        while at >= 0:
            # A letter or digit on either side: inside a longer word, no need to look it up.
            if not (
                (at and text[at - 1].isalnum()) or (at + size < end and text[at + size].isalnum())
            ):
                if self.token_at(at) == token:
                    out.append((at, at + size, token))
            at = find(token, at + 1)
        return out

    @cached_property
    def _token_index(self) -> dict[str, array]:
        """Where each token starts, for a long text (one pass, not one scan per name). Starts
        only, packed in an array: a tuple per word of a long story held most of its memory."""
        index: dict[str, array] = {}
        for match in WORD_RE.finditer(self.text):
            token = match.group()
            starts = index.get(token)
            if starts is None:
                starts = index[token] = array("q")
            starts.append(match.start())
        return index

    def has_token(self, token: str) -> bool:
        """Whether the story writes ``token`` as a word."""
        found = self._has.get(token)
        if found is None:
            found = self._has[token] = bool(self.occurrences(token))
        return found

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
        if len(self.text) > _INDEX_FROM:
            return False  # cannot tell cheaply: a scan per name would grow with the square
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
            found = self._one_form[span] = squashed.find(part, at + 1) < 0 or _count(
                squashed, part
            ) == _count(spaced, span)
        return found

    def may_write_lower(self, key: str) -> bool:
        """False only when no word of the story that starts with a lower-case letter has
        the key ``key`` (``fold`` without a possessive or hyphens). Such a word, its
        hyphens dropped, starts where ``key`` occurs in the story lower-cased without
        hyphens, on a lower-case letter. Needs ``plain_words`` (then ``fold`` is
        ``lower``); True whenever it cannot tell."""
        if len(self.text) > _INDEX_FROM:
            return True  # cannot tell cheaply (see one_form)
        if self._unhyphened is None:
            unhyphened = self.text.replace("-", "")
            lowered = unhyphened.lower()
            self._unhyphened = (unhyphened, lowered if len(lowered) == len(unhyphened) else "")
        unhyphened, lowered = self._unhyphened
        if not key or not lowered:
            return True
        find = lowered.find
        at = find(key)
        while at >= 0:
            if unhyphened[at].islower():
                return True
            at = find(key, at + 1)
        return False

    def quoted(self, offset: int) -> bool:
        """Whether prose offset ``offset`` stands inside quotation marks."""
        return self._regions.quote_at(offset)


_TEXT = itemgetter(2)


def _merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ranges covering the same offsets as ``ranges``."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


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
    """The document's StoryWords. Not cached on the document: it holds several times the
    story's size (tokens, positions, an index), one rule reads it, and kept for the
    document's life it made every later rule's peak memory that much higher."""
    return StoryWords(document)


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
    # Inside quotation marks: a speaker's form. It is never reported, and it votes only for
    # a form the writer also uses (so a quotation backs the body but never outvotes it).
    quoted: bool = False


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
    Quoted occurrences count only for forms written outside quotation marks too, and are
    never among the minority.
    """
    forms: dict[str, int] = {}
    for occ in occurrences:
        if not occ.quoted:
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
    minority = [occ for occ in occurrences if not occ.quoted and not compatible(occ, majority)]
    if not minority:
        return None
    return Vote(majority, counts, minority, forms)


# --- near spellings of one name -----------------------------------------------------


def deletion_keys(word: str) -> Iterator[str]:
    yield word
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]


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
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]


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
        return (
            "double" if b[i - 1] == letter or (i + 1 < len(b) and b[i + 1] == letter) else "letter"
        )
    if i + 1 < len(a) and a[i + 1 :] != b[i + 1 :]:
        return "swap"
    if i == len(a) - 1:
        return "last"
    return "vowel" if a[i] in _VOWELS and b[i] in _VOWELS else "change"


def deletion_variants(key: str) -> tuple[str, ...]:
    """The distinct strings ``key`` becomes with at most one letter deleted, itself first."""
    return tuple(dict.fromkeys(deletion_keys(key)))


_DELETIONS = token_memo(deletion_variants)


def one_edit_pairs(keys: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Every pair (a, b), a < b, of distinct ``keys`` one edit apart (``one_edit_apart``),
    each once, in no set order; without deletion variants.

    Two strings one edit apart whose shorter has length m agree on their first h or on
    their last h characters, where h = (m - 1) // 2 is short enough that the edit leaves
    one side whole: a change at i spares the first i and the last m - 1 - i
    characters, a swap at i, i + 1 the first i and the last m - 2 - i, a letter added at i
    to the shorter the first i and its last m - i; one of each pair is at least h. So every
    key is filed under the pair lengths m it can have (its own length, and one less) by its
    first h and by its last h characters, and only keys filed together are compared."""
    keys = list(set(keys))
    return _filed_pairs(keys, list(map(_PLACES.__getitem__, keys)), None)


def _places(key: str) -> tuple[str, ...]:
    """Where ``one_edit_pairs`` files a key: for each pair length m, m and its first h
    characters, and m and its last h."""
    size = len(key)
    out = []
    for m in (size - 1, size):
        if m >= 0:
            h = (m - 1) // 2 if m else 0
            out.append(f"{m}<{key[:h]}")
            out.append(f"{m}>{key[size - h :]}")
    return tuple(out)


_PLACES = token_memo(_places)


def near_pairs(keys: Iterable[str], max_bucket: int | None = 8) -> Iterator[tuple[str, str]]:
    """Pairs of distinct keys one edit apart, found through a deletion-variant index.

    A deletion variant shared by more than ``max_bucket`` keys (a short, common shape) pairs
    none of them; ``None`` sets no limit."""
    keys = sorted(set(keys))
    return _filed_pairs(keys, list(map(_DELETIONS.__getitem__, keys)), max_bucket)


def _filed_pairs(
    keys: list[str], places: list[tuple[str, ...]], max_bucket: int | None
) -> Iterator[tuple[str, str]]:
    """The pairs (a, b), a < b, of ``keys`` one edit apart among those that share a
    place (each key's distinct ``places``), skipping places shared by more than
    ``max_bucket`` keys; in the order of the keys and of their places."""
    index: dict[str, list[str]] = {}  # a place -> the keys filed there
    for key, own in zip(keys, places):
        for place in own:
            index.setdefault(place, []).append(key)
    seen = set()
    for bucket in index.values():
        if len(bucket) < 2 or (max_bucket is not None and len(bucket) > max_bucket):
            continue
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
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
