"""The JSON contract (docs/output.md): one object with ``version``, ``files`` and ``summary``.

Strings are written as they are (JSON escapes control characters), except that a byte of a
file name that is not UTF-8 is written as the four characters ``\\xNN`` (the output must be
UTF-8): ``b"caf\\xe9.txt"`` is ``"caf\\\\xe9.txt"`` in the JSON text.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint import __version__
from newslint.output import OutputFormat, Report, json_default, json_safe
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
    yield f'{{\n  "version": {_dumped(__version__, 1)},\n  "files": '
    first = True
    for result in report.results:
        entry = {"path": result.path, "findings": [f.to_dict() for f in result.findings]}
        if result.error:
            entry["error"] = result.error
        yield ("[\n    " if first else ",\n    ") + _dumped(entry, 2)
        first = False
    yield "[]" if first else "\n  ]"
    yield f',\n  "summary": {_dumped(report.summary(), 1)}\n}}\n'


@hookimpl
def newslint_output_formats() -> list[OutputFormat]:
    return [
        OutputFormat(
            "json",
            render,
            "one JSON object: version, files with their findings, summary",
            render_parts=render_parts,
        )
    ]
