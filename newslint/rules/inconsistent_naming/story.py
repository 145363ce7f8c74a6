"""The story's name index: where its words stand and what each check asks of them.

One ``Story`` is built per document and dropped with it. It reads ``document.text`` where a
check looks (the words holding a capital in one regex pass, the words beside them on
demand), never through a list of every word, and holds offsets in arrays and each distinct
word once: a long story has a capital every few words.

What it knows:

- ``capital_words``: every word holding a capital letter, in order (``CapitalWord``);
- ``info(word)``: what such a word is (``CapitalWordInfo``); ``key_of(word)``: its key;
- ``occurrences(word)``: where a word is written; ``lowered(key)``: whether the story
  writes a word of that key in lower case (then it is no name);
- ``next_linked``/``prev_linked``: the word beside one with only a space or a line break
  between them (the words of one name);
- ``forced``: where a capital is forced by position (a sentence's or a quotation's first
  word, after a line break, a colon, a dateline or a speaker label); ``in_heading``: in a
  headline-style block or a live-blog subhead; ``aside``: in the story's furniture
  (handles, URLs, datelines, embedded posts, labels...); ``quoted``: in quotation marks;
  ``in_caption``: in a photo caption (an HTML caption, or a paragraph carrying a photo
  credit); ``keeps_own_forms``: quoted or in a caption, where a source's style stands.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import cached_property, lru_cache
from itertools import chain, compress
from operator import and_
from typing import TYPE_CHECKING, NamedTuple

from newslint.lazy import lazy_compile
from newslint.rules.inconsistent_naming.words import (
    CapitalWordInfo,
    WordBefore,
    WordMemo,
    describe,
    is_all_caps,
    word_after,
    word_before,
    word_key,
)
from newslint.text.furniture import SUBHEAD, forced_after
from newslint.text.words import (
    CHUNK_CHARS,
    CHUNK_RUN_RE,
    WORD_RE,
    Tokens,
    distinct_words,
    is_chunk_char,
)

if TYPE_CHECKING:
    from newslint.document import Document

# Quotation marks: the first word of a quotation is capitalised by rule.
_QUOTES = "\"'“‘«"
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of off on or over per the to up via vs with".split()
)
_SENTENCE_ENDS = (".", "!", "?")
_LINE_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
# A photo caption in running text: a paragraph ending in the picture's credit ("...
# Photograph: Jane Roe/Agency", "Jane Roe/AFP via Getty Images", "REUTERS/Jane Roe", "(AP
# Photo/Jane Roe)", "... on Monday. Reuters") or a gallery's "Hide Caption 3 of 12". A caption
# is written by the agency that took the picture, in its own style ("US" beside the body's
# "U.S."), so it is read like quoted speech. Only a block's tail is searched for a credit.
_CAPTION_TAIL_CHARS = 200
_CREDIT_RE = lazy_compile(
    r"(?:\bPhotograph: |\bPhoto(?:graph)? by |\bREUTERS/|\bAP Photo/"
    r"|\w/(?:AFP|AP|EPA|Getty Images|POLITICO|Reuters|Bloomberg|The [A-Z]\w+)\b"
    r"|[.)] (?:Reuters|Associated Press|AFP|Getty Images|EPA)\s*$)"
)
_GALLERY_RE = lazy_compile(r"\bHide Caption \d+ of \d+")
# The title of a work with a subtitle, in Title Case ("Open Secrets: Money and Power in the
# City", "Borrowed Time: Lenders, Loans and Ledgers"): the author's capitals, not the
# story's way of writing the words. Two or more capitalised words follow the colon.
_TITLE_WORD = r"[A-Z][\w'’-]*"
_TITLE_LINK = rf"(?:{_TITLE_WORD}|of|the|in|and|a|an|for|on|to|at|by|with|from)"
_WORK_TITLE_RE = lazy_compile(
    rf"{_TITLE_WORD}(?:,? {_TITLE_LINK}){{0,6}}: ({_TITLE_WORD}(?:,? {_TITLE_LINK}){{1,12}})"
)
_CAPITALISED_RE = lazy_compile(r"\b[A-Z]")
_TITLE_REACH = 120  # how far around a name a title is looked for


def is_caption_text(text: str) -> bool:
    """Whether a paragraph reads as a photo caption: a credit at its end, or a gallery's
    caption counter anywhere in it."""
    return (
        _CREDIT_RE.search(text, max(0, len(text) - _CAPTION_TAIL_CHARS)) is not None
        or _GALLERY_RE.search(text) is not None
    )


class Word(NamedTuple):
    """A token as ``WORD_RE`` cuts the whole text: ``text`` at ``start:end``."""

    start: int
    end: int
    text: str


class CapitalWord(NamedTuple):
    """A token holding a capital letter, and where the token after it starts (marks alone
    between them)."""

    start: int
    end: int
    text: str
    next: int


def _offsets(size: int) -> array[int]:
    """An empty array for offsets into a text of ``size`` characters (4 bytes each when
    they fit)."""
    return array("i" if size < 2**31 else "q")


class Offsets:
    """A set of offsets into a text, held as a sorted array: 4 bytes an offset where a set
    of ints costs some 30 (a long story has a forced capital every sentence)."""

    __slots__ = ("_sorted",)

    def __init__(self, offsets: Iterable[int], size: int) -> None:
        found = _offsets(size)
        found.extend(offsets)
        self._sorted = array(found.typecode, sorted(found))

    def __contains__(self, offset: int) -> bool:
        found = self._sorted
        at = bisect_left(found, offset)
        return at < len(found) and found[at] == offset


class CapitalWords:
    """``CapitalWord``s held as arrays of offsets, each distinct text once. Reads as a list."""

    __slots__ = ("_distinct", "_ends", "_nexts", "_starts", "_texts")

    def __init__(self, size: int) -> None:
        self._starts, self._ends, self._nexts = (
            _offsets(size),
            _offsets(size),
            _offsets(size),
        )
        self._texts: list[str] = []
        self._distinct: dict[str, str] = {}

    def append(self, start: int, end: int, text: str, next_start: int) -> None:
        self._starts.append(start)
        self._ends.append(end)
        self._nexts.append(next_start)
        self._texts.append(self._distinct.setdefault(text, text))

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, k: int) -> CapitalWord:
        return CapitalWord(self._starts[k], self._ends[k], self._texts[k], self._nexts[k])

    def __iter__(self) -> Iterator[CapitalWord]:
        return map(CapitalWord, self._starts, self._ends, self._texts, self._nexts)

    @property
    def texts(self) -> list[str]:
        """Each word's text, in order."""
        return self._texts

    def distinct(self) -> set[str]:
        """The distinct texts."""
        return set(self._distinct)


