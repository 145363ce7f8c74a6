#!/usr/bin/env python3
"""Planted slips: how many grammar slips the rules find when we plant them in published copy.

    python benchmarks/planted_grammar.py                       # both dev corpora
    python benchmarks/planted_grammar.py --corpus bbc-dev --per-story 2 --show-missed 5

Reads the dev corpora (``<corpora>/bbc-dev``, ``<corpora>/outlets-dev``; ``--corpora`` elsewhere)
at run time and, in a copy held in memory, plants one slip of a kind at a time, then runs the
rule that should find it on the planted story alone. Nothing is written: the corpora's terms
forbid copying their text, so the stories never leave memory (``--show-missed`` prints a
missed site in context on the terminal, to read, not to save). Kinds:

- ``missing-aux/participle``: the auxiliary before "not" deleted where a participle or a
  predicative adjective follows ("they were not told" -> "they not told");
- ``missing-aux/other``: the same where anything else follows, a plain verb, an adverb, an
  article, a wh-word ("she did not directly answer" -> "she not directly answer");
- ``doubled-word/short``: a short word typed twice ("in" -> "in in", "that" -> "that that").

Sites whose planted form is correct English by the rule's documented legitimate patterns are
left out and counted: "not only", "not merely", "not just", "not least", "not being", "not
having" (for the auxiliary); the subjunctive after "that" following a verb of asking or "is",
or right after such a verb; and for doubled words "that that" before a noun or verb, "had had"
unless "been" follows, "is is"/"was was" after a wh-word in the sentence, "a can can", and a
particle after a verb form ("sworn in in"). The planter decides these from the words around
the site with its own simple tests (so it may leave out more than the rule would accept).
Sites in an embedded social post or on a debris line, where the rules leave the writer's
words alone by design, are left out too.

A planted slip is found when the rule reports a finding on the planted story whose span
covers the planted site. Prints, per kind and corpus: sites planted, found, the share found,
and sites left out as legitimate. The target (issue 10) is at least 95% per kind.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CORPORA = ("bbc-dev", "outlets-dev")

_SUBJECTS = "I|he|she|it|we|they|you|He|She|It|We|They|You"
_AUXILIARIES = (
    "is|was|are|were|am|did|does|do|has|have|had|will|would|could|should|can|may|might|must"
)
_AUX_RE = re.compile(rf"\b({_SUBJECTS})\s+({_AUXILIARIES})\s+not\s+([A-Za-z][\w’'-]*)")
_CORRECT_AFTER_NOT = frozenset("only just merely simply solely least being having".split())
_SUBJUNCTIVE_BEFORE = frozenset(
    "lest ask asks asked insist insists insisted demand demands demanded request requested "
    "require required recommend recommended suggest suggested propose proposed urge urged "
    "order ordered advise advised rather important essential vital crucial imperative "
    "necessary namely is was be".split()
)

SHORT_WORDS = (
    "that in to can was of the and for on is it with at be by as from has have he "
    "we they had or an are were will not"
).split()
_SHORT_RE = re.compile(rf"(?<=[ ])({'|'.join(SHORT_WORDS)})(?= [\w“\"‘'(])")
_PARTICLES = frozenset("in on for at with by".split())
_CLAUSE_STARTS = frozenset(
    "the a an he she they we i you it there his her their our its my your this these those".split()
)
_CLEFT_WORDS = frozenset("what where how why who whatever all".split())
_ARTICLES = frozenset("a an the one each every this that any no another".split())
_VERB_FORMS = frozenset(
    "go come get give buy sit stand take put set let turn went came got gave bought took sworn "
    "fought paid held kept sat stood".split()
)
_WORD_BEFORE_RE = re.compile(r"([\w’'-]+)\W*$")
_WORD_AFTER_RE = re.compile(r"\W*([\w’'-]+)")
_SENTENCE_START_RE = re.compile(r"[.!?]\s")


class Site(NamedTuple):
    kind: str
    start: int  # where the slip sits in the planted text
    end: int
    planted: str  # the planted story


@dataclass
class Tally:
    planted: int = 0
    found: int = 0
    left_out: int = 0


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE_RE.search(text, max(0, pos - 40), pos)
    return m.group(1).lower() if m else ""


def _participle_or_adjective(word: str) -> bool:
    from newslint.text.lexicon import load_set

    word = word.lower()
    if word in load_set("irregular_participles.txt") or word in load_set(
        "predicative_adjectives.txt"
    ):
        return True
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


def auxiliary_sites(text: str, left_out: Counter) -> Iterator[Site]:
    for m in _AUX_RE.finditer(text):
        if "\n" in m.group(0):
            continue
        following = m.group(3)
        before = _word_before(text, m.start())
        subjunctive = before in _SUBJUNCTIVE_BEFORE or (
            before == "that"
            and _word_before(text, text.rfind("that", 0, m.start())) in _SUBJUNCTIVE_BEFORE
        )
        kind = (
            "missing-aux/participle" if _participle_or_adjective(following) else "missing-aux/other"
        )
        if following.lower() in _CORRECT_AFTER_NOT or subjunctive:
            left_out[kind] += 1
            continue
        planted = text[: m.start(2)] + text[m.end(2) + 1 :]  # "they were not" -> "they not"
        yield Site(kind, m.start(1), m.start(1) + len(m.group(1)) + 4, planted)


def _legitimate_double(text: str, m: re.Match) -> bool:
    word = m.group(1)
    after = _WORD_AFTER_RE.match(text, m.end())
    nxt = after.group(1).lower() if after else ""
    before = _word_before(text, m.start())
    if word == "that":
        return nxt not in _CLAUSE_STARTS
    if word == "had":
        return nxt != "been"
    if word in ("is", "was"):
        starts = [
            s.end() for s in _SENTENCE_START_RE.finditer(text, max(0, m.start() - 300), m.start())
        ]
        sentence = text[starts[-1] if starts else max(0, m.start() - 300) : m.start()].lower()
        return any(w in _CLEFT_WORDS for w in re.findall(r"[a-z]+", sentence))
    if word == "can":
        return before in _ARTICLES
    if word in _PARTICLES:
        return before in _VERB_FORMS or before.endswith(("ed", "ing", "en"))
    return False


def doubled_sites(text: str, left_out: Counter) -> Iterator[Site]:
    for m in _SHORT_RE.finditer(text):
        if _legitimate_double(text, m):
            left_out["doubled-word/short"] += 1
            continue
        planted = text[: m.end()] + " " + m.group(1) + text[m.end() :]
        yield Site("doubled-word/short", m.start(), m.end() + 1 + len(m.group(1)), planted)


RULE_OF = {
    "missing-aux/participle": "missing-verb",
    "missing-aux/other": "missing-verb",
    "doubled-word/short": "doubled-word",
}


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def found(linter, path: str, site: Site) -> bool:
    from newslint.inputs import Source

    line, column = _position(site.planted, site.start)
    end_line, end_column = _position(site.planted, site.end)
    for finding in linter.run([Source(path, site.planted)])[0].findings:
        if finding.rule != RULE_OF[site.kind]:
            continue
        if (finding.line, finding.column) <= (end_line, end_column) and (line, column) <= (
            finding.end_line,
            finding.end_column,
        ):
            return True
    return False


def _not_prose(linter, name: str, text: str):
    """Whether an offset of the (plain text) story lies where the rules leave the writer's
    words alone by design: an embedded social post, or a debris line."""
    from newslint.inputs import Source
    from newslint.rules.debris import is_debris_line

    document = linter.parse(Source(name, text))
    posts = [(r.start, r.end) for r in document.regions.furniture if r.kind == "post"]

    def not_prose(offset: int) -> bool:
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        if is_debris_line(text[start : end if end != -1 else len(text)]):
            return True
        at = document.text.find(text[start : end if end != -1 else len(text)])
        prose = at + (offset - start) if at != -1 else offset
        return any(a <= prose < b for a, b in posts)

    return not_prose


def measure(corpus_dir: Path, per_story: int, rng: random.Random, show_missed: int):
    from newslint.config import Config
    from newslint.engine import Linter

    linters = {
        rule: Linter.create(Config(select=(rule,)), entry_points=False)
        for rule in set(RULE_OF.values())
    }
    tallies: dict[str, Tally] = {kind: Tally() for kind in RULE_OF}
    shown: Counter = Counter()
    for path in sorted(corpus_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        left_out: Counter = Counter()
        by_kind: dict[str, list[Site]] = {}
        not_prose = _not_prose(linters["doubled-word"], path.name, text)
        for site in (*auxiliary_sites(text, left_out), *doubled_sites(text, left_out)):
            if not_prose(site.start):
                left_out[site.kind] += 1
                continue
            by_kind.setdefault(site.kind, []).append(site)
        for kind, count in left_out.items():
            tallies[kind].left_out += count
        for kind, sites in by_kind.items():
            for site in rng.sample(sites, min(per_story, len(sites))):
                tally = tallies[kind]
                tally.planted += 1
                if found(linters[RULE_OF[kind]], path.name, site):
                    tally.found += 1
                elif shown[kind] < show_missed:
                    shown[kind] += 1
                    context = site.planted[max(0, site.start - 60) : site.end + 40].replace(
                        "\n", " "
                    )
                    print(f"  missed {kind} in {corpus_dir.name}/{path.name}: ...{context}...")
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--corpus", choices=CORPORA, action="append")
    parser.add_argument(
        "--per-story", type=int, default=1, help="slips of each kind planted per story (default 1)"
    )
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument(
        "--show-missed",
        type=int,
        default=0,
        metavar="N",
        help="print up to N missed sites of each kind in context (terminal only)",
    )
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    print(f"{'corpus':12} {'kind':24} {'planted':>8} {'found':>7} {'share':>7} {'left out':>9}")
    for corpus in args.corpus or CORPORA:
        directory = args.corpora / corpus
        if not directory.is_dir():
            print(f"newslint planted: no corpus at {directory}", file=sys.stderr)
            return 2
        for kind, tally in measure(directory, args.per_story, rng, args.show_missed).items():
            share = f"{tally.found / tally.planted:.1%}" if tally.planted else "-"
            print(
                f"{corpus:12} {kind:24} {tally.planted:8} {tally.found:7} {share:>7} {tally.left_out:9}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
