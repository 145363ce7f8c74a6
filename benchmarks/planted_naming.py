#!/usr/bin/env python3
"""Planted slips in recurring names: how many inconsistent-naming finds, and on which token.

    python benchmarks/planted_naming.py [--corpora ../shared/corpora] [--corpus bbc-dev]
                                        [--stories 400] [--seed 10] [--min-count 3] [--show 10]

Reads dev-corpus stories at run time (nothing of them is stored): in each, picks a name
written the same way at least ``--min-count`` times mid-sentence (a capitalised word of five
letters or more that is not the first word of a sentence, outside the story's furniture:
handles, URLs, promotion lines...), and in one occurrence after the
first plants one typing slip at an inner letter (never the first or the last, whose change
makes another name: Hollywood/Bollywood, David/Davis): a letter dropped, a letter doubled,
a vowel changed, or two letters swapped. A slip that makes a word the story already holds is
skipped. The story is checked with inconsistent-naming alone, before and after; the slip is
found when a new finding covers the planted token, and on the token when it starts there.
Prints the share found per slip kind and overall (target: 95% or more), the share on the
token, and, with ``--show``, missed slips (stored nowhere; the corpora's terms forbid
committing their text).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newslint.api import lint_text  # noqa: E402
from newslint.text.furniture import furniture  # noqa: E402

RULE = "inconsistent-naming"
CONFIG = {"select": [RULE]}
_NAME_RE = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{4,}\b(?![’'-])")
_VOWELS = "aeiou"
KINDS = ("drop", "double", "vowel", "swap")


def plant(word: str, kind: str, rng: random.Random) -> str | None:
    """``word`` with one slip of ``kind`` at an inner letter, or None when it has no room."""
    inner = range(1, len(word) - 1)
    if kind == "drop":
        i = rng.choice(inner)
        return word[:i] + word[i + 1 :]
    if kind == "double":
        i = rng.choice(inner)
        return word[:i] + word[i] + word[i:]
    if kind == "vowel":
        places = [i for i in inner if word[i] in _VOWELS]
        if not places:
            return None
        i = rng.choice(places)
        return word[:i] + rng.choice([v for v in _VOWELS if v != word[i]]) + word[i + 1 :]
    places = [i for i in range(1, len(word) - 2) if word[i] != word[i + 1]]
    if not places:
        return None
    i = rng.choice(places)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def candidates(text: str, min_count: int) -> list[tuple[str, list[int]]]:
    """Names written at least ``min_count`` times mid-sentence, with their offsets; none in
    the story's furniture (a handle, a URL, a promotion line...), which is not prose."""
    aside = [(s.start, s.end) for s in furniture(text)]
    places: dict[str, list[int]] = {}
    for match in _NAME_RE.finditer(text):
        if not any(lo <= match.start() < hi for lo, hi in aside):
            places.setdefault(match.group(), []).append(match.start())
    return [(word, starts) for word, starts in sorted(places.items()) if len(starts) >= min_count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--corpus", action="append", choices=("bbc-dev", "outlets-dev"))
    parser.add_argument("--stories", type=int, default=400, help="stories sampled per corpus")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--min-count", type=int, default=3, help="times the name is written")
    parser.add_argument("--show", type=int, default=0, help="missed slips to print")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    found, on_token, tried = Counter(), Counter(), Counter()
    missed = []
    for corpus in args.corpus or ["bbc-dev", "outlets-dev"]:
        files = sorted((args.corpora / corpus).glob("*.txt"))
        if not files:
            print(f"no stories in {args.corpora / corpus}", file=sys.stderr)
            return 2
        for path in rng.sample(files, min(args.stories, len(files))):
            text = path.read_text(encoding="utf-8")
            names = candidates(text, args.min_count)
            if not names:
                continue
            word, starts = rng.choice(names)
            kind = KINDS[sum(tried.values()) % len(KINDS)]
            slip = plant(word, kind, rng)
            if (
                slip is None
                or slip == word
                or re.search(rf"\b{re.escape(slip)}\b", text, re.IGNORECASE)
            ):
                continue
            at = rng.choice(starts[1:])
            planted = text[:at] + slip + text[at + len(word) :]
            before = {(f.start, f.end) for f in lint_text(text, filename=path.name, config=CONFIG)}
            after = [
                f
                for f in lint_text(planted, filename=path.name, config=CONFIG)
                if (f.start, f.end) not in before or f.start == at
            ]
            tried[kind] += 1
            hit = [f for f in after if f.start <= at < f.end]
            if hit:
                found[kind] += 1
                on_token[kind] += any(f.start == at for f in hit)
            else:
                context = " ".join(planted[max(0, at - 60) : at + 40].split())
                missed.append(
                    f"{corpus}/{path.name}: {word} -> {slip} ({kind}; written {len(starts)} times): "
                    f"...{context}..."
                )
    total = sum(tried.values())
    if not total:
        print("no story held a recurring name", file=sys.stderr)
        return 2
    print(f"planted slips in names written {args.min_count}+ times (seed {args.seed}):")
    for kind in KINDS:
        if tried[kind]:
            print(
                f"  {kind:7} {found[kind]:4}/{tried[kind]:<4} found {found[kind] / tried[kind]:6.1%}"
                f"   on the token {on_token[kind]:4}"
            )
    print(
        f"  all     {sum(found.values()):4}/{total:<4} found {sum(found.values()) / total:6.1%}"
        f"   on the token {sum(on_token.values()) / max(1, sum(found.values())):6.1%} of those found"
    )
    for line in missed[: args.show]:
        print("  missed:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