def is_title_case_line(text: str) -> bool:
    """A one-line block whose content words are all capitalised: a headline or a label."""
    text = text.rstrip()  # most blocks end a sentence: know that before copying anything
    if not text or (text.endswith(_SENTENCE_ENDS) and not text.endswith("...")):
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


def heading_blocks(document: Document) -> frozenset[int]:
    """Blocks written in headline style: the title, Markdown headings, Title Case lines and
    all-capitals blocks. Their capitals say nothing about how the story spells a name."""
    out = set()
    if document.title_block is not None:
        out.add(document.title_block)
    for index, block in enumerate(document.blocks):
        if block.kind == "heading" or is_title_case_line(block.text) or is_all_caps(block.text):
            out.add(index)
    return frozenset(out)


# Where a capital is forced: after a line break, a colon or a quotation mark, past any
# spaces, quotation marks and a list bullet. The match ends where the word starts. A match
# is tried only where a run of those characters starts (and ends after the last break,
# colon or quote in it): tried from every character of a run, each attempt would rescan the
# rest of the run, quadratic on '"""...'.
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
# Characters that are upper case yet unchanged by lower() (letterlike and mathematical
# symbols, Unicode 14): a word holding one is capitalised although it equals its lower case.
_CASELESS_CAPITALS_RE = lazy_compile(
    "[\u03d2-\u03d4\u2102-\u2145\U0001d400-\U0001d7ff\U0001f130-\U0001f189]"
)
_NON_ASCII_WORD_RE = lazy_compile("[^\\W\x00-\x7f]")
_NON_ASCII_RE = lazy_compile("[^\x00-\x7f]")


