"""Sentence splitting tuned for news copy.

Handles titles and ranks (Mr, Gov., Lt. Col.), months (Nov. 5), initials (J. K. Rowling),
initialisms (U.S., U.N., a.m.), decimals (3.5%), quotes that close a sentence ("Why?" Mr
Lee asked.), ellipses, and bulleted lines inside one paragraph. Returns offsets, not
strings, so rules can report exact positions.

The split is a single pass over the candidate boundaries; each boundary looks at a few
characters either side of it (never the rest of the text), so the cost is linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from newslint.lazy import lazy_compile
from newslint.text.lexicon import load_set

# A candidate boundary: terminal punctuation (or an ellipsis), any closing quotes or
# brackets, then whitespace. Decimals (3.5) and initialisms (U.S.) mid-word never qualify.
# (One character class first, so the regex engine can scan for it quickly.) A candidate
# starts only where a run of marks starts: a later start in the same run would end where
# the run's first one does, and trying each would rescan the run, quadratic on "....".
_BOUNDARY_RE = lazy_compile(r"(?<![.!?…])[.!?…]+[\"'”’)\]]*(?=\s)")
_LIST_LINE_RE = lazy_compile(r"\n(?=[ \t]*(?:[-*•–]|\d+[.)])\s)")
# The word before a full stop; the look-back window keeps the search local.
_PREV_WORD_RE = lazy_compile(r"([\w.’'&-]+)$")
_PREV_WINDOW = 48
_NEXT_RE = lazy_compile(r"\s+([\"'“‘(\[]*)(\S)")
_NEXT_WORD_RE = lazy_compile(r"[\w’'&]+")
_INITIALISM_RE = lazy_compile(r"(?:[A-Za-z]\.){2,}$")
# "Why?" Mr Lee asked. -- a capitalised speaker (up to four words) then a speech verb.
_SPEAKER_VERB_RE = lazy_compile(r"(?:(?:[A-Z][\w’'.-]*|of|de|van|von|al|bin)\s+){1,4}(\w+)\b")

# After an initialism ("U.S.") or an initial, only a word that clearly opens a sentence
# starts a new one ("in the U.S. The ..." splits; "the U.S. Senate" does not).
_SENTENCE_OPENERS = frozenset(
    "the he she it they we i but and in a an this that there its his her their "
    "mr mrs ms dr however meanwhile yet so on at for if when while after before "
    # ... and the words a wire story's next sentence most often opens with after "U.S.":
    # "troops based in the U.S. Officials said ...", "made in the U.S. Some ..."
    "officials police some many most others both all as since though although because "
    "during despite now today yesterday still also even earlier later according what who "
    "why how where one two three asked".split()
)
# After a quote closed by "!" or "?", a capitalised speaker and a speech verb belong to the
# quote ('"Why?" Mr Lee asked.') unless the speaker is a common word capitalised because a
# sentence starts there ('"Go home!" Officials said on Friday the rally had ended.').
_COMMON_SPEAKERS = frozenset(
    "officials police witnesses critics supporters protesters residents voters people crowds "
    "he she they we i it some many others".split()
)
# After "a.m."/"p.m." a capitalised word opens a sentence unless it names a time zone.
_CLOCK = frozenset({"a.m.", "p.m.", "am.", "pm."})
_TIME_ZONES = frozenset("gmt bst utc et est edt pt pst pdt ct cst cdt mt cet cest ist".split())


class _Lexicons(NamedTuple):
    titles: frozenset[str]
    companies: frozenset[str]
    numbered: frozenset[str]
    speech_verbs: frozenset[str]


def _lexicons() -> _Lexicons:
    return _Lexicons(
        load_set("abbreviations.txt"),
        load_set("company_abbreviations.txt"),
        load_set("numbered_abbreviations.txt"),
        load_set("speech_verbs.txt"),
    )


def _is_title(word: str, bare: str, titles: frozenset[str]) -> bool:
    """A title, rank or month abbreviation ("Mr.", "Gov.", "Nov."); "MS." or "FT." are not."""
    if bare not in titles:
        return False
    return len(bare) == 1 or not word.rstrip(".").isupper()


def _keeps_going(text: str, match: re.Match[str], nxt: re.Match[str], lexicons: _Lexicons) -> bool:
    """True when the boundary candidate ``match`` does not end the sentence."""
    titles, companies, numbered, speech_verbs = lexicons
    first = nxt.group(2)
    opening_quote = bool(nxt.group(1))
    if not (first.isupper() or first.isdigit()) and not opening_quote:
        return True  # "as soon as possible... to put an end", "Who knows? not me"

    mark = match.group(0)
    next_word_match = _NEXT_WORD_RE.match(text, nxt.start(2))
    next_word = next_word_match.group(0) if next_word_match else first
    nw = next_word.lower()

    if mark[0] in "!?" and mark[-1] in "\"'”’" and not opening_quote:
        # "Will it work?" Mr Lee asked.  -- the quote ends, the sentence does not.
        verb = _SPEAKER_VERB_RE.match(text, nxt.start(2))
        if verb and verb.group(1).lower() in speech_verbs and nw not in _COMMON_SPEAKERS:
            return True

    if mark[0] != "." or mark.startswith("...") or mark[1:2] in ('"', "'", "”", "’", ")", "]"):
        return False  # ! ? … and a full stop inside closing quotes end the sentence

    window_start = max(0, match.start() - _PREV_WINDOW)
    # The word cannot hold white space: start the search after the last one.
    window_start = max(
        window_start,
        text.rfind(" ", window_start, match.start()) + 1,
        text.rfind("\n", window_start, match.start()) + 1,
    )
    prev = _PREV_WORD_RE.search(text, window_start, match.start())
    word = prev.group(1).lstrip(".'’-") if prev else ""
    bare = word.rstrip(".").lower()

    if _is_title(word, bare, titles):
        return True  # "Mr. Smith", "Gov. Hochul", "Lt. Col. Jones"
    if bare in numbered:
        return first.isdigit()  # "No. 10", "Nov. 5", "Fig. 3"; "voters said no. Then ..."
    if len(word) == 1 and word.isupper() and word != "I":
        # An initial ("J. K. Rowling", "George W. Bush"), unless a sentence plainly opens.
        return not (nw in _SENTENCE_OPENERS and len(next_word) > 1 and first.isupper())
    if _INITIALISM_RE.match(word + "."):
        if word.lower() + "." in _CLOCK:
            return nw in _TIME_ZONES or first.isdigit()
        return nw not in _SENTENCE_OPENERS  # "U.S. Senate" vs "in the U.S. The ..."
    return bare in companies and not first.isupper()  # "Acme Inc. 2005 results"


# What may stand between a sentence's start and its first word: spaces, opening quotes and
# brackets, Markdown emphasis, a dash.
_BEFORE_FIRST_WORD = " \"'“‘«([*_—–-"


def opens_sentence(text: str, starts: Sequence[int], offset: int) -> bool:
    """Is ``offset`` in ``text`` the first word of a sentence (after any opening quote,
    bracket, emphasis or dash)? ``starts``: the sentences' start offsets, sorted."""
    index = bisect_right(starts, offset) - 1
    return index >= 0 and not text[starts[index] : offset].strip(_BEFORE_FIRST_WORD)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``; whitespace between sentences is left out."""
    lexicons = _lexicons()
    cuts: list[int] = []
    for match in _BOUNDARY_RE.finditer(text):
        nxt = _NEXT_RE.match(text, match.end())
        if nxt is None or _keeps_going(text, match, nxt, lexicons):
            continue
        cuts.append(match.end())
    list_cuts = [m.start() for m in _LIST_LINE_RE.finditer(text)]
    if list_cuts:
        cuts = sorted(cuts + list_cuts)

    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        if cut <= start:
            continue
        segment = text[start:cut]
        lead = len(segment) - len(segment.lstrip())
        body = segment.strip()
        if body:
            spans.append((start + lead, start + lead + len(body)))
        start = cut
    return spans
