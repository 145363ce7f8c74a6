#!/usr/bin/env python3
"""Fuzz target for newslint's parsers and the rules behind them, with atheris (libFuzzer).
Not part of the test suite: run it on its own, for as long as you like.

    pip install atheris
    python fuzz/fuzz_parsers.py -max_total_time=300 -max_len=4096 [CORPUS_DIR]

Each input is decoded as newslint decodes a file (any bytes: an InputError is a clean
refusal), parsed as plain text, Markdown and HTML, and checked by every built-in rule. It
crashes on what must never happen: an exception escaping the engine (a rule's exception is
turned into an internal-error finding, which counts as a crash here too), a position
outside the file, or a run slower than a generous bound for the input's size.
"""

from __future__ import annotations

import sys
import time

import atheris

SUFFIXES = ("story.txt", "story.md", "story.html")

# newslint loads parsers, rules and markdown-it on first use: a warm-up run inside the
# block imports (and so instruments) all of them.
with atheris.instrument_imports():
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.inputs import InputError, Source, decode_raw

    LINTER = Linter.create(Config(select=("newslint",)), entry_points=False)
    LINTER.run(
        [
            Source(path, "Warm up: the the <b>Kyiv</b> and Kiev. [x](y) said on Monday.\n")
            for path in SUFFIXES
        ]
    )
# Inputs are small (-max_len); anything this slow is a cost that grows out of proportion.
SECONDS = 2.0


def check(data: bytes) -> None:
    try:
        decoded = decode_raw("fuzz", data)
    except InputError:
        return  # binary, not UTF-8, too large: refused with one line, as it should be
    source = Source.from_decoded("fuzz", decoded)
    lines = source.text.count("\n") + 1
    for path in SUFFIXES:
        started = time.perf_counter()
        (result,) = LINTER.run([Source(path, source.text, source.crlf)])
        elapsed = time.perf_counter() - started
        if result.error:
            raise AssertionError(f"{path}: {result.error}")
        for finding in result.findings:
            if finding.rule == "internal-error":
                raise AssertionError(f"{path}: {finding.message}")
            if not 1 <= finding.line <= finding.end_line <= lines:
                raise AssertionError(f"{path}: position outside the file: {finding}")
        if elapsed > SECONDS:
            raise AssertionError(f"{path}: {elapsed:.1f} s on {len(data)} bytes")


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
