"""HTML (CMS exports, web pages, fragments) through a small, forgiving tokenizer.

Prose is what a reader sees in the story: headings, paragraphs, list items, block quotes,
captions and table cells, and text standing directly in a ``div``, ``section`` or ``body``
(chrome such as a "Share on Facebook" div is prose here, so the debris rule reports it).
``script``, ``style``, ``code``, ``pre``, ``nav``, ``aside``, ``footer``, ``form``,
``button``, ``template``, ``noscript``, ``svg``, ``math``, media and form controls are not
prose, and neither is ``<title>``: CMS exports repeat the headline there, and it would read
as a duplicated headline. An inline ``code`` stands as one placeholder character, as in
Markdown, so the words around it keep their spacing.

Block elements (``p``, ``div``, ``li``, ``h1``...) start a new block; inline ones (``a``,
``em``, ``strong``, ``span``...) do not. ``<br>`` is a line break inside the block, and two
in a row (an empty line) end the block, as CMS editors use them between paragraphs.

Whitespace is what the browser shows: every run of spaces, tabs and newlines in the source
is one space, and none at the start or end of a block or line. So source indentation and
line wrapping never trip the whitespace rules; they see only what the author typed as
``&nbsp;`` (two ``&nbsp;``, or ``&nbsp;`` next to a space, is a doubled space; one before
``</p>`` is trailing whitespace). Entities are decoded (``&amp;``, ``&#8217;``, ``&rsquo;``,
legacy ``&amp`` without a semicolon).

Every prose character maps back to its place in the source: text is copied one to one, an
entity maps to its whole ``&...;`` span, a collapsed whitespace run to its first character.
Broken HTML (unclosed or misnested tags, a stray ``<``, an unclosed comment or quote) is
read the way a browser would, as far as that keeps prose, and never raises. Scanning is
linear: every search remembers where it found (or did not find) its target.

Comments are kept in ``Document.comments`` for inline suppressions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import partial
from typing import NamedTuple

from newslint.document import Block, Container, Document, Owner, ProseBuilder, SourceMap
from newslint.lazy import lazy_compile
from newslint.parsers import Parser
from newslint.parsers.markdown import INLINE_CODE
from newslint.rule import hookimpl

# Elements whose start and end are paragraph boundaries.
_BLOCK = frozenset(
    """
    address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li
    main menu nav noscript ol p pre section summary table tbody td template tfoot th thead tr
    ul
""".split()
)
# Elements whose content is not prose.
_SKIP = frozenset(
    """
    audio button canvas code datalist form iframe math nav noscript object pre script select
    style svg template textarea title video aside footer