def _may_hold_caseless_capitals(text: str) -> bool:
    if text.isascii():
        return False
    try:
        text.encode("latin-1")  # fast, and all such characters lie beyond Latin-1
    except UnicodeEncodeError:
        return _CASELESS_CAPITALS_RE.search(text) is not None
    return False


# A chunk from its first capital on. Group 1: the chunk is that one token (nothing joined
# before the capital, no point inside), as WORD_RE reads it; group 2: the marks up to where
# the next token starts.
_CAPS = "A-Z"
_UPPER_TAIL = (
    f"(?:(?<![{CHUNK_CHARS}].)([\\w\ufffc]*(?:[’'\\-][\\w\ufffc]+)*)(?![{CHUNK_CHARS}])"
    f"(?=([^\\w\ufffc]*))|[{CHUNK_CHARS}]*)"
)
_MARKS_RE = re.compile("[^\\w\ufffc]*")
_ASCII_UPPER_RE = re.compile(f"[{_CAPS}]{_UPPER_TAIL}")
# An apostrophe or a hyphen with a word character on either side: inside a token.
_INNER_MARK_RE = lazy_compile("[’'\\-](?<=[\\w\ufffc].)(?=[\\w\ufffc])")
_LINK_CHARS = (" ", "\n")

# Words that join two capitalised words into one name ("Bank of England"), and the
# letters they start with (a quick test before the regex).
CONNECTORS = frozenset("al el bin de da du la le van von der den of for and".split())
_CONNECTOR_AT_RE = re.compile(
    "(?:" + "|".join(sorted(CONNECTORS)) + ")(?![\\w\ufffc])[^\\w\ufffc]*"
)
_CONNECTOR_FIRSTS = frozenset(word[0] for word in CONNECTORS)


# What ``Story.written_one_way`` may scan in one story, in characters. It answers each
# question with two scans of the story, and a "no" only costs time later; so a story with
# very many names, or a long one, stops asking when this is spent, and then every candidate
# name is checked in full. Either way the findings are the same.
ONE_WAY_BUDGET = 2_000_000


@lru_cache(maxsize=256)  # bounded: one regex per set of non-ASCII capitals
def _upper_regex(extra: str) -> re.Pattern[str]:
    """The chunk regex for a story whose non-ASCII capitals are ``extra``."""
    return re.compile(f"[{_CAPS}{re.escape(extra)}]{_UPPER_TAIL}")


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


