"""A list of whole-line patterns, each compiled only when a line could match it.

The debris list holds some 80 case-insensitive patterns. Compiled as one alternation they
cost about 5 ms, a large part of a single-file run's start-up, yet nearly every line of
copy begins with words none of them begins with. Most patterns say plainly how a match must
begin ("skip to ", "(?:sign up|register) "...): those literal *leads* are read from the
source, and a line is tried only against the patterns whose lead it starts with (plus the
few whose source gives no lead), each compiled the first time a line needs it.

Whether a line matches is exactly what one alternation of them all would say: a line can
match a pattern only if it starts with one of its leads under the same case-insensitive
comparison ``re`` makes (``_fold``), and an alternation matches a whole line if and only if
one of its alternatives does.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from itertools import pairwise

from newslint.lazy import lazy_compile

# Characters read as themselves in a lead: ASCII letters, digits and the space (not from the
# string module: importing it compiles a pattern).
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")
# The only characters outside ASCII that ``re.IGNORECASE`` matches to an ASCII letter or
# digit (dotted and dotless i, long s, the Kelvin sign): folded to it before comparing.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(line: str) -> str:
    """``line`` as compared with leads: each character ``re.IGNORECASE`` matches to an ASCII
    letter becomes that letter in lower case (other characters may change, never into one
    that matches a lead's character where the original did not)."""
    return line.translate(_FOLD).lower()


def leads(source: str) -> tuple[str, ...] | None:
    """The texts (lower case, not empty), one of which every match of ``source`` starts with,
    read from the source's plain beginning; None when it has no plain beginning."""
    outer = _outer_marks(source)
    bars = [index for index, char in outer if char == "|"]
    if bars:
        bounds = [-1, *bars, len(source)]
        alternatives = [source[a + 1 : b] for a, b in pairwise(bounds)]
        found: list[str] = []
        for alternative in alternatives:
            each = leads(alternative)
            if each is None:
                return None
            found.extend(each)
        return tuple(found)
    if source.startswith("(?:"):
        end = next((index for index, char in outer if char == ")"), None)
        if end is None:
            return None
        inside = leads(source[3:end])
        after = source[end + 1 : end + 2]
        if after in ("?", "*"):  # the group may be skipped: the rest's leads count too
            rest = leads(source[end + 2 :])
            return None if inside is None or rest is None else inside + rest
        return None if after == "{" else inside
    run = 0
    while run < len(source) and source[run] in _PLAIN:
        run += 1
    if source[run : run + 1] in ("?", "*", "{"):
        run -= 1  # the quantifier makes the run's last character optional
    return (source[:run].lower(),) if run > 0 else None


# What the reading of a source looks at: a bracket or a bar. An escape and a character
# class (whose brackets and bars are literal) are matched whole, to be passed over.
_STRUCTURE_RE = lazy_compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|[()|]", re.DOTALL)


def _outer_marks(source: str) -> list[tuple[int, str]]:
    """(index, character) of each bracket and bar of ``source`` outside every group (a
    group's own brackets included), escapes and character classes."""
    out = []
    depth = 0
    for match in _STRUCTURE_RE.finditer(source):
        char = match.group()
        if char == ")":
            depth -= 1
        if depth == 0 and char in ("(", ")", "|"):
            out.append((match.start(), char))
        if char == "(":
            depth += 1
    return out


class LinePatterns:
    """Case-insensitive regular expressions, each matched against a whole line with
    ``suffix`` after it; ``load`` gives them on first use."""

    def __init__(self, load: Callable[[], tuple[str, ...]], suffix: str = "") -> None:
        self._load = load
        self._suffix = suffix
        self._lock = threading.Lock()
        self._sources: tuple[str, ...] = ()
        self._by_lead: dict[str, list[int]] = {}  # a lead -> the patterns it leads
        self._leads: tuple[str, ...] = ()
        self._always: list[int] = []  # patterns without a lead, tried on every line
        self._compiled: dict[int, re.Pattern[str]] = {}
        self._ready = False

    def fullmatch(self, line: str) -> bool:
        """Whether one of the patterns matches the whole of ``line``."""
        if not self._ready:
            self._prepare()
        candidates = self._always
        folded = fold(line)
        if folded.startswith(self._leads):
            candidates = sorted(
                {*candidates}.union(
                    *(self._by_lead[lead] for lead in self._leads if folded.startswith(lead))
                )
            )
        return any(self._pattern(index).fullmatch(line) for index in candidates)

    def _prepare(self) -> None:
        with self._lock:
            if self._ready:
                return
            self._sources = self._load()
            for index, source in enumerate(self._sources):
                found = leads(source)
                if found is None:
                    self._always.append(index)
                for lead in found or ():
                    self._by_lead.setdefault(lead, []).append(index)
            self._leads = tuple(self._by_lead)
            self._ready = True

    def _pattern(self, index: int) -> re.Pattern[str]:
        compiled = self._compiled.get(index)
        if compiled is None:
            source = f"(?:{self._sources[index]}){self._suffix}"
            compiled = self._compiled[index] = re.compile(source, re.IGNORECASE)
        return compiled
