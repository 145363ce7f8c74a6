"""What a rule is: an id, a category, a default severity, its documentation and a check.

A rule's documentation is its module docstring: a one-line summary, what it catches and
why, then ``## Wrong`` and ``## Right`` sections holding fenced examples. The examples are
executable: the test suite runs every rule on its own wrong and right examples, and
``newslint rules ID`` prints the same text. In a Wrong example ``[[`` and ``]]`` mark every
span the rule flags; the suite requires a finding on exactly each of them, and no other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import pluggy

from newslint.lazy import lazy_compile
from newslint.model import CATEGORIES, SEVERITIES, Edit, Finding, Fix, unsafe_fix
from newslint.options import NoOptions, declared

if TYPE_CHECKING:
    from newslint.document import Document

hookimpl = pluggy.HookimplMarker("newslint")

_SECTION_RE = lazy_compile(r"^## (Wrong|Right)\s*$(.*?)(?=^## |\Z)", re.M | re.S)
# A fence's info string: a format (text, markdown, html) and, optionally, a file name; an
# example that needs several stories (a run-wide rule) names each fence's file.
_FENCE_RE = lazy_compile(r"^```([\w-]*)(?:[ \t]+(\S+))?[ \t]*\n(.*?)^```", re.M | re.S)
# The file name an example is checked as, by its fence's info string (default: plain text).
EXAMPLE_PATHS = {"markdown": "story.md", "md": "story.md", "html": "story.html"}

# A rule's check: the document and the rule's options (an instance of its options class).
Check = Callable[["Document", Any], Iterable[Finding]]

# In a Wrong example, [[ and ]] mark each span the rule flags (the words of a slip, the
# paragraph repeated, the stray spaces). They are not part of the story: the suite checks
# the example without them and requires a finding on exactly each marked span, and no other.
_MARK_RE = re.compile(r"\[\[(.*?)\]\]", re.S)


class MarkedSpan(NamedTuple):
    """Where an example marks a slip: code-point offsets in the story without its marks."""

    start: int
    end: int


class ExampleStory(NamedTuple):
    """One fenced example: the file name it is checked as, its text, and its marked slips."""

    path: str
    text: str
    slips: tuple[MarkedSpan, ...]

    @classmethod
    def from_marked(cls, path: str, marked: str) -> ExampleStory:
        parts: list[str] = []
        slips: list[MarkedSpan] = []
        length = last = 0
        for mark in _MARK_RE.finditer(marked):
            parts.append(marked[last : mark.start()])
            length += mark.start() - last
            slips.append(MarkedSpan(length, length + len(mark.group(1))))
            parts.append(mark.group(1))
            length += len(mark.group(1))
            last = mark.end()
        parts.append(marked[last:])
        return cls(path, "".join(parts), tuple(slips))


@dataclass(frozen=True)
class Rule:
    """A rule: its id, category, severity, check, documentation and options."""

    id: str
    category: str
    severity: str
    check: Check
    doc: str
    plugin: str = "newslint"
    # The options a newsroom may set in [rules.<id>]: a frozen dataclass of
    # newslint.options.option() fields (see newslint/options.py). The check receives an
    # instance, validated and with defaults applied; ``newslint rules ID`` lists them.
    options: type = NoOptions
    # Off unless selected by id or turned on with [rules.<id>] enabled = true.
    enabled_by_default: bool = True

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"rule {self.id}: unknown category {self.category!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"rule {self.id}: unknown severity {self.severity!r}")
        try:
            declared(self.options)
        except TypeError as exc:
            raise TypeError(f"rule {self.id}: {exc}") from None

    @property
    def summary(self) -> str:
        text = (self.doc or "").strip()
        return text.splitlines()[0].strip() if text else self.id

    def examples(self) -> tuple[list[str], list[str]]:
        """The fenced examples under ``## Wrong`` and ``## Right`` in the documentation."""
        wrong, right = self.example_files()
        return [text for _, text in wrong], [text for _, text in right]

    def example_files(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """The examples as ``(file name, text)``: a fence's info string picks the format
        (```markdown -> story.md, ```html -> story.html, anything else -> story.txt)."""
        wrong, right = self.example_sets()
        return [f for s in wrong for f in s], [f for s in right for f in s]

    def example_sets(self) -> tuple[list[list[tuple[str, str]]], list[list[tuple[str, str]]]]:
        """The examples grouped into runs of ``(file name, text)``, marks removed."""
        wrong, right = self.example_stories()
        return (
            [[(story.path, story.text) for story in run] for run in wrong],
            [[(story.path, story.text) for story in run] for run in right],
        )

    def example_stories(
        self,
    ) -> tuple[list[list[ExampleStory]], list[list[ExampleStory]]]:
        """The Wrong and Right examples grouped into runs: each fence is a run of its own,
        except that consecutive fences naming their files (```text first.txt) are one run of
        several stories, for rules that compare stories."""
        wrong: list[list[ExampleStory]] = []
        right: list[list[ExampleStory]] = []
        for match in _SECTION_RE.finditer(_dedent(self.doc or "")):
            runs: list[list[ExampleStory]] = []
            named_run = False
            for m in _FENCE_RE.finditer(match.group(2)):
                path = m.group(2) or EXAMPLE_PATHS.get(m.group(1), "story.txt")
                story = ExampleStory.from_marked(path, m.group(3))
                if m.group(2) and named_run:
                    runs[-1].append(story)
                else:
                    runs.append([story])
                named_run = bool(m.group(2))
            (wrong if match.group(1) == "Wrong" else right).extend(runs)
        return wrong, right

    def finding(
        self,
        start: int,
        end: int,
        message: str,
        *,
        suggestions: Iterable[str] = (),
        fix: Fix | Iterable[Edit] | None = None,
        data: dict[str, Any] | None = None,
    ) -> Finding:
        """A finding of this rule on the prose span ``start:end``.

        ``fix`` is a ``Fix`` (it says whether it is safe); bare edits, as plugins written
        before fixes had an applicability pass them, count as an unsafe fix.
        """
        if fix is not None and not isinstance(fix, Fix):
            edits = tuple(fix)
            fix = unsafe_fix(*edits) if edits else None
        return Finding(
            rule=self.id,
            category=self.category,
            severity=self.severity,
            message=message,
            start=start,
            end=end,
            suggestions=tuple(suggestions),
            fix=fix,
            data=data or {},
        )


def _dedent(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


def documentation(rule: Rule) -> str:
    """The rule's documentation as ``newslint rules ID`` prints it."""
    header = f"{rule.id}  ({rule.category}, {rule.severity}, plugin {rule.plugin})"
    if not rule.enabled_by_default:
        header += (
            f"\nOff by default: turn it on with --select {rule.id} or "
            f"[rules.{rule.id}] enabled = true"
        )
    body = _dedent(rule.doc or "")
    options = declared(rule.options)
    if options:
        listed = "\n".join(o.describe() for o in options)
        body += (
            f"\n\n## Options\n\nSet in [rules.{rule.id}], besides severity, enabled and "
            f"max-findings (defaults shown):\n\n{listed}"
        )
    return f"{header}\n\n{body}\n"
