"""A block that duplicate-paragraph reports as a copy carries one finding (issue 10)."""

from __future__ import annotations

from conftest import REPO, lint

from newslint.config import Config
from newslint.copies import drop_inside_copies
from newslint.engine import Linter
from newslint.inputs import Source
from newslint.model import Finding

# A story of our own: a doubled word, a stray space and a repeated day in the body, then the
# body pasted again below a debris line.
BODY = [
    "The ferry  company cut its its timetable on Monday, the operator said on Monday.",
    "Passengers said the changes came without any warning at all this winter.",
    "The operator said the winter service would resume in March, weather allowing.",
]
STORY = "\n\n".join(["Ferry Timetable Cut", *BODY, "Thumbnail", *BODY]) + "\n"


def test_findings_inside_a_reported_copy_are_dropped_and_the_copy_keeps_its_own():
    findings = lint(STORY)
    copy = [f for f in findings if f.rule == "duplicate-paragraph"]
    assert [(f.line, f.end_line) for f in copy] == [(11, 15)]
    assert [f for f in findings if 11 <= f.line <= 15 and f.rule != "duplicate-paragraph"] == []
    # The original keeps every finding it had, and so does the debris line between them.
    first = {f.rule for f in findings if f.line == 3}
    assert {"doubled-word", "doubled-space", "repeated-attribution"} <= first
    assert [f.line for f in findings if f.rule == "debris"] == [9]


def test_without_duplicate_paragraph_the_copy_keeps_its_findings():
    findings = lint(STORY, select=("grammar", "attribution", "whitespace"))
    assert sorted({f.line for f in findings}) == [3, 11]


def test_outside_the_copies_nothing_changes():
    everything = lint(STORY)
    no_copies = list(
        lint(
            STORY, linter=Linter.create(Config(ignore=("duplicate-paragraph",)), entry_points=False)
        )
    )
    # The same findings; those in the original of a copy hold their fix (newslint.fixes:
    # fixing one copy alone would leave a second --fix work in the other).
    assert [f.with_changes(fix=None) for f in everything if f.rule != "duplicate-paragraph"] == [
        f.with_changes(fix=None) for f in no_copies if f.line < 11
    ]


def test_a_copy_the_desk_keeps_inline_keeps_its_findings():
    body = "\n\n".join(BODY)
    text = f"# Ferry Timetable Cut\n\n{body}\n\n<!-- newslint-disable duplicate-paragraph -->\n\n{body}\n"
    findings = lint(text, "story.md")
    assert not [f for f in findings if f.rule == "duplicate-paragraph"]
    assert len([f for f in findings if f.rule == "doubled-word"]) == 2


def _finding(rule: str, start: int, end: int, category: str = "grammar") -> Finding:
    return Finding(
        rule=rule, category=category, severity="warning", message="m", start=start, end=end
    )


def test_only_findings_wholly_inside_a_copy_are_dropped():
    copy = _finding("duplicate-paragraph", 100, 200, "duplication")
    kept = [
        copy,
        _finding("a", 90, 110),
        _finding("b", 190, 210),
        _finding("c", 10, 20),
        _finding("internal-error", 150, 150, "internal"),
        _finding("d", 300, 310),
    ]
    dropped = [_finding("e", 100, 110), _finding("f", 150, 200), _finding("g", 120, 120)]
    assert drop_inside_copies(kept + dropped) == kept


def test_a_pasted_copy_carries_one_finding_and_the_rest_stays():
    # The README's example story: page chrome, the body pasted twice, slips in the body.
    text = (REPO / "examples" / "doubled-story.txt").read_text(encoding="utf-8")
    linter = Linter.create(Config(), entry_points=False)
    findings = linter.run([Source("story.txt", text)])[0].findings
    copies = [(f.line, f.end_line) for f in findings if f.rule == "duplicate-paragraph"]
    assert copies == [(13, 21)]
    for first, last in copies:
        assert len([f for f in findings if first <= f.line <= last]) == 1
    alone = Linter.create(Config(ignore=("duplicate-paragraph",)), entry_points=False)
    before = alone.run([Source("story.txt", text)])[0].findings
    outside = [f for f in before if not any(a <= f.line <= b for a, b in copies)]
    assert [f.with_changes(fix=None) for f in findings if f.rule != "duplicate-paragraph"] == [
        f.with_changes(fix=None) for f in outside
    ]
    assert len(before) == 11 and len(findings) == 8
