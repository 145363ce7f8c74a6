"""A paragraph, a run of paragraphs or the headline appears twice in one story.

The classic CMS accident: a paste that doubled the story, a headline repeated as the
first line, a paragraph kept in two places after a rewrite. Exact copies are matched after
normalising case, spacing and quote style; near copies (a word dropped, changed or two
words swapped) are found too. A run of consecutive copies is reported once, as a block,
naming the lines it repeats. Separators, one- and two-word lines and debris are never
counted. Cost stays linear: paragraphs are hashed and indexed by word shingles, never
compared all against all.

A short line (under six words, or under ten without a sentence's closing full stop) that
comes back on its own is often structure, not a copy:
a speaker label in a Q&A or podcast transcript ("MAYOR:", "jane doe"), a field of a table
or fixture list ("VENUE: City Ground", "Winners meet in the final"), a bullet in a second
list, an explainer's reused subhead, a refrain in a poem or a chant. So a short line alone
is reported only when it reads as a paste: printed right after itself (a caption printed
twice), beside another copied paragraph (a scrape that repeated a passage in pieces), or a
photo credit ("Jane Doe/AP") printed again; never when the story holds it three times or
more (a label), nor when it is a list item or a "LABEL: value" field. Runs of several
copied paragraphs, and a repeated headline, are always reported.

## Wrong

```text
Floods closed the coast road on Monday after two days of heavy rain.

Engineers said the road would reopen once the water had gone down.

[[Floods closed the coast road on Monday after two days of heavy rain.]]
```

```text
The new ferry will carry up to 400 passengers between the two islands from next spring.

Tickets go on sale in January, the operator said.

[[The new ferry will carry up to 400 passengers between the islands from next spring.]]
```

```text
Crowds lined the seafront to watch the tall ships leave the harbour on Sunday.

[[Crowds lined the seafront to watch the tall ships leave the harbour on Sunday.]]

The ships sail for Lisbon next.
```

## Right

```text
Floods closed the coast road on Monday after two days of heavy rain.

Floods also closed the rail line on Tuesday, after a third day of rain, the operator said.
```

```text
DRIVER: Can you hear the engine?

MECHANIC: It sounds fine to me.

DRIVER: Listen again.

MECHANIC: It sounds fine to me.
```

```text
anna keller

Where were you when the storm hit?

tom brandt

At the depot, loading the last van.

anna keller

And then?

tom brandt

We waited.
```
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newslint.lazy import lazy_compile
from newslint.options import Integer, option
from newslint.rule import Rule, hookimpl
from newslint.rules.debris import is_debris_line
from newslint.text.words import normalise_quotes

if TYPE_CHECKING:
    from newslint.document import Document
    from newslint.model import Finding


@dataclass(frozen=True)
class DuplicateParagraphOptions:
    """The duplicate-paragraph rule's options ([rules.duplicate-paragraph])."""

    min_words: int = option(
        Integer(minimum=1), 3, "A paragraph of fewer words is never counted as a copy."
    )
    near_min_words: int = option(
        Integer(minimum=1),
        8,
        "A paragraph of fewer words counts only as an exact copy, not a near one.",
    )


_TOKEN_RE = lazy_compile(r"[\w\uFFFC]+(?:['.-][\w\uFFFC]+)*")
# A line under this many words that recurs alone may be structure (a label, a table field,
# a refrain) rather than a copy; see the module docs. A full sentence of SENTENCE_WORDS words
# or more is not such a line: copy repeated, whatever its length.
SHORT_LINE_WORDS = 10
SHORT_LINE_CHARS = 200  # longer than this, whatever its words, it is no label
SENTENCE_WORDS = 6
_SENTENCE_END_RE = lazy_compile(r"[.!?][\"'”’)]*\s*$")
# Told three times or more in one story, a short line is a label or a refrain.
LABEL_REPEATS = 3
# A list item ("- item", "• Texas: 12") or a table field ("TARGET: ...", "Venue: ...").
_ITEM_RE = lazy_compile(r"\s*(?:[-*•–]\s|\d+[.)]\s|[A-Z][\w’'.-]*(?:\s+[\w’'.-]+){0,2}:\s)")
# A photo credit: a name and an agency joined by a slash ("Jane Doe/AP", "AP Photo/J. Doe").
_CREDIT_RE = lazy_compile(r"[A-Z][\w.-]*/[A-Z]")
SHINGLE = 3
# A shingle shared by more paragraphs than this is boilerplate, not evidence of a copy.
MAX_POSTINGS = 16


