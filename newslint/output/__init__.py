"""Output formats. One module a format, each with ``render(report) -> str``; loaded on demand."""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from newslint.lazy import lazy_compile
from newslint.model import FileResult, Finding, at_or_above

FORMATS = {
    "text": "newslint.output.text",
    "json": "newslint.output.json",
    "github": "newslint.output.github",
    "sarif": "newslint.output.sarif",
    "junit": "newslint.output.junit",
    "html": "newslint.output.html",
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
        fixable = Counter(f.fix.applicability for f in self.findings if f.fix is not None)
        return {
            "files": len(self.results),
            "findings": sum(by_severity.values()),
            "by_severity": dict(sorted(by_severity.items())),
            "errors": sum(1 for r in self.results if r.error),
            # Findings whose fix --fix would apply (safe) or --fix --unsafe-fixes (unsafe).
            "fixable": {"safe": fixable["safe"], "unsafe": fixable["unsafe"]},
        }

    def threshold(self, path: str) -> str:
        """The fail-on severity of one file (its folder's config may differ from the run's)."""
        return self.fail_on_for(path) if self.fail_on_for else self.fail_on

    def exit_code(self) -> int:
        if any(r.had_internal_error for r in self.results):
            return 2
        for result in self.results:
            threshold = self.threshold(result.path)
            if threshold != "never" and any(
                at_or_above(f.severity, threshold) for f in result.findings
            ):
                return 1
        return 0


# Lone surrogates (U+D800..U+DFFF): os.fsdecode turns each byte of a file name that is not
# UTF-8 into U+DC80..U+DCFF ("surrogateescape"), and a plugin may hand one over. No UTF-8
# output can carry them (SARIF raised, JSON and XML came out invalid).
_SURROGATES = lazy_compile("[\ud800-\udfff]")
# What could act on a terminal or on a line-based reader of the output (a CI log, GitHub's
# runner): C0 and C1 controls and DEL (an ESC sequence drives the terminal; CR, LF, VT, FF,
# NEL start a new line), the line and paragraph separators, the bidirectional overrides and
# isolates (they reorder what is shown), the non-characters XML forbids, lone surrogates.
_UNPRINTABLE = lazy_compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(char: str) -> str:
    """One character as a visible escape: ``\\n``, ``\\x1b``, ``\\u2028``; an undecodable
    byte of a file name (U+DC80..U+DCFF) as ``\\xNN``, the byte itself. ``\\x`` with a
    value of 80 or more therefore always names a byte that was not UTF-8."""
    code = ord(char)
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def undecodable_escaped(text: str) -> str:
    """``text`` with every lone surrogate written as an escape (a byte of a file name that
    is not UTF-8 as ``\\xNN``), so that it can be encoded as UTF-8."""
    return (
        _SURROGATES.sub(lambda m: _escape_char(m.group()), text)
        if _SURROGATES.search(text)
        else text
    )


def printable(text: str, keep: str = "") -> str:
    """``text`` with everything in ``_UNPRINTABLE`` but the characters of ``keep`` written
    as visible escapes, for output read by people and by line-based tools."""
    return _UNPRINTABLE.sub(
        lambda m: m.group() if m.group() in keep else _escape_char(m.group()), text
    )


def json_safe(value):
    """A JSON-ready value with every string (keys too) made encodable as UTF-8."""
    if isinstance(value, str):
        return undecodable_escaped(value)
    if isinstance(value, dict):
        return {json_safe(k) if isinstance(k, str) else k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def json_default(value) -> str:
    """``default`` for json.dumps: a plugin may put any value in a finding's data; it must
    not break the output."""
    return undecodable_escaped(str(value))


def message_with_suggestions(finding: Finding) -> str:
    """The message, then any suggestions, for formats with one text field a finding."""
    suggestions = [s for s in finding.suggestions if s]
    if not suggestions:
        return finding.message
    return f"{finding.message} (suggestion: {' | '.join(suggestions)})"


def render(name: str, report: Report) -> str:
    return importlib.import_module(FORMATS[name]).render(report)


# Formats printed file by file as the run goes (the others assemble their document at the
# end, from the findings kept).
STREAMED = ("text", "github")


def streamed(name: str):
    """The format's module when it prints file by file (``result_lines``, ``render_end``)."""
    return importlib.import_module(FORMATS[name]) if name in STREAMED else None
