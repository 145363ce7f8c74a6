"""The ``html`` output format, registered here rather than in newslint/output/html.py: every
run registers every format, few render the report page, and a short run must not pay for
importing the page's code (tests/test_startup.py). The page is imported when it is rendered."""

from __future__ import annotations

from newslint.output import OutputFormat, Report
from newslint.rule import hookimpl


def render(report: Report) -> str:
    from newslint.output.html import render as render_page

    return render_page(report)


@hookimpl
def newslint_output_formats() -> list[OutputFormat]:
    return [
        OutputFormat(
            "html",
            render,
            "one self-contained report page, each story with its findings in place",
            needs_sources=True,
        )
    ]
