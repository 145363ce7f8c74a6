#!/usr/bin/env python3
"""Measure the spelling rule on folders of published articles.

    python benchmarks/spelling_slips.py ../shared/corpora/bbc-dev ../shared/corpora/outlets-dev \\
        [--slips 400] [--seed 12] [--list findings.txt] [--timing]

For each folder it prints how many spelling findings the rule makes on the published copy
(per 10,000 words; ``--list FILE`` writes each one with its line for reading, outside the
repository: the copy is not ours to commit). Then it plants keyboard slips, generated here
at run time from the folders, and prints how many the rule finds and how often the right word
is among its first three suggestions:

- a slip is made in a common lower-case word of the copy (a word of four letters or more,
  in at least 20 files, that the rule accepts where it stands): a letter dropped, a letter
  doubled, two neighbouring letters swapped, or a vowel changed, one of them at random;
- a slip that makes another common English word (wordfreq Zipf 3 or more: "from" ->
  "form") is a real-word error that no spell checker catches, and is drawn again;
- the slip replaces one lower-case occurrence of the word inside its own story, outside the
  story's furniture (``document.regions.aside``: handles, credits, embedded posts, labels...,
  where no wording rule looks), and the story is checked again: found means a spelling
  finding on exactly that word.

``--timing`` adds speed, in CPU time: a pass of all rules over the first folder with and
without the rule, each in a fresh process, and a single-file CLI run with and without it
(medians).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

VOWELS = "aeiou"
_WORD_RE = re.compile(r"(?<![\w'’\-@#/.])[a-z]{4,}(?![\w'’\-@/]|\.\w)")


def stories(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md", ".html"))


def lint(path: str, text: str, select: tuple[str, ...] = ("spelling",)):
    import newslint

    return [
        f
        for f in newslint.lint_text(text, filename=path, config={"select": list(select)})
        if f.rule in select
    ]


def mutate(word: str, rng: random.Random) -> str:
    kinds = ["drop", "double", "swap", "vowel"]
    rng.shuffle(kinds)
    for kind in kinds:
        if kind == "drop":
            i = rng.randrange(len(word))
            return word[:i] + word[i + 1 :]
        if kind == "double":
            i = rng.randrange(len(word))
            return word[: i + 1] + word[i] + word[i + 1 :]
        if kind == "swap":
            places = [i for i in range(len(word) - 1) if word[i] != word[i + 1]]
            if places:
                i = rng.choice(places)
                return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if kind == "vowel":
            places = [i for i, c in enumerate(word) if c in VOWELS]
            if places:
                i = rng.choice(places)
                return word[:i] + rng.choice([v for v in VOWELS if v != word[i]]) + word[i + 1 :]
    return word


def published(folders: list[Path], listing: Path | None) -> None:
    lines = []
    for folder in folders:
        words = findings = 0
        for path in stories(folder):
            text = path.read_text(encoding="utf-8")
            words += len(text.split())
            for f in lint(str(path), text):
                findings += 1
                source_line = text.splitlines()[f.line - 1]
                lines.append(
                    f"{path.name}:{f.line}:{f.column}: {f.data.get('word')} -> "
                    f"{' | '.join(f.suggestions)}\n    {source_line.strip()[:300]}"
                )
        print(
            f"{folder.name}: {findings} spelling findings in {words} words = "
            f"{findings / words * 1e4:.2f} per 10,000 words"
        )
    if listing:
        listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"findings listed in {listing}")


def planted(folders: list[Path], count: int, seed: int) -> None:
    from newslint.text.wordlist import word_list

    zipf = word_list().zipf100
    texts = {str(p): p.read_text(encoding="utf-8") for folder in folders for p in stories(folder)}
    files_with = Counter()
    for text in texts.values():
        files_with.update(set(_WORD_RE.findall(text)))
    common = sorted(w for w, n in files_with.items() if n >= 20)
    rng = random.Random(seed)
    paths = sorted(texts)
    found = top3 = tried = left_out = 0
    kinds = Counter()
    misses = []
    while tried < count:
        word = rng.choice(common)
        slip = mutate(word, rng)
        if slip == word or zipf(slip) >= 300:
            continue
        path = rng.choice(paths)
        text = texts[path]
        places = [m.start() for m in _WORD_RE.finditer(text) if m.group() == word]
        if not places:
            continue
        at = rng.choice(places)
        if _aside(path, text, at):
            left_out += 1  # a handle, a credit, an embedded post...: not the writer's prose
            continue
        if any(f.column and _offset(text, f) == at for f in lint(path, text)):
            continue  # the rule already flags the word where it stands
        changed = text[:at] + slip + text[at + len(word) :]
        tried += 1
        hit = [f for f in lint(path, changed) if _offset(changed, f) == at]
        if hit:
            found += 1
            if word in [s.lower() for s in hit[0].suggestions[:3]]:
                top3 += 1
            else:
                misses.append(f"{slip} -> {hit[0].suggestions[:3]} (meant {word})")
        else:
            misses.append(f"{slip} not found (meant {word})")
        kinds[len(slip) - len(word)] += 1
    print(
        f"planted slips: {tried} in common lower-case words; found {found} ({found / tried:.1%}); "
        f"right word in the first three suggestions {top3} ({top3 / tried:.1%}); "
        f"{left_out} sites in the stories' furniture left out"
    )
    for miss in misses[:25]:
        print(f"  missed: {miss}")


def _aside(path: str, text: str, offset: int) -> bool:
    """Whether ``offset`` of a plain-text story lies in its furniture (``regions.aside``),
    where no rule about wording looks by design."""
    from newslint.config import config_from_dict
    from newslint.engine import Linter
    from newslint.inputs import Source

    global _LINTER
    if _LINTER is None:
        _LINTER = Linter.create(config_from_dict({"select": ["spelling"]}), entry_points=False)
    return _LINTER.parse(Source(path, text)).regions.aside(offset)


_LINTER = None


def _offset(text: str, finding) -> int:
    """The offset in ``text`` of a finding's line and column."""
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: finding.line - 1]) + finding.column - 1