@dataclass
class _Para:
    """A paragraph as the rule compares it: where it stands and its words."""

    index: int  # position in document.blocks
    tokens: tuple[str, ...]


def tokens_of(text: str, seen: dict[str, str] | None = None) -> tuple[str, ...]:
    """The paragraph's lower-cased words. With ``seen`` (one dict for the story), each
    distinct word is held once: a long story repeats its words, and a string per word was
    most of this rule's memory."""
    words = _TOKEN_RE.findall(normalise_quotes(text).lower())
    if seen is None:
        return tuple(words)
    return tuple([seen.setdefault(word, word) for word in words])


def edit_distance_within(a: tuple[str, ...], b: tuple[str, ...], limit: int) -> int | None:
    """Word-level edit distance counting a swap of neighbours as one edit, or None above limit.

    Banded, so the cost is O(len * limit).
    """
    n, m = len(a), len(b)
    if abs(n - m) > limit:
        return None
    big = limit + 1
    prev2: list[int] = []
    prev = list(range(m + 1))
    for i in range(1, n + 1):
        cur = [big] * (m + 1)
        cur[0] = i
        lo, hi = max(1, i - limit), min(m, i + limit)
        row_min = cur[0] if lo == 1 else big
        for j in range(lo, hi + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1] and prev2:
                best = min(best, prev2[j - 2] + 1)
            cur[j] = min(best, big)
            row_min = min(row_min, cur[j])
        if row_min > limit:
            return None
        prev2, prev = prev, cur
    return prev[m] if prev[m] <= limit else None


