from __future__ import annotations

import pytest
from conftest import rule_hits


def test_trailing_whitespace_position_and_fix():
    found = rule_hits("The bridge opened on Saturday.  \nIt cost £4m.\n", "trailing-whitespace")
    assert len(found) == 1
    f = found[0]
    assert (f.line, f.column, f.end_column) == (1, 31, 33)
    assert f.severity == "info" and f.fix.edits[0].text == ""


def test_trailing_whitespace_is_not_prose_in_markdown():
    assert (
        rule_hits("A line with a hard break  \nand the next line.\n", "trailing-whitespace", "s.md")
        == []
    )


def test_doubled_space_inside_a_sentence():
    found = rule_hits("The council  approved the plan.\n", "doubled-space")
    assert [(f.line, f.column, f.end_column) for f in found] == [(1, 12, 14)]


@pytest.mark.parametrize(
    "text",
    [
        "The council approved the plan.  Members voted nine to two.",
        "“We are delighted.”  The chairman then left.",
        "Results:  three wins and two draws.",
        "    Indented quotation of a letter from the mayor.",
        "The council approved the plan.",
    ],
)
def test_doubled_space_stays_silent_on_sentence_spacing_and_indentation(text):
    assert rule_hits(text + "\n", "doubled-space") == []


def test_spaces_meeting_around_a_markdown_comment_are_not_doubled():
    text = "The council approved <!-- newslint-disable-next-line --> the plan.\n"
    assert rule_hits(text, "doubled-space", "s.md") == []
    assert len(rule_hits("The council  approved the plan.\n", "doubled-space", "s.md")) == 1