""".split()
)
# Skipped inline elements that stand as one placeholder character among the words.
_PLACEHOLDER = frozenset({"code"})
# Content is raw text up to the matching end tag (no tags or comments inside).
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes noscript".split())
_VOID = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split()
)
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_KIND = {
    **dict.fromkeys(_HEADINGS, "heading"),
    "li": "list_item",
    "dt": "list_item",
    "dd": "list_item",
    "blockquote": "quote",
    "figcaption": "caption",
    "caption": "caption",
    "td": "cell",
    "th": "cell",
}
# A start tag of these closes an open <p> first (HTML's "close a p element").
_CLOSES_P = _BLOCK - {
    "body",
    "html",
    "td",
    "th",
    "tr",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "noscript",
    "template",
}
# Implied end tags: a start tag closes an open element of its group, not past a fence.
_IMPLIED = {
    "p": ({"p"}, {"td", "th", "table", "caption", "button", "object", "template", "html"}),
    "li": ({"li"}, {"ul", "ol", "menu", "td", "th", "table", "template"}),
    "dt": ({"dt", "dd"}, {"dl", "td", "th", "table", "template"}),
    "dd": ({"dt", "dd"}, {"dl", "td", "th", "table", "template"}),
    "td": ({"td", "th"}, {"tr", "table", "template"}),
    "th": ({"td", "th"}, {"tr", "table", "template"}),
    "tr": ({"tr"}, {"table", "tbody", "thead", "tfoot", "template"}),
}
# How far up the open elements an end tag looks for its start tag (keeps deep junk linear).
_SEARCH_DEPTH = 64

_WS = " \t\n\f\r"
_TEXT_RE = lazy_compile(
    r"(?P<ws>[ \t\n\f\r]+)"
    r"|(?P<ref>&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?))"
    r"|(?P<word>[^ \t\n\f\r&]+|&)"
)
_TAG_NAME_RE = lazy_compile(r"[A-Za-z][^\t\n\f\r />]*")
_QUOTED_VALUE_RE = lazy_compile(r"=[\t\n\f\r ]*([\"'])")


def decode_reference(ref: str) -> tuple[str, int] | None:
    """The text a character reference stands for and how many source characters it uses
    (legacy names such as ``&amp`` work without the semicolon), or None if it is not one."""
    # Imported here: the entity table costs a run that reads no HTML a few milliseconds.
    import html
    from html.entities import html5 as _ENTITIES

    if ref.startswith("&#"):
        text = html.unescape(ref)
        return (text, len(ref)) if text != ref else None
    name = ref[1:]
    if name.endswith(";") and name in _ENTITIES:
        return _ENTITIES[name], len(ref)
    name = name.rstrip(";")
    for k in range(min(len(name), 32), 1, -1):
        expansion = _ENTITIES.get(name[:k])
        if expansion is not None:
            return expansion, k + 1
    return None


class _Finder:
    """``str.find`` that remembers its last answer per needle, so repeated searches over
    broken markup (a thousand ``<a`` with no ``>``) stay linear."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._memo: dict[object, tuple[int, int]] = {}

    def find(self, needle: str, start: int) -> int:
        memo = self._memo.get(needle)
        if memo is not None and memo[0] <= start and (memo[1] == -1 or memo[1] >= start):
            return memo[1]
        at = self.source.find(needle, start)
        self._memo[needle] = (start, at)
        return at

    def search(self, key: str, pattern: re.Pattern[str], start: int) -> re.Match[str] | None:
        memo = self._memo.get(key)
        if memo is not None and memo[0] <= start and memo[1] == -1:
            return None
        match = pattern.search(self.source, start)
        if match is None:
            self._memo[key] = (start, -1)
        return match


