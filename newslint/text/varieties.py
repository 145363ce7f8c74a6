"""British and American spellings of one word, from ``newslint/data/british_american.txt``.

``spelling_variety("colour")`` is ``("main", "british", "color")``. Inflections are made
from each pair's suffix list, so the data file stays short. Loaded once, on first use.
"""

from __future__ import annotations

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
