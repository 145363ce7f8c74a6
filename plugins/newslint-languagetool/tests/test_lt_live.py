"""Against a real LanguageTool server, when NEWSLINT_LANGUAGETOOL_URL names one."""

from __future__ import annotations

import os

import pytest

from newslint.config import config_from_dict
from newslint.engine import Linter
from newslint.inputs import Source
from newslint_languagetool import plugin

URL = os.environ.get("NEWSLINT_LANGUAGETOOL_URL", "").strip()

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        not URL,
        reason="NEWSLINT_LANGUAGETOOL_URL is not set (no LanguageTool server to test against)",
    ),
]

STORY = """# Storm closes coastal road

Engineers said the road will reopen on Friday after teh storm damage is repaired.
The council said their was no other route for lorries. 🌊 Waves reached teh sea wall.
"""


def lint(text: str, path: str = "story.md", **section):
    linter = Linter.create(
        config_from_dict({"languagetool": section}),  # the server: NEWSLINT_LANGUAGETOOL_URL
        entry_points=False,
        extra_plugins=[plugin],
    )
    problems: list[str] = []
    [result] = linter.run([Source(path, text)], problems=problems)
    assert problems == []
    return [f for f in result.findings if f.rule.startswith("languagetool/")]


def test_real_server_spelling_at_exact_positions():
    findings = lint(STORY)
    lines = STORY.splitlines()
    spelled = [
        (f.line, f.column, f.end_column)
        for f in findings
        if f.category == "spelling" and lines[f.line - 1][f.column - 1 : f.end_column - 1] == "teh"
    ]
    expected = [
        (3, lines[2].index("teh") + 1, lines[2].index("teh") + 4),
        (4, lines[3].index("teh") + 1, lines[3].index("teh") + 4),
    ]
    assert spelled == expected  # the second one sits after an emoji
    assert all(f.rule.startswith("languagetool/") and f.message for f in findings)


def test_real_server_british_variant():
    text = "The colour of the new flag was chosen by the council."
    us = {f.rule for f in lint(text, "story.txt", language="en-US")}
    gb = {f.rule for f in lint(text, "story.txt", language="en-GB")}
    assert any("MORFOLOGIK" in r for r in us) and not any("MORFOLOGIK" in r for r in gb)
