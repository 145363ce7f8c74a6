"""Applying findings' fixes to the user's files: only under --fix, atomically, idempotently.

The file is read again and compared with the text that was checked, so a file changed in
the meantime is left alone. Line endings (LF, CRLF or CR) and a UTF-8 BOM are kept as
they were; a file that mixes line endings is not rewritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from newslint.inputs import InputError, decode
from newslint.model import Edit, Finding, whole_lines
from newslint.writing import write_fixed


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """Apply non-overlapping edits (source offsets); an edit overlapping an earlier one waits
    for the next run. Returns the new text and how many edits were applied."""
    spans = []
    for edit in edits:
        start, end = edit.start, edit.end
        if edit.whole_line:
            start, end = whole_lines(text, start, end)
        spans.append((start, end, edit.text))
    spans.sort()
    out, cursor, applied = [], 0, 0
    for start, end, replacement in spans:
        if start < cursor:
            continue
        out.append(text[cursor:start])
        out.append(replacement)
        cursor = end
        applied += 1
    out.append(text[cursor:])
    return "".join(out), applied


def _newline_style(raw: str) -> str | None:
    crlf = raw.count("\r\n")
    cr = raw.count("\r") - crlf
    lf = raw.count("\n") - crlf
    styles = [s for s, n in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if n]
    if len(styles) > 1:
        return None
    return styles[0] if styles else "\n"


def fix_file(path: str, checked_text: str, findings: list[Finding]) -> int:
    """Write the fixes of ``findings`` into ``path``; returns how many were applied."""
    if not any(f.fix for f in findings):
        return 0
    target = Path(path)
    data = target.read_bytes()
    if decode(path, data) != checked_text:
        raise InputError(path, "changed while it was being checked; not fixed")
    payload, applied = fixed_bytes(path, data, checked_text, findings)
    if applied:
        write_fixed(target, payload, expected=data)  # see newslint/writing.py
    return applied


def fixed_bytes(path: str, data: bytes, checked_text: str, findings: list[Finding]) -> tuple[bytes, int]:
    """The file's bytes ``data`` (whose decoded text is ``checked_text``) with the fixes of
    ``findings`` applied, BOM and line endings kept, and how many were applied."""
    edits = [edit for f in findings for edit in f.fix]
    bom = data.startswith(b"\xef\xbb\xbf")
    raw = data[3 if bom else 0:].decode("utf-8")
    newline = _newline_style(raw)
    if newline is None:
        raise InputError(path, "mixes line endings (LF, CRLF, CR); not fixed")
    fixed, applied = apply_edits(checked_text, edits)
    if not applied or fixed == checked_text:
        return data, 0
    return (b"\xef\xbb\xbf" if bom else b"") + fixed.replace("\n", newline).encode("utf-8"), applied
