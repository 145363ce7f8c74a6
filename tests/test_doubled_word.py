"""doubled-word: "the the", "said said"."""

from __future__ import annotations

import pytest

from conftest import rule_hits
from newslint.fixes import apply_edits

RULE = "doubled-word"


def test_doubled_article_is_flagged_and_fixed():
    text = "The council said the the budget would be balanced by March."
    (hit,) = rule_hits(text, RULE)
    assert text[hit.start:hit.end] == "the the"
    assert hit.column == text.index("the the") + 1
    assert hit.suggestions == ("the",)
    assert "'the' is doubled" in hit.message
    assert apply_edits(text, hit.fix.edits)[0] == "The council said the budget would be balanced by March."


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("A spokesman said said the plant would stay open.", "said said"),
        ("The the new stadium will open in August, the club said.", "The the"),
        ("Police could could not confirm the number of arrests.", "could could"),
        ("She was elected to to the board in 2019.", "to to"),
    ],
)
def test_flagged(text, phrase):
    (hit,) = rule_hits(text, RULE)
    assert text[hit.start:hit.end] == phrase


def test_two_inline_code_spans_are_not_a_doubled_word():
    text = "Set `verbose` `true` in the file, the guide says.\n"
    assert rule_hits(text, RULE, path="story.md") == []


def test_wrapped_prose_line_break_still_counts():
    text = ("The committee will publish its findings once the the\n"
            "minister has had time to respond to the report in full.")
    (hit,) = rule_hits(text, RULE)
    assert hit.line == 1 and hit.end_line == 1


@pytest.mark.parametrize(
    "text",
    [
        "By the time the inquiry reported, the family had had to sell their home.",
        "He said that that decision had been taken before he joined the board.",
        "What the report shows is is a matter for the committee, the chairman said.",
        "It was a very, very difficult day for everyone involved, the coach said.",
        "The ceasefire began on the 20 20 hours after talks resumed.",
        "The band Duran Duran will headline the festival in July, ahead of The The.",
        "Fans who had waited for for years finally saw the team promoted.",
        "The charity gave her her first job after she left school.",
        "Shortlisted cities:\n- Madrid\nMadrid is the favourite, officials said.",
        "Candidates:\nParis\nParis and Rome have both bid before.",
    ],
)
def test_silent_on_correct_copy(text):
    assert rule_hits(text, RULE) == []
