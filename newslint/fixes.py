"""Applying findings' fixes to the user's files: only under --fix, atomically, idempotently.

A fix is resolved onto the source's structure first (``resolve_fix``): an edit that would
cut into markup (a tag, an entity, a Markdown delimiter, a link or image) or rewrite quoted
speech is dropped, and removing a debris line removes the element, table-cell content or
whole lines that hold it alone, never its neighbours. Resolved edits hold code-point offsets
in the original decoded file (BOM removed, line endings as in the file).

The file is read again and compared with the text that was checked, so a file changed in
the meantime is left alone. Line endings (LF, CRLF, CR, even mixed) and a UTF-8 BOM are
kept as they were.
"""

from __future__ import annotations

import errno
import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from newslint.inputs import MAX_BYTES, InputError, NotRegularFile, decode, read_regular_file
from newslint.lazy import lazy_compile
from newslint.model import Edit, Finding, Fix, whole_lines
from newslint.writing import write_fixed

if TYPE_CHECKING:
    from newslint.document import Block, Container, Document

_TRAILING_BLANK_LINES_RE = lazy_compile(r"(\r?\n)(?:[ \t]*\r?\n)+\Z")
_LINE_BREAK_RE = lazy_compile(r"\r\n|\r|\n")
_BR_RE = lazy_compile(r"<br\b[^>]*>|</br\s*>", re.I)
_NOT_SPACE_RE = lazy_compile(r"\S")
_BLANK_LINES_RE = lazy_compile(r"(?:[ \t]*\n)+|[ \t]+\Z")
# Emphasis a line of Markdown may wrap its debris in ("**Advertisement**"); removing the
# whole line removes both delimiters.
_WRAPPERS = ("***", "**", "*", "___", "__", "_", "~~")


# --- resolution: prose edits to edits on the source ------------------------------------
def resolve_fix(document: Document, fix: Fix) -> Fix | None:
    """``fix`` (or else its alternative) as edits on the original file, or None when no way
    of making it is clean: an edit would cut into markup, rewrite quoted speech, or remove a
    line the source's structure does not give it alone."""
    candidate: Fix | None = fix
    while candidate is not None:
        edits = [resolve_edit(document, edit) for edit in candidate.edits]
        resolved = [edit for edit in edits if edit is not None]
        if edits and len(resolved) == len(edits):
            return Fix(tuple(resolved), candidate.applicability, candidate.description)
        candidate = candidate.alternative
    return None


def resolve_edit(document: Document, edit: Edit) -> Edit | None:
    """One edit's prose span as a span of the original file with its lines and columns, or
    None when it cannot be made cleanly (see ``resolve_fix``)."""
    if edit.remove_line:
        span = line_owner(document, edit.start, edit.end)
    else:
        removed = document.text[edit.start : edit.end]
        if (removed.strip() or edit.text.strip()) and document.regions.in_quote(
            edit.start, edit.end
        ):
            return None  # a fix never rewrites quoted speech (stray spaces excepted)
        span = document.source_span(edit.start, edit.end)
    if span is None:
        return None
    start, end = span
    line, column = document.source_position(start)
    end_line, end_column = document.source_position(end)
    return Edit(
        document.original_offset(start),
        document.original_offset(end),
        edit.text,
        False,
        line,
        column,
        end_line,
        end_column,
    )