class Story:
    """One story as the naming checks see it (see the module's documentation)."""

    def __init__(self, document: Document, one_way_budget: int = ONE_WAY_BUDGET) -> None:
        self.text = text = document.text
        blocks = document.blocks
        self._tokens = Tokens(text)
        # Furniture (handles, URLs, datelines, embedded posts, labels, tables): not the
        # writer's prose. A dateline or a speaker label forces a capital on the word after it.
        self._regions = regions = document.regions  # holds the blocks, not the document
        furniture = regions.furniture
        self.forced = Offsets(
            chain(
                (0,),
                (sentence.start for sentence in document.sentences),
                (m.end() for m in _FORCED_RE.finditer(text)),
                forced_after(furniture),  # type: ignore[arg-type]
            ),
            len(text),
        )
        # Headline-style blocks as prose ranges: from the block's start (0 for the first)
        # to the next block's start; and live-blog subheads, set in headline style.
        headings = _merge_ranges(
            [
                (
                    0 if b == 0 else blocks[b].start,
                    blocks[b + 1].start if b + 1 < len(blocks) else len(text) + 1,
                )
                for b in sorted(heading_blocks(document))
            ]
            + [(s.start, s.end) for s in furniture if s.kind == SUBHEAD]
        )
        self._heading_starts = [lo for lo, _ in headings]
        captions = [(c.start, c.end) for c in regions.captions] + [
            (b.start, b.end) for b in blocks if b.kind != "caption" and is_caption_text(b.text)
        ]
        captions.sort()
        self._caption_starts = [lo for lo, _ in captions]
        self._caption_ends = [hi for _, hi in captions]
        self._heading_ends = [hi for _, hi in headings]
        # Per-word answers, for this story only.
        self.info: WordMemo[CapitalWordInfo] = WordMemo(describe)
        self.before: WordMemo[WordBefore | None] = WordMemo(word_before)
        self.after: WordMemo[str | None] = WordMemo(word_after)
        # For written_one_way: what it may still scan, the text with lines joined, that
        # lower-cased without spaces or hyphens, and its answers.
        self._one_way_budget = one_way_budget
        self._spaced: str | None = None
        self._squashed = ""
        self._one_way: dict[str, bool] = {}

    # --- where a word stands ---------------------------------------------------------
    def in_heading(self, offset: int) -> bool:
        """In a headline-style block or a live-blog subhead."""
        i = bisect_right(self._heading_starts, offset) - 1
        return i >= 0 and offset < self._heading_ends[i]

    def aside(self, offset: int) -> bool:
        """In the story's furniture: not the writer's prose."""
        return self._regions.aside(offset)

    def quoted(self, offset: int) -> bool:
        """Inside quotation marks."""
        return self._regions.quote_at(offset)

    def in_caption(self, offset: int) -> bool:
        """In a photo caption."""
        i = bisect_right(self._caption_starts, offset) - 1
        return i >= 0 and offset < self._caption_ends[i]

    def in_work_title(self, start: int, end: int) -> bool:
        """Whether ``start``-``end`` lies in a work's title with a subtitle, Title Case on
        one line ("... author of Open Secrets: Money and Power in the City")."""
        text = self.text
        lo = max(text.rfind("\n", 0, start) + 1, start - _TITLE_REACH)
        hi = text.find("\n", end, end + _TITLE_REACH)
        hi = end + _TITLE_REACH if hi < 0 else hi
        if text.find(": ", lo, hi) < 0:
            return False  # most names: no colon near them, no regex run
        for match in _WORK_TITLE_RE.finditer(text, lo, hi):
            if match.start() > start:
                break
            if match.end() >= end and len(_CAPITALISED_RE.findall(match.group(1))) >= 2:
                return True
        return False

    def keeps_own_forms(self, offset: int) -> bool:
        """Quoted speech or a photo caption: a source's own style, never reported but for a
        letter slip, and voting only for a form the writer also uses."""
        return self.quoted(offset) or self.in_caption(offset)

    def out_of_play(self, offset: int) -> bool:
        """Words that neither vote nor are flagged: furniture (handles, URLs, datelines,
        embedded posts, labels, tables), quoted speech and captions, which keep their
        source's forms."""
        return self.aside(offset) or self.keeps_own_forms(offset)

    # --- words read where a check looks ----------------------------------------------
    def _chunk_start(self, at: int) -> int:
        return self._tokens.chunk_start(at)

    def token_containing(self, at: int) -> Word | None:
        """The token holding the character at ``at``, or None."""
        for match in WORD_RE.finditer(self.text, self._chunk_start(at)):
            if match.end() > at:
                return (
                    Word(match.start(), match.end(), match.group()) if match.start() <= at else None
                )
        return None

    def token_at(self, at: int) -> str | None:
        """The text of the token starting at offset ``at``, or None."""
        text = self.text
        if at and is_chunk_char(text[at - 1]):
            for match in WORD_RE.finditer(text, self._chunk_start(at - 1)):
                if match.start() >= at:
                    return match.group() if match.start() == at else None
            return None
        found = WORD_RE.match(text, at)
        return found.group() if found is not None else None

    def next_linked(self, end: int) -> Word | None:
        """The token after the token ending at ``end`` when only a space or a line break
        lies between them."""
        text = self.text
        if text[end : end + 1] in _LINK_CHARS:
            match = WORD_RE.match(text, end + 1)  # after white space: where a token may start
            if match is not None:
                return Word(end + 1, match.end(), match.group())
        return None

    def prev_linked(self, start: int) -> Word | None:
        """The token before the token starting at ``start`` when only a space or a line
        break lies between them."""
        if start and self.text[start - 1] in _LINK_CHARS:
            found = self._tokens.before(start)
            if found is not None and found.end == start - 1:
                return Word(found.start, found.end, found.text)
        return None

    def _tokens_of_chunk(self, start: int, end: int) -> list[CapitalWord]:
        text = self.text
        out = []
        for m in WORD_RE.finditer(text, start, end):
            marks = _MARKS_RE.match(text, m.end())
            assert marks is not None  # it matches the empty string
            out.append(CapitalWord(m.start(), m.end(), m.group(), marks.end()))
        return out

    @cached_property
    def capital_words(self) -> CapitalWords:
        """The tokens with a capital letter anywhere, in order."""
        text = self.text
        out = CapitalWords(len(text))
        if text.isascii():
            regex = _ASCII_UPPER_RE
        elif _may_hold_caseless_capitals(text):
            # Rare capitals that lower() keeps: every token.
            for m in CHUNK_RUN_RE.finditer(text):
                for token in self._tokens_of_chunk(*m.span()):
                    out.append(*token)
            return out
        else:
            capitals = "".join(
                sorted(c for c in set(_NON_ASCII_RE.findall(text)) if c.lower() != c)
            )
            regex = _upper_regex(capitals)
        # One pass, no list of matches. Group 1: the chunk is one token. Another chunk is cut
        # into tokens at once: its first capital is the one the match starts at, so its
        # tokens come in order.
        for m in regex.finditer(text):
            if m.end(1) >= 0:
                out.append(m.start(), m.end(), m[0], m.end(2))
                continue
            for token in self._tokens_of_chunk(self._chunk_start(m.start()), m.end()):
                if token.text != token.text.lower():
                    out.append(*token)
        return out

    @cached_property
    def capital_texts(self) -> set[str]:
        """The distinct texts of ``capital_words``."""
        return self.capital_words.distinct()

    @cached_property
    def capitals(self) -> set[str]:
        """The words that can be part of a name (capitalised, no lower-case tail after a
        hyphen)."""
        return {token for token in self.capital_texts if self.info[token].capital}

    @cached_property
    def plain_words(self) -> bool:
        """Whether every word character is ASCII."""
        text = self.text
        if text.isascii():
            return True
        others = "".join(set(_NON_ASCII_RE.findall(text)))  # a few: £, quotation marks
        return _NON_ASCII_WORD_RE.search(others) is None

    @cached_property
    def irregular_texts(self) -> set[str]:
        """The distinct words holding an apostrophe or a hyphen between word characters, or a
        non-ASCII word character. With ``capital_texts`` they include every word that
        lower-casing, folding diacritics, or dropping a possessive or hyphens would change."""
        text = self.text
        places = [m.start() for m in _INNER_MARK_RE.finditer(text)]
        if not self.plain_words:
            places.extend(m.start() for m in _NON_ASCII_WORD_RE.finditer(text))
            places.sort()
        found = set()
        tokens: list[CapitalWord] = []
        done = -1  # the end of the chunk whose tokens are in ``tokens``
        for at in places:
            if at >= done:
                lo = self._chunk_start(at)
                run = CHUNK_RUN_RE.match(text, lo)
                assert run is not None  # ``at`` is a chunk character
                done = run.end()
                tokens = self._tokens_of_chunk(lo, done)
            for token in tokens:
                if token.start <= at < token.end:
                    found.add(token.text)
                    break
        return found

    # --- where each word is written ---------------------------------------------------
    @cached_property
    def _distinct(self) -> set[str]:
        """Every distinct word of the story (read a slice at a time)."""
        return distinct_words(self.text)

    def has_token(self, token: str) -> bool:
        """Whether the story writes ``token`` as a word."""
        return token in self._distinct

    def occurrences(self, tokens: Iterable[str]) -> Iterator[Word]:
        """Where each of ``tokens`` is written as a word, in story order: one pass over the
        story's words that keeps nothing but the words it yields."""
        wanted = self._distinct.intersection(tokens)
        if not wanted:
            return
        for match in WORD_RE.finditer(self.text):
            token = match.group()
            if token in wanted:
                yield Word(match.start(), match.end(), token)

    def written_one_way(self, start: int, end: int) -> bool:
        """True when every run of words in the story with the key of the words at
        ``start:end`` is written as they are, so that no form of it can differ. False when
        one may, and when telling would overrun the story's budget (``ONE_WAY_BUDGET``).
        ``start:end`` starts and ends with a word character, its words linked by a space
        or a line break.

        With ``plain_words``, a run's key is its lower case without hyphens and links.
        Squashed like that, every run is a place where the squashed span occurs in the
        squashed story, and so is each place where the span occurs as written. When there
        are as many of one as of the other, every run is written as the span."""
        if not self.plain_words:
            return False
        span = self.text[start:end].replace("\n", " ")
        found = self._one_way.get(span)
        if found is not None:
            return found
        cost = 2 * len(self.text)  # two scans of the story
        if cost > self._one_way_budget:
            return False  # cannot tell cheaply: the candidate is checked in full
        self._one_way_budget -= cost
        if self._spaced is None:
            self._spaced = self.text.replace("\n", " ")
            self._squashed = _squash(self._spaced.lower())
        squashed = self._squashed
        part = _squash(span.lower())
        at = squashed.find(part)
        found = self._one_way[span] = squashed.find(part, at + 1) < 0 or _count(
            squashed, part
        ) == _count(self._spaced, span)
        return found

    # --- keys ---------------------------------------------------------------------------
    def key_of(self, token: str) -> str:
        """``word_key`` of a word of the story."""
        found = self.info.get(token)
        # Other words' keys are worked out each time: most are their own key, and a memo
        # of every word asked about held a second copy of each.
        return found.key if found is not None else word_key(token)

    @cached_property
    def _keys_written_lower(self) -> set[str]:
        """The keys of the irregular and capitalised words that start with a lower-case
        letter (a plain lower-case word is its own key)."""
        return {
            self.key_of(token)
            for token in chain(self.capital_texts, self.irregular_texts)
            if token[:1].islower()
        }

    def lowered(self, key: str) -> bool:
        """Whether the story writes a word with this key in lower case (so it is no name)."""
        return (
            key[:1].islower() and word_key(key) == key and self.has_token(key)
        ) or key in self._keys_written_lower

    @cached_property
    def _other_keys(self) -> dict[str, list[str]]:
        """key -> the capitalised and irregular words with that key."""
        other: dict[str, list[str]] = {}
        for token in self.capital_texts | self.irregular_texts:
            other.setdefault(self.key_of(token), []).append(token)
        return other

    def tokens_with_key(self, key: str) -> list[str]:
        """The distinct words of the story whose key is ``key``."""
        found = list(self._other_keys.get(key, ()))
        if key not in found and word_key(key) == key and self.has_token(key):
            found.append(key)
        return found

    def run_starts(self) -> list[int]:
        """Indices into ``capital_words`` of the capitalised words that may start a
        multiword name (the next word, or the one after a connector, is capitalised) or are
        a name of parts on their own."""
        text, upper = self.text, self.capital_words
        capitals = self.capitals
        texts = upper.texts
        caps = list(map(capitals.__contains__, texts))
        starts = []
        # Two capitalised words in a row: nothing but marks between them, or one connector.
        for k in compress(range(len(upper) - 1), map(and_, caps, caps[1:])):
            after, following = upper[k].next, upper[k + 1].start
            if following == after or (
                text[after : after + 1] in _CONNECTOR_FIRSTS
                and (found := _CONNECTOR_AT_RE.match(text, after)) is not None
                and found.end() == following
            ):
                starts.append(k)
        # Where ``capital_words`` holds words without capitals too (rare capitals lower()
        # keeps).
        for k in compress(range(len(upper) - 2), map(CONNECTORS.__contains__, texts[1:])):
            if (
                caps[k]
                and caps[k + 2]
                and upper[k].next == upper[k + 1].start
                and upper[k + 1].next == upper[k + 2].start
            ):
                starts.append(k)
        parted = {token for token in capitals if self.info[token].parts}
        if parted:
            starts.extend(compress(range(len(upper)), map(parted.__contains__, texts)))
        return sorted(set(starts))
