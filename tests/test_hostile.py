"""Hostile input: every generated input in tests/hostile through every rule and format
completes without an internal error, and the inputs that once cost quadratic time or memory
stay linear (doubling the input at most about doubles the time)."""

from __future__ import annotations

import time

import pytest
from hostile import FORMATS, HOSTILE_INPUTS, SUFFIX

import newslint

# Every built-in rule, the off-by-default one too (lint_text runs one story, so it is quiet).
ALL_RULES = {"select": ["newslint"], "rules": {"duplicate-across-stories": {"enabled": True}}}
SMALL = 3_000


def _lint(text: str, fmt: str, config=None):
    return newslint.lint_text(text, filename=SUFFIX[fmt], config=config or ALL_RULES)


@pytest.mark.parametrize(
    "hostile,fmt",
    [(h, f) for h in HOSTILE_INPUTS for f in h.formats],
    ids=lambda value: value.name if hasattr(value, "name") else value,
)
def test_every_hostile_input_completes_in_every_format(hostile, fmt):
    text = hostile.build(SMALL)
    started = time.perf_counter()
    findings = _lint(text, fmt)
    assert time.perf_counter() - started < 10
    assert [f.message for f in findings if f.rule == "internal-error"] == []
    lines = text.count("\n") + 1
    for finding in findings:
        assert 1 <= finding.line <= finding.end_line <= lines, finding
        assert finding.column >= 1 and finding.end_column >= 1, finding


def _seconds(texts: list[str], fmt: str, config, rounds: int = 3) -> list[float]:
    """Each text's fastest of ``rounds`` runs in CPU seconds of this process, the texts taken
    in turn each round. CPU time leaves out the time other processes (another test worker, a
    build) hold the cores; what load still adds (caches, context switches) is only ever added,
    never taken away, so the fastest round is the closest, and a burst of it lands on both
    sizes alike."""
    best = [float("inf")] * len(texts)
    for _ in range(rounds):
        for number, text in enumerate(texts):
            started = time.process_time()
            _lint(text, fmt, config)
            best[number] = min(best[number], time.process_time() - started)
    return best


# (input, format, rules, size): the inputs that once made a rule or a parser quadratic, with
# the rules they slowed, at a size where the smaller run takes a few tenths of a second.
SCALING = [
    ("slash-words", "text", ["doubled-word"], 100_000),  # a look-ahead scanned the run per token
    ("dots", "text", ["repeated-attribution"], 100_000),  # the sentence splitter, per dot of a run
    ("straight-quotes", "text", ["inconsistent-naming"], 100_000),  # forced capitals, per quote
    ("suppression-comments", "markdown", ["debris", "invalid-suppression"], 60_000),  # per comment
    ("suppression-mixed", "html", ["newslint"], 20_000),  # disable, enable, next-line, findings
    ("unclosed-comments", "markdown", ["debris"], 100_000),  # '<!--' scanned to the end per opener
    ("time-phrases", "text", ["repeated-attribution"], 20_000),  # a count per word of a sentence
    ("unclosed-quoted-slips", "text", ["spelling"], 100_000),  # the quotation copied per slip
]


@pytest.mark.parametrize("name,fmt,rules,size", SCALING, ids=[case[0] for case in SCALING])
def test_doubling_the_input_at_most_about_doubles_the_time(name, fmt, rules, size):
    hostile = next(h for h in HOSTILE_INPUTS if h.name == name)
    config = {"select": rules}
    small, large = _seconds([hostile.build(size), hostile.build(2 * size)], fmt, config)
    # About twice, with room for a busy machine; quadratic was four times (and minutes).
    assert large <= 3 * small + 0.05, (small, large)
    assert large < 10


def test_the_inputs_cover_every_format():
    assert {fmt for hostile in HOSTILE_INPUTS for fmt in hostile.formats} == set(FORMATS)
    assert len({hostile.name for hostile in HOSTILE_INPUTS}) == len(HOSTILE_INPUTS)
