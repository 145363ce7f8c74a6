"""LinePatterns: a whole-line pattern list that compiles only what a line could match, and
answers exactly as one case-insensitive alternation of the list does."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.text.lexicon import load_lines
from newslint.text.line_patterns import LinePatterns, fold, leads

DEBRIS = load_lines("debris.txt")
SUFFIX = r"[.!:]?"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("skip to (?:main )?content", ("skip to ",)),
        ("(?:Jump|go) to top", ("jump", "go")),
        ("(?:main )?menu", ("main ", "menu")),
        ("(?:we|this (?:site|page)) uses cookies", ("we", "this ")),
        ("comments?(?: \\(\\d+\\))?", ("comment",)),
        ("ads{0,2}", ("ad",)),
        ("close|open now", ("close", "open now")),
        # No plain beginning: tried on every line.
        ("\\d+ comments?", None),
        (".{1,160} (?-i:Read more)", None),
        ("(?:by )?\\w+ reporter", None),
        ("(?:a|b){0,2}c", None),
        ("(?:a|[(]x)y", None),
        ("close|\\d+", None),
    ],
)
def test_leads_are_what_every_match_starts_with(source, expected):
    assert leads(source) == expected


def test_fold_covers_every_character_ignorecase_matches_to_ascii():
    # The characters outside ASCII that re.IGNORECASE matches to an ASCII letter or digit:
    # a line starting with one of them must still reach the patterns its lead names.
    plain = re.compile("[a-z0-9 ]", re.IGNORECASE)
    matched = [chr(c) for c in range(128, sys.maxunicode + 1) if plain.fullmatch(chr(c))]
    assert matched and all(fold(char).isascii() and len(fold(char)) == 1 for char in matched)


@pytest.fixture(scope="module")
def alternation():
    return re.compile("(?:" + "|".join(DEBRIS) + ")" + SUFFIX, re.IGNORECASE)


_FOLDED = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}


@st.composite
def lines(draw):
    """Lines near the debris list: a lead (its case changed, letters swapped for the
    characters re matches them to), then words or any text, or just any text."""
    start = draw(st.sampled_from([lead for s in DEBRIS for lead in leads(s) or ()] + [""]))
    start = "".join(draw(st.sampled_from([c, c.upper(), *_FOLDED.get(c, "")])) for c in start)
    rest = draw(
        st.one_of(
            st.sampled_from(["", "more", "content", "this post", "cookies", "on twitter"]),
            st.text(max_size=12),
        )
    )
    return start + draw(st.sampled_from(["", " ", ":"])) + rest + draw(st.sampled_from(["", "."]))


@settings(max_examples=150, deadline=None)
@given(line=lines())
def test_a_line_matches_as_the_whole_alternation_says(alternation, line):
    patterns = LinePatterns(lambda: DEBRIS, suffix=SUFFIX)
    assert patterns.fullmatch(line) == bool(alternation.fullmatch(line))


def test_a_line_of_copy_compiles_no_pattern_it_cannot_match():
    patterns = LinePatterns(lambda: DEBRIS, suffix=SUFFIX)
    assert not patterns.fullmatch("The council approved the plan on Tuesday.")
    assert not patterns.fullmatch("Adams said so")  # leads "ad": only those patterns tried
    led = {i for i in patterns._compiled if leads(DEBRIS[i]) is not None}
    assert led and all(leads(DEBRIS[i]) and "ad" in leads(DEBRIS[i]) for i in led)
    assert len(patterns._compiled) < len(DEBRIS) // 10
    assert patterns.fullmatch("ADVERTISEMENT") and patterns.fullmatch("ſkip to content")
