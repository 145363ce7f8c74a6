"""Human-readable output: ``path:line:col: severity [rule] message`` and a summary line.

What a file name, rule id, message or suggestion holds is printed as text, never acted
on: control characters (an ESC sequence would drive the terminal; a newline would start a
line that looks like another finding, or a CI workflow command), line separators, bidi
overrides and bytes of a file name that are not UTF-8 are written as visible escapes
(``\\n``, ``\\x1b``, ``\\u2028``, ``\\xff``). One finding is always one line.
"""

from __future__ import annotations

from newslint.model import FileResult
from newslint.output import LiveOutput, OutputFormat, Report, message_with_suggestions, printable
from newslint.rule import hookimpl

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"
_DIM = "\033[2m"


def render(report: Report) -> str:
    lines = [line for result in report.results for line in result_lines(result, report.color)]
    return "".join(line + "\n" for line in lines) + render_end(report)


def result_lines(result: FileResult, color: bool = False) -> list[str]:
    """One file's lines, printed as soon as the file is checked."""
    lines = []
    for f in result.findings:
        severity = f"{_COLORS[f.severity]}{f.severity}{_RESET}" if color else f.severity
        rule = f"{_DIM}[{printable(f.rule)}]{_RESET}" if color else f"[{printable(f.rule)}]"
        message = printable(message_with_suggestions(f))
        lines.append(f"{printable(result.path)}:{f.line}:{f.column}: {severity} {rule} {message}")
    return lines


def render_end(report: Report) -> str:
    """What follows the files' lines: the summary, and the --fix hint."""
    lines = []
    summary = report.summary()
    counts = ", ".join(f"{n} {sev}" for sev, n in summary["by_severity"].items())
    files = summary["files"]
    tail = f"{summary['findings']} finding{'s' if summary['findings'] != 1 else ''}"
    tail += f" ({counts})" if counts else ""
    tail += f" in {files} file{'s' if files != 1 else ''}"
    if summary["errors"]:
        tail += f"; {summary['errors']} file{'s' if summary['errors'] != 1 else ''} could not be checked"
    lines.append(tail)
    fixable = summary["fixable"]
    if fixable["safe"] or fixable["unsafe"]:  # as ruff says it
        hint = f"[*] {fixable['safe']} fixable with --fix"
        if fixable["unsafe"]:
            hint += f" ({fixable['unsafe']} more with --fix --unsafe-fixes)"
        lines.append(hint)
    return "\n".join(lines) + "\n"


@hookimpl
def newslint_output_formats() -> list[OutputFormat]:
    return [
        OutputFormat(
            "text",
            render,
            "path:line:col: severity [rule] message, one line a finding, and a summary",
            live=LiveOutput(result_lines, render_end),
        )
    ]
