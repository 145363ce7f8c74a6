"""British and American spellings of one word, from ``newslint/data/british_american.txt``.

``spelling_variety("colour")`` is ``("main", "british", "color")``. Inflections are made
from each pair's suffix list, so the data file stays short. Loaded once, on first use.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from newslint.text.lexicon import load_lines
from newslint.text.words import slices

BRITISH = "british"
AMERICAN = "american"


def _inflect(base: str, suffix: str) -> str:
    if suffix[:1] in ("a", "e", "i", "o", "u") and base.endswith("e"):
        return base[:-1] + suffix
    return base + suffix


@cache
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


@cache
def _varieties() -> frozenset[bytes] | None:
    """Every listed word as ASCII bytes; None if a word is not ASCII."""
    table = spelling_table()
    if not all(map(str.isascii, table)):
        return None
    return frozenset(word.encode() for word in table)


def written_runs(text: str) -> frozenset[str] | None:
    """The listed words that are runs of ASCII word characters in ``text`` (None when a
    listed word is not ASCII). A listed word written alone, in a compound or before a
    possessive is such a run."""
    found = _varieties()
    if found is None:
        return None
    runs: set[bytes] = set()
    # A slice at a time (no run holds white space): split() makes an object a word, some
    # 40 bytes a word of a long story at once.
    for part in slices(text):
        try:
            data = part.encode("utf-8")
        except (
            UnicodeEncodeError
        ):  # a lone surrogate: the runs are read from the bytes all the same
            data = part.encode("utf-8", "surrogatepass")
        runs.update(found.intersection(data.translate(_SPACED).split()))
    return frozenset(run.decode() for run in runs)


def mixes(words: Iterable[str]) -> bool:
    """Whether ``words`` hold listed words of both varieties of one axis."""
    table = spelling_table()
    first: dict[str, str] = {}
    for word in words:
        entry = table.get(word)
        if entry is not None and first.setdefault(entry[0], entry[1]) != entry[1]:
            return True
    return False
