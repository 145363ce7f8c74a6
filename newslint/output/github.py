"""GitHub Actions workflow commands: one ``::warning file=...,line=...::message`` a finding.

A workflow step that prints these gets an annotation on each line of the pull request's
diff. Escaping follows the runner's rules: in the message ``%``, CR and LF are
percent-encoded; property values also encode ``:`` and ``,`` (which delimit properties).
Every other control character, line separator or bidi override (and a byte of a file name
that is not UTF-8) is written as a visible escape (``\\x1b``, ``\\u2028``, ``\\xff``), so
each finding is exactly one command on one line, whatever a file name or message holds.
Paths are made relative to ``$GITHUB_WORKSPACE`` when it is set, since annotations name
files by their path in the repository.
"""

from __future__ import annotations

import os

from newslint.model import FileResult
from newslint.output import LiveOutput, OutputFormat, Report, message_with_suggestions, printable
from newslint.rule import hookimpl

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    value = printable(value, keep="\r\n")
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation_path(path: str, workspace: str | None = None) -> str:
    """The path GitHub knows the file by: relative to the workspace, forward slashes."""
    workspace = workspace if workspace is not None else os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        absolute = os.path.abspath(path)
        root = os.path.abspath(workspace)
        if os.path.commonpath([absolute, root]) == root:
            path = os.path.relpath(absolute, root)
    return path.replace(os.sep, "/")


def command(level: str, message: str, **properties: object) -> str:
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return (
        f"::{level} {props}::{escape_data(message)}"
        if props
        else f"::{level}::{escape_data(message)}"
    )


def render(report: Report) -> str:
    lines = [line for result in report.results for line in result_lines(result, report.color)]
    return "".join(line + "\n" for line in lines) + render_end(report)


def render_end(report: Report) -> str:
    return ""


def result_lines(result: FileResult, color: bool = False) -> list[str]:
    """One file's workflow commands, printed as soon as the file is checked."""
    lines = []
    path = annotation_path(result.path)
    if result.error:
        return [
            command(
                "error",
                f"{result.path}: {result.error}",
                file=path,
                title="newslint: file not checked",
            )
        ]
    for f in result.findings:
        message = message_with_suggestions(f)
        one_line = f.end_line == f.line
        # GitHub accepts columns only on a single-line annotation.
        lines.append(
            command(
                LEVELS[f.severity],
                message,
                file=path,
                line=f.line,
                endLine=f.end_line or f.line,
                col=f.column if one_line else None,
                endColumn=f.end_column if one_line and f.end_column > f.column else None,
                title=f"newslint {f.rule} ({f.category})",
            )
        )
    return lines


@hookimpl
def newslint_output_formats() -> list[OutputFormat]:
    return [
        OutputFormat(
            "github",
            render,
            "GitHub Actions workflow commands: annotations on the pull request",
            live=LiveOutput(result_lines, render_end),
        )
    ]