def line_owner(document: Document, start: int, end: int) -> tuple[int, int] | None:
    """The source span to delete to remove the prose line that ``start:end`` stands on, and
    nothing else: the element, cell content or whole lines its block owns when the line is
    the whole block; a whole Markdown or text line inside a longer paragraph when that line
    holds nothing but it. A span from the start of one block to the end of a later one
    removes the ad or share container that holds those blocks and nothing else
    (``document.containers``, the outermost of several). None when the source gives the
    line no part of its own."""
    index = document.block_at(start)
    if index is None:
        return None
    block = document.blocks[index]
    if end > block.end:
        last = document.block_at(end)
        if last is None or start != block.start or end != document.blocks[last].end:
            return None
        containers = document.containers  # outer first: the outermost holding just these
        at = bisect_left(containers, (index, -last), key=_first_and_size)
        if at == len(containers) or _first_and_size(containers[at]) != (index, -last):
            return None
        return _element_span(document.source, containers[at].start, containers[at].end)
    text, source = document.text, document.source
    line_start = text.rfind("\n", block.start, start) + 1 or block.start
    line_end = text.find("\n", end, block.end)
    line_end = block.end if line_end == -1 else line_end
    owner = document.owner_of(index)
    # Nothing else in the block (a search that stops at the first character that is not a
    # space, so a block of a thousand debris lines costs no more than their length).
    alone = (
        _NOT_SPACE_RE.search(text, block.start, line_start) is None
        and _NOT_SPACE_RE.search(text, line_end, block.end) is None
    )
    if not alone and document.format == "html":
        return _line_and_its_break(document, block, line_start, line_end)
    if owner is None:
        return None
    if alone:
        if owner.kind == "cell":
            return owner.start, owner.end
        if owner.kind == "element":
            return _element_span(source, owner.start, owner.end)
        return collapse_blank_lines(source, owner.start, owner.end)
    if owner.kind != "lines":
        return None
    to_source = document.source_map.to_source
    a, b = to_source(line_start), to_source(line_end, end=True)
    first, last = whole_lines(source, a, b)
    # The source line holds this line of prose alone: around it only indentation, quote
    # markers, and emphasis wrapped round the whole line ("**Advertisement**").
    prefix, suffix = source[first:a].lstrip(" \t>"), source[b:last].rstrip()
    if prefix != suffix[::-1] or (prefix and prefix not in _WRAPPERS):
        return None
    if document.source_span(line_start, line_end) is None:
        return None  # markup inside the line
    return collapse_blank_lines(source, first, last)


def _first_and_size(container: Container) -> tuple[int, int]:
    return container.first, -container.last


def _element_span(source: str, start: int, end: int) -> tuple[int, int]:
    """The element ``start:end``, with its whole lines when it stands alone on them."""
    first, last = whole_lines(source, start, end)
    if not source[first:start].strip() and not source[end:last].strip():
        return first, last
    return start, end


def _line_and_its_break(
    document: Document, block: Block, line_start: int, line_end: int
) -> tuple[int, int] | None:
    """A line of an HTML paragraph broken with ``<br>``: its text and the break after it
    (the one before it, for the last line), when they stand in the source as one clean run
    ("Advertisement<br>"); else None."""
    line = document.source_span(line_start, line_end)
    if line is None:
        return None  # markup inside the line
    source, to_source = document.source, document.source_map.to_source
    if line_end < block.end:  # the break after it, and any spaces before that break
        tag = to_source(line_end), to_source(line_end + 1, end=True)
        between = source[line[1] : tag[0]]
        span = line[0], tag[1]
    else:  # the last line: the break before it, and any spaces after that break
        tag = to_source(line_start - 1), to_source(line_start, end=True)
        between = source[tag[1] : line[0]]
        span = tag[0], line[1]
    if between.strip() or not _BR_RE.fullmatch(source, tag[0], tag[1]):
        return None
    return span


def collapse_blank_lines(source: str, start: int, end: int) -> tuple[int, int]:
    """Whole lines ``start:end`` widened so that removing them leaves paragraphs one blank
    line apart, as before: at the top of the file or after a blank line, the blank lines that
    follow go too; at the end of the file, the blank lines before."""
    after = _BLANK_LINES_RE.match(source, end)
    following = after.end() if after else end
    previous = source.rfind("\n", 0, start - 1) + 1 if start else 0
    blank_before = start > 0 and not source[previous : start - 1].strip(" \t")
    if start == 0 or blank_before:
        end = following
    if end == len(source) or following == len(source):
        end = len(source)
        while start > 0:
            previous = source.rfind("\n", 0, start - 1) + 1
            if source[previous : start - 1].strip(" \t"):
                break
            start = previous
    return start, end


