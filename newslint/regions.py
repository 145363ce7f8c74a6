"""Regions of a story: the parts of it that rules and fixes treat differently from the body.

Every Document knows its regions once (``document.regions``), for every rule and for fix
resolution, so no rule finds quotes or the headline on its own:

- ``quote``: quoted speech, inside quotation marks (``newslint.text.quotes`` reads the marks,
  paragraph by paragraph). A fix never rewrites it: a speaker's words stay as printed.
- ``headline``: the story's title block (the first ``<h1>``, a leading Markdown heading, or
  the short first line that reads as a title).
- ``caption``: image captions (``<figcaption>``, a table ``<caption>``).
- ``heading``: every other heading (subheads).
- the story's furniture (``newslint.text.furniture``): ``handle``, ``hashtag``, ``url``,
  ``email``, ``dateline``, ``post`` (an embedded social post), ``label`` (a transcript's
  speaker label), ``table`` (a data table's line), ``subhead`` (a live blog's time-stamped
  subhead), ``promo`` (a promotion line or link card) and ``credit`` (a photo credit). Not
  the writer's prose: rules about wording (``aside``) neither flag nor count words there; a
  subhead is set in headline style.

A house rule's ``scope`` names where it applies in the words of ``SCOPES``: ``body``,
``headline``, ``quotes``, ``captions`` (``scope_of`` answers which one an offset is in;
subheads count as body). More kinds (datelines, handles, URLs, transcript labels) fit the
same shape: a kind, prose spans, and a place in ``scope_of``'s order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from newslint.text.furniture import SUBHEAD, story_furniture

if TYPE_CHECKING:
    from newslint.document import Block, Document


QUOTE, HEADLINE, CAPTION, HEADING = "quote", "headline", "caption", "heading"
# Where a house rule may apply (its ``scope``), and where it applies by default.
SCOPES = ("body", "headline", "quotes", "captions")
DEFAULT_SCOPE = ("body", "headline")


class Region(NamedTuple):
    """A part of the story of one ``kind``, as the prose span ``start:end``."""

    kind: str
    start: int
    end: int


class Regions:
    """The regions of one document. Quotes are worked out a paragraph at a time, the first
    time an offset in that paragraph is asked about, so a rule that asks about a few words
    does not pay for the whole story."""

    def __init__(self, blocks: Sequence[Block], title_block: int | None, text: str) -> None:
        self._blocks = blocks
        self._text = text
        self._starts = [b.start for b in blocks]
        self._quotes: dict[int, list[tuple[int, int]]] = {}  # block index -> prose spans
        self.headline = (
            Region(HEADLINE, blocks[title_block].start, blocks[title_block].end)
            if title_block is not None
            else None
        )
        self.captions = [Region(CAPTION, b.start, b.end) for b in blocks if b.kind == "caption"]
        self._caption_starts = [c.start for c in self.captions]
        self.headings = [
            Region(HEADING, b.start, b.end)
            for i, b in enumerate(blocks)
            if b.kind == "heading" and i != title_block
        ]

    @classmethod
    def of(cls, document: Document) -> Regions:
        return cls(document.blocks, document.title_block, document.text)

    # --- furniture --------------------------------------------------------------------
    @cached_property
    def furniture(self) -> list[Region]:
        """Handles, hashtags, URLs, e-mail addresses, datelines, embedded posts, labels,
        tables, subheads, promotions and photo credits, sorted by position (worked out on first use)."""
        return [Region(*span) for span in story_furniture(self._text, self._blocks)]

    @cached_property
    def _aside(self) -> tuple[list[int], list[int]]:
        starts: list[int] = []
        ends: list[int] = []
        for region in self.furniture:
            if region.kind == SUBHEAD:
                continue
            if starts and region.start <= ends[-1]:
                ends[-1] = max(ends[-1], region.end)
            else:
                starts.append(region.start)
                ends.append(region.end)
        return starts, ends

    def aside(self, offset: int) -> bool:
        """Whether prose ``offset`` lies in furniture that is not prose (any kind but a
        subhead): a handle, a URL, a dateline, an embedded post, a label, a table line..."""
        starts, ends = self._aside
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]

    # --- quotes -----------------------------------------------------------------------
    def _block_index(self, offset: int) -> int | None:
        index = bisect_right(self._starts, offset) - 1
        if index < 0 or offset > self._blocks[index].end:
            return None
        return index

    def _block_quotes(self, index: int) -> list[tuple[int, int]]:
        found = self._quotes.get(index)
        if found is None:
            from newslint.text.quotes import quoted_spans

            block = self._blocks[index]
            found = self._quotes[index] = [
                (block.start + s, block.start + e) for s, e in quoted_spans(block.text)
            ]
        return found

    @property
    def quotes(self) -> list[Region]:
        """Every quoted span of the story, in order."""
        return [
            Region(QUOTE, s, e) for i in range(len(self._blocks)) for s, e in self._block_quotes(i)
        ]

    def quote_at(self, offset: int) -> bool:
        """Whether prose ``offset`` stands inside quotation marks."""
        return self.quote_around(offset) is not None

    def quote_around(self, offset: int) -> Region | None:
        """The quotation holding prose ``offset``, if any (so a rule can weigh a quotation
        as a whole: a foreign phrase, a word quoted as a word)."""
        index = self._block_index(offset)
        if index is None:
            return None
        spans = self._block_quotes(index)
        i = bisect_right(spans, (offset, float("inf"))) - 1
        if i >= 0 and spans[i][0] <= offset < spans[i][1]:
            return Region(QUOTE, *spans[i])
        return None

    def in_quote(self, start: int, end: int) -> bool:
        """Whether any part of prose ``start:end`` stands inside quotation marks."""
        if end <= start:
            return self.quote_at(start)
        first, last = self._block_index(start), self._block_index(end - 1)
        first = first if first is not None else last
        last = last if last is not None else first
        if first is None or last is None:  # neither end in a block
            return False
        for index in range(first, last + 1):
            spans = self._block_quotes(index)
            # Spans are sorted and apart: only the last one starting before ``end`` can reach
            # back past ``start`` (one look-up, however many quotes the paragraph holds).
            i = bisect_right(spans, (end, -1)) - 1
            if i >= 0 and spans[i][1] > start and spans[i][0] < end:
                return True
        return False

    # --- scopes -----------------------------------------------------------------------
    def scope_of(self, offset: int) -> str:
        """Which of ``SCOPES`` prose ``offset`` is in: quoted speech first (a quote in a
        headline is a quote), then the headline, a caption, else the body."""
        if self.quote_at(offset):
            return "quotes"
        if self.in_headline(offset):
            return "headline"
        i = bisect_right(self._caption_starts, offset) - 1
        if i >= 0 and offset <= self.captions[i].end:
            return "captions"
        return "body"

    def in_headline(self, offset: int) -> bool:
        """Whether prose ``offset`` stands in the headline (its end included)."""
        return self.headline is not None and self.headline.start <= offset <= self.headline.end

    def all(self) -> list[Region]:
        """Every region, sorted by position."""
        found = [*self.quotes, *self.captions, *self.headings, *self.furniture]
        if self.headline is not None:
            found.append(self.headline)
        return sorted(found, key=lambda r: (r.start, r.end, r.kind))
