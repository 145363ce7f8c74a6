"""The furniture of a story: the parts of its text that are not the writer's running prose.

A page scrape or a wire story carries, beside its sentences, strings that look like words
but are addresses, labels or someone else's text: social handles and hashtags, URLs and
e-mail addresses, a wire dateline in capitals, an embedded social post with its signature,
a transcript's speaker labels, the label column of a data table, a live blog's time-stamped
subhead, a photo credit. Rules that compare or judge the writer's words leave them alone; the Document knows
them once (``newslint.regions``), so no rule keeps its own regexes for them.

Each detector here is a pure function of one paragraph's text (a block's ``text``) that
returns sorted ``Span(kind, start, end)`` records, offsets into that text. They are linear:
every regex is anchored to a line start or to a literal mark (``@``, ``#``, ``://``), with
bounded repetition, so a hostile paragraph cannot make one backtrack.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from newslint.document import Block


from newslint.lazy import lazy_compile

HANDLE, HASHTAG, URL, EMAIL = "handle", "hashtag", "url", "email"
DATELINE, POST, LABEL, TABLE, SUBHEAD = "dateline", "post", "label", "table", "subhead"
PROMO, CREDIT = "promo", "credit"
# The kinds whose words are not the writer's prose: no rule about wording looks inside them.
KINDS = (HANDLE, HASHTAG, URL, EMAIL, DATELINE, POST, LABEL, TABLE, SUBHEAD, PROMO, CREDIT)


class Span(NamedTuple):
    """One piece of furniture: ``kind`` and the offsets ``start:end`` in the text read."""

    kind: str
    start: int
    end: int


# --- addresses ---------------------------------------------------------------------------

_EMAIL_RE = lazy_compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}"
)
# A handle: @ and a name, not inside a word or an e-mail address (".@name" opens a reply).
_HANDLE_RE = lazy_compile(r"(?<![\w+-])@\w{1,30}")
# A hashtag holds a letter: "#1" and "# 3" are not tags.
_HASHTAG_RE = lazy_compile(r"(?<![\w&#])#(?=\w{0,99}[^\W\d_])\w{1,100}")
_TLDS = (
    "com|org|net|gov|edu|mil|int|co|uk|us|ca|au|de|fr|io|ly|tv|fm|me|info|news|biz|eu|ie|nz|"
    "in|jp|cn|ru|ch|nl|se|no|es|it|be|at|dk|fi|pl|il|za|br|mx|ar|gl|ai|app|org\\.uk|co\\.uk"
)
_URL_RE = lazy_compile(
    r"(?:(?:https?|ftp)://|www\.)[^\s<>\"“”]{1,2000}"  # a scheme or www.: up to white space
    r"|(?<![\w@.-])(?:[A-Za-z0-9-]{1,63}\.){1,6}(?:"
    + _TLDS
    + r")(?![\w-])(?:/[^\s<>\"“”]{0,2000})?"
)
_URL_TRAILING = ".,;:!?)]}'’\"”"
# A point before a lower-case letter: a bare domain's dot before its top-level domain.
_DOT_LOWER_RE = lazy_compile(r"\.[a-z]")

# Each detector first asks whether the text holds what every match of its patterns must
# (an "@", a "://", a colon...): most paragraphs hold none, and a pattern a run never needs
# is never compiled (together some 2 ms of a single-file run's start-up).


def _may_hold_url(text: str) -> bool:
    return "://" in text or "www." in text or _DOT_LOWER_RE.search(text) is not None


def addresses(text: str) -> list[Span]:
    """Handles (``@name``), hashtags, URLs (with or without a scheme) and e-mail addresses.

    A bare domain counts as an address when it has a path or is written in lower case
    (``apnews.com/article``, ``npr.org``); ``HealthCare.gov`` alone is the site's name."""
    found: list[Span] = []
    if "@" in text:
        for match in _EMAIL_RE.finditer(text):
            found.append(Span(EMAIL, *match.span()))
    emails = [(s.start, s.end) for s in found]
    for match in _URL_RE.finditer(text) if _may_hold_url(text) else ():
        start, end = match.span()
        if _inside(emails, start):
            continue
        while end > start and text[end - 1] in _URL_TRAILING:
            end -= 1
        url = text[start:end]
        if "/" not in url and not url.startswith("www.") and url != url.lower():
            continue  # a mixed-case domain without a path is a name: HealthCare.gov
        found.append(Span(URL, start, end))
    taken = sorted((s.start, s.end) for s in found)
    for regex, kind, mark in ((_HANDLE_RE, HANDLE, "@"), (_HASHTAG_RE, HASHTAG, "#")):
        for match in regex.finditer(text) if mark in text else ():
            if not _inside(taken, match.start()):
                found.append(Span(kind, *match.span()))
    return sorted(found, key=lambda s: (s.start, s.end))


