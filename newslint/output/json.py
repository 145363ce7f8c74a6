"""The JSON contract (DESIGN.md): one object with ``version``, ``files`` and ``summary``."""

from __future__ import annotations

import json

from newslint import __version__
from newslint.output import Report


def render(report: Report) -> str:
    files = []
    for result in report.results:
        entry = {"path": result.path, "findings": [f.to_dict() for f in result.findings]}
        if result.error:
            entry["error"] = result.error
        files.append(entry)
    # default=str: a plugin may put any value in a finding's data; it must not break the output.
    return json.dumps({"version": __version__, "files": files, "summary": report.summary()}, default=str,
                      ensure_ascii=False, indent=2) + "\n"
