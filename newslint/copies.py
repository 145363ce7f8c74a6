"""A block reported as a copy carries one finding: the copy's own.

When duplicate-paragraph reports a paragraph or a run of paragraphs as a copy, the editor
deletes the copy, and every other finding inside it (the same doubled word, the same stray
space, the same debris line, printed a second time) is noise that repeats a finding on the
original. So, once a story's findings are in, any finding that lies wholly inside a reported
copy is dropped, whichever rule or plugin raised it. A copy suppressed inline (the desk keeps
it) is not reported, so the findings inside it stay. Internal errors are always kept.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from newslint.model import Finding

# The rule whose findings mark copies; its findings' spans are the copies.
COPY_RULE = "duplicate-paragraph"


def drop_inside_copies(findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` without those wholly inside a reported copy's span (prose offsets)."""
    copies = sorted((f.start, f.end) for f in findings if f.rule == COPY_RULE)
    if not copies:
        return list(findings)
    starts = [start for start, _ in copies]
    # Copies never overlap (each run is reported once), but a running maximum keeps the
    # lookup right even if they did: the widest end among copies starting at or before.
    ends: list[int] = []
    for _, end in copies:
        ends.append(max(end, ends[-1]) if ends else end)

    def inside(finding: Finding) -> bool:
        i = bisect_right(starts, finding.start) - 1
        return i >= 0 and max(finding.end, finding.start) <= ends[i]

    return [f for f in findings if f.rule == COPY_RULE or f.category == "internal" or not inside(f)]
