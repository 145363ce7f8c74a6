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
from typing import Literal, NamedTuple

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


# Not cached: a handful of slices, made twice a key a call; a cache of 8,192 keys' variants
# held some 5 MB from one long story to the next.
def deletion_variants(key: str) -> tuple[str, ...]:
    """The distinct strings ``key`` becomes with at most one letter deleted, itself first."""
    return tuple(dict.fromkeys([key, *(key[:i] + key[i + 1 :] for i in range(len(key)))]))


class _Filed(NamedTuple):
    """A pair found in a bucket, and where the one-pass filing would have yielded it."""

    bucket: tuple[int, int]  # the (key, variant) that opened the bucket
    first: int  # the pair's places in the bucket
    second: int
    pair: tuple[str, str]


def one_edit_pairs(keys: Iterable[str], max_bucket: int | None = 8) -> Iterator[tuple[str, str]]:
    """Every pair (a, b), a < b, of distinct ``keys`` one edit apart, each once.

    Keys are filed under their deletion variants. A variant shared by more than
    ``max_bucket`` keys (a short, common shape such as "mar" under "mark", "mary", "marx"...)
    pairs none of them: so many look-alikes are names of their own, not slips. ``None``
    sets no limit: then every pair one edit apart is found.

    The order is that of filing every key in sorted order, each under its variants in
    order, and reading the buckets in the order they were opened. A variant of length m is
    a key of length m itself or a key of length m + 1 less a letter, so the buckets are
    filled one variant length at a time: a long story's index of every variant of every
    name was most of this check's memory."""
    ordered = sorted(set(keys))
    by_length: dict[int, list[int]] = {}  # length -> indices into ``ordered``
    for i, key in enumerate(ordered):
        by_length.setdefault(len(key), []).append(i)
    found: list[_Filed] = []
    # Variants of length m come from keys of length m and m + 1.
    for size in sorted({m for length in by_length for m in (length - 1, length) if m >= 0}):
        # The buckets of variants of this size: (first (key, variant) place, keys).
        buckets: dict[str, tuple[tuple[int, int], list[int]]] = {}
        members = sorted(by_length.get(size, []) + by_length.get(size + 1, []))
        for i in members:
            for j, variant in enumerate(deletion_variants(ordered[i])):
                if len(variant) != size:
                    continue
                bucket = buckets.get(variant)
                if bucket is None:
                    buckets[variant] = ((i, j), [i])
                else:
                    bucket[1].append(i)
        for opened, filed in buckets.values():
            if len(filed) < 2 or (max_bucket is not None and len(filed) > max_bucket):
                continue
            for x, i in enumerate(filed):
                for y in range(x + 1, len(filed)):
                    a, b = ordered[i], ordered[filed[y]]
                    if one_edit_apart(a, b):
                        found.append(_Filed(opened, x, y, (a, b) if a < b else (b, a)))
    found.sort()
    seen: set[tuple[str, str]] = set()
    for filed_pair in found:
        if filed_pair.pair not in seen:
            seen.add(filed_pair.pair)
            yield filed_pair.pair
