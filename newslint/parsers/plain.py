"""Plain text: paragraphs are separated by blank lines; every character is prose."""

from __future__ import annotations

from newslint.document import Document, Owner, ProseBuilder
from newslint.lazy import lazy_compile
from newslint.model import whole_lines
from newslint.parsers import Parser, title_guess
from newslint.rule import hookimpl

_BLANK_LINES_RE = lazy_compile(r"\n[ \t]*\n(?:[ \t]*\n)*")


def parse(path: str, source: str) -> Document:
    builder = ProseBuilder(source)
    start = 0
    for match in _BLANK_LINES_RE.finditer(source):
        builder.begin_block()
        builder.copy(start, match.start())
        start = match.end()
    builder.begin_block()
    builder.copy(start, len(source))
    builder.end_block()
    to_source = builder.map.to_source
    for index, block in enumerate(builder.blocks):  # a paragraph owns its whole lines
        first, last = whole_lines(source, to_source(block.start), to_source(block.end, end=True))
        builder.set_owner(index, Owner(first, last, "lines"))
    return builder.build(path, fmt="text", title_block=title_guess(builder.blocks))


PARSER = Parser("text", (".txt", ".text"), parse)


@hookimpl
def newslint_parsers() -> list[Parser]:
    return [PARSER]