class _HtmlReader:
    def __init__(self, source: str) -> None:
        self.src = source
        self.find = _Finder(source)
        self.b = ProseBuilder(source)
        self.comments: list[tuple[int, int, str]] = []
        self.stack: list[str] = []  # open block and skipped elements (inline ones are not kept)
        self.skip = 0  # how many of them are skipped elements
        self.in_block = False
        self.line_start = True  # nothing emitted yet on this line of the block
        self.pending: tuple[int, int] | None = None  # whitespace run waiting for the next word
        self.headings: list[tuple[int, str]] = []  # (block index, tag)
        self.heading_tag = ""
        # For structural fixes: where each open element's start tag and content begin
        # (parallel to ``stack``), every closed element's spans, and the source offsets of
        # content that is not prose (comments, images, scripts...).
        self.opened: list[tuple[int, int]] = []
        self.closed: list[_ClosedFields] = []  # _Closed fields, as plain tuples (cheap to build)
        self.foreign: list[int] = []

    # --- blocks and text ------------------------------------------------------------
    def boundary(self) -> None:
        if self.in_block:
            before = len(self.b.blocks)
            self.b.end_block()
            if self.heading_tag and len(self.b.blocks) > before:
                self.headings.append((before, self.heading_tag))
        self.in_block = False
        self.line_start = True
        self.pending = None

    def begin(self) -> None:
        kind, self.heading_tag = "paragraph", ""
        for name in reversed(self.stack[-_SEARCH_DEPTH:]):
            if name in _KIND:
                kind = _KIND[name]
                self.heading_tag = name if kind == "heading" else ""
                break
        self.b.begin_block(kind)
        self.in_block = True
        self.line_start = True
        self.pending = None

    def emit(self, text: str | None, start: int, end: int) -> None:
        """Emit a word (``text`` None: the source span as it stands)."""
        if not self.in_block:
            self.begin()
        if self.pending is not None:
            ws_start, ws_end = self.pending
            if ws_end - ws_start == 1 and self.src[ws_start] == " ":
                self.b.copy(ws_start, ws_end)
            else:
                self.b.replace(" ", ws_start, ws_end)
            self.pending = None
        if text is None:
            self.b.copy(start, end)
        else:
            self.b.replace(text, start, end)
        self.line_start = False

    def whitespace(self, start: int, end: int) -> None:
        if self.in_block and not self.line_start and self.pending is None:
            self.pending = (start, end)

    def text(self, start: int, end: int) -> None:
        if self.skip or end <= start:
            return
        for match in _TEXT_RE.finditer(self.src, start, end):
            if match.lastgroup == "ws":
                self.whitespace(match.start(), match.end())
            elif match.lastgroup == "ref":
                decoded = decode_reference(match.group())
                if decoded is None:
                    self.emit(None, match.start(), match.end())
                    continue
                value, used = decoded
                ref_end = match.start() + used
                if value and all(c in _WS for c in value):
                    self.whitespace(match.start(), ref_end)
                else:
                    self.emit(value, match.start(), ref_end)
                if ref_end < match.end():
                    self.emit(None, ref_end, match.end())
            else:
                self.emit(None, match.start(), match.end())

    def line_break(self, start: int, end: int) -> None:
        if self.skip or not self.in_block:
            return
        if self.line_start:  # <br><br>: an empty line ends the paragraph
            self.boundary()
            return
        self.pending = None
        self.b.replace("\n", start, end)
        self.line_start = True

    # --- elements -------------------------------------------------------------------
    def push(self, name: str, start: int, end: int) -> None:
        self.stack.append(name)
        self.opened.append((start, end))
        if name in _SKIP:
            self.skip += 1
            self.foreign.append(start)

    def pop_through(
        self, index: int, until: int | None, end_tag: tuple[int, int] | None = None
    ) -> None:
        """Close the open elements from ``index`` up; the innermost ends at ``until`` (where
        the tag that closes it starts), or at its own ``end_tag`` (start, end) for the one at
        ``index`` when that tag names it. ``until`` None is the end of the file: an element
        still open there is not recorded, for where it ends is a guess (a template's
        ``</body></html>`` or ``<?php ... ?>`` after it is not its content to remove)."""
        while len(self.stack) > index:
            name = self.stack.pop()
            tag_start, content_start = self.opened.pop()
            if name in _SKIP:
                self.skip -= 1
            elif name in _BLOCK and not self.skip and until is not None:
                content_end, element_end = (
                    end_tag if end_tag is not None and len(self.stack) == index else (until, until)
                )
                self.closed.append((name, tag_start, content_start, content_end, element_end))

    def close_implied(self, name: str, at: int) -> None:
        group = _IMPLIED.get(name)
        if group is None:
            return
        targets, fences = group
        for i in range(len(self.stack) - 1, max(-1, len(self.stack) - 1 - _SEARCH_DEPTH), -1):
            open_name = self.stack[i]
            if open_name in targets:
                self.pop_through(i, at)
                return
            if open_name in fences:
                return

    def start_tag(self, name: str, start: int, end: int, self_closing: bool) -> None:
        if name == "br":
            self.line_break(start, end)
            return
        if name in _CLOSES_P:
            self.close_implied("p", start)
        if name != "p":
            self.close_implied(name, start)
        if name in _HEADINGS and self.stack and self.stack[-1] in _HEADINGS:
            self.pop_through(len(self.stack) - 1, start)
        if name in _BLOCK and not self.skip:  # not for a <div> inside a skipped <button>
            self.boundary()
        if name in _PLACEHOLDER and not self.skip:
            self.emit(INLINE_CODE, start, end)
        if name in _VOID and name not in ("br", "wbr"):
            self.foreign.append(start)  # an image, a form control: content, not prose
        if name in _VOID or self_closing or not (name in _BLOCK or name in _SKIP):
            return
        self.push(name, start, end)

    def end_tag(self, name: str, start: int, end: int) -> None:
        if name == "br":  # </br> is read as <br> by browsers
            return
        wanted = _HEADINGS if name in _HEADINGS else (name,)
        for i in range(len(self.stack) - 1, max(-1, len(self.stack) - 1 - _SEARCH_DEPTH), -1):
            if self.stack[i] in wanted:
                self.pop_through(i, start, (start, end))
                break
        if name in _BLOCK and not self.skip:
            self.boundary()

    # --- the tokenizer --------------------------------------------------------------
    def run(self) -> None:
        n = len(self.src)
        i = 0
        while i < n:
            lt = self.find.find("<", i)
            if lt == -1:
                self.text(i, n)
                break
            self.text(i, lt)
            i = self.markup(lt)
        self.boundary()
        self.pop_through(0, None)

    def markup(self, lt: int) -> int:
        """Read the markup at ``lt`` (a ``<``); return where text resumes."""
        src, n = self.src, len(self.src)
        if src.startswith("<!--", lt):
            if src.startswith(">", lt + 4) or src.startswith("->", lt + 4):  # <!--> and <!--->
                close = lt + 4 + (1 if src[lt + 4] == ">" else 2)
                self.comments.append((lt, close, ""))
                self.foreign.append(lt)
                return close
            end = self.find.find("-->", lt + 4)
            close = n if end == -1 else end + 3
            self.comments.append((lt, close, src[lt + 4 : n if end == -1 else end]))
            self.foreign.append(lt)
            return close
        if src.startswith("<![CDATA[", lt):
            self.foreign.append(lt)
            end = self.find.find("]]>", lt + 9)
            return n if end == -1 else end + 3
        nxt = src[lt + 1 : lt + 2]
        if nxt in ("!", "?"):  # doctype, processing instruction, bogus comment
            self.foreign.append(lt)  # not prose: an element holding it is not ours to remove
            end = self.find.find(">", lt + 2)
            return n if end == -1 else end + 1
        gt = self.find.find(">", lt + 1)
        if gt == -1:  # no tag can end: a literal '<'
            self.text(lt, lt + 1)
            return lt + 1
        if nxt == "/":
            name_match = _TAG_NAME_RE.match(src, lt + 2, gt)
            end = gt
            if name_match:
                name = name_match.group().lower()
                if name == "br":
                    self.line_break(lt, end + 1)
                else:
                    self.end_tag(name, lt, end + 1)
            return end + 1
        name_match = _TAG_NAME_RE.match(src, lt + 1, gt)
        if not name_match:  # "a < b", "<3": a literal character
            self.text(lt, lt + 1)
            return lt + 1
        end = self._start_tag_end(name_match.end())
        if end == -1:
            self.text(lt, lt + 1)
            return lt + 1
        name = name_match.group().lower()
        self.start_tag(name, lt, end, src[end - 2] == "/")
        if name in _RAW_TEXT:
            return self._skip_raw_text(name, end)
        return end

    def _start_tag_end(self, pos: int) -> int:
        """End (after ``>``) of the start tag whose attributes begin at ``pos``, or -1."""
        while True:
            gt = self.find.find(">", pos)
            if gt == -1:
                return -1
            quote = _QUOTED_VALUE_RE.search(self.src, pos, gt)
            if quote is None:
                return gt + 1
            close = self.find.find(quote.group(1), quote.end())
            if close == -1:  # an unclosed quote: end the tag at the first '>' instead
                return gt + 1
            pos = close + 1

    def _skip_raw_text(self, name: str, pos: int) -> int:
        pattern = re.compile(r"</" + re.escape(name) + r"(?=[\t\n\f\r />]|\Z)", re.I)
        match = self.find.search("</" + name, pattern, pos)
        return len(self.src) if match is None else match.start()


