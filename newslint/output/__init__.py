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
class Tally:
    """What a report says of a whole run without its findings: the summary's counts and
    what the exit code depends on, added up a file at a time. A run whose format prints as
    it goes keeps this instead of every file's result, so its memory stays flat."""

    files: int = 0
    errors: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    fixable: Counter[str] = field(default_factory=Counter)
    internal_error: bool = False  # exit code 2
    failed: bool = False  # a finding at or above its file's fail-on severity: exit code 1

    def add(self, result: FileResult, threshold_for: Callable[[str], str]) -> None:
        """Count one checked file; ``threshold_for(path)`` is a file's fail-on severity,
        asked only of a file with findings (one that could not be read has no config)."""
        self.files += 1
        self.errors += bool(result.error)
        self.internal_error = self.internal_error or result.had_internal_error
        for f in result.findings:
            self.by_severity[f.severity] += 1
            if f.fix is not None:
                self.fixable[f.fix.applicability] += 1
        if result.findings and not self.failed:
            threshold = threshold_for(result.path)
            self.failed = threshold != "never" and any(
                at_or_above(f.severity, threshold) for f in result.findings
            )

    def summary(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "findings": sum(self.by_severity.values()),
            "by_severity": dict(sorted(self.by_severity.items())),
            "errors": self.errors,
            # Findings whose fix --fix would apply (safe) or --fix --unsafe-fixes (unsafe).
            "fixable": {"safe": self.fixable["safe"], "unsafe": self.fixable["unsafe"]},
        }

    def exit_code(self) -> int:
        return 2 if self.internal_error else 1 if self.failed else 0


@dataclass
class Report:
    """What an output format renders: every file's findings, the rules and the run's settings."""

    # Every file's result; empty when the run printed them as it went and kept ``tally``.
    results: list[FileResult]
    # rule id -> Rule, for formats that describe rules
    rules: dict[str, Rule] = field(default_factory=dict)
    color: bool = False
    fail_on: str = "warning"
    # The threshold of each file when configs differ by folder ([[overrides]], nested configs).
    fail_on_for: Callable[[str], str] | None = None
    # The run's counts, added up as it went; None: counted from ``results``.
    tally: Tally | None = None

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def counts(self) -> Tally:
        if self.tally is not None:
            return self.tally
        tally = Tally()
        for result in self.results:
            tally.add(result, self.threshold)
        return tally

    def summary(self) -> dict[str, Any]:
        return self.counts().summary()

    def threshold(self, path: str) -> str:
        """The fail-on severity of one file (its folder's config may differ from the run's)."""
        return self.fail_on_for(path) if self.fail_on_for else self.fail_on

    def exit_code(self) -> int:
        return self.counts().exit_code()


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
    # the second argument says whether the terminal takes colour. None for a format that
    # gives ``result_part`` instead.
    result_lines: Callable[[FileResult, bool], list[str]] | None
    # What follows the last file's lines (a summary), from the whole report (whose
    # ``results`` may be empty: the run kept only its tally, ``Report.counts``).
    render_end: Callable[[Report], str]
    # For a format whose output is one document (JSON): one file's part of it, told how
    # many files came before it (the first part opens the document, the others follow a
    # separator); ``render_end`` closes it, and opens it too when no file came.
    result_part: Callable[[FileResult, int], str] | None = None

    def part(self, result: FileResult, color: bool, index: int) -> str:
        """The text printed for one checked file, the ``index``-th of the run."""
        if self.result_part is not None:
            return self.result_part(result, index)
        assert self.result_lines is not None, "a LiveOutput gives result_lines or result_part"
        return "".join(line + "\n" for line in self.result_lines(result, color))


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
        try:
            said = str(exc)
        except Exception:  # a message that cannot be read is still this format's failure
            said = "(a message that could not be read)"
        return FormatError(
            f"output format {name!r} (plugin {plugin}) raised {type(exc).__name__}: {said}"
        )

    def returned(value: object, wanted: str) -> FormatError:
        return FormatError(
            f"output format {name!r} (plugin {plugin}) returned {type(value).__name__}, "
            f"not {wanted}"
        )

    # What each way of writing must give: text, or (a file's live lines) a list of lines.
    def text(value: object) -> bool:
        return isinstance(value, str)

    def lines(value: object) -> bool:
        return isinstance(value, (list, tuple)) and all(isinstance(line, str) for line in value)

    def call(function: Callable[..., Any], valid: Callable[[object], bool]) -> Callable[..., Any]:
        def wrapped(*args: Any) -> Any:
            try:
                value = function(*args)
            except Exception as exc:
                raise failed(exc) from exc
            if not valid(value):  # None or bytes printed nothing, or failed in --output
                raise returned(value, "text" if valid is text else "a list of lines")
            return value

        return wrapped

    def parts(render_parts: Callable[[Report], Iterator[str]]) -> Callable[[Report], Iterator[str]]:
        def wrapped(report: Report) -> Iterator[str]:
            try:
                for part in render_parts(report):
                    if not isinstance(part, str):
                        raise returned(part, "text")
                    yield part
            except FormatError:
                raise
            except Exception as exc:
                raise failed(exc) from exc

        return wrapped

    live = output_format.live
    return replace(
        output_format,
        render=call(output_format.render, text),
        live=live
        and LiveOutput(
            live.result_lines and call(live.result_lines, lines),
            call(live.render_end, text),
            live.result_part and call(live.result_part, text),
        ),
        render_parts=output_format.render_parts and parts(output_format.render_parts),
    )


def render(name: str, report: Report) -> str:
    """``report`` in the built-in format ``name`` (a run's own formats, outside plugins'
    included, are in ``Registry.formats``)."""
    from newslint.plugins import builtin_formats

    return builtin_formats()[name].render(report)
