"""Markdown (CommonMark plus tables) through markdown-it-py.

Prose is what a reader sees: headings, paragraphs, list items, quotes, table cells. Front
matter, code blocks, HTML blocks and link targets are not prose; inline code stands as one
placeholder character so the words around it keep their spacing. markdown-it reports only
block line ranges, so each inline text run is aligned back onto the source to keep
every position exact.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newslint.document import Block, Document, Owner, ProseBuilder
from newslint.lazy import lazy_compile
from newslint.parsers import Parser, title_guess
from newslint.rule import hookimpl

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

INLINE_CODE = "\ufffc"

_FRONT_MATTER_RE = lazy_compile(
    r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)", re.S
)
_COMMENT_RE = lazy_compile(r"<!--(.*?)-->", re.S)
_ENTITY_RE = lazy_compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);")
_ALIGN_WINDOW = 16

_KIND_BY_CONTAINER = {
    "heading_open": "heading",
    "list_item_open": "list_item",
    "blockquote_open": "quote",
    "th_open": "cell",
    "td_open": "cell",
}


def _markdown_it() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _comments_in(source: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, body) of each ``<!-- ... -->`` within ``source[start:end]``, as
    ``_COMMENT_RE.finditer`` would find them. By ``str.find``: the regex would scan from every
    unclosed ``<!--`` to the end of the range, quadratic on ``<!--<!--<!--...``; here the
    first opener without a closer ends the search, since no later one can have a closer."""
    found = []
    at = source.find("<!--", start, end)
    while at != -1:
        close = source.find("-->", at + 4, end)
        if close == -1:
            break
        found.append((at, close + 3, source[at + 4 : close]))
        at = source.find("<!--", close + 3, end)
    return found


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    starts.append(len(text) + 1)
    return starts


class _Aligner:
    """Walks the source in step with markdown-it's inline tokens."""

    def __init__(self, builder: ProseBuilder, source: str, cursor: int, limit: int) -> None:
        self.b = builder
        self.source = source
        self.cursor = cursor
        self.limit = limit

    def text(self, content: str) -> None:
        src = self.source
        found = src.find(content, self.cursor, self.limit)
        if found != -1:
            self.b.copy(found, found + len(content))
            self.cursor = found + len(content)
            return
        for char in content:
            entity = _ENTITY_RE.match(src, self.cursor)
            if entity and entity.end() <= self.limit and src[self.cursor] != char:
                self.b.replace(char, entity.start(), entity.end())
                self.cursor = entity.end()
                continue
            at = src.find(char, self.cursor, min(self.limit, self.cursor + _ALIGN_WINDOW))
            if at != -1:
                self.b.copy(at, at + 1)
                self.cursor = at + 1
            else:
                self.b.replace(char, self.cursor, self.cursor)

    def line_break(self) -> None:
        at = self.source.find("\n", self.cursor, self.limit)
        if at == -1:
            self.b.replace("\n", self.cursor, self.cursor)
        else:
            self.b.copy(at, at + 1)
            self.cursor = at + 1

    def skip(self, content: str, *, placeholder: str = "") -> tuple[int, int] | None:
        found = self.source.find(content, self.cursor, self.limit) if content else -1
        if found == -1:
            if placeholder:
                self.b.replace(placeholder, self.cursor, self.cursor)
            return None
        if placeholder:
            self.b.replace(placeholder, found, found + len(content))
        self.cursor = found + len(content)
        return found, self.cursor


def _cell_owner(source: str, builder: ProseBuilder, block: Block) -> Owner | None:
    """The content of the table cell holding ``block``: from after the pipe before it to the
    pipe after it, less the spaces around (the cell stays, and so does its row)."""
    start = builder.map.to_source(block.start)
    end = builder.map.to_source(block.end, end=True)
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    line_end = len(source) if line_end == -1 else line_end
    pipe = source.rfind("|", line_start, start)
    left = line_start if pipe == -1 else pipe + 1
    pipe = _unescaped_pipe(source, end, line_end)
    right = line_end if pipe == -1 else pipe
    while left < start and source[left] in " \t":
        left += 1
    while right > end and source[right - 1] in " \t":
        right -= 1
    if "|" in source[left:start] or "|" in source[end:right]:
        return None
    return Owner(left, right, "cell")


def _unescaped_pipe(source: str, start: int, end: int) -> int:
    at = source.find("|", start, end)
    while at > 0 and source[at - 1] == "\\":
        at = source.find("|", at + 1, end)
    return at


def parse(path: str, source: str) -> Document:
    front = _FRONT_MATTER_RE.match(source)
    parse_source = source
    if front:
        # Same length and newlines, so markdown-it's line numbers stay those of the file.
        parse_source = re.sub(r"[^\n]", " ", front.group(0)) + source[front.end() :]
    tokens = _markdown_it().parse(parse_source)
    starts = _line_starts(source)
    builder = ProseBuilder(source)
    comments: list[tuple[int, int, str]] = []
    containers: list[str] = []
    heading_blocks: set[int] = set()

    for token in tokens:
        if token.nesting == 1:
            containers.append(token.type)
        elif token.nesting == -1 and containers:
            containers.pop()
        if token.type == "html_block" and token.map:
            comments.extend(_comments_in(source, starts[token.map[0]], starts[token.map[1]] - 1))
            continue
        if token.type != "inline" or not token.map:
            continue
        kind = "paragraph"
        for container in reversed(containers):
            if container in _KIND_BY_CONTAINER:
                kind = _KIND_BY_CONTAINER[container]
                break
        builder.begin_block(kind)
        if kind == "heading":
            heading_blocks.add(len(builder.blocks))
        line_end = min(token.map[1], len(starts) - 1)
        first_line = starts[token.map[0]]
        aligner = _Aligner(builder, source, first_line, starts[line_end] - 1)
        before = len(builder.blocks)
        for child in token.children or ():
            kind_ = child.type
            if kind_ == "text":
                aligner.text(child.content)
            elif kind_ in ("softbreak", "hardbreak"):
                aligner.line_break()
            elif kind_ == "code_inline":
                aligner.skip(child.content, placeholder=INLINE_CODE)
            elif kind_ == "html_inline":
                span = aligner.skip(child.content)
                comment = _COMMENT_RE.fullmatch(child.content)
                if span and comment:
                    comments.append((span[0], span[1], comment.group(1)))
            elif kind_ == "image":
                continue
        builder.end_block()
        if len(builder.blocks) > before:
            if kind == "cell":
                owner = _cell_owner(source, builder, builder.blocks[-1])
            else:  # its lines hold this block alone (list marker, heading underline included)
                owner = Owner(first_line, min(starts[line_end], len(source)), "lines")
            builder.set_owner(len(builder.blocks) - 1, owner)

    builder.end_block()
    title = None
    if builder.blocks:
        title = 0 if 0 in heading_blocks else title_guess(builder.blocks)
    return builder.build(path, fmt="markdown", title_block=title, comments=comments)


PARSER = Parser("markdown", (".md", ".markdown", ".mdown", ".mkd"), parse)


@hookimpl
def newslint_parsers() -> list[Parser]:
    return [PARSER]
