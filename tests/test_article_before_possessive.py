"""article-before-possessive: "the Germany's exporters"."""

from __future__ import annotations

import pytest
from conftest import rule_hits

from newslint.fixes import apply_edits

RULE = "article-before-possessive"


def fixed(text):
    edits = [e for f in rule_hits(text, RULE) for e in f.fix.edits]
    return apply_edits(text, edits)[0]


def test_country_possessive_with_curly_apostrophe():
    text = "Diplomats met to discuss the Afghanistan’s reconstruction budget."
    (hit,) = rule_hits(text, RULE)
    assert text[hit.start : hit.end] == "the Afghanistan’s"
    assert hit.column == text.index("the Afghanistan") + 1
    assert hit.suggestions == ("Afghanistan’s",)
    assert "Afghanistan takes no article" in hit.message
    assert fixed(text) == "Diplomats met to discuss Afghanistan’s reconstruction budget."


@pytest.mark.parametrize(
    "text, phrase, after",
    [
        (
            "Orders fell sharply for the Germany's exporters last quarter.",
            "the Germany's",
            "Orders fell sharply for Germany's exporters last quarter.",
        ),
        (
            "The London's transport network was shut down by the strike.",
            "The London's",
            "London's transport network was shut down by the strike.",
        ),
        (
            "Fans filled the streets after the New Zealand's victory in the final.",
            "the New Zealand's",
            "Fans filled the streets after New Zealand's victory in the final.",
        ),
        (
            "Tourism is vital to the Honduras' economy, officials said.",
            "the Honduras'",
            "Tourism is vital to Honduras' economy, officials said.",
        ),
    ],
)
def test_flagged_and_fixed(text, phrase, after):
    (hit,) = rule_hits(text, RULE)
    assert text[hit.start : hit.end] == phrase
    assert fixed(text) == after


@pytest.mark.parametrize(
    "text",
    [
        "The Netherlands' coalition collapsed after the Philippines' election was called.",
        "Analysts watched the Gambia's budget and the United States' reaction closely.",
        "The Kremlin's spokesman denied the Taliban's claims about the Pentagon's plans.",
        "The UK's trade deficit widened, while the US's and the EU's narrowed.",
        "The BBC's correspondent said the Bahamas' tourism industry had recovered.",
        "The Paris Agreement's targets were discussed alongside the Berlin Wall's anniversary.",
        "The Washington Post's editor and the New York Times' reporter both attended.",
        "The Germany coach's decision to rest his captain was criticised.",
        "The waters of the Jordan's lower reaches are shrinking, a study found.",
        "Germany's exporters and France's farmers both lobbied the commission.",
        "Viewers voted in record numbers for the Britain’s Got Talent final.",
    ],
)
def test_silent_on_correct_copy(text):
    assert rule_hits(text, RULE) == []
