"""Output formats: one module a format, each a plugin whose ``newslint_output_formats`` hook
returns its :class:`OutputFormat`, like any outside plugin's (``newslint check --format NAME``
takes the names of every registered format). Helpers every format shares live here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.lazy import lazy_compile
from newslint.model import FileResult, Finding, at_or_above

if TYPE_CHECKING:
    from newslint.rule import Rule


@dataclass
class Report:
    """What an output format renders: every file's findings, the rules and the run's settings."""

    results: list[FileResult]
    # rule id -> Rule, for formats that describe rules
    rules: dict[str, Rule] = field(default_factory=dict)
    color: bool = False
    fail_on: str = "warning"
    # The threshold of each file when configs differ by folder ([[overrides]], nested configs).
    fail_on_for: Callable[[str], str] | None = None

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def summary(self) -> dict[str, Any]:
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


def json_safe(value: Any) -> Any:
    """A JSON-ready value with every string (keys too) made encodable as UTF-8."""
    if isinstance(value, str):
        return undecodable_escaped(value)
    if isinstance(value, dict):
        return {json_safe(k) if isinstance(k, str) else k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def json_default(value: object) -> str:
    """``default`` for json.dumps: a plugin may put any value in a finding's data; it must
    not break the output."""
    return undecodable_escaped(str(value))


def message_with_suggestions(finding: Finding) -> str:
    """The message, then any suggestions, for formats with one text field a finding."""
    suggestions = [s for s in finding.suggestions if s]
    if not suggestions:
        return finding.message
    return f"{finding.message} (suggestion: {' | '.join(suggestions)})"


class LiveOutput(NamedTuple):
    """How a format prints file by file as a run goes, instead of all at the end."""

    # One checked file's lines (without line ends), printed as soon as it is checked;
    # the second argument says whether the terminal takes colour.
    result_lines: Callable[[FileResult, bool], list[str]]
    # What follows the last file's lines (a summary), from the whole report.
    render_end: Callable[[Report], str]


@dataclass(frozen=True)
class OutputFormat:
    """One output format, as a plugin's ``newslint_output_formats`` hook returns it."""

    name: str  # what --format takes: lower case, unique among the plugins of a run
    render: Callable[[Report], str]  # the whole report as one text
    description: str  # one line for --help and ``newslint formats``
    # Set for a format that can print file by file (stdout only; --output writes the
    # report through ``render`` at the end).
    live: LiveOutput | None = None
    # The report shows each story's text (FileResult.source): the run keeps it.
    needs_sources: bool = False
    # The report in parts that joined are ``render``'s text, for a format that can write
    # an archive's report without holding it whole (JSON: a file at a time); stdout only.
    render_parts: Callable[[Report], Iterator[str]] | None = None
    # The outside plugin that provides it (set when the registry takes it; "newslint" for a
    # built-in): named when it raises.
    plugin: str = "newslint"


class FormatError(Exception):
    """An output format raised while writing the report: one line naming it and its plugin."""


def guarded(output_format: OutputFormat) -> OutputFormat:
    """``output_format`` with every way of writing wrapped so that an exception it raises
    becomes a FormatError naming the format and its plugin (the cause chained, for
    NEWSLINT_DEBUG), as a rule that raises is named with its plugin. A built-in format is
    returned as it is: its exception is a bug of newslint's, an internal error."""
    name, plugin = output_format.name, output_format.plugin
    if plugin == "newslint":
        return output_format

    def failed(exc: Exception) -> FormatError:
        return FormatError(
            f"output format {name!r} (plugin {plugin}) raised {type(exc).__name__}: {exc}"
        )

    def call(function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any) -> Any:
            try:
                return function(*args)
            except Exception as exc:
                raise failed(exc) from exc

        return wrapped

    def parts(render_parts: Callable[[Report], Iterator[str]]) -> Callable[[Report], Iterator[str]]:
        def wrapped(report: Report) -> Iterator[str]:
            try:
                yield from render_parts(report)
            except Exception as exc:
                raise failed(exc) from exc

        return wrapped

    live = output_format.live
    return replace(
        output_format,
        render=call(output_format.render),
        live=live and LiveOutput(call(live.result_lines), call(live.render_end)),
        render_parts=output_format.render_parts and parts(output_format.render_parts),
    )


def render(name: str, report: Report) -> str:
    """``report`` in the built-in format ``name`` (a run's own formats, outside plugins'
    included, are in ``Registry.formats``)."""
    from newslint.plugins import builtin_formats

    return builtin_formats()[name].render(report)
