"""Issue acceptance for the structural checks, on a story written for the tests with the
faults the project started from: chrome above and below the copy, a repeated headline, and
the whole body pasted twice."""

from __future__ import annotations

import json

from conftest import lint

STORY = """\
Skip to main content
Latest news
Thumbnail

Harbour Board Delays Vote on Ferry Fares

The harbour board postponed its vote on ferry fares on Thursday, its chairman said.

Members asked for more time to study the operator's accounts before any rise was agreed.

Islanders have complained that fares rose twice last year while sailings were cut.

Harbour Board Delays Vote on Ferry Fares

A final decision is expected before the summer timetable starts in May.

Thumbnail

The harbour board postponed its vote on ferry fares on Thursday, its chairman said.

Members asked for more time to study the operator's accounts before any rise was agreed.

Islanders have complained that fares rose twice last year while sailings were cut.

Share this post
"""


def by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_debris_lines_are_reported_one_by_one():
    debris = by_rule(lint(STORY), "debris")
    assert [f.line for f in debris] == [1, 2, 3, 17, 25]
    assert all(f.column == 1 for f in debris)
    assert debris[0].end_column == len("Skip to main content") + 1


def test_repeated_headline_and_doubled_block():
    dups = by_rule(lint(STORY), "duplicate-paragraph")
    assert [(f.line, f.end_line) for f in dups] == [(13, 13), (19, 23)]
    headline, block = dups
    assert "headline (line 5)" in headline.message
    assert "lines 19-23" in block.message and "repeats lines 7-11" in block.message
    assert block.data["paragraphs"] == 3


def test_the_story_through_the_cli_as_json(cli, tmp_path):
    story = tmp_path / "harbour.txt"
    story.write_text(STORY, encoding="utf-8")
    result = cli(
        "check", "--no-plugins", "--format", "json", "--select", "debris,duplication", str(story)
    )
    findings = json.loads(result.output)["files"][0]["findings"]
    assert [f["line"] for f in findings if f["rule"] == "debris"] == [1, 2, 3, 17, 25]
    dups = [
        (f["line"], f["end_line"], f["message"])
        for f in findings
        if f["rule"] == "duplicate-paragraph"
    ]
    assert [(a, b) for a, b, _ in dups] == [(13, 13), (19, 23)]
    assert "line 5" in dups[0][2] and "lines 7-11" in dups[1][2]
    assert result.exit_code == 1
