"""Output formats. One module a format, each with ``render(report) -> str``; loaded on demand."""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from newslint.model import FileResult, Finding, at_or_above

FORMATS = {
    "text": "newslint.output.text",
    "json": "newslint.output.json",
    "github": "newslint.output.github",
    "sarif": "newslint.output.sarif",
    "junit": "newslint.output.junit",
}


@dataclass
class Report:
    results: list[FileResult]
    rules: dict = field(default_factory=dict)  # rule id -> Rule, for formats that describe rules
    color: bool = False
    fail_on: str = "warning"
    # The threshold of each file when configs differ by folder ([[overrides]], nested configs).
    fail_on_for: Callable[[str], str] | None = None

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def summary(self) -> dict:
        by_severity = Counter(f.severity for f in self.findings)
        return {
            "files": len(self.results),
            "findings": sum(by_severity.values()),
            "by_severity": dict(sorted(by_severity.items())),
            "errors": sum(1 for r in self.results if r.error),
        }

    def exit_code(self) -> int:
        if any(r.had_internal_error for r in self.results):
            return 2
        for result in self.results:
            threshold = self.fail_on_for(result.path) if self.fail_on_for else self.fail_on
            if threshold != "never" and any(at_or_above(f.severity, threshold) for f in result.findings):
                return 1
        return 0


def message_with_suggestions(finding: Finding) -> str:
    """The message, then any suggestions, for formats with one text field a finding."""
    suggestions = [s for s in finding.suggestions if s]
    if not suggestions:
        return finding.message
    return f"{finding.message} (suggestion: {' | '.join(suggestions)})"


def render(name: str, report: Report) -> str:
    return importlib.import_module(FORMATS[name]).render(report)
