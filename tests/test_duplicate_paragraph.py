from __future__ import annotations

import pytest
from conftest import rule_hits
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.rules import duplicate_paragraph as dp
from newslint.rules.duplicate_paragraph import edit_distance_within, tokens_of

BASE = (
    "The regional council agreed on Tuesday to spend four million pounds repairing "
    "flood defences along the river before next winter."
)
OTHER = "Residents said the work was overdue and that insurers had already raised premiums."


def story(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def dups(text: str):
    return rule_hits(text, "duplicate-paragraph")


def test_exact_copy_ignores_case_spacing_and_quote_style():
    copy = BASE.upper().replace(" ", "  ", 3)
    found = dups(story(BASE, OTHER, copy))
    assert len(found) == 1 and found[0].line == 5
    assert "line 1" in found[0].message and "nearly" not in found[0].message
    quoted = story(
        "“It is overdue,” said the resident who had lived there for forty years.",
        OTHER,
        '"It is overdue," said the resident who had lived there for forty years.',
    )
    assert len(dups(quoted)) == 1


def test_near_copy_with_a_word_dropped():
    dropped = BASE.replace(" four million", " million")
    found = dups(story(BASE, OTHER, dropped))
    assert len(found) == 1
    assert "nearly repeats" in found[0].message and "1 word differ" in found[0].message


def test_near_copy_with_two_neighbouring_words_swapped():
    swapped = BASE.replace("flood defences", "defences flood")
    assert len(dups(story(BASE, OTHER, swapped))) == 1


def test_near_copy_with_a_word_changed():
    changed = BASE.replace("Tuesday", "Wednesday")
    assert len(dups(story(BASE, OTHER, changed))) == 1


@pytest.mark.parametrize(
    "pair",
    [
        (
            "The regional council agreed on Tuesday to spend four million pounds repairing flood defences.",
            "Council officers said repairs to the flood defences would take most of the year to finish.",
        ),
        (
            "Police said the two men were arrested in the city centre on Friday night after a fight.",
            "The two men, both in their twenties, were released on bail on Saturday pending inquiries.",
        ),
        (
            "Shares in the company fell 4% after it warned that profits would be lower than expected.",
            "Shares in its main rival rose 2% as investors bet that it would win customers this year.",
        ),
        ("He said: “We will not give up.”", "She said: “We will not give up.”"),
    ],
)
def test_different_paragraphs_about_the_same_event_are_not_copies(pair):
    assert dups(story(pair[0], OTHER, pair[1])) == []


def test_short_lines_and_separators_are_not_paragraphs_worth_flagging():
    text = story("* * *", BASE, "###", "Key points", OTHER, "* * *", "###", "Key points")
    assert dups(text) == []


def test_short_sentences_differing_by_one_word_are_not_near_copies():
    text = story("Shares rose 5% on Monday.", OTHER, "Shares rose 5% on Tuesday.")
    assert dups(text) == []


def test_block_finding_spans_the_run_and_names_the_original_lines():
    third = "Work is expected to begin in March and to last about eighteen months in total."
    found = dups(
        story(
            BASE,
            OTHER,
            third,
            "A quite different closing paragraph ends it here.",
            BASE,
            OTHER,
            third,
        )
    )
    assert len(found) == 1
    block = found[0]
    assert (block.line, block.end_line) == (9, 13)
    assert "Block of 3 paragraphs (lines 9-13) repeats lines 1-5" in block.message


def test_cost_is_near_linear_no_all_pairs():
    # 3,000 distinct paragraphs sharing boilerplate shingles must not be compared pairwise.
    paragraphs = [
        f"Item {i} of the council agenda was approved without debate by members {i * 7}."
        for i in range(3000)
    ]
    assert dups(story(*paragraphs)) == []


def test_edit_distance_counts_a_swap_as_one_edit_and_respects_the_limit():
    a = tokens_of("one two three four five")
    assert edit_distance_within(a, tokens_of("one three two four five"), 1) == 1
    assert edit_distance_within(a, tokens_of("one two four five"), 1) == 1
    assert edit_distance_within(a, tokens_of("five four three two one"), 2) is None


# --- short lines that recur as structure, not as copies (issue 10) --------------------------

QUESTION = "What did the inspectors find when they reached the dam on the second morning?"
ANSWER = "Cracks along the spillway, and a gate that had not been opened for years."


def headed(*paragraphs: str) -> str:
    """A story with a headline first (line 1), so lines below start on line 3."""
    return story("Inspectors report on the dam", *paragraphs)


def test_speaker_labels_in_a_transcript_are_not_copies():
    text = headed(
        "maria lopez",
        QUESTION,
        "david chen",
        ANSWER,
        "maria lopez",
        "And the town below it?",
        "david chen",
        "Nobody had told them anything at all.",
    )
    assert dups(text) == []


def test_fields_of_a_table_and_items_of_a_list_repeat_without_being_copies():
    fixtures = headed(
        "VENUE: Riverside Stadium",
        "KICK-OFF: 3pm Saturday",
        OTHER,
        "VENUE: Riverside Stadium",
        "KICK-OFF: 7.45pm Tuesday",
    )
    assert dups(fixtures) == []
    lists = headed(
        "Cases by county:",
        "• Northshire: 4,120",
        "• Eastvale: 2,045",
        OTHER,
        "Deaths by county:",
        "• Westmoor: 310",
        "• Northshire: 4,120",
    )
    assert dups(lists) == []


def test_a_refrain_and_a_reused_subhead_are_not_copies():
    refrain = headed(
        "Keep the lights on.",
        "They sang it through the night as the water rose.",
        "Keep the lights on.",
        "By dawn the street was dry.",
    )
    assert dups(refrain) == []
    subheads = headed("What happens next", BASE, "What happens next", OTHER)
    assert dups(subheads) == []


def test_a_short_line_printed_twice_in_a_row_is_a_copy():
    caption = "Rescuers search the ruins in Kenton."
    found = dups(headed(OTHER, caption, caption, BASE))
    assert [f.line for f in found] == [7]


def test_a_photo_credit_printed_again_is_a_copy():
    found = dups(
        headed("Sam Rivers/Coast Herald", BASE, OTHER, "Sam Rivers/Coast Herald", "The end of it.")
    )
    assert [f.line for f in found] == [9]


def test_a_short_line_beside_another_copied_paragraph_is_a_copy():
    short = "That may be about to change."
    found = dups(
        headed(
            BASE,
            short,
            OTHER,
            "A quite different paragraph stands here between them.",
            short,
            BASE.replace("Tuesday", "Wednesday"),
        )
    )
    assert sorted(f.line for f in found) == [11, 13]


def test_a_list_pasted_twice_is_still_a_copy():
    items = ["• Northshire: 4,120 cases", "• Eastvale: 2,045 cases", "• Westmoor: 310 cases"]
    found = dups(headed(BASE, *items, OTHER, *items))
    assert len(found) == 1 and found[0].data["paragraphs"] == 3


def test_many_short_copies_out_of_order_stay_fast():
    import random
    import time

    lines = [f"Entry {i} closes early" for i in range(4000)]
    shuffled = lines[:]
    random.Random(1).shuffle(shuffled)
    text = headed(
        *[
            f"{a}\n\nA filler sentence that is not short at all, number {i}."
            for i, a in enumerate(lines)
        ],
        *shuffled,
    )
    started = time.perf_counter()
    dups(text)
    assert time.perf_counter() - started < 10


# Few words, so shingles repeat across paragraphs, and enough that many stand in one only.
_VOCABULARY = "the council voted on a new plan for the harbour road budget in march".split()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_VOCABULARY), min_size=3, max_size=20),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.tuples(st.integers(0, 11), st.integers(0, 19)), max_size=6),
)
def test_a_long_storys_shingle_filter_finds_the_same_copies(paragraphs, slips):
    """Indexing only the shingles that may stand in two paragraphs (a long story's way)
    finds exactly the copies that indexing every shingle finds."""
    paras = [dp._Para(i, tuple(words)) for i, words in enumerate(paragraphs)]
    # Copies with a slip or two, so near copies are found as well as exact ones.
    for source, at in slips:
        if source < len(paras):
            words = list(paras[source].tokens)
            words[at % len(words)] = "harbour"
            paras.append(dp._Para(len(paras), tuple(words)))
    everything = dp.find_copies(paras, 8)
    saved = dp._FILTER_FROM
    try:
        dp._FILTER_FROM = 0
        filtered = dp.find_copies(paras, 8)
    finally:
        dp._FILTER_FROM = saved
    assert filtered == everything
