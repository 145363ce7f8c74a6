"""Parsers turn decoded source into a Document. One module a format.

Built-in parsers are registered through the ``newslint_parsers`` hook like any plugin's,
so a newsroom can add its CMS's format without touching the core.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newslint.document import Document


@dataclass(frozen=True)
class Parser:
    name: str  # the format name used by --stdin-filename/format= ("text", "markdown", "html")
    extensions: tuple[str, ...]  # lower case, with the dot
    parse: Callable[[str, str], Document]  # (path, source) -> Document


def title_guess(blocks, limit: int = 20) -> int | None:
    """Index of the headline: the first one-line block that reads like a title."""
    for index, block in enumerate(blocks[:4]):
        text = block.text.strip()
        if "\n" in text:
            continue
        words = text.split()
        if 2 <= len(words) <= limit and not text.endswith((".", ":", ",")):
            return index
    return None
