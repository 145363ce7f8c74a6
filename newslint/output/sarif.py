"""SARIF 2.1.0, the format GitHub code scanning and other analysis dashboards read.

One run: the tool's driver lists every rule of the run with its documentation as help
text; each finding is a result pointing at its rule by id and index, with a region in
1-based lines and columns. Columns count Unicode code points (``columnKind``). Paths are
relative URIs against ``%SRCROOT%``, the directory newslint ran in. Files that could not
be read are tool execution notifications of the invocation.

A file name that is not UTF-8 keeps its exact bytes in the URI (percent-encoded, as URIs
do); in message texts such a byte is written ``\\xNN`` as in the JSON output.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from newslint import __version__
from newslint.lazy import lazy_compile
from newslint.output import (
    OutputFormat,
    Report,
    json_safe,
    message_with_suggestions,
    undecodable_escaped,
)
from newslint.rule import hookimpl

if TYPE_CHECKING:
    from newslint.model import Finding
    from newslint.rule import Rule

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
_FOREIGN_SURROGATES = lazy_compile("[\ud800-\udc7f\udd00-\udfff]")


def artifact_location(path: str) -> dict[str, str]:
    """A relative URI (forward slashes, percent-encoded) against %SRCROOT%, or a file URI."""
    # The name's own bytes: os.fsdecode's surrogate escapes go back to the bytes they stand
    # for (a lone surrogate of any other origin has no bytes: its escape is kept instead).
    path = _FOREIGN_SURROGATES.sub(lambda m: undecodable_escaped(m.group()), path)
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    raw = path.replace(os.sep, "/").encode("utf-8", "surrogateescape")
    return {"uri": quote(raw), "uriBaseId": SRCROOT}


def _descriptor(rule_id: str, rule: Rule | None) -> dict[str, Any]:
    if rule is None:  # e.g. internal-error, raised by the engine rather than a rule
        return {
            "id": rule_id,
            "shortDescription": {"text": f"newslint {rule_id}"},
            "defaultConfiguration": {"level": "error"},
        }
    from newslint.rule import documentation

    help_text = documentation(rule)
    # What the rule catches and why: the documentation before its examples.
    about = help_text.split("\n", 2)[-1].split("\n## ", 1)[0].strip() or rule.summary
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace("/", "-").split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": about},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "plugin": rule.plugin, "tags": [rule.category]},
    }


def _region(f: Finding) -> dict[str, int]:
    region = {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)}
    end_line = max(f.end_line, region["startLine"])
    end_column = f.end_column if f.end_column >= 1 else region["startColumn"]
    if end_line == region["startLine"]:
        end_column = max(end_column, region["startColumn"])
    region.update(endLine=end_line, endColumn=end_column)
    return region


def _fixes(f: Finding, artifact: dict[str, str]) -> list[dict[str, Any]]:
    """The finding's fix as a SARIF fix: one replacement an edit, each a deleted region in
    lines and columns of the file and the text inserted there; the applicability (safe or
    unsafe) in its properties."""
    if f.fix is None:
        return []
    replacements = [
        {
            "deletedRegion": {
                "startLine": e.line,
                "startColumn": e.column,
                "endLine": e.end_line,
                "endColumn": e.end_column,
            },
            "insertedContent": {"text": e.text},
        }
        for e in f.fix.edits
    ]
    fix: dict[str, Any] = {
        "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
        "properties": {"applicability": f.fix.applicability},
    }
    if f.fix.description:
        fix["description"] = {"text": f.fix.description}
    return [fix]


def sarif_log(report: Report) -> dict[str, Any]:
    rule_ids = sorted(set(report.rules) | {f.rule for f in report.findings})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    results = []
    notifications = []
    for file_result in report.results:
        location = {"physicalLocation": {"artifactLocation": artifact_location(file_result.path)}}
        if file_result.error:
            notifications.append(
                {
                    "level": "error",
                    "locations": [location],
                    "message": {"text": f"{file_result.path}: {file_result.error}"},
                }
            )
            continue
        for f in file_result.findings:
            message = message_with_suggestions(f)
            result = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": LEVELS[f.severity],
                "message": {"text": message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": location["physicalLocation"]["artifactLocation"],
                            "region": _region(f),
                        }
                    }
                ],
                "properties": {"category": f.category, "suggestions": list(f.suggestions)},
            }
            fixes = _fixes(f, location["physicalLocation"]["artifactLocation"])
            if fixes:
                result["fixes"] = fixes
            results.append(result)
    run = {
        "tool": {
            "driver": {
                "name": "newslint",
                "version": __version__,
                "semanticVersion": __version__,
                # No informationUri (optional in SARIF): newslint has no web page of its own to
                # name; it is on no package index and each copy's repository URL is its own.
                "rules": [_descriptor(rule_id, report.rules.get(rule_id)) for rule_id in rule_ids],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "invocations": [
            {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
        ],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    import json  # here, not at the top: every run imports this module, few write SARIF

    return json.dumps(json_safe(sarif_log(report)), ensure_ascii=False, indent=2) + "\n"


@hookimpl
def newslint_output_formats() -> list[OutputFormat]:
    return [
        OutputFormat(
            "sarif",
            render,
            "SARIF 2.1.0, for code-scanning dashboards",
        )
    ]
