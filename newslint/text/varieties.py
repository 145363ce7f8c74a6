"""British and American spellings of one word, from ``newslint/data/british_american.txt``.

``spelling_variety("colour")`` is ``("main", "british", "color")``. Inflections are made
from each pair's suffix list, so the data file stays short. Loaded once, on first use.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newslint.text.lexicon import load_lines

BRITISH = "british"
AMERICAN = "american"


def _inflect(base: str, suffix: str) -> str:
    if suffix[:1] in ("a", "e", "i", "o", "u") and base.endswith("e"):
        return base[:-1] + suffix
    return base + suffix


@lru_cache(maxsize=None)
def spelling_table() -> dict[str, tuple[str, str, str]]:
    """Every listed word (lower case) -> (axis, variety, the other variety's spelling)."""
    table: dict[str, tuple[str, str, str]] = {}
    axis = "main"
    for line in load_lines("british_american.txt"):
        if line.startswith("[") and line.endswith("]"):
            axis = line[1:-1]
            continue
        pair, _, suffixes = line.partition("|")
        british, american = pair.split()
        for suffix in ("", *suffixes.split()):
            b, a = _inflect(british, suffix), _inflect(american, suffix)
            if b != a:
                table.setdefault(b, (axis, BRITISH, a))
                table.setdefault(a, (axis, AMERICAN, b))
    return table


def spelling_variety(word: str) -> tuple[str, str, str] | None:
    return spelling_table().get(word.lower())


def is_spelling_pair(a: str, b: str) -> bool:
    """True when two words are the British and American spellings of one word."""
    entry = spelling_table().get(a.lower())
    return entry is not None and entry[2] == b.lower()


# ASCII bytes of a word character (\w) kept, every other byte (all of UTF-8's beyond
# ASCII among them) made a space.
_SPACED = bytes(c if c < 128 and (chr(c).isalnum() or c == 95) else 32 for c in range(256))


@lru_cache(maxsize=None)
def _varieties() -> tuple[dict[bytes, tuple[str, str]], frozenset[bytes]] | None:
    """Every listed word as ASCII bytes -> (axis, variety), and the words; None if a word
    is not ASCII."""
    table = spelling_table()
    if not all(map(str.isascii, table)):
        return None
    varieties = {word.encode(): (axis, variety) for word, (axis, variety, _) in table.items()}
    return varieties, frozenset(varieties)


def may_mix(text: str) -> bool:
    """False when no axis of the table has words of both varieties among the runs of ASCII
    word characters in ``text``. A listed word written alone, in a compound or before a
    possessive is such a run (when every listed word is ASCII), so then no spelling of the
    text is mixed with the other variety's."""
    found = _varieties()
    if found is None:
        return True
    table, words = found
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the runs are read from the bytes all the same
        data = text.encode("utf-8", "surrogatepass")
    first: dict[str, str] = {}
    for run in words.intersection(data.translate(_SPACED).split()):
        axis, variety = table[run]
        if first.setdefault(axis, variety) != variety:
            return True
    return False
