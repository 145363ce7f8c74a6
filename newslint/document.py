"""The Document every rule sees: prose text, its blocks, sentences and words, and the map
from each prose offset back to a line and column of the user's original file.

Parsers build a Document through ``ProseBuilder``; rules only read it. Paragraphs come from
the parser; sentences and words are computed once, on first use, and shared by all rules.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast, overload

if TYPE_CHECKING:
    from newslint.regions import Regions

T = TypeVar("T")


class Owner(NamedTuple):
    """The part of the source a block owns: removing ``start:end`` (offsets in the normalised
    source) removes the block and nothing else.

    ``kind`` says what it is: ``element`` (an HTML element holding only this block, its
    tags included), ``cell`` (a table cell's content, the cell itself stays) or ``lines``
    (whole Markdown or text lines, newline included, holding only this block).
    """

    start: int
    end: int
    kind: str


class Container(NamedTuple):
    """An HTML element marked by its class or id as ad or share chrome that holds several
    blocks, ``first`` to ``last`` (indexes, inclusive), and nothing else: removing
    ``start:end`` (offsets in the normalised source) removes those blocks and the slot."""

    first: int
    last: int
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A unit of prose: a paragraph, heading, list item, quote, caption or table cell.

    ``start``/``end`` are prose offsets; ``text`` is ``document.text[start:end]``. The
    source span the block stands alone in, if any, is ``document.owner_of(index)``.
    """

    start: int
    end: int
    text: str
    kind: str = "paragraph"

    def lines(self) -> Iterator[tuple[int, str]]:
        """(prose offset, text) of each line inside the block."""
        offset = self.start
        for line in self.text.split("\n"):
            yield offset, line
            offset += len(line) + 1


class Sentence(NamedTuple):
    start: int
    end: int
    text: str
    block: int  # index into Document.blocks


class Sentences(Sequence[Sentence]):
    """The story's sentences, held as offsets in arrays; each ``Sentence`` (and its text) is
    made when read. A long story has a sentence every hundred characters or so, and a record
    with its own copy of the text for each held more than twice the story's size."""

    __slots__ = ("_block_of", "_blocks", "_ends", "_starts")

    def __init__(self, blocks: Sequence[Block], size: int) -> None:
        from newslint.text.sentences import split_sentences

        code = "i" if size < 2**31 else "q"
        self._blocks = blocks
        self._starts, self._ends, self._block_of = array(code), array(code), array("i")
        for index, block in enumerate(blocks):
            for start, end in split_sentences(block.text):
                self._starts.append(block.start + start)
                self._ends.append(block.start + end)
                self._block_of.append(index)

    def __len__(self) -> int:
        return len(self._starts)

    def _at(self, k: int) -> Sentence:
        start, end, index = self._starts[k], self._ends[k], self._block_of[k]
        block = self._blocks[index]
        return Sentence(start, end, block.text[start - block.start : end - block.start], index)

    @overload
    def __getitem__(self, k: int) -> Sentence: ...

    @overload
    def __getitem__(self, k: slice) -> list[Sentence]: ...

    def __getitem__(self, k: int | slice) -> Sentence | list[Sentence]:
        if isinstance(k, slice):
            return [self._at(i) for i in range(*k.indices(len(self)))]
        return self._at(k)

    def __iter__(self) -> Iterator[Sentence]:
        return map(self._at, range(len(self)))


class Word(NamedTuple):
    # A NamedTuple, not a dataclass, and ``lower`` stored rather than computed: a story has
    # thousands of words, every language rule reads them, and building them is the largest
    # shared cost of those rules.
    start: int
    end: int
    text: str
    lower: str


class SourceMap:
    """Maps prose offsets to offsets in the (newline-normalised) source.

    Built from segments ``(prose_start, prose_len, source_start, source_len)``. A segment
    whose lengths agree maps one to one; otherwise (an entity, an escape) every offset
    inside it maps to the start of its source span and its end to the span's end.
    """

    def __init__(self) -> None:
        # One array a field (8 bytes an offset): a long HTML story has a segment every
        # hundred characters, and a tuple of four ints for each held ~140 bytes.
        self._prose_starts = array("q")
        self._prose_lens = array("q")
        self._source_starts = array("q")
        self._source_lens = array("q")

    def _segment(self, i: int) -> tuple[int, int, int, int]:
        """Segment ``i``: (prose_start, prose_len, source_start, source_len)."""
        return (
            self._prose_starts[i],
            self._prose_lens[i],
            self._source_starts[i],
            self._source_lens[i],
        )

    def add(self, prose_start: int, prose_len: int, source_start: int, source_len: int) -> None:
        if prose_len == 0:
            return
        if self._prose_starts:
            p, pl, s, sl = self._segment(-1)
            # Merge contiguous one-to-one copies so lookups stay cheap.
            if (
                pl == sl
                and prose_len == source_len
                and p + pl == prose_start
                and s + sl == source_start
            ):
                self._prose_lens[-1] = pl + prose_len
                self._source_lens[-1] = sl + source_len
                return
        self._prose_starts.append(prose_start)
        self._prose_lens.append(prose_len)
        self._source_starts.append(source_start)
        self._source_lens.append(source_len)

    def clean_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The source span of prose ``start:end`` if the prose stands there as one run of
        the source's own text, else None.

        Clean means: the segments the span covers follow each other without a gap in the
        prose or in the source (no tag, comment, Markdown delimiter, link target or image
        between them), and a segment that is not copied one to one (an entity, a collapsed
        whitespace run) is covered whole or not at all. An edit on a clean span changes only
        the characters it names; any other edit would cut into markup.
        """
        starts, count = self._prose_starts, len(self._prose_starts)
        if not count or start > end:
            return None
        if start == end:  # an insertion: at a place the source has
            at = self.to_source(start)
            return at, at
        i = max(0, bisect_right(starts, start) - 1)
        if starts[i] + self._prose_lens[i] <= start:
            i += 1  # the span starts where this segment ends
        if i == count or starts[i] > start:
            return None  # prose with no source behind it (a block separator)
        source_start = source_end = -1
        previous: tuple[int, int, int, int] | None = None
        while i < count and starts[i] < end:
            p, pl, s, sl = segment = self._segment(i)
            if previous is not None:
                pp, ppl, ps, psl = previous
                if pp + ppl != p or ps + psl != s:
                    return None
            lo, hi = max(start, p), min(end, p + pl)
            if pl != sl and (lo, hi) != (p, p + pl):
                return None  # cuts into an entity or a collapsed whitespace run
            if previous is None:
                source_start = s + (lo - p if pl == sl else 0)
            source_end = s + (hi - p if pl == sl else sl)
            previous = segment
            i += 1
        if previous is None or previous[0] + previous[1] < end:
            return None  # runs past the mapped prose
        return source_start, source_end

    def to_source(self, offset: int, *, end: bool = False) -> int:
        if not self._prose_starts:
            return 0
        i = bisect_right(self._prose_starts, offset) - 1
        if end and i > 0 and self._prose_starts[i] == offset:
            # An exclusive end that falls on a segment boundary belongs to the previous one.
            i -= 1
        if i < 0:
            return self._source_starts[0]
        p, pl, s, sl = self._segment(i)
        delta = offset - p
        if delta >= pl:
            return s + sl
        if pl == sl:
            return s + delta
        return s + sl if (end and delta > 0) else s


class Document:
    """One story, as parsed prose plus everything needed to report positions."""

    def __init__(
        self,
        path: str,
        source: str,
        text: str,
        blocks: list[Block],
        source_map: SourceMap,
        *,
        fmt: str = "text",
        title_block: int | None = None,
        comments: list[tuple[int, int, str]] | None = None,
        owners: Mapping[int, Owner] | Callable[[], Mapping[int, Owner]] | None = None,
        containers: Callable[[], Sequence[Container]] | None = None,
    ) -> None:
        self.path = path
        self.source = (
            source  # decoded, newlines normalised to "\n"; line/column agree with the file
        )
        self.text = text
        self.blocks = blocks
        self.source_map = source_map
        self.format = fmt
        self.title_block = title_block
        # Comments in the source (start, end, body): where inline suppressions live.
        self.comments = comments or []
        # Normalised-source offsets of the newlines that were CRLF in the file (set by the
        # engine from the Source): how offsets in ``source`` map to the file's own.
        self.crlf: Sequence[int] = ()
        # The source span each block owns, by block index (see ``owner_of``); a parser may
        # give a function that works them out on first use.
        self._owners = owners
        # Chrome containers of several blocks (see ``containers``), or the parser's function
        # that finds them on first use.
        self._containers: Callable[[], Sequence[Container]] | Sequence[Container] = containers or ()

    # --- positions -------------------------------------------------------------------
    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.source.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    def source_position(self, source_offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset in the normalised source."""
        line = bisect_right(self._line_starts, source_offset) - 1
        return line + 1, source_offset - self._line_starts[line] + 1

    def position(self, offset: int, *, end: bool = False) -> tuple[int, int]:
        """1-based (line, column) in the original file of a prose offset."""
        return self.source_position(self.source_map.to_source(offset, end=end))

    def original_offset(self, source_offset: int) -> int:
        """The code-point offset in the original decoded file (BOM removed, CRLF counting
        two) of an offset in the normalised ``source``."""
        return source_offset + bisect_left(self.crlf, source_offset) if self.crlf else source_offset

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Source span of prose ``start:end`` when it stands in the source as one clean run
        of text (see ``SourceMap.clean_span``), else None."""
        return self.source_map.clean_span(start, end)

    def line_of(self, offset: int) -> int:
        return self.position(offset)[0]

    def block_lines(self, index: int) -> tuple[int, int]:
        """First and last source line of a block."""
        block = self.blocks[index]
        return self.line_of(block.start), self.position(max(block.start, block.end), end=True)[0]

    # --- shared analyses (computed once, on first use) --------------------------------
    @cached_property
    def sentences(self) -> Sentences:
        return Sentences(self.blocks, len(self.text))

    @cached_property
    def words(self) -> list[Word]:
        from newslint.text.words import GAP_AND_WORD_RE, lower_text

        text = self.text
        lower = lower_text(text)
        same_length = len(lower) == len(text)  # a few characters ("İ") grow when lower-cased
        new = tuple.__new__
        words: list[Word] = []
        append = words.append
        position = 0
        for gap, word in GAP_AND_WORD_RE.findall(text):
            start = position + len(gap)
            position = start + len(word)
            append(
                new(
                    Word,
                    (start, position, word, lower[start:position] if same_length else word.lower()),
                )
            )
        return words

    def shared(self, name: str, compute: Callable[[Document], T]) -> T:
        """A rule-specific analysis computed once per document and shared by the rules (and
        run-wide hooks) that ask for it by the same name, e.g. paragraph word tokens."""
        cache: dict[str, Any] = self.__dict__.setdefault("_shared", {})
        if name not in cache:
            cache[name] = compute(self)
        return cast(T, cache[name])

    @cached_property
    def regions(self) -> Regions:
        """Where the story's quoted speech, headline, captions and headings lie (computed
        once, shared by every rule and by fix resolution); see ``newslint.regions``."""
        from newslint.regions import Regions

        return Regions.of(self)

    def owner_of(self, index: int) -> Owner | None:
        """The part of the source block ``index`` stands alone in (an HTML element, a table
        cell's content, whole Markdown or text lines), or None when it shares its markup
        with other prose, so that no structural edit may remove it."""
        owners = self._owners
        if owners is None:
            return None
        if callable(owners):
            owners = self._owners = owners()
        return owners.get(index)

    @property
    def containers(self) -> Sequence[Container]:
        """The ad or share containers that hold several blocks and nothing else (HTML only),
        outer before inner: by first block, then most blocks, then source position."""
        containers = self._containers
        if callable(containers):
            containers = self._containers = containers()
        return containers

    def block_at(self, offset: int) -> int | None:
        """Index of the block holding prose ``offset`` (its end included), or None."""
        index = bisect_right(self.blocks, offset, key=_block_start) - 1
        if index >= 0 and offset <= self.blocks[index].end:
            return index
        return None

    @property
    def title(self) -> Block | None:
        return self.blocks[self.title_block] if self.title_block is not None else None


def _block_start(block: Block) -> int:
    return block.start


class ProseBuilder:
    """Accumulates prose text and its source map while a parser walks the source."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        # Source text copied verbatim and not yet in ``_parts``: a parser copies word by
        # word (HTML: each word and each space), and one string a word held a long story's
        # prose about ten times over. Copies that follow each other in the source are one.
        self._copying: tuple[int, int] | None = None
        self._length = 0
        self.map = SourceMap()
        self.blocks: list[Block] = []
        self._block_start: int | None = None
        self._block_part = 0
        self._block_kind = "paragraph"
        self.owners: dict[int, Owner] = {}

    @property
    def length(self) -> int:
        return self._length

    def copy(self, source_start: int, source_end: int) -> None:
        """Append source text verbatim."""
        if source_end <= source_start:
            return
        length = source_end - source_start
        self.map.add(self._length, length, source_start, length)
        self._length += length
        if self._copying is not None and self._copying[1] == source_start:
            self._copying = (self._copying[0], source_end)
        else:
            self._flush()
            self._copying = (source_start, source_end)

    def _flush(self) -> None:
        """Put the pending verbatim copy into ``_parts``."""
        if self._copying is not None:
            self._parts.append(self.source[self._copying[0] : self._copying[1]])
            self._copying = None

    def replace(self, text: str, source_start: int, source_end: int) -> None:
        """Append ``text`` standing for the source span (an entity, an escape, markup)."""
        if not text:
            return
        self._flush()
        self.map.add(self._length, len(text), source_start, source_end - source_start)
        self._parts.append(text)
        self._length += len(text)

    def begin_block(self, kind: str = "paragraph") -> None:
        self.end_block()
        self._flush()
        if self._length:
            # Blocks are separated by a blank line in the prose, so sentence and
            # paragraph logic never run across a boundary.
            self._parts.append("\n\n")
            self._length += 2
        self._block_start = self._length
        self._block_part = len(self._parts)
        self._block_kind = kind

    def end_block(self) -> None:
        if self._block_start is None:
            return
        start = self._block_start
        self._block_start = None
        self._flush()
        text = "".join(self._parts[self._block_part :])
        # Leading and trailing blank lines are not part of the block; trailing spaces on
        # its last line are (the whitespace rule reports them).
        body = text.strip("\n")
        if body.strip():
            lead = len(text) - len(text.lstrip("\n"))
            self.blocks.append(
                Block(start + lead, start + lead + len(body), body, self._block_kind)
            )

    def set_owner(self, index: int, owner: Owner | None) -> None:
        """Record the source span block ``index`` owns (see ``Owner``)."""
        if owner is not None:
            self.owners[index] = owner

    def build(
        self,
        path: str,
        *,
        fmt: str,
        title_block: int | None = None,
        comments: list[tuple[int, int, str]] | None = None,
        owners: Callable[[], Mapping[int, Owner]] | None = None,
        containers: Callable[[], Sequence[Container]] | None = None,
    ) -> Document:
        """The Document; ``owners`` works out the blocks' owners on first use (else those
        given to ``set_owner``)."""
        self.end_block()
        self._flush()
        prose = "".join(self._parts)
        if prose == self.source:
            # Plain text is often its own prose, character for character: one string then
            # serves as both (a long story would otherwise be held twice, 4 bytes a
            # character of both once it holds one emoji).
            prose = self.source
        return Document(
            path,
            self.source,
            prose,
            self.blocks,
            self.map,
            fmt=fmt,
            title_block=title_block,
            comments=comments,
            owners=owners if owners is not None else self.owners,
            containers=containers,
        )
