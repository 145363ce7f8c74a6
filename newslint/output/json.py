"""The JSON contract (docs/output.md): one object with ``version``, ``files`` and ``summary``.

Strings are written as they are (JSON escapes control characters), except that a byte of a
file name that is not UTF-8 is written as the four characters ``\\xNN`` (the output must be
UTF-8): ``b"caf\\xe9.txt"`` is ``"caf\\\\xe9.txt"`` in the JSON text.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint import __version__
from newslint.model import FileResult
from newslint.output import LiveOutput, OutputFormat, Report, json_default, json_safe
from newslint.rule import hookimpl


def _dumped(value: object, depth: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it ``depth`` levels down in a
    document (a JSON string never holds a raw newline, so each one is structure)."""
    import json  # here, not at the top: every run imports this module, few write JSON

    text = json.dumps(json_safe(value), default=json_default, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * depth)


def render(report: Report) -> str:
    return "".join(render_parts(report))


def render_parts(report: Report) -> Iterator[str]:
    """The document in parts, a file at a time: together the same text as one
    ``json.dumps`` of it, but neither a dictionary of every finding of an archive (and a
    copy of it) nor the whole text is ever held at once when the parts are written out as
    they come."""
    for index, result in enumerate(report.results):
        yield result_part(result, index)
    yield _closing(report, opened=bool(report.results))


def _opening() -> str:
    return f'{{\n  "version": {_dumped(__version__, 1)},\n  "files": '


def result_part(result: FileResult, index: int) -> str:
    """One file's entry in the list of files, printed as soon as the file is checked (the
    first one opens the document)."""
    entry = {"path": result.path, "findings": [f.to_dict() for f in result.findings]}
    if result.error:
        entry["error"] = result.error
    lead = _opening() + "[\n    " if index == 0 else ",\n    "
    return lead + _dumped(entry, 2)


def render_end(report: Report) -> str:
    """After the run's last ``result_part``: the document's end, from the run's counts
    (the run need not have kept its results)."""
    return _closing(report, opened=report.counts().files > 0)


def _closing(report: Report, *, opened: bool) -> str:
    """The end of the list of files (the whole document's start too when no file opened
    it) and the summary."""
    files_end = "\n  ]" if opened else _opening() + "[]"
    return f'{files_end},\n  "summary": {_dumped(report.summary(), 1)}\n}}\n'


@hookimpl
def newslint_output_formats() -> list[OutputFormat]:
    return [
        OutputFormat(
            "json",
            render,
            "one JSON object: version, files with their findings, summary",
            live=LiveOutput(None, render_end, result_part),
            render_parts=render_parts,
        )
    ]
