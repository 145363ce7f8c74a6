"""Word tokens with their offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from newslint.document import Word
from newslint.lazy import lazy_compile

# A word: letters/digits, with inner apostrophes, hyphens and dots (3.5, e-mail), and the
# object-replacement character parsers use for inline code. An initialism keeps its final
# dot ("U.S."); a sentence's full stop is never part of its last word.
WORD_RE = re.compile(r"(?:[A-Za-z]\.){2,}(?![\w\uFFFC])|[\w\uFFFC]+(?:[’'\-.][\w\uFFFC]+)*")


# The same words, each with the text before it, so that one C-level ``findall`` yields
# everything needed to place them (Document.words builds its list this way).
GAP_AND_WORD_RE = lazy_compile(r"([^\w\uFFFC]*)(" + WORD_RE.pattern + ")")


# Characters of text read at once by ``slices``.
_SLICE = 1 << 16
_SPACE_RE = lazy_compile(r"\s")


def slices(text: str) -> Iterator[str]:
    """``text`` in consecutive slices of about 64 KB, each cut at white space. No token holds
    white space or looks past it, and no letter's case depends on a letter beyond it, so a
    pass over the slices finds what a pass over the whole text finds, with a slice's worth
    of temporary memory (``str.lower`` alone takes 12 bytes a character of a non-ASCII text)."""
    start = 0
    while start < len(text):
        cut = _SPACE_RE.search(text, start + _SLICE) if len(text) - start > _SLICE else None
        end = cut.start() if cut else len(text)
        yield text[start:end]
        start = end


def distinct_words(text: str) -> set[str]:
    """The distinct tokens of ``WORD_RE`` in ``text``: ``set(WORD_RE.findall(text))``
    without a string for every word of a long story at once."""
    out: set[str] = set()
    for part in slices(text):
        out.update(WORD_RE.findall(part))
    return out


def lower_text(text: str) -> str:
    """``text.lower()``, a slice at a time (see ``slices``)."""
    return "".join([part.lower() for part in slices(text)])


def normalise_quotes(text: str) -> str:
    return (
        text.replace("’", "'")
        .replace("‘", "'")
        .replace("“", '"')
        .replace("”", '"')
        .replace("«", '"')
        .replace("»", '"')
    )


def spaced(text: str, first: Word, second: Word) -> bool:
    """Whether only spaces (no punctuation, no line break) separate two word tokens."""
    gap = text[first.end : second.start]
    return bool(gap) and not gap.strip(" \t\u00a0")


# Where a token of WORD_RE may begin and end, as lookarounds: not inside another token
# ("bathe" holds no "the"; "e-mail" no "mail").
TOKEN_START = r"(?<![\w\uFFFC])(?<![\w\uFFFC][’'\-.])"
TOKEN_END = r"(?![\w\uFFFC])(?![’'\-.][\w\uFFFC])"


def token_pattern(
    words: Iterable[str], *, ignorecase: bool = False, then: str = ""
) -> re.Pattern[str]:
    """A pattern matching any of ``words`` as a whole token (then ``then``, a look-ahead or
    more pattern), for rules that look only at a few words: one C-level pass over the story
    instead of a walk over every word. Each word leads its alternative and the token-start
    test follows as a look-behind, so the regex engine can scan for the literal quickly."""
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        width = "." * len(word)
        alternatives.append(
            f"{re.escape(word)}(?<![\\w\\uFFFC]{width})(?<![\\w\\uFFFC][’'\\-.]{width})"
        )
    return re.compile(
        f"(?:{'|'.join(alternatives)}){TOKEN_END}{then}", re.IGNORECASE if ignorecase else 0
    )


# Characters a token is made of: word characters, the object-replacement character, and
# the apostrophes, hyphens and points that join parts. A maximal run of them (a "chunk") is
# cut into tokens the same way whether read alone or with the story around it, since a
# token never holds any other character: so tokens can be read locally, from a chunk start.
CHUNK_CHARS = "\\w\ufffc’'.\\-"
CHUNK_RUN_RE = lazy_compile(f"[{CHUNK_CHARS}]+")


def is_chunk_char(char: str) -> bool:
    return char.isalnum() or char in "_\ufffc’'.-"


# A trie of words: each character leads to the rest; "" marks a word's end.
_Trie = dict[str, "_Trie"]


def trie_alternation(words: Iterable[str]) -> str:
    """``words`` as one regex alternation factored by shared beginnings ("monday|month" ->
    "mon(?:day|th)"): Python's regex engine tries each branch in turn, so a trie of a few
    hundred words scans far faster than the flat list."""
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: _Trie) -> str:
        branches = [re.escape(c) + pattern(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return pattern(root)


# Characters read back from a position at first to find where its chunk starts (a word is
# far shorter; a longer chunk widens the window).
_BACK_WINDOW = 256


class Tokens:
    """Word tokens read from the text around a position on demand, exactly as
    ``Document.words`` cuts them, for rules that start from a few anchor words."""

    def __init__(self, text: str) -> None:
        self.text = text

    def chunk_start(self, at: int) -> int:
        """Where the chunk holding the character before ``at`` starts (``at`` if none does)."""
        text = self.text
        if at == 0 or not is_chunk_char(text[at - 1]):
            return at
        # Read backwards, as a regex over a reversed window of the text before ``at``, made
        # larger while the chunk fills it: no reversed copy of the whole story is kept.
        window = _BACK_WINDOW
        while True:
            lo = max(0, at - window)
            tail = text[lo:at][::-1]
            run = CHUNK_RUN_RE.match(tail)
            if run is None:  # (the character before ``at`` is a chunk's: never)
                return at
            if run.end() < len(tail) or lo == 0:
                return at - run.end()
            window *= 4

    def at(self, start: int, end: int) -> Word:
        """The token known to span ``start:end``."""
        text = self.text[start:end]
        return Word(start, end, text, text.lower())

    def _word(self, match: re.Match[str]) -> Word:
        text = match.group()
        return Word(match.start(), match.end(), text, text.lower())

    def after(self, pos: int, count: int) -> list[Word]:
        """Up to ``count`` tokens after offset ``pos`` (the end of a token)."""
        out: list[Word] = []
        if count <= 0:
            return out
        for match in WORD_RE.finditer(self.text, pos):
            out.append(self._word(match))
            if len(out) == count:
                break
        return out

    def before(self, start: int) -> Word | None:
        """The token before offset ``start`` (the start of a token), or None."""
        text = self.text
        at = start
        while at > 0:
            while at > 0 and not is_chunk_char(text[at - 1]):
                at -= 1
            if at == 0:
                return None
            lo = self.chunk_start(at - 1)
            last = None
            for match in WORD_RE.finditer(text, lo):
                if match.start() >= start:
                    break
                last = match
            if last is not None:
                return self._word(last)
            at = lo  # a chunk of marks alone ("--"): look further back
        return None
