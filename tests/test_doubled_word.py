"""doubled-word: "the the", "said said"."""

from __future__ import annotations

import pytest
from conftest import rule_hits

from newslint.fixes import apply_edits

RULE = "doubled-word"


def test_doubled_article_is_flagged_and_fixed():
    text = "The council said the the budget would be balanced by March."
    (hit,) = rule_hits(text, RULE)
    assert text[hit.start : hit.end] == "the the"
    assert hit.column == text.index("the the") + 1
    assert hit.suggestions == ("the",)
    assert "'the' is doubled" in hit.message
    assert (
        apply_edits(text, hit.fix.edits)[0]
        == "The council said the budget would be balanced by March."
    )


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
    assert text[hit.start : hit.end] == phrase


def test_two_inline_code_spans_are_not_a_doubled_word():
    text = "Set `verbose` `true` in the file, the guide says.\n"
    assert rule_hits(text, RULE, path="story.md") == []


def test_wrapped_prose_line_break_still_counts():
    text = (
        "The committee will publish its findings once the the\n"
        "minister has had time to respond to the report in full."
    )
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


# --- short words: slips found, legitimate doubles left alone (issue 10) ---------------------


@pytest.mark.parametrize(
    "text, word",
    [
        ("The sharp rise in in food prices was blamed on the drought.", "in"),
        ("She went to to the hearing alone.", "to"),
        ("The price of of bread rose again.", "of"),
        ("Ministers say they can can deliver the plan by May.", "can"),
        ("The ferry was was late for the third day running.", "was"),
        ("Officials said that that the bridge would reopen on Friday.", "that"),
        ("He said that that they had been warned.", "that"),
        ("The road is is closed until further notice.", "is"),
        ("They had had been warned twice before the flood.", "had"),
        ("How does that help us with with the backlog?", "with"),
        ("The two men were arrested in in the city centre.", "in"),
    ],
)
def test_doubled_short_words_are_found(text, word):
    (hit,) = rule_hits(text, RULE)
    assert hit.data["word"] == word


@pytest.mark.parametrize(
    "text",
    [
        "She said that that decision was taken before she joined the board.",
        "Everyone knew that that was a mistake.",
        "By March the family had had enough of the noise.",
        "What the council wants is is not clear to anyone.",
        "What the motive was was never explained.",
        "He was sworn in in 2009 and stood down in 2017.",
        "It is not a position that we have been placed in in recent years.",
        "The fans had waited for for years.",
        "When he can go on on his own, he rambles.",
        "A can can hold about a third of a litre.",
        "The mayor signed a new New York law on Tuesday.",
        "Hey hey, ho ho, the new road has got to go!",
        "The memo said the the [sic] deadline had passed.",
        "He would not do things “nicey nicey”, she said.",
    ],
)
def test_legitimate_doubles_are_left_alone(text):
    assert rule_hits(text, RULE) == []


def test_a_long_line_of_doubles_stays_fast():
    import time

    text = "the " * 20_000 + "end.\n"
    started = time.perf_counter()
    found = rule_hits(text, RULE)
    assert time.perf_counter() - started < 10 and len(found) > 1000