# --- text printed twice ------------------------------------------------------------------------
def hold_fixes_in_copied_text(document: Document, findings: list[Finding]) -> list[Finding]:
    """No fix inside a paragraph that duplicate-paragraph reports as copied elsewhere.

    The copy's own findings are not reported (``newslint.copies``), so fixing the original
    alone would make the two differ and a second --fix would find new work in the copy.
    Which copy stays is the writer's call; once one is deleted, the other's fixes come back.
    A held finding's ``data.fix_held`` says why."""
    from newslint.copies import COPY_RULE

    blocks = document.blocks
    originals = sorted(
        (blocks[first].start, blocks[last].end)
        for f in findings
        if f.rule == COPY_RULE
        for first, last in [f.data.get("original_paragraphs") or (None, None)]
        if first is not None and last is not None and 0 <= first <= last < len(blocks)
    )
    if not originals:
        return findings
    starts = [start for start, _ in originals]
    reach: list[int] = []  # the furthest end among originals starting at or before
    for _, end in originals:
        reach.append(max(end, reach[-1]) if reach else end)

    def copied(f: Finding) -> bool:
        i = bisect_right(starts, f.start) - 1
        return i >= 0 and max(f.end, f.start) <= reach[i]

    out = []
    for f in findings:
        if f.fix is not None and copied(f):
            f = f.with_changes(
                fix=None,
                data={
                    **f.data,
                    "fix_held": "the paragraph is printed twice; delete one copy first",
                },
            )
        out.append(f)
    return out


# --- two fixes on one span -------------------------------------------------------------------
def fix_priority(finding: Finding) -> tuple[bool, bool, str, int]:
    """Which fix wins where two touch the same text: a house rule's over a built-in rule's
    (the desk said so), then a safe fix over an unsafe one, then the rule id, then position."""
    return (
        not finding.rule.startswith("house/"),
        not (finding.fix is not None and finding.fix.is_safe),
        finding.rule,
        finding.start,
    )


def _clash(a: Edit, b: Edit) -> bool:
    if not a.text and not b.text:
        return False  # two deletions: removing both removes only what each named
    if a.start == a.end or b.start == b.end:  # an insertion clashes with an edit around it
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def settle_fixes(findings: list[Finding]) -> list[Finding]:
    """Where fixes of different findings touch the same text, keep the one ``fix_priority``
    puts first; the others lose their fix, and their ``data`` names the winner
    (``fix_superseded_by``). Resolved findings (edits in file offsets) in, same order out."""
    edits = sorted(
        (
            (edit.start, edit.end, index, edit)
            for index, f in enumerate(findings)
            if f.fix is not None
            for edit in f.fix.edits
        ),
        key=lambda item: item[:2],
    )
    clusters: list[list[tuple[int, int, int, Edit]]] = []
    reach = -1
    for item in edits:  # runs of edits that overlap or touch, in one pass
        if clusters and item[0] <= reach:
            clusters[-1].append(item)
        else:
            clusters.append([item])
        reach = max(reach, item[1])
    out = list(findings)
    for cluster in clusters:
        owners = {index for _, _, index, _ in cluster}
        if len(owners) < 2 or all(not edit.text for *_, edit in cluster):
            continue
        winners: list[Edit] = []
        for index in sorted(owners, key=lambda i: fix_priority(findings[i])):
            finding = out[index]
            if finding.fix is None:
                continue
            beaten = next((w for w in winners for e in finding.fix.edits if _clash(e, w)), None)
            if beaten is None:
                winners.extend(finding.fix.edits)
                continue
            winner = next(findings[i].rule for _, _, i, edit in cluster if edit is beaten)
            out[index] = finding.with_changes(
                fix=None, data={**finding.data, "fix_superseded_by": winner}
            )
    return out


# --- applying ----------------------------------------------------------------------------
class _Span(NamedTuple):
    """One replacement ``apply_edits`` makes: ``text`` in place of ``start:end``."""

    start: int
    end: int
    text: str