def _has_line_opening_lower(text: str) -> bool:
    """Whether a line of ``text`` opens with a lower-case letter (a-z)."""
    start = 0
    while start >= 0:
        if "a" <= text[start : start + 1] <= "z":
            return True
        start = text.find("\n", start)
        start = start + 1 if start >= 0 else -1
    return False


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(s <= offset < e for s, e in spans)


# --- datelines ---------------------------------------------------------------------------

# A wire dateline opens a paragraph: a place in capitals (several joined by "/"), perhaps a
# state or country after a comma, perhaps the agency in brackets, then a dash. "NEW YORK (AP)
# —", "HONG KONG (Reuters) -", "WASHINGTON —", "WEST PALM BEACH, Fla. –".
_CAPS_PLACE = r"[A-Z][A-Z.'’-]{1,30}(?: [A-Z][A-Z.'’-]{0,30}){0,4}"
_CAPS_PLACE_SECOND = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ.'’-")  # its second character
_DATELINE_RE = lazy_compile(
    r"(?:" + _CAPS_PLACE + r")(?:/(?:" + _CAPS_PLACE + r")){0,3}"
    r"(?:, [A-Z][\w.]{0,20}(?: [A-Z][\w.]{0,20}){0,3})?"
    r"(?: \([A-Z][\w&. -]{0,40}\))?"
    r" ?(?:—|–|-{1,2}) ?"
)


def datelines(text: str) -> list[Span]:
    """A wire dateline at the start of the paragraph, up to and including its dash. The
    word after it takes a capital by position (``forced_after``)."""
    if not ("A" <= text[:1] <= "Z" and text[1:2] and text[1] in _CAPS_PLACE_SECOND):
        return []  # a place in capitals opens it: most paragraphs open "The", "A", "Mr"...
    match = _DATELINE_RE.match(text)
    if match is None:
        return []
    head = text[: match.end()]
    # At least one word of three or more capitals: "A -" or "I -" open no dateline.
    if not re.search(r"[A-Z]{3}|[A-Z]\.[A-Z]|[A-Z]{2} [A-Z]{2}", head.split("(")[0].split(",")[0]):
        return []
    return [Span(DATELINE, 0, match.end())]


# --- embedded social posts -----------------------------------------------------------------

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
# The signature an embedded post ends with: "— Name (@handle) Month D, YYYY".
_SIGNATURE_RE = lazy_compile(
    r"[—–-]{1,2} ?[^\n—–()]{0,80}\(@\w{1,30}\),? (?:" + _MONTHS + r") \d{1,2},? \d{4}"
)
# A post shown as "Name (@handle) text ..." or "@handle: text" from the start of a line.
_POST_LINE_RE = lazy_compile(
    r"(?m)^(?:[^\n()@—–]{1,60} \(@\w{1,30}\)(?= )|\.?@\w{1,30}:(?= ))[^\n]*"
)


def embedded_posts(text: str) -> list[Span]:
    """Social posts quoted in the copy: from the start of the line (or the end of the post
    before it) to a ``— Name (@handle) Month D, YYYY`` signature, and lines that open with
    ``Name (@handle)`` or ``@handle:``."""
    found: list[Span] = []
    if "@" not in text:  # a post's handle
        return found
    for match in _POST_LINE_RE.finditer(text):
        found.append(Span(POST, *match.span()))
    previous_end = 0
    for match in _SIGNATURE_RE.finditer(text):
        start = max(previous_end, text.rfind("\n", 0, match.start()) + 1)
        found.append(Span(POST, start, match.end()))
        previous_end = match.end()
    return _merged(found)


