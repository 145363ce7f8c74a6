"""Parsers turn decoded source into a Document. One module an input type.

Each parser module is a plugin whose ``newslint_parsers`` hook returns its :class:`Parser`,
registered like the built-in rules (see newslint/plugins.py), so a newsroom adds its CMS's
format in one module of its own: a name, the file extensions it claims (a folder given to
``newslint check`` is searched for them; two plugins claiming one is an error naming both)
and a ``parse`` function.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newslint.document import Block, Document


@dataclass(frozen=True)
class Parser:
    """A file format newslint reads: its name, its file extensions and its parse function."""

    name: str  # the format name used by --stdin-filename/format= ("text", "markdown", "html")
    extensions: tuple[str, ...]  # lower case, with the dot
    parse: Callable[[str, str], Document]  # (path, source) -> Document


def title_guess(blocks: Sequence[Block], limit: int = 20) -> int | None:
    """Index of the headline: the first one-line block that reads like a title."""
    for index, block in enumerate(blocks[:4]):
        text = block.text.strip()
        if "\n" in text:
            continue
        words = text.split()
        if 2 <= len(words) <= limit and not text.endswith((".", ":", ",")):
            return index
    return None
