"""Web or CMS chrome left in the copy: navigation, share buttons, ad slots, image placeholders.

A scrape or a CMS paste often carries the page around the story with it: "Skip to main
content", "Share this post", "Advertisement", "Thumbnail", "Read more", a cookie banner. They
read as nonsense in print and in feeds. Only a whole line counts: a sentence that merely
contains such words ("Shares rose 5% after the results") is copy and is left alone. The
patterns live in ``newslint/data/debris.txt``; a newsroom adds its own with the ``extra``
option (regular expressions matched against a whole line, case-insensitive). The ``extra``
patterns get half a second per story in all, so a pattern that backtracks without end stops
the run with one error line instead of hanging it.

## Wrong

```text
[[Share this post]]
```

```text
The council approved the budget on Tuesday.

[[Advertisement]]

Members voted nine to two in favour.
```

## Right

```text
Shares rose 5% after the results were published, and analysts said more gains were likely.
```

```text
Read more about the plan in the council's report, which runs to 300 pages.
```

## Fix safety

Safe: the fix removes only the debris, on the source's own structure: the HTML element
that holds nothing but the debris line (or the ad or share container, marked so by its class
or id, that holds it, when every block inside is debris), a table cell's content (the cell
stays), or the
whole Markdown or text line, with the blank line around it collapsed so paragraphs stay one
blank line apart; a line of an HTML paragraph broken with ``<br>`` goes with one of its
breaks. Where the debris shares its element or line with other markup or text, there is no
fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from newslint.model import Edit, Finding, safe_fix
from newslint.options import PatternList, Patterns, option
from newslint.rule import Rule, hookimpl
from newslint.text.lexicon import load_lines
from newslint.text.line_patterns import LinePatterns

if TYPE_CHECKING:
    import regex

    from newslint.budget import PatternBudget
    from newslint.document import Document


@dataclass(frozen=True)
class DebrisOptions:
    """The debris rule's options ([rules.debris])."""

    extra: PatternList = option(
        Patterns(),
        PatternList(),
        "Your site's own debris lines: each pattern must match a whole line.",
    )


_STRIP = " \t\u00a0•·|>›»→←-–—*#:"
# The user's patterns get this long per story in all (not per line: 400 slow lines would
# take 400 times as long), so a catastrophic one cannot hang CI.
USER_PATTERN_TIMEOUT = 0.5


_SUFFIX = r"[.!:]?"  # a line may end with its own point


def _alternation(patterns: tuple[str, ...]) -> str:
    return r"(?:" + "|".join(patterns) + r")" + _SUFFIX


# The built-in list, with ``re`` (it compiles in a third of the time ``regex`` takes, and
# our own patterns need no time limit), each pattern compiled only when a line starts the
# way it must (as one alternation, about 5 ms of every single-file run's start-up).
_BUILTIN = LinePatterns(lambda: load_lines("debris.txt"), suffix=_SUFFIX)


@lru_cache(maxsize=64)  # each config's own patterns
def _compile(patterns: tuple[str, ...]) -> regex.Pattern[str]:
    """Users' patterns, with ``regex``: its matching can be stopped by a timeout."""
    import regex

    return regex.compile(_alternation(patterns), regex.IGNORECASE)


def is_debris_line(
    line: str, extra: tuple[str, ...] = (), budget: PatternBudget | None = None
) -> bool:
    """Whether the line is debris; ``extra`` (users' patterns) run within ``budget``, a
    PatternBudget for the whole story (required with ``extra``)."""
    core = line.strip().strip(_STRIP).strip()
    if not core or len(core) > 160:
        return False
    core = " ".join(core.split())
    if _BUILTIN.fullmatch(core):
        return True
    if not extra:
        return False
    if budget is None:
        raise TypeError("is_debris_line: extra patterns need a PatternBudget")
    return _compile(extra).fullmatch(core, timeout=budget.left()) is not None


def check(document: Document, options: DebrisOptions) -> Iterator[Finding]:
    from newslint.budget import PatternBudget, PatternTimeout

    extra = options.extra.sources
    budget = PatternBudget(USER_PATTERN_TIMEOUT)
    found: list[list[tuple[int, str]]] = []  # each block's debris lines
    all_debris: list[bool] = []  # whether a block is nothing but debris
    for block in document.blocks:
        lines = [(start, line) for start, line in block.lines() if line.strip()]
        debris = []
        for start, line in lines:
            try:
                if is_debris_line(line, extra, budget):
                    debris.append((start, line))
            except TimeoutError:
                raise PatternTimeout(
                    f"rule debris: the 'extra' patterns took longer than {USER_PATTERN_TIMEOUT:g}s "
                    f"on {document.path} and were stopped; simplify them (nested repeats such as "
                    "(a+)+ backtrack without end)"
                ) from None
        found.append(debris)
        all_debris.append(bool(debris) and len(debris) == len(lines))
    removals = _containers_of_debris(document, all_debris)
    for index, debris in enumerate(found):
        if not debris:
            continue
        block = document.blocks[index]
        # A block of nothing but debris goes whole, whichever of its lines could go alone,
        # so that one --fix leaves nothing for a second one to find; so does an ad or share
        # container whose blocks are all debris, rather than stay behind empty.
        whole = removals.get(index)
        if whole is None and len(debris) > 1 and all_debris[index]:
            whole = Edit(block.start, block.end, "", remove_line=True)
        for start, line in debris:
            lead = len(line) - len(line.lstrip())
            end = start + len(line.rstrip())
            removal = whole or Edit(start + lead, end, "", remove_line=True)
            yield RULE.finding(
                start + lead,
                end,
                f"'{line.strip()}' looks like web or CMS debris, not copy; delete the line",
                fix=safe_fix(removal, description="Delete the line"),
                data={"text": line.strip()},
            )


def _containers_of_debris(document: Document, all_debris: list[bool]) -> dict[int, Edit]:
    """The removal of the outermost ad or share container holding only debris blocks, by
    the index of each block it holds: one pass over the containers (outer before inner)."""
    if not any(all_debris) or not document.containers:
        return {}
    debris_before = list(accumulate(all_debris, initial=0))  # debris blocks before index i
    removals: dict[int, Edit] = {}
    taken = -1  # the last block of the latest container taken: those inside it are held
    for container in document.containers:
        first, last = container.first, container.last
        if first <= taken or debris_before[last + 1] - debris_before[first] != last - first + 1:
            continue
        blocks = document.blocks
        removal = Edit(blocks[first].start, blocks[last].end, "", remove_line=True)
        removals.update(dict.fromkeys(range(first, last + 1), removal))
        taken = last
    return removals


RULE = Rule(
    id="debris",
    category="debris",
    severity="warning",
    check=check,
    doc=__doc__,
    options=DebrisOptions,
)


@hookimpl
def newslint_rules() -> list[Rule]:
    return [RULE]
