from __future__ import annotations

import pytest

from newslint.rules.duplicate_paragraph import edit_distance_within, tokens_of

from conftest import rule_hits

BASE = ("The regional council agreed on Tuesday to spend four million pounds repairing "
        "flood defences along the river before next winter.")
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
    quoted = story("“It is overdue,” said the resident who had lived there for forty years.",
                   OTHER, '"It is overdue," said the resident who had lived there for forty years.')
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


@pytest.mark.parametrize("pair", [
    ("The regional council agreed on Tuesday to spend four million pounds repairing flood defences.",
     "Council officers said repairs to the flood defences would take most of the year to finish."),
    ("Police said the two men were arrested in the city centre on Friday night after a fight.",
     "The two men, both in their twenties, were released on bail on Saturday pending inquiries."),
    ("Shares in the company fell 4% after it warned that profits would be lower than expected.",
     "Shares in its main rival rose 2% as investors bet that it would win customers this year."),
    ("He said: “We will not give up.”", "She said: “We will not give up.”"),
])
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
    found = dups(story(BASE, OTHER, third, "A quite different closing paragraph ends it here.", BASE, OTHER, third))
    assert len(found) == 1
    block = found[0]
    assert (block.line, block.end_line) == (9, 13)
    assert "Block of 3 paragraphs (lines 9-13) repeats lines 1-5" in block.message


def test_cost_is_near_linear_no_all_pairs():
    # 3,000 distinct paragraphs sharing boilerplate shingles must not be compared pairwise.
    paragraphs = [f"Item {i} of the council agenda was approved without debate by members {i * 7}." for i in range(3000)]
    assert dups(story(*paragraphs)) == []


def test_edit_distance_counts_a_swap_as_one_edit_and_respects_the_limit():
    a = tokens_of("one two three four five")
    assert edit_distance_within(a, tokens_of("one three two four five"), 1) == 1
    assert edit_distance_within(a, tokens_of("one two four five"), 1) == 1
    assert edit_distance_within(a, tokens_of("five four three two one"), 2) is None