def timing(folder: Path, runs: int = 7) -> None:
    """CPU seconds (user + system), which a busy shared machine disturbs far less than the
    wall clock; medians of several runs. Each pass over the folder runs in a fresh process
    (as a CLI run does), so the rule's memo of verdicts starts empty."""
    import resource

    rules = [r for r in _all_rule_ids() if r != "spelling"]
    passes = {}
    for label, select in (("without spelling", ",".join(rules)), ("with spelling", "all")):
        times = []
        for _ in range(3):
            out = subprocess.run(
                [sys.executable, __file__, str(folder), "--one-pass", select],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            times.append(float(out))
        passes[label] = statistics.median(times)
        print(
            f"all rules {label}: {passes[label]:.2f} CPU s a pass over {folder.name} "
            "(fresh process, median of 3)"
        )
    print(f"the spelling rule adds {passes['with spelling'] / passes['without spelling'] - 1:.0%}")
    sample = sorted(stories(folder), key=lambda p: p.stat().st_size)[len(stories(folder)) // 2]
    single = {}
    for label, extra in (("without spelling", ["--ignore", "spelling"]), ("with spelling", [])):
        cmd = [
            sys.executable,
            "-m",
            "newslint",
            "check",
            "--no-plugins",
            "--fail-on",
            "never",
            *extra,
            str(sample),
        ]
        times = []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        single[label] = statistics.median(times)
        print(f"single-file CLI run {label}: {single[label] * 1000:.0f} CPU ms (median of {runs})")
    print(
        f"the spelling rule adds {(single['with spelling'] - single['without spelling']) * 1000:.0f} ms "
        f"to a single-file run (its word list read from the cache)"
    )


def one_pass(folder: Path, select: str) -> float:
    """CPU seconds of one ``newslint check FOLDER`` pipeline in this process, after a warm-up
    on three of its files (the word list mapped, patterns compiled)."""
    from newslint.runner import CheckRequest, run_check

    def request(paths):
        chosen = () if select == "all" else tuple(select.split(","))
        return CheckRequest(paths, select=chosen, no_config=True, entry_points=False)

    run_check(request([str(p) for p in stories(folder)[:3]]))
    start = time.process_time()
    run_check(request([str(folder)]))
    return time.process_time() - start


def _all_rule_ids() -> list[str]:
    from newslint.plugins import build_registry

    return sorted(
        r.id for r in build_registry(entry_points=False).rules.values() if r.enabled_by_default
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--slips", type=int, default=400)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--list", type=Path, help="write every finding on the published copy here")
    parser.add_argument("--timing", action="store_true")
    parser.add_argument("--one-pass", metavar="SELECT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_pass:
        print(one_pass(args.folders[0], args.one_pass))
        return
    published(args.folders, args.list)
    if args.slips:
        planted(args.folders, args.slips, args.seed)
    if args.timing:
        timing(args.folders[0])


if __name__ == "__main__":
    main()