def _merged(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if out and out[-1].kind == span.kind and span.start <= out[-1].end:
            if span.end > out[-1].end:
                out[-1] = Span(span.kind, out[-1].start, span.end)
        else:
            out.append(span)
    return out


# --- transcript speaker labels and data tables ------------------------------------------------

# Name particles that may open a name in lower case ("de Blasio", "van der Bellen").
_PARTICLES = frozenset("al el bin ibn de da di du la le van von der den del della dos das".split())
_LOWER_WORD = r"[a-z][a-z'’.-]{0,30}"
# A podcast transcript's label: a line of a few lower-case words, perhaps with a name in
# brackets ("archived recording (jane doe)"), alone or before the first capital of the speech.
_LOWER_LABEL_RE = lazy_compile(
    r"(?m)^("
    + _LOWER_WORD
    + r"(?: "
    + _LOWER_WORD
    + r"){0,3})(?: \([^()\n]{1,60}\))?(?=$| [\"“‘'\[]?[A-Z])"
)
# A label in capitals before a colon: "INSKEEP:", "STEVE INSKEEP, HOST:", "Q:", "ATTACKER:".
# The same inside a paragraph: "... a few questions. archived recording (jane doe) Thank you".
_BRACKETED_LABEL_RE = lazy_compile(
    r"(?<![\w,])[a-z]{2,20}(?: [a-z]{2,20}){0,2} \([a-z][a-z .'’-]{1,60}\)(?= [\"“‘'\[]?[A-Z])"
)
# A commenter's lower-case handle before a colon, opening a line: "jdoe77: just sold".
_LOWER_HANDLE_LABEL_RE = lazy_compile(r"(?m)^[a-z][a-z0-9_]{2,30}:(?= )")
_CAPS_LABEL_RE = lazy_compile(
    r"(?m)^[A-Z][A-Z.'’-]{0,30}(?: [A-Z][A-Z.'’-]{0,30}){0,3}(?:, [A-Z][A-Z ]{0,30})?:(?= |$)"
)
_SENTENCE_END = (".", "?", "!", '"', "”", "’")
_TABLE_WORDS = 30


def labels(text: str) -> list[Span]:
    """Transcript speaker labels (a line of lower-case words, or a label in capitals before a
    colon) as ``label``; a line of a data table (``LABEL: value``, the label in capitals and
    used by another line of the same text, the value short and not a sentence) as ``table``."""
    found: list[Span] = []
    for match in _LOWER_LABEL_RE.finditer(text) if _has_line_opening_lower(text) else ():
        words = match.group(1).split()
        if words[0] in _PARTICLES or (
            len(words) < 2
            and "(" not in match.group()
            and match.end() < len(text)
            and text[match.end()] != "\n"
        ):
            continue  # "de Blasio said", "iPhone": a name's particle, a word before a name
        if any(w in _PARTICLES for w in words):
            continue
        found.append(Span(LABEL, *match.span()))
    colon = ":" in text  # the capitals' and the handles' labels end with one
    if colon:
        found.extend(Span(LABEL, *m.span()) for m in _LOWER_HANDLE_LABEL_RE.finditer(text))
    for match in _BRACKETED_LABEL_RE.finditer(text) if " (" in text else ():
        if not any(s.start <= match.start() < s.end for s in found):
            found.append(Span(LABEL, *match.span()))
    caps = list(_CAPS_LABEL_RE.finditer(text)) if colon else []
    counts: dict[str, int] = {}
    for match in caps:
        counts[match.group()] = counts.get(match.group(), 0) + 1
    for match in caps:
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        value = text[match.end() : line_end].strip()
        if (
            counts[match.group()] > 1
            and not value.endswith(_SENTENCE_END)
            and len(value.split()) <= _TABLE_WORDS
        ):
            found.append(Span(TABLE, match.start(), line_end))
        elif len(match.group()) > 2 or match.group() in ("Q:", "A:"):
            found.append(Span(LABEL, *match.span()))
    return sorted(found, key=lambda s: (s.start, s.end))


# --- live-blog subheads ---------------------------------------------------------------------

# "Update at 5:10 p.m. ET. Suspect In Custody:" opens a live blog's time-stamped entry, set
# in headline style.
_SUBHEAD_RE = lazy_compile(
    r"(?m)^(?:Update|Updated|UPDATE|Correction)(?: at)? \d{1,2}(?:[:.]\d\d)? ?[ap]\.?m\.?"
    r"(?: [A-Z]{2,4}\b)?[^\n]*"
)


def subheads(text: str) -> list[Span]:
    """Time-stamped live-blog subheads, the whole line."""
    if "Update" not in text and "UPDATE" not in text and "Correction" not in text:
        return []
    return [Span(SUBHEAD, *m.span()) for m in _SUBHEAD_RE.finditer(text)]


# --- promotions a page scrape carries inside the copy ------------------------------------------

# A line that promotes other content: a video player's "JUST WATCHED ... MUST WATCH", a
# related link ("More: ...", "Related: ...", "Read more: ..."), a topic widget ("Interested in
# Brexit?"), or a line that ends in "Read more".
_PROMO_LINE_RE = lazy_compile(
    r"(?m)^(?:(?:JUST WATCHED|MUST WATCH|(?:More|MORE|Related|RELATED|Read more|READ MORE|WATCH|Watch|"
    r"Part \d{1,2}):)[^\n]*|Interested in [^\n?]{1,60}\?$|[^\n]{1,300}\bRead more$)"
)
# A pop-up card some sites print inside the copy after a name: the name again, glued to the
# headlines of linked stories, up to "MORE" ("Sen. Jane Doe Jane Ann DoeSenate passes bill |
# Other story MORE (R-Ky.)"). It opens on the surname glued to a capital, right after the name.
# What every promotion line holds: a label's colon, the player's words, the widget's, the link's.
_PROMO_MARKS = (":", "JUST WATCHED", "MUST WATCH", "Interested in ", "Read more")
_CARD_START_RE = lazy_compile(r"\b([A-Z][a-z]{1,30})(?=[A-Z][\w'’-]{0,40}[ :,])")
_CARD_END_RE = lazy_compile(r" MORE\b")
_CARD_CHARS = 1500


def promos(text: str) -> list[Span]:
    """Promotion lines and in-copy link cards."""
    found = (
        [Span(PROMO, *m.span()) for m in _PROMO_LINE_RE.finditer(text)]
        if any(mark in text for mark in _PROMO_MARKS)
        else []
    )
    searched = 0
    for match in _CARD_START_RE.finditer(text) if " MORE" in text else ():  # a card's end
        start = match.start()
        if start < searched:
            continue
        name = match.group(1)
        before = text[max(0, start - 80) : start]
        if f"{name} " not in before and f" {name}" not in before:
            continue  # the card repeats the name just printed
        end = _CARD_END_RE.search(text, start, start + _CARD_CHARS)
        searched = start + _CARD_CHARS if end is None else end.end()
        if end is not None and "\n" not in text[start : end.start()]:
            found.append(Span(PROMO, start, end.end()))
    return sorted(found, key=lambda s: (s.start, s.end))


# --- photo credits ---------------------------------------------------------------------------

# "Photo: Jane Doe/Agency", "(Photo: Jane Doe, AP)": names, often in lower case, up to the
# closing bracket or the line's end, within a credit's length.
_CREDIT_RE = lazy_compile(
    r"\b(?:Photo|Photos|Photograph|Image|Picture|Illustration|Credit)(?: by| credit)?:"
    r" [^\n()]{1,80}(?=\)|$)",
    re.MULTILINE,
)


def credits(text: str) -> list[Span]:
    """Photo credits: the names after "Photo:" and the like."""
    return [Span(CREDIT, *m.span()) for m in _CREDIT_RE.finditer(text)]


DETECTORS: tuple[Callable[[str], list[Span]], ...] = (
    addresses,
    datelines,
    embedded_posts,
    labels,
    subheads,
    promos,
    credits,
)


def furniture(text: str) -> list[Span]:
    """Every piece of furniture in one paragraph's text, sorted by start."""
    found: list[Span] = []
    for detect in DETECTORS:
        found.extend(detect(text))
    return sorted(found, key=lambda s: (s.start, s.end))


def forced_after(spans: list[Span]) -> list[int]:
    """Offsets where a word takes a capital because of the furniture before it: the first
    word after a dateline or a speaker label."""
    return [s.end for s in spans if s.kind in (DATELINE, LABEL)]


def story_furniture(text: str, blocks: Iterable[Block]) -> list[Span]:
    """The furniture of a whole story (its prose ``text`` and ``blocks``), as prose offsets,
    sorted by start. Line detectors read the whole text, so a table's label counts as one when
    another block repeats it; a dateline is looked for at the start of each block."""
    found: list[Span] = []
    for detect in DETECTORS:
        if detect is not datelines:
            found.extend(detect(text))
    for block in blocks:
        found.extend(
            Span(s.kind, block.start + s.start, block.start + s.end) for s in datelines(block.text)
        )
    return sorted(found, key=lambda s: (s.start, s.end))
