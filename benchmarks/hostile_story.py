"""One long story of published copy for benchmarks/hostile.py --long-story: the dev corpora's
stories one after another, as text, Markdown or HTML. Built at run time from the corpora
(their terms forbid storing their text in the project)."""

from __future__ import annotations

import html
from pathlib import Path

CORPORA = ("bbc-dev", "outlets-dev")


def _stories(corpora: Path):
    """(headline, paragraphs) of each corpus story, in a fixed order, round and round."""
    files = sorted(p for name in CORPORA for p in (corpora / name).glob("*.txt"))
    if not files:
        raise SystemExit(f"no stories under {corpora}/{{{','.join(CORPORA)}}}")
    while True:
        for path in files:
            headline, _, body = path.read_text(encoding="utf-8").partition("\n\n")
            yield headline.strip(), [p.strip() for p in body.split("\n\n") if p.strip()]


def _as(fmt: str, headline: str, paragraphs: list[str]) -> str:
    if fmt == "markdown":
        return f"## {headline}\n\n" + "".join(p + "\n\n" for p in paragraphs)
    if fmt == "html":
        return f"<h2>{html.escape(headline)}</h2>\n" + "".join(
            f"<p>{html.escape(p)}</p>\n" for p in paragraphs
        )
    return headline + "\n\n" + "".join(p + "\n\n" for p in paragraphs)


def long_story(corpora: str, fmt: str, size: int) -> str:
    """About ``size`` bytes of stories in format ``fmt`` (text, markdown or html)."""
    parts: list[str] = []
    total = 0
    for headline, paragraphs in _stories(Path(corpora)):
        part = _as(fmt, headline, paragraphs)
        parts.append(part)
        total += len(part.encode("utf-8"))
        if total >= size:
            return "".join(parts)
    raise AssertionError("unreachable")