def _spans_to_apply(edits: Iterable[Edit]) -> tuple[list[_Span], int]:
    """The replacements a pass makes of ``edits``, in order of position and apart, and how
    many edits they apply. Deletions that overlap are merged (each removes only what it
    named, so their union does too); any other edit that overlaps an earlier one waits for
    the next pass (``fix_until_settled``)."""
    spans: list[_Span] = []
    applied = 0
    for start, end, replacement in sorted((edit.start, edit.end, edit.text) for edit in edits):
        if spans and start < spans[-1].end:
            last = spans[-1]
            if not last.text and not replacement:
                spans[-1] = last._replace(end=max(last.end, end))
                applied += 1
            continue
        spans.append(_Span(start, end, replacement))
        applied += 1
    return spans, applied


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """Apply edits (offsets in ``text``) as ``_spans_to_apply`` selects them. Returns the
    new text and how many edits were applied."""
    spans, applied = _spans_to_apply(edits)
    out, cursor = [], 0
    for span in spans:
        out.append(text[cursor : span.start])
        out.append(span.text)
        cursor = span.end
    out.append(text[cursor:])
    result = "".join(out)
    if spans and not spans[-1].text and cursor == len(text):
        # Deletions that took the story's last lines (debris at the foot, found line by
        # line) leave no blank lines after what is left.
        result = _TRAILING_BLANK_LINES_RE.sub(r"\1", result)
    return result, applied


def carry_changed_lines(text: str, edits: Iterable[Edit], changed: set[int]) -> set[int]:
    """The line numbers ``changed`` (1-based lines of ``text``) as lines of the text
    ``apply_edits(text, edits)`` makes. --fix --changed-since checks each pass's text
    against the lines the user changed; once a fix removes or adds lines, the original
    numbers name the wrong lines. A new line counts as changed when any of its characters
    comes from a changed line: kept text from its own line, an edit's replacement from the
    lines the edit replaced (so a line an edit inside a changed line creates is changed);
    a removed line passes nothing on. Line breaks are newslint's (CRLF, CR, LF)."""
    spans, _ = _spans_to_apply(edits)
    starts = [0, *(m.end() for m in _LINE_BREAK_RE.finditer(text))]
    carried: set[int] = set()
    new_line = 1  # the line of the new text the next piece lands on

    def line_of(offset: int) -> int:
        return bisect_right(starts, offset)

    def keep(begin: int, end: int) -> None:  # text[begin:end] is copied as it is
        nonlocal new_line
        if begin >= end:
            return
        first, last = line_of(begin), line_of(end - 1)
        carried.update(new_line + old - first for old in range(first, last + 1) if old in changed)
        new_line += line_of(end) - first

    cursor = 0
    for span in spans:
        keep(cursor, span.start)
        cursor = span.end
        if not span.text:
            continue
        replaced = range(line_of(span.start), line_of(max(span.start, span.end - 1)) + 1)
        breaks = [m.end() for m in _LINE_BREAK_RE.finditer(span.text)]
        last = new_line + len(breaks) - (1 if breaks and breaks[-1] == len(span.text) else 0)
        if any(old in changed for old in replaced):
            carried.update(range(new_line, last + 1))
        new_line += len(breaks)
    keep(cursor, len(text))
    return carried


# How many times --fix applies fixes and checks the story again before it stops. A fix can
# make new work (a doubled word removed makes two paragraphs duplicates; a fix that waited
# for an overlapping one), and such chains settle in two or three passes; ten leaves room
# for longer ones while bounding the cost of two fixes that undo each other to ten checks.
MAX_FIX_PASSES = 10


# Told a --fix pass's text before the pass and the edits asked of it (see fix_until_settled).
PassHook = Callable[[str, list[Edit]], None]


class SettledText(NamedTuple):
    """A story's text after --fix applied fixes and checked it again until nothing applied."""

    text: str
    applied: int  # fixes applied over all passes
    settled: bool  # False: fixes were still to apply after MAX_FIX_PASSES passes


def fix_until_settled(
    text: str,
    findings: list[Finding],
    recheck: Callable[[str], list[Finding]],
    *,
    unsafe: bool = False,
    on_pass: PassHook | None = None,
) -> SettledText:
    """``text`` with the fixes of ``findings`` applied (safe ones; unsafe ones too when
    ``unsafe``), then checked again with ``recheck`` and fixed again, until a pass applies
    nothing or ``MAX_FIX_PASSES`` passes ran: a second --fix then changes nothing. The one
    loop the command line, the API and the editor's fix-all share. ``on_pass`` is told each
    applied pass's text before it and the edits asked of it, before ``recheck`` runs."""
    applied = 0
    for _ in range(MAX_FIX_PASSES):
        edits = fixes_to_apply(findings, unsafe=unsafe)
        fixed, count = apply_edits(text, edits)
        if not count or fixed == text:
            return SettledText(text, applied, True)
        if on_pass is not None:
            on_pass(text, edits)
        text, applied = fixed, applied + count
        findings = recheck(text)
    return SettledText(text, applied, not fixes_to_apply(findings, unsafe=unsafe))


