"""The HTML report: one self-contained page a desk reads in a browser.

Each story with findings is shown line by line, every finding highlighted in place on the
words its line and column name (nested ``<mark>`` elements where findings overlap), its
message, suggestions and fix beside the line it starts on, coloured by severity; above them a
summary per rule and per file, and filters by rule and severity (a few lines of inline CSS
and JavaScript, no server, no network: nothing is fetched, fonts included).

Long archives: every story's lines sit in a collapsed section inside an inert
``<template>`` and are put into the page only when the section is opened (the browser parses
a template but neither lays it out nor runs or loads anything in it), so a report of
thousands of stories opens as fast as its summary tables. When the report holds at most
``OPEN_LIMIT`` stories with findings they are all opened at load.

Escaping: everything from the stories, file names, messages, suggestions and rule ids goes
through Jinja2's autoescaping (``<``, ``>``, ``&``, quotes); file names, messages and rule ids
are also passed through ``printable`` as in every other format, so control characters and
bidirectional overrides show as visible escapes, and each story line is a bidi-isolated
block so text in it cannot reorder the report around it. Classes and ids in the page are
built from numbers only, never from a rule id or a path.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newslint import __version__
from newslint.lazy import lazy_compile
from newslint.model import SEVERITIES, SEVERITY_RANK, Finding
from newslint.output import Report, printable, undecodable_escaped

# Stories opened (and so rendered) when the page loads, when there are at most this many.
OPEN_LIMIT = 50
# A fix's removed or inserted text longer than this is shown abridged (a duplicate block).
_SHOWN_CHANGE = 160
_LINE_BREAK = lazy_compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Mark:
    """One finding's highlight on a segment: its number in the page (``f<number>``), its
    rule's index (``r<index>``) and severity, for the filters."""

    number: int
    rule_index: int
    severity: str


@dataclass(frozen=True)
class Segment:
    """A run of one line's text covered by the same findings (``marks``, outermost first);
    ``point`` is an empty marker for a finding with no width."""

    text: str
    marks: tuple[Mark, ...] = ()
    point: bool = False


@dataclass(frozen=True)
class Change:
    """One edit of a fix as an editor reads it: at line:column, this text becomes that."""

    line: int
    column: int
    removed: str
    inserted: str


@dataclass(frozen=True)
class FixView:
    applicability: str  # safe | unsafe
    description: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Card:
    """A finding beside its line: ``number`` is its number in the page (``f<number>``)."""

    number: int
    finding: Finding
    rule_index: int
    message: str
    suggestions: tuple[str, ...]
    fix: FixView | None


@dataclass
class LineView:
    number: int
    segments: list[Segment]
    cards: list[Card] = field(default_factory=list)


@dataclass
class FileView:
    index: int
    path: str
    counts: dict[str, int]
    error: str | None
    lines: list[LineView]
    open: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def worst(self) -> str | None:
        return next((s for s in SEVERITIES if self.counts.get(s)), None)


@dataclass
class RuleSummary:
    index: int
    id: str
    category: str
    summary: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def source_lines(source: str) -> list[str]:
    return _LINE_BREAK.split(source)


def _offset(lines: list[str], starts: list[int], line: int, column: int) -> int:
    """The offset in the joined lines of 1-based ``line:column``, clamped into the text."""
    if line < 1:
        return 0
    if line > len(lines):
        return starts[-1] + len(lines[-1])
    return starts[line - 1] + min(max(column - 1, 0), len(lines[line - 1]))


def _line_starts(lines: list[str]) -> list[int]:
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    return starts


_VISIBLE_WHITESPACE = str.maketrans({" ": "\u2423", "\t": "\u21e5", "\u00a0": "\u237d"})


def _shown(text: str) -> str:
    """A fix's removed or inserted text as an editor should see it: a change of whitespace
    alone with its spaces, tabs and no-break spaces drawn; line breaks as arrows."""
    if text and not text.strip():
        text = text.translate(_VISIBLE_WHITESPACE)
    text = text.replace("\n", "\u21b5\n") if text.strip("\n") else text.replace("\n", "\u21b5")
    if len(text) > _SHOWN_CHANGE:
        half = _SHOWN_CHANGE // 2
        text = f"{text[:half]} \u2026 {text[-half:]}"
    return text


def _fix_view(finding: Finding, joined: str, lines: list[str], starts: list[int]) -> FixView | None:
    fix = finding.fix
    if fix is None:
        return None
    changes = []
    for edit in fix.edits:
        start = _offset(lines, starts, edit.line, edit.column)
        end = _offset(lines, starts, edit.end_line, edit.end_column)
        changes.append(Change(edit.line, edit.column, _shown(joined[start:end]), _shown(edit.text)))
    return FixView(fix.applicability, printable(fix.description), tuple(changes))