_ClosedFields = tuple[str, int, int, int, int]


class _Closed(NamedTuple):
    """A closed block element: its start tag's start, its content's start and end, and its
    end (after the end tag, or where the tag that closed it implicitly starts)."""

    name: str
    start: int
    content_start: int
    content_end: int
    end: int


# A class or id that names page chrome an editor deletes whole (an ad slot, share buttons):
# one of these words as a part of the value ("ad", "ad-slot", "share_bar", "advert").
# Attributes are read one after another from the tag name on, so that a value quoting
# ' class="ad"' (a title, a data attribute) is not taken for the class.
_ATTRIBUTE_RE = lazy_compile(
    r"""[\s/]*([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]*)))?"""
)
_CHROME_WORD_RE = lazy_compile(
    r"(?<![^\s_-])(?:ads?|advert|adverts|advertisement|advertising|sponsored|share|sharing"
    r"|social-share|share-buttons)(?![^\s_-])",
    re.IGNORECASE,
)
# Elements never removed as chrome: the page itself, and a table's parts (the table keeps
# its shape; a cell loses only its content).
_CELLS = ("td", "th")
_NEVER_CHROME = frozenset(("html", "head", "body", "table", "thead", "tbody", "tfoot", "tr"))


def _is_chrome(source: str, element: _Closed) -> bool:
    """Whether the element's start tag marks it, by class or id, as ad or share chrome."""
    if element.name in _NEVER_CHROME or element.name in _CELLS:
        return False
    tag = source[element.start : element.content_start]
    pos = 1 + len(element.name)
    while match := _ATTRIBUTE_RE.match(tag, pos):
        pos = match.end()
        name, *values = match.groups()
        value = next((v for v in values if v is not None), "")
        if name.lower() in ("class", "id") and _CHROME_WORD_RE.search(value):
            return True
    return False


