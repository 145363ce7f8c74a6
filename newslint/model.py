"""The values that flow out of newslint: findings, their severities and categories.

These are part of the public contract (see DESIGN.md): the JSON output is built from
``Finding.to_dict`` and CMS back ends receive ``Finding`` objects from the Python API.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

CATEGORIES = (
    "duplication",
    "attribution",
    "grammar",
    "naming",
    "debris",
    "spelling",
    "style",
    "typography",
    "whitespace",
    "internal",
)

SEVERITIES = ("error", "warning", "info")

# Higher is more severe; used for --fail-on and for sorting.
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def at_or_above(severity: str, threshold: str) -> bool:
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]


@dataclass(frozen=True)
class Edit:
    """Replace the prose span ``start:end`` with ``text`` (source offsets after resolution).

    ``whole_line`` deletes the whole source line the span sits on, its newline included
    (for debris: a line that should not be there at all); resolution widens the span to it.
    After resolution the edit also carries its 1-based line and column range in the file
    (``end_column`` exclusive), which is what the JSON output gives an editor or a CMS.
    """

    start: int
    end: int
    text: str
    whole_line: bool = False
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "text": self.text,
                "start": self.start, "end": self.end}


def whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` widened to the whole lines it touches, the last one's newline included."""
    newline = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if newline == -1 else newline + 1


@dataclass(frozen=True)
class Finding:
    """One problem in one document.

    Rules create findings with prose offsets (``start``/``end``); the engine resolves them
    to 1-based line and column in the user's original file. ``end_column`` is exclusive and
    columns count Unicode code points.
    """

    rule: str
    category: str
    severity: str
    message: str
    start: int = 0
    end: int = 0
    suggestions: tuple[str, ...] = ()
    fix: tuple[Edit, ...] = ()
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    # Extra, rule-specific facts (e.g. the lines a duplicate repeats). Serialised as-is.
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def with_changes(self, **changes: Any) -> Finding:
        return replace(self, **changes)

    def sort_key(self) -> tuple:
        return (self.line, self.column, self.rule, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract for one finding (keys may be added, never removed)."""
        out: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "suggestions": list(self.suggestions),
        }
        if self.fix:
            out["fix"] = [e.to_dict() for e in self.fix]
        if self.data:
            out["data"] = self.data
        return out


@dataclass
class FileResult:
    """What one checked file produced: its findings and any problem reading it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None

    @property
    def had_internal_error(self) -> bool:
        return self.error is not None or any(f.category == "internal" for f in self.findings)