def _line_views(source: str, numbered: list[tuple[int, Finding, int]]) -> list[LineView]:
    """The story's lines cut into segments at every finding's edges, each segment naming
    the findings that cover it; cards on the line each finding starts on."""
    lines = source_lines(source)
    starts = _line_starts(lines)
    joined = "\n".join(lines)
    views = [LineView(n + 1, []) for n in range(len(lines))]
    # Per line, the spans (start column, end column, finding number) that touch it, 0-based
    # and clamped to the line; a finding over many lines touches each of them once.
    spans: list[list[tuple[int, int, int]]] = [[] for _ in lines]
    marks = {
        number: Mark(number, rule_index, finding.severity)
        for number, finding, rule_index in numbered
    }
    for number, finding, rule_index in numbered:
        first = min(max(finding.line, 1), len(lines))
        last = min(max(finding.end_line, first), len(lines))
        end_beyond = finding.end_line > len(lines)
        for line_number in range(first, last + 1):
            text = lines[line_number - 1]
            start = min(max(finding.column - 1, 0), len(text)) if line_number == finding.line else 0
            end = (
                min(max(finding.end_column - 1, 0), len(text))
                if line_number == finding.end_line and not end_beyond
                else len(text)
            )
            if line_number == last and last > first and end == 0 and not end_beyond:
                continue  # the span ends at the start of this line: it covers the newline only
            if start >= end and (finding.line, finding.column) != (
                finding.end_line,
                finding.end_column,
            ):
                continue  # an empty line inside a longer span: nothing to mark
            spans[line_number - 1].append((start, max(start, end), number))
        views[first - 1].cards.append(
            Card(
                number,
                finding,
                rule_index,
                printable(finding.message),
                tuple(printable(s) for s in finding.suggestions if s),
                _fix_view(finding, joined, lines, starts),
            )
        )
    for view, text, line_spans in zip(views, lines, spans):
        view.segments = _segments(text, line_spans, marks)
    return views


def _segments(
    text: str, spans: list[tuple[int, int, int]], marks: dict[int, Mark]
) -> list[Segment]:
    if not spans:
        return [Segment(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    # Longer spans outermost, so a short finding inside a long one nests inside it.
    ordered = sorted(spans, key=lambda s: (s[0] - s[1], s[2]))
    points = sorted((s, n) for s, e, n in spans if s == e)
    out: list[Segment] = []
    for a, b in zip(cuts, [*cuts[1:], None]):
        out.extend(Segment("", (marks[n],), point=True) for s, n in points if s == a)
        if b is None:
            break
        covering = tuple(marks[n] for s, e, n in ordered if s <= a and b <= e and s < e)
        out.append(Segment(text[a:b], covering))
    return out


def _rule_summaries(
    report: Report, findings: Iterable[Finding]
) -> tuple[list[RuleSummary], dict[str, int]]:
    """One summary per rule that found something (most severe, then most findings, first)
    and each rule id's index in that list (classes in the page are ``r<index>``)."""
    counts: dict[str, Counter[str]] = {}
    categories: dict[str, str] = {}
    for finding in findings:
        counts.setdefault(finding.rule, Counter())[finding.severity] += 1
        categories.setdefault(finding.rule, finding.category)
    ordered = sorted(
        counts,
        key=lambda r: (-max(SEVERITY_RANK[s] for s in counts[r]), -sum(counts[r].values()), r),
    )
    summaries = []
    for index, rule_id in enumerate(ordered):
        rule = report.rules.get(rule_id)
        summaries.append(
            RuleSummary(
                index,
                printable(rule_id),
                categories[rule_id],
                printable(rule.summary) if rule is not None else "",
                dict(counts[rule_id]),
            )
        )
    return summaries, {rule_id: index for index, rule_id in enumerate(ordered)}


def build(report: Report) -> dict[str, Any]:
    """What the template shows: summaries, the stories' lines with their findings."""
    all_findings = report.findings
    rules, rule_index = _rule_summaries(report, all_findings)
    files: list[FileView] = []
    number = 0
    for index, result in enumerate(report.results):
        numbered = []
        for finding in result.findings:
            numbered.append((number, finding, rule_index[finding.rule]))
            number += 1
        lines = (
            _line_views(result.source, numbered) if result.source is not None and numbered else []
        )
        files.append(
            FileView(
                index,
                printable(result.path),
                dict(Counter(f.severity for f in result.findings)),
                printable(result.error) if result.error else None,
                lines,
            )
        )
    with_findings = [f for f in files if f.lines]
    for view in with_findings:
        view.open = len(with_findings) <= OPEN_LIMIT
    summary = report.summary()
    return {
        "version": __version__,
        "rules": rules,
        "files": files,
        "stories": with_findings,
        "summary": summary,
        "severities": SEVERITIES,
    }


def _filter_css(rule_count: int) -> str:
    """The filters' rules: a box unticked puts ``hide-s-<severity>`` or ``hide-r<index>`` on
    the body, which takes the colour off that severity's or rule's words and hides its cards
    (other findings on the same words keep theirs: each finding has its own mark)."""
    names = [f"s-{severity}" for severity in SEVERITIES] + [
        f"r{index}" for index in range(rule_count)
    ]
    return "".join(
        f"body.hide-{name} mark.m.{name} {{ background: none; box-shadow: none; border-color: transparent; }}\n"
        f"body.hide-{name} .card.{name} {{ display: none; }}\n"
        for name in names
    )


def _csp_hash(text: str) -> str:
    """A Content-Security-Policy source for exactly this inline text: the page runs its own
    script and style and nothing else, even if something slipped past the escaping."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render(report: Report) -> str:
    import jinja2

    loader = jinja2.PackageLoader("newslint.output", "templates")
    environment = jinja2.Environment(
        loader=loader,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["printable"] = printable
    context = build(report)
    style = loader.get_source(environment, "report.css")[0] + _filter_css(len(context["rules"]))
    script = loader.get_source(environment, "report.js")[0]
    page = environment.get_template("report.html").render(
        context,
        style=style,
        script=script,
        style_hash=_csp_hash(style),
        script_hash=_csp_hash(script),
    )
    return undecodable_escaped(page)
