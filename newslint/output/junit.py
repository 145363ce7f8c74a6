"""JUnit XML for CI test-report widgets (GitLab merge requests, Jenkins, Azure).

One ``testsuite`` named newslint, one ``testcase`` a checked file. A file with findings
at or above ``--fail-on`` gets a ``failure`` listing every finding of the file, one
``path:line:col: severity [rule] message`` a line; findings below the threshold go to the
test case's ``system-out``; a file that could not be read gets an ``error``. The threshold
is each file's own (a folder's config or ``[[overrides]]`` may set another ``fail-on``).

Control characters, line separators, bidi overrides and bytes of a file name that are not
UTF-8 are written as visible escapes (``\\n``, ``\\x1b``, ``\\u2028``, ``\\xff``): XML 1.0
cannot hold most of them, and each finding stays one line of the listing.
"""

from __future__ import annotations

from newslint.model import Finding, at_or_above
from newslint.output import OutputFormat, Report, printable
from newslint.rule import hookimpl


def _line(path: str, f: Finding) -> str:
    return printable(f"{path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}")


def render(report: Report) -> str:
    # Imported here: every run registers this format, few render it.
    import xml.etree.ElementTree as ET

    suite = ET.Element("testsuite", name="newslint")
    failures = errors = 0
    for result in report.results:
        case = ET.SubElement(
            suite,
            "testcase",
            classname="newslint",
            name=printable(result.path),
            file=printable(result.path),
        )
        if result.error:
            errors += 1
            error = ET.SubElement(
                case,
                "error",
                message=printable(f"could not be checked: {result.error}"),
                type="input",
            )
            error.text = printable(f"{result.path}: {result.error}")
            continue
        if not result.findings:
            continue
        listing = "\n".join(_line(result.path, f) for f in result.findings) + "\n"
        threshold = report.threshold(result.path)
        failing = [
            f
            for f in result.findings
            if threshold != "never" and at_or_above(f.severity, threshold)
        ]
        if failing:
            failures += 1
            n = len(result.findings)
            failure = ET.SubElement(
                case, "failure", type="newslint", message=f"{n} finding{'s' if n != 1 else ''}"
            )
            failure.text = listing
        else:
            ET.SubElement(case, "system-out").text = listing
    suite.set("tests", str(len(report.results)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    ET.indent(suite)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
    )


@hookimpl
def newslint_output_formats() -> list[OutputFormat]:
    return [
        OutputFormat(
            "junit",
            render,
            "JUnit XML: one test case a file, for CI test reports",
        )
    ]