def _owners(
    source: str,
    blocks: Sequence[Block],
    source_map: SourceMap,
    closed: list[_ClosedFields],
    foreign: list[int],
) -> dict[int, Owner]:
    """Give each block the innermost element that holds it and nothing else: no other
    block, no image, comment, script or other content that is not prose. A table cell's
    block owns the cell's content (the cell stays, so the table keeps its shape). An
    element around that one that also holds nothing else and whose class or id marks it as
    ad or share chrome (``<div class="ad"><p>Advertisement</p></div>``) is owned instead,
    the outermost such: removing the label alone would leave an empty ad slot in the page.
    Worked out the first time a fix asks, not for every story parsed."""
    to_source = source_map.to_source
    starts = [to_source(b.start) for b in blocks]
    ends = [to_source(b.end, end=True) for b in blocks]
    foreign = sorted(foreign)
    best: dict[int, Owner] = {}
    chrome: dict[int, Owner] = {}
    for element in map(_Closed._make, closed):
        lo = bisect_left(starts, element.content_start)
        if lo + 1 != bisect_left(starts, element.content_end) or ends[lo] > element.content_end:
            continue  # no block, or more than one
        at = bisect_left(foreign, element.content_start)
        if at < len(foreign) and foreign[at] < element.content_end:
            continue
        if element.name in _CELLS:
            owner = Owner(element.content_start, element.content_end, "cell")
        else:
            owner = Owner(element.start, element.end, "element")
        held = best.get(lo)
        if held is None or owner.end - owner.start < held.end - held.start:
            best[lo] = owner
        if _is_chrome(source, element):
            held = chrome.get(lo)
            if held is None or owner.end - owner.start > held.end - held.start:
                chrome[lo] = owner
    for lo, owner in chrome.items():
        if best[lo].kind == "element":  # a cell's block keeps its cell
            best[lo] = owner
    return best


def _containers(
    source: str,
    blocks: Sequence[Block],
    source_map: SourceMap,
    closed: list[_ClosedFields],
    foreign: list[int],
) -> list[Container]:
    """The elements marked as ad or share chrome that hold several blocks and nothing else
    (``<div class="ad"><p>Advertisement</p><p>Story continues below</p></div>``), outer
    before inner: when every block inside is debris, the debris rule removes the slot with
    them rather than leave it empty. Worked out the first time it asks."""
    to_source = source_map.to_source
    starts = [to_source(b.start) for b in blocks]
    ends = [to_source(b.end, end=True) for b in blocks]
    foreign = sorted(foreign)
    found: list[Container] = []
    for element in map(_Closed._make, closed):
        if not _is_chrome(source, element):
            continue
        lo = bisect_left(starts, element.content_start)
        hi = bisect_left(starts, element.content_end)
        if hi - lo < 2 or ends[hi - 1] > element.content_end:
            continue  # one block (its owner is the element, see _owners), or none
        at = bisect_left(foreign, element.content_start)
        if at < len(foreign) and foreign[at] < element.content_end:
            continue  # an image, a script, a comment: not ours to remove
        found.append(Container(lo, hi - 1, element.start, element.end))
    found.sort(key=lambda c: (c.first, -c.last, c.start))  # outer before inner
    return found


def parse(path: str, source: str) -> Document:
    reader = _HtmlReader(source)
    reader.run()
    builder = reader.b
    structure = (source, builder.blocks, builder.map, reader.closed, reader.foreign)
    owners = partial(_owners, *structure)
    title = next((index for index, tag in reader.headings if tag == "h1"), None)
    if title is None and reader.headings and reader.headings[0][0] == 0:
        title = 0
    return builder.build(
        path,
        fmt="html",
        title_block=title,
        comments=reader.comments,
        owners=owners,
        containers=partial(_containers, *structure),
    )


PARSER = Parser("html", (".html", ".htm", ".xhtml"), parse)


@hookimpl
def newslint_parsers() -> list[Parser]:
    return [PARSER]
