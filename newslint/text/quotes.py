"""Where quoted speech lies in a paragraph, so rules can tell a speaker's words from the copy.

This is the one quote finder; rules and fixes ask ``document.regions`` (``newslint.regions``),
which reads each paragraph with it once.

Curly quotes say which way they face. A straight ``"`` is read from its neighbours: after a
space or at the start it opens, after a word or punctuation it closes. A quote still open at
the end of a paragraph runs to its end (news style reopens it in the next paragraph); a
closing quote with no opening before it (the mark was lost in a paste) quotes everything since
the previous quote closed, or since the paragraph's start. Single quotes count only as a pair: ‘ or ' opening before a letter,
then the next ’ or ' that is not an apostrophe inside a word.
"""

from __future__ import annotations

from newslint.lazy import lazy_compile

_MARK_RE = lazy_compile(r"[\"“”«»‘’']")
_OPENERS = "“«"
_CLOSERS = "”»"
_SPACE_BEFORE = " \t\n([{—–-/"


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of ``text`` that lie inside quotation marks.

    Each span runs from just after the opening mark to just before the closing one.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None  # start of the current double-quoted span
    single_at: int | None = None  # start of the current single-quoted span
    n = len(text)
    for match in _MARK_RE.finditer(text):
        i = match.start()
        ch = text[i]
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if ch in "‘'’":
            if single_at is None and open_at is None:
                if ch != "’" and before in _SPACE_BEFORE and after.isalpha():
                    single_at = i + 1
            elif single_at is not None and ch != "‘" and not after.isalnum() and before != " ":
                spans.append((single_at, i))
                single_at = None
            continue
        if ch in _OPENERS:
            opens = True
        elif ch in _CLOSERS:
            opens = False
        else:  # a straight double quote: which way does it face?
            space_before = before in _SPACE_BEFORE
            space_after = after.isspace()
            if space_before != space_after:
                opens = space_before
            else:
                opens = open_at is None
        if opens:
            if open_at is None:
                open_at = i + 1
                single_at = None
        elif open_at is not None:
            spans.append((open_at, i))
            open_at = None
        else:
            # The opening mark was lost: quoted since the last quote closed (or the start).
            spans.append((spans[-1][1] + 1 if spans else 0, i))
    if open_at is not None:
        spans.append((open_at, n))
    spans.sort()
    return spans
