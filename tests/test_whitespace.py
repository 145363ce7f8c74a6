from __future__ import annotations

import pytest
from conftest import rule_hits
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import fix_text as _fix_text


def fix_text(source: str, filename: str):
    return _fix_text(source, filename=filename, config={"select": ["trailing-whitespace"]})


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


# Inline content a parser leaves out of the prose, after spaces that the source line does
# not end with: the spaces are between words and that content, not trailing.
_NOT_AT_LINE_END = {
    "s.md": ["said the  ![Photo](m.jpg)\n", "said the  `code`\n", "said the  <span>x</span>\n"],
    "s.html": ['<p>said the  <img src="m.jpg"></p>\n', "<p>said the  <br> and more</p>\n"],
    "s.txt": [],
}


@pytest.mark.parametrize(
    "path, source",
    [(path, source) for path, sources in _NOT_AT_LINE_END.items() for source in sources],
)
def test_spaces_before_inline_content_are_not_trailing(path, source):
    assert rule_hits(source, "trailing-whitespace", path) == []
    assert fix_text(source, filename=path).text == source


@pytest.mark.parametrize(
    "path, source, fixed",
    [
        ("s.txt", "said the photo  \nNext.\n", "said the photo\nNext.\n"),
        ("s.txt", "said the photo\t\n", "said the photo\n"),
    ],
)
def test_whitespace_the_source_line_ends_with_is_trailing(path, source, fixed):
    assert len(rule_hits(source, "trailing-whitespace", path)) == 1
    assert fix_text(source, filename=path).text == fixed


@settings(max_examples=40, deadline=None)  # two checks an example (fix_text): no deadline
@given(
    words=st.lists(st.sampled_from(["said", "the", "mayor"]), min_size=1, max_size=4),
    gap=st.sampled_from([" ", "  ", "\t", " \t"]),
    inline=st.sampled_from(["![Photo](m.jpg)", "`code`", "<b>x</b>", ""]),
    fmt=st.sampled_from(["s.txt", "s.md", "s.html"]),
)
def test_a_trailing_whitespace_finding_stands_at_its_source_lines_end(words, gap, inline, fmt):
    line = " ".join(words) + gap + inline
    source = f"<p>{line}</p>\n" if fmt == "s.html" else line + "\n"
    for finding in rule_hits(source, "trailing-whitespace", fmt):
        edit = finding.fix.edits[0]
        rest = source[edit.end :].split("\n", 1)[0]
        assert source[edit.start : edit.end].strip(" \t") == ""
        assert rest in ("", "</p>")
    # Whatever is fixed, the word before the inline content is never glued to it.
    fixed = fix_text(source, filename=fmt).text
    assert inline == "" or words[-1] + inline not in fixed


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