def unsettled_note(path: str) -> str:
    """The note naming a file whose fixes did not settle within ``MAX_FIX_PASSES``."""
    passes = f"{MAX_FIX_PASSES} pass{'es' if MAX_FIX_PASSES != 1 else ''}"
    return (
        f"{path}: fixes were still to apply after {passes} of --fix (more than a rule "
        "reports at once, or two fixes that undo each other); the text of the last pass "
        "was kept"
    )


def fixes_to_apply(findings: Iterable[Finding], *, unsafe: bool = False) -> list[Edit]:
    """The edits ``--fix`` applies: safe fixes, and unsafe ones too with ``--unsafe-fixes``."""
    return [
        edit
        for f in findings
        if f.fix is not None and (unsafe or f.fix.is_safe)
        for edit in f.fix.edits
    ]


def fix_file(
    path: str,
    checked_text: str,
    findings: list[Finding],
    *,
    unsafe: bool = False,
    recheck: Callable[[str], list[Finding]] | None = None,
    on_pass: PassHook | None = None,
) -> SettledBytes:
    """Write the fixes of ``findings`` into ``path`` (safe ones; unsafe ones too when
    ``unsafe``), fixed again as ``fixed_bytes`` says, once; returns what was applied."""
    if not fixes_to_apply(findings, unsafe=unsafe):
        return SettledBytes(b"", 0, True)
    target = Path(path)
    data = _read_again(path)
    if decode(path, data) != checked_text:
        raise InputError(path, "changed while it was being checked; not fixed")
    fixed = fixed_bytes(
        path, data, checked_text, findings, unsafe=unsafe, recheck=recheck, on_pass=on_pass
    )
    if fixed.applied:
        write_fixed(target, fixed.data, expected=data)  # see newslint/writing.py
    return fixed


def _read_again(path: str) -> bytes:
    """The file's bytes, read again to be fixed through the project's one bounded reader (a
    FIFO or a device swapped in since the check is refused, never read; a file grown past
    the limit is not read whole). A folder in its place is said as the system says it."""
    try:
        return read_regular_file(path, MAX_BYTES)
    except NotRegularFile as exc:
        if exc.kind == "a directory":
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path) from None
        raise


class SettledBytes(NamedTuple):
    """A file's bytes after --fix (``fix_until_settled``), BOM and line endings kept."""

    data: bytes
    applied: int
    settled: bool


def fixed_bytes(
    path: str,
    data: bytes,
    checked_text: str,
    findings: list[Finding],
    *,
    unsafe: bool = False,
    recheck: Callable[[str], list[Finding]] | None = None,
    on_pass: PassHook | None = None,
) -> SettledBytes:
    """The file's bytes ``data`` (whose decoded text is ``checked_text``) with the fixes of
    ``findings`` applied (safe ones; unsafe ones too when ``unsafe``), BOM and line endings
    kept, and how many were applied. With ``recheck`` (the fixed text's findings, through
    the run's filters) the text is fixed again until it settles; without it, one pass."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "is UTF-16 text; --fix writes only UTF-8 files, so it was not fixed")
    bom = data.startswith(b"\xef\xbb\xbf")
    raw = data[3 if bom else 0 :].decode("utf-8")
    # Edits hold offsets in the decoded file as it is (line endings untouched), so they
    # apply to it directly and every ending the fix does not remove stays as it was.
    settled = fix_until_settled(
        raw, findings, recheck or _no_recheck, unsafe=unsafe, on_pass=on_pass
    )
    if not settled.applied:
        return SettledBytes(data, 0, True)
    payload = (b"\xef\xbb\xbf" if bom else b"") + settled.text.encode("utf-8")
    return SettledBytes(payload, settled.applied, settled.settled)


def _no_recheck(text: str) -> list[Finding]:
    return []
