"""The JSON contract (docs/output.md): one object with ``version``, ``files`` and ``summary``.

Strings are written as they are (JSON escapes control characters), except that a byte of a
file name that is not UTF-8 is written as the four characters ``\\xNN`` (the output must be
UTF-8): ``b"caf\\xe9.txt"`` is ``"caf\\\\xe9.txt"`` in the JSON text.
"""

from __future__ import annotations

import json

from newslint import __version__
from newslint.output import OutputFormat, Report, json_default, json_safe
from newslint.rule import hookimpl


def render(report: Report) -> str:
    files = []
    for result in report.results:
        entry = {"path": result.path, "findings": [f.to_dict() for f in result.findings]}
        if result.error:
            entry["error"] = result.error
        files.append(entry)
    document = {"version": __version__, "files": files, "summary": report.summary()}
    return (
        json.dumps(json_safe(document), default=json_default, ensure_ascii=False, indent=2) + "\n"
    )


@hookimpl
def newslint_output_formats() -> list[OutputFormat]:
    return [
        OutputFormat(
            "json",
            render,
            "one JSON object: version, files with their findings, summary",
        )
    ]
