"""Inline suppression: comments in a Markdown or HTML story that silence findings.

::

    <!-- newslint-disable debris, doubled-space -->   from here on, until enabled again
    <!-- newslint-enable debris -->                   ... just these again
    <!-- newslint-enable -->                          ... everything again
    <!-- newslint-disable-next-line duplication -->   only the next line that holds prose

Without a rule id a directive covers every rule. Ids may be rule ids, categories, plugin
names or ``plugin/`` prefixes, exactly as ``--select`` and ``--ignore`` take them, separated
by commas or spaces; anything after ``--`` is a free-text reason (``newslint-disable debris
-- the sponsor line stays``).

- A disabled range runs from the end of the comment to the start of the matching enable,
  or to the end of the file. A finding is suppressed when its start lies in the range (a
  block finding such as a duplicated paragraph counts by its first character).
- ``disable-next-line`` covers the first line *after the comment's last line* that holds
  prose: blank lines and lines of pure markup (``<div>``, ``<p>``) are passed over, so it
  works whether the text starts on the same line as its tag or the next.
- Internal errors (a plugin that crashed) and the reports about suppression comments
  themselves are never suppressed.
- An unknown id or a misspelt directive (``newslint-disabel``) is reported by the rule
  ``invalid-suppression`` at the comment, with the closest ids as suggestions; the known
  ids in the same comment still work.

Plain text has no comments, so it has no inline suppression.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newslint.engine import FindingView, names
from newslint.lazy import lazy_compile
from newslint.model import Finding

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.document import Document
    from newslint.engine import Linter
    from newslint.rule import Rule

REPORT_RULE = "invalid-suppression"
ACTIONS = ("disable", "enable", "disable-next-line")

_DIRECTIVE_RE = lazy_compile(r"\s*newslint-(disable-next-line|disable|enable)(?![\w-])(.*)\Z", re.S)
_MISSPELT_RE = lazy_compile(r"\s*(newslint-[\w-]*)")
_TOKEN_RE = lazy_compile(r"[^,\s]+")


@dataclass(frozen=True)
class Directive:
    """One newslint-disable / -enable / -disable-next-line comment."""

    action: str  # "disable", "enable" or "disable-next-line"
    tokens: tuple[str, ...]  # the known ids it names; empty with ``every`` means all rules
    every: bool  # named no id at all
    start: tuple[int, int]  # (line, column) of the comment's first character
    end: tuple[int, int]  # (line, column) just after the comment


@dataclass(frozen=True)
class Problem:
    """A suppression comment that names an unknown rule or directive."""

    message: str
    start: tuple[int, int]
    end: tuple[int, int]
    suggestions: tuple[str, ...] = ()


def parse_directives(
    document: Document, rules: Iterable[Rule]
) -> tuple[list[Directive], list[Problem]]:
    """The suppression directives in the document's comments, in source order, and the
    problems found in them (unknown ids, misspelt directives)."""
    rules = list(rules)
    directives: list[Directive] = []
    problems: list[Problem] = []
    source = document.source
    position = document.source_position
    close_ids: dict[str, tuple[str, ...]] = {}  # an unknown id's suggestions, found once
    for start, end, body in sorted(document.comments):
        match = _DIRECTIVE_RE.match(body)
        body_start = source.find(body, start, end) if body else start
        if match is None:
            wrong = _MISSPELT_RE.match(body)
            if wrong:
                at = body_start + wrong.start(1)
                problems.append(
                    Problem(
                        f"unknown directive {wrong.group(1)!r}; use newslint-disable, newslint-enable "
                        "or newslint-disable-next-line",
                        position(at),
                        position(at + len(wrong.group(1))),
                        tuple(
                            _close_matches(wrong.group(1), [f"newslint-{a}" for a in ACTIONS], 1)
                        ),
                    )
                )
            continue
        action, rest = match.group(1), match.group(2)
        rest_start = body_start + match.start(2)
        reason = rest.find("--")
        if reason != -1:
            rest = rest[:reason]
        tokens = []
        for token in _TOKEN_RE.finditer(rest):
            name = token.group()
            if any(names(name, rule) for rule in rules):
                tokens.append(name)
                continue
            at = rest_start + token.start()
            problems.append(
                Problem(
                    f"unknown rule or category {name!r} in newslint-{action}; see 'newslint rules'",
                    position(at),
                    position(at + len(name)),
                    _close_ids(name, rules, close_ids),
                )
            )
        named = bool(_TOKEN_RE.search(rest))
        if named and not tokens:
            continue  # named only unknown ids: it must not silence everything
        directives.append(
            Directive(action, tuple(tokens), not named, position(start), position(end))
        )
    return directives, problems


def _close_matches(word: str, candidates: list[str], n: int, cutoff: float = 0.6) -> list[str]:
    """``difflib.get_close_matches``, imported only when a comment has a wrong name (difflib
    and heapq cost every single-file run about 1 ms otherwise)."""
    import difflib

    return difflib.get_close_matches(word, candidates, n, cutoff)


def _close_ids(name: str, rules: list[Rule], found: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    if name not in found:
        known = sorted({r.id for r in rules} | {r.category for r in rules})
        found[name] = tuple(_close_matches(name, known, 3, 0.6))
    return found[name]


def _view(finding: Finding, rule: Rule | None) -> Rule | FindingView:
    """The rule as selectors see it (a backend's sub-id such as ``languagetool/EN_QUOTES`` is
    not a registered rule: it is matched as a FindingView)."""
    return rule or FindingView(finding.rule, finding.category, finding.severity, "")


# How many '/'-separated levels of an id in a directive are indexed for the sub-id clause
# of ``engine.names`` (an id naming a sub-id of the finding's rule); real ids have one or two.
_SUB_ID_DEPTH = 4


class _Switches:
    """The latest disable or enable of each id the directives so far have named, indexed so
    that deciding a finding looks up the few keys that could name its rule instead of testing
    every id ever named: a file with thousands of directives stays linear in time and memory.

    Equivalent to walking the operations newest first and taking the first one that
    ``engine.names`` the finding's rule, with ``every`` (an id-less directive) as the oldest.
    """

    def __init__(self) -> None:
        self.every_off = False
        self._order = 0
        # key -> (order, disables); one dict per way a token can name a rule (engine.names):
        self._exact: dict[str, tuple[int, bool]] = {}  # the rule id, category or plugin
        self._prefix: dict[str, tuple[int, bool]] = {}  # an id prefix ("house", "house/")
        self._sub_id: dict[str, tuple[int, bool]] = {}  # a sub-id of the rule (id + "/...")

    def reset(self, off: bool) -> None:
        self.every_off = off
        self._exact.clear()
        self._prefix.clear()
        self._sub_id.clear()

    def set(self, token: str, off: bool) -> None:
        self._order += 1
        value = (self._order, off)
        token = token.strip()
        self._exact[token] = value
        self._prefix[token.rstrip("/")] = value
        slash = token.find("/")
        for _ in range(_SUB_ID_DEPTH):
            if slash == -1:
                break
            self._sub_id[token[:slash]] = value
            slash = token.find("/", slash + 1)

    def is_off(self, finding: Finding, rule: Rule | None) -> bool:
        view = _view(finding, rule)
        found = [
            self._exact.get(view.id),
            self._exact.get(view.category),
            self._sub_id.get(view.id),
        ]
        if view.plugin:
            found.append(self._exact.get(view.plugin))
        slash = view.id.find("/")
        while slash != -1:
            found.append(self._prefix.get(view.id[:slash]))
            slash = view.id.find("/", slash + 1)
        latest = max((f for f in found if f is not None), default=None)
        return self.every_off if latest is None else latest[1]


def _prose_lines(document: Document) -> list[int]:
    """Sorted source lines holding prose (a word or the start of a block line)."""
    from newslint.text.words import WORD_RE

    lines = {document.line_of(match.start()) for match in WORD_RE.finditer(document.text)}
    for block in document.blocks:
        for offset, text in block.lines():
            if text.strip():
                lines.add(document.line_of(offset + len(text) - len(text.lstrip())))
    return sorted(lines)


def suppress(
    document: Document,
    findings: list[Finding],
    directives: list[Directive],
    rules: dict[str, Rule],
) -> list[Finding]:
    """The findings that no directive covers (findings carry resolved line and column)."""
    if not directives:
        return findings
    # disable/enable directives in source order, applied as a sweep over the findings in
    # position order; disable-next-line ones gathered per line they cover.
    ranges: list[Directive] = []
    next_line: dict[int, _Switches] = {}
    prose_lines: list[int] | None = None
    for directive in directives:
        if directive.action != "disable-next-line":
            ranges.append(directive)
            continue
        if prose_lines is None:
            prose_lines = _prose_lines(document)
        at = bisect_right(prose_lines, directive.end[0])
        if at < len(prose_lines):
            covered = next_line.setdefault(prose_lines[at], _Switches())
            if directive.every:
                covered.reset(True)
            for token in directive.tokens:
                covered.set(token, True)

    switches = _Switches()
    applied = 0
    dropped: set[int] = set()
    for index in sorted(range(len(findings)), key=lambda i: (findings[i].line, findings[i].column)):
        finding = findings[index]
        if finding.category == "internal" or finding.rule == REPORT_RULE:
            continue
        where = (finding.line, finding.column)
        while applied < len(ranges) and ranges[applied].end <= where:
            directive = ranges[applied]
            applied += 1
            if directive.every:
                switches.reset(directive.action == "disable")
            for token in directive.tokens:
                switches.set(token, directive.action == "disable")
        rule = rules.get(finding.rule)
        line_switches = next_line.get(finding.line)
        if switches.is_off(finding, rule) or (
            line_switches is not None and line_switches.is_off(finding, rule)
        ):
            dropped.add(index)
    return [finding for index, finding in enumerate(findings) if index not in dropped]


def apply_suppressions(
    linter: Linter, document: Document, findings: list[Finding], config: Config
) -> list[Finding]:
    """Drop what the document's suppression comments cover; add reports on bad comments
    (when the ``invalid-suppression`` rule is active)."""
    if not document.comments:
        return findings
    # Every rule of the run, on or off (a comment may name a rule the config turned off),
    # and the house rules a config defines.
    rules = {**linter.registry.rules, **{r.id: r for r in getattr(config, "house_rules", ())}}
    directives, problems = parse_directives(document, rules.values())
    kept = suppress(document, findings, directives, rules)
    report = rules.get(REPORT_RULE)
    if problems and report is not None and report in linter.active_rules(config):
        severity = config.rule_severity(report)
        for problem in problems:
            kept.append(
                Finding(
                    rule=report.id,
                    category=report.category,
                    severity=severity,
                    message=problem.message,
                    suggestions=problem.suggestions,
                    line=problem.start[0],
                    column=problem.start[1],
                    end_line=problem.end[0],
                    end_column=problem.end[1],
                )
            )
    return kept
