"""Every rule documents itself and ships examples that really fail and really pass."""

from __future__ import annotations

import pytest

from newslint.config import Config
from newslint.engine import Linter
from newslint.inputs import Source
from newslint.plugins import build_registry
from newslint.rule import ExampleStory, documentation

RULES = sorted(build_registry(entry_points=False).rules.values(), key=lambda r: r.id)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_documentation_and_examples(rule):
    wrong, right = rule.examples()
    assert rule.summary and rule.summary != rule.id
    assert wrong, f"{rule.id} has no ## Wrong example"
    assert right, f"{rule.id} has no ## Right example"
    assert rule.id in documentation(rule)


def hits(rule, stories):
    """The rule's findings on a run of one or more example stories, as (file, finding)."""
    linter = Linter.create(Config(select=(rule.id,)), entry_points=False)
    return [
        (r.path, f)
        for r in linter.run([Source(story.path, story.text) for story in stories])
        for f in r.findings
        if f.rule == rule.id
    ]


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of ``offset`` in an example's text."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def marked_spans(stories) -> list[tuple[str, int, int, int, int, str]]:
    """Each marked slip as (file, line, column, end line, end column, text)."""
    return sorted(
        (
            story.path,
            *position(story.text, start),
            *position(story.text, end),
            story.text[start:end],
        )
        for story in stories
        for start, end in story.slips
    )


def flagged_spans(findings, stories) -> list[tuple[str, int, int, int, int, str]]:
    texts = {story.path: story.text for story in stories}
    spans = []
    for path, f in findings:
        text = texts[path]
        lines = text.split("\n")
        start = sum(len(line) + 1 for line in lines[: f.line - 1]) + f.column - 1
        end = sum(len(line) + 1 for line in lines[: f.end_line - 1]) + f.end_column - 1
        spans.append((path, f.line, f.column, f.end_line, f.end_column, text[start:end]))
    return sorted(spans)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_wrong_examples_flag_exactly_every_marked_slip(rule):
    wrong, _ = rule.example_stories()
    for stories in wrong:
        expected = marked_spans(stories)
        assert expected, f"{rule.id}: a Wrong example marks no slip with [[...]]:\n{stories}"
        found = flagged_spans(hits(rule, stories), stories)
        missed = [s for s in expected if s not in found]
        unmarked = [s for s in found if s not in expected]
        assert not missed and not unmarked, (
            f"{rule.id}: missed {missed}, flagged but not marked {unmarked}"
        )


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_right_examples_stay_silent(rule):
    _, right = rule.example_stories()
    for stories in right:
        assert not any(story.slips for story in stories), f"{rule.id}: a Right example with [[ ]]"
        assert not hits(rule, stories), f"{rule.id} fires on its own right example:\n{stories}"


def test_marks_are_taken_out_of_the_text_and_kept_as_offsets():
    story = ExampleStory.from_marked("story.txt", "A [[b b]] c\n[[d\ne]]")
    assert story.text == "A b b c\nd\ne"
    assert [story.text[a:b] for a, b in story.slips] == ["b b", "d\ne"]
    assert marked_spans([story]) == [
        ("story.txt", 1, 3, 1, 6, "b b"),
        ("story.txt", 2, 1, 3, 2, "d\ne"),
    ]
