"""Two spellings one edit apart: what kind of edit, and which pairs of a list are.

One algorithm serves every check: two strings one edit apart (a letter added, dropped or
changed, or two neighbours swapped: Damerau distance 1) share a *deletion variant*, the
string left when one letter is deleted from each (or none from the shorter). "brennan" and
"brenan" share "brenan"; "smith" and "smyth" share "smth"; "kudja" and "kujda" share "kuda".
So the keys are filed under their deletion variants and only keys filed together are
compared, never every pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Literal

# How two spellings one edit apart differ (``edit_kind``).
EditKind = Literal["first", "last", "double", "letter", "swap", "vowel", "change"]

_VOWELS = frozenset("aeiouy")


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


def edit_kind(a: str, b: str) -> EditKind:
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


@lru_cache(maxsize=8192)  # bounded: names recur from story to story, an archive has no end
def deletion_variants(key: str) -> tuple[str, ...]:
    """The distinct strings ``key`` becomes with at most one letter deleted, itself first."""
    return tuple(dict.fromkeys([key, *(key[:i] + key[i + 1 :] for i in range(len(key)))]))


def one_edit_pairs(keys: Iterable[str], max_bucket: int | None = 8) -> Iterator[tuple[str, str]]:
    """Every pair (a, b), a < b, of distinct ``keys`` one edit apart, each once.

    Keys are filed under their deletion variants. A variant shared by more than
    ``max_bucket`` keys (a short, common shape such as "mar" under "mark", "mary", "marx"...)
    pairs none of them: so many look-alikes are names of their own, not slips. ``None``
    sets no limit: then every pair one edit apart is found. The pairs come in the order of
    the sorted keys."""
    index: dict[str, list[str]] = {}  # a deletion variant -> the keys filed under it
    for key in sorted(set(keys)):
        for variant in deletion_variants(key):
            index.setdefault(variant, []).append(key)
    seen: set[tuple[str, str]] = set()
    for bucket in index.values():
        if len(bucket) < 2 or (max_bucket is not None and len(bucket) > max_bucket):
            continue
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                pair = (a, b) if a < b else (b, a)
                if pair not in seen and one_edit_apart(a, b):
                    seen.add(pair)
                    yield pair
