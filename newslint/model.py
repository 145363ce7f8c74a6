"""The values that flow out of newslint: findings, their severities and categories.

These are part of the public contract (docs/output.md, docs/design.md): the JSON output is built from
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


SAFE, UNSAFE = "safe", "unsafe"
APPLICABILITIES = (SAFE, UNSAFE)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the prose span ``start:end`` with ``text``.

    ``remove_line`` asks for a structural edit: remove the line of prose that ``start:end``
    stands on as the source's structure allows, i.e. the part of the source that owns it and
    nothing else (an HTML element holding only that line, a table cell's content, or whole
    Markdown or text lines, with the blank line around them collapsed). Where the source has
    no such part, the edit cannot be made and the finding keeps no fix.

    After resolution (``newslint.engine.resolve``) ``start``/``end`` are code-point offsets
    in the original decoded file (BOM removed, line endings as they are in the file, so a
    CRLF counts two), ``remove_line`` is False, and the edit also carries its 1-based line
    and column range in the file (``end_column`` exclusive): what the JSON output gives an
    editor or a CMS.
    """

    start: int
    end: int
    text: str
    remove_line: bool = False
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Fix:
    """A finding's fix: its edits and how safe they are to apply unattended (ruff's model).

    ``safe``: the fix can only remove what the finding names (a debris element, a doubled
    word, stray spaces), never touches markup it does not own, and the story reads the same
    otherwise; ``newslint check --fix`` applies it. ``unsafe``: it changes wording (an
    article, a house-style substitution) and is applied only with ``--unsafe-fixes``.
    ``alternative`` is another way to make the same fix, tried when this one cannot be made
    cleanly on the source (its span crosses a tag or a Markdown delimiter); resolution keeps
    at most one of them.
    """

    edits: tuple[Edit, ...]
    applicability: str = SAFE
    description: str = ""
    alternative: Fix | None = None

    def __post_init__(self) -> None:
        if self.applicability not in APPLICABILITIES:
            raise ValueError(
                f"applicability must be one of {APPLICABILITIES}, not {self.applicability!r}"
            )

    @property
    def is_safe(self) -> bool:
        return self.applicability == SAFE

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "applicability": self.applicability,
            "edits": [e.to_dict() for e in self.edits],
        }
        if self.description:
            out["description"] = self.description
        return out


def safe_fix(*edits: Edit, description: str = "", alternative: Fix | None = None) -> Fix:
    return Fix(tuple(edits), SAFE, description, alternative)


def unsafe_fix(*edits: Edit, description: str = "", alternative: Fix | None = None) -> Fix:
    return Fix(tuple(edits), UNSAFE, description, alternative)


def whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` widened to the whole lines it touches, the last one's newline included."""
    newline = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if newline == -1 else newline + 1


@dataclass(frozen=True, slots=True)
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
    fix: Fix | None = None
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    # Extra, rule-specific facts (e.g. the lines a duplicate repeats). Serialised as-is.
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def with_changes(self, **changes: Any) -> Finding:
        return replace(self, **changes)

    def sort_key(self) -> tuple[int, int, str, str]:
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
        if self.fix is not None:
            out["fix"] = self.fix.to_dict()
        if self.data:
            out["data"] = self.data
        return out


@dataclass(slots=True)
class FileResult:
    """What one checked file produced: its findings and any problem reading it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    # The text that was checked (decoded, BOM removed), which findings' lines and columns
    # index: for formats that show the story (the HTML report). None when it was not read.
    source: str | None = field(default=None, repr=False, compare=False)

    @property
    def had_internal_error(self) -> bool:
        return self.error is not None or any(f.category == "internal" for f in self.findings)