def _allowed_edits(length: int) -> int:
    return max(1, min(3, length // 12))


# Past this many shingles in a story, only those that may stand in two paragraphs are
# indexed (``_repeated_shingles``): a long story's shingles are nearly all unique, and a
# dictionary entry for each was most of this rule's memory (about 10 bytes a character).
_FILTER_FROM = 20_000


def _shingles(toks: tuple[str, ...]) -> set[int]:
    return {hash(toks[k : k + SHINGLE]) for k in range(len(toks) - SHINGLE + 1)}


def _repeated_shingles(paras: list[_Para], near_min_words: int) -> tuple[bytearray, int] | None:
    """For a long story, bits (and their mask) set for every shingle hash held by two
    paragraphs or more, and by a few others whose hashes collide with one: a shingle whose
    bit is clear stands in one paragraph only, so it can match nothing and need not be
    indexed. None for a story short enough to index every shingle."""
    shingled = [p.tokens for p in paras if len(p.tokens) >= near_min_words]
    total = sum(len(toks) for toks in shingled)
    if total < _FILTER_FROM:
        return None
    size = 1 << max(16, (8 * total).bit_length())  # bits, about 8 a shingle
    mask = size - 1
    once, twice = bytearray(size >> 3), bytearray(size >> 3)
    for toks in shingled:
        for sh in _shingles(toks):
            bit = sh & mask
            byte, flag = bit >> 3, 1 << (bit & 7)
            if once[byte] & flag:
                twice[byte] |= flag
            else:
                once[byte] |= flag
    return twice, mask


def find_copies(paras: list[_Para], near_min_words: int) -> dict[int, tuple[int, int]]:
    """For each paragraph that copies an earlier one: position -> (original position, edits)."""
    exact: dict[tuple[str, ...], int] = {}
    repeated = _repeated_shingles(paras, near_min_words)
    # Shingles by their hash, each with up to MAX_POSTINGS paragraphs holding it: a tuple of
    # words kept per shingle was most of this rule's memory on a long story. A collision only
    # adds to a count; every candidate is confirmed by the exact edit distance. Most shingles
    # stand in one paragraph: that one is held as its position alone, not in a tuple.
    postings: dict[int, int | tuple[int, ...]] = {}
    copies: dict[int, tuple[int, int]] = {}
    for pos, para in enumerate(paras):
        toks = para.tokens
        if toks in exact:
            copies[pos] = (exact[toks], 0)
            continue
        exact[toks] = pos
        if len(toks) < near_min_words:
            continue
        shingles = _shingles(toks)
        shared: dict[int, int] = {}
        for sh in shingles:
            if repeated is not None:
                bit = sh & repeated[1]
                if not repeated[0][bit >> 3] & (1 << (bit & 7)):
                    continue  # in no other paragraph: nothing to count, nothing to index
            posting = postings.get(sh, ())
            if isinstance(posting, int):
                posting = (posting,)
            for earlier in posting:
                shared[earlier] = shared.get(earlier, 0) + 1
            if not posting:
                postings[sh] = pos
            elif len(posting) < MAX_POSTINGS:
                postings[sh] = (*posting, pos)
        limit = _allowed_edits(len(toks))
        # One edit destroys at most SHINGLE + 1 shingles (a swap touches two positions);
        # fewer shared means too far apart to be worth the exact comparison.
        need = len(shingles) - (SHINGLE + 1) * limit
        for earlier, count in sorted(shared.items(), key=lambda kv: -kv[1])[:3]:
            if count < max(1, need):
                break
            distance = edit_distance_within(paras[earlier].tokens, toks, limit)
            if distance is not None:
                copies[pos] = (earlier, distance)
                break
    return copies


def line_range(first: int, last: int) -> str:
    """'line 4' or 'lines 4-6', as the duplicate rules' messages name the lines of a copy."""
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _lines(document: Document, first: int, last: int) -> str:
    """The lines from block ``first``'s first to block ``last``'s last."""
    return line_range(document.block_lines(first)[0], document.block_lines(last)[1])


def paragraph_tokens(document: Document) -> list[tuple[str, ...]]:
    """Each block's normalised words (duplicate-across-stories reads them too). Worked out
    on each call, not kept on the document: held from the run's fingerprints to its end,
    they were twice a long story's size while every later rule ran; making them again
    costs ~60 ms a MB."""
    seen: dict[str, str] = {}
    return [tokens_of(block.text, seen) for block in document.blocks]


def _is_short_line(document: Document, para: _Para) -> bool:
    """A line short enough to be a label, a field, a subhead or a refrain."""
    text = document.blocks[para.index].text
    if len(para.tokens) >= SHORT_LINE_WORDS or len(text) > SHORT_LINE_CHARS:
        return False
    return len(para.tokens) < SENTENCE_WORDS or not _SENTENCE_END_RE.search(text)


def _structure(document: Document, paras: list[_Para]) -> set[int]:
    """Positions (in ``paras``) of short lines that are labels, fields or list items."""
    counts = Counter(p.tokens for p in paras if len(p.tokens) < SHORT_LINE_WORDS)
    return {
        pos
        for pos, p in enumerate(paras)
        if len(p.tokens) < SHORT_LINE_WORDS
        and (counts[p.tokens] >= LABEL_REPEATS or _ITEM_RE.match(document.blocks[p.index].text))
    }


def _reads_as_paste(
    document: Document,
    paras: list[_Para],
    copies: dict[int, tuple[int, int]],
    structure: set[int],
    repeated: set[int],
    pos: int,
) -> bool:
    """Whether a copied paragraph standing alone (not in a run of copies) is a paste."""
    para = paras[pos]
    original = copies[pos][0]
    if paras[original].index == document.title_block:
        return True
    if original == pos - 1 or paras[pos - 1].tokens == para.tokens:
        return True  # printed right after itself (a caption, an embed printed twice)
    if pos in structure:
        return False
    if not _is_short_line(document, para):
        return True
    if _CREDIT_RE.search(document.blocks[para.index].text):
        return True
    # A paragraph next to it is copied too (as a copy or as the original of one): the scrape
    # repeated a passage in pieces, a caption beside its credit.
    return bool(repeated & {pos - 1, pos + 1})


def check(document: Document, options: DuplicateParagraphOptions) -> Iterator[Finding]:
    min_words = options.min_words
    near_min_words = options.near_min_words
    paras: list[_Para] = []
    for index, (block, toks) in enumerate(zip(document.blocks, paragraph_tokens(document))):
        if len(toks) < min_words or all(is_debris_line(line) for _, line in block.lines()):
            continue
        paras.append(_Para(index, toks))
    copies = find_copies(paras, near_min_words)
    # Only a copy asks whether it is structure (most stories have none: then neither the
    # counting nor the list-item pattern, compiled on first use, is needed).
    structure = _structure(document, paras) if copies else set()
    # Paragraphs that take part in a copy (as the copy or its original), structure aside.
    repeated = {n for n in copies if n not in structure}
    repeated |= {copies[n][0] for n in repeated}

    pos = 0
    while pos < len(paras):
        if pos not in copies:
            pos += 1
            continue
        # Extend a run of copies whose originals are consecutive too.
        end = pos
        while (
            end + 1 in copies
            and copies[end + 1][0] == copies[end][0] + 1
            and copies[end + 1][0] < pos
        ):
            end += 1
        if end == pos and not _reads_as_paste(document, paras, copies, structure, repeated, pos):
            pos += 1
            continue
        original_first, _edits = copies[pos]
        original_last = copies[end][0]
        first_block, last_block = paras[pos].index, paras[end].index
        start, stop = document.blocks[first_block].start, document.blocks[last_block].end
        source_lines = _lines(document, paras[original_first].index, paras[original_last].index)
        here = _lines(document, first_block, last_block)
        total_edits = sum(copies[k][1] for k in range(pos, end + 1))
        near = " nearly" if total_edits else ""
        if end > pos:
            message = (
                f"Block of {end - pos + 1} paragraphs ({here}){near} repeats {source_lines}; "
                "delete one copy"
            )
        elif paras[original_first].index == document.title_block:
            message = f"The headline ({source_lines}) is{near} repeated here; delete the copy"
        else:
            message = f"Paragraph{near} repeats the one at {source_lines}; delete one copy"
        if total_edits:
            message += f" ({total_edits} word{'s' if total_edits > 1 else ''} differ)"
        original_span = [
            document.block_lines(paras[original_first].index)[0],
            document.block_lines(paras[original_last].index)[1],
        ]
        yield RULE.finding(
            start,
            stop,
            message,
            data={
                "repeats": source_lines,
                "paragraphs": end - pos + 1,
                "word_edits": total_edits,
                # A copy pasted above an old paragraph changes the original's side: CI gates
                # on changed lines (--changed-since) must see both.
                "related_lines": [original_span],
                # The paragraphs it repeats (0-based, as the parser counts them): where --fix
                # holds its fixes until one copy is deleted (newslint.fixes).
                "original_paragraphs": [paras[original_first].index, paras[original_last].index],
            },
        )
        pos = end + 1


RULE = Rule(
    id="duplicate-paragraph",
    category="duplication",
    severity="warning",
    check=check,
    doc=__doc__,
    options=DuplicateParagraphOptions,
)


@hookimpl
def newslint_rules() -> list[Rule]:
    return [RULE]
