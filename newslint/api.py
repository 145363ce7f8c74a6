"""The Python API for CMS back ends and scripts.

Every call builds its own Linter from its arguments: no state is shared between calls, so
the functions are safe to use from several threads at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Mapping

from newslint.config import Config, config_from_dict, load_config
from newslint.engine import Linter
from newslint.inputs import Source, decode, discover, normalise_newlines, read_path
from newslint.model import FileResult, Finding


def _config(config: Config | Mapping[str, Any] | str | Path | None) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    if isinstance(config, (str, Path)):
        return load_config(Path(config))
    return config_from_dict(dict(config), "<api>")


def lint_text(
    text: str | bytes,
    *,
    filename: str = "story.md",
    format: str | None = None,
    config: Config | Mapping[str, Any] | str | Path | None = None,
) -> list[Finding]:
    """Check one story held in memory. ``filename`` picks the parser by its extension unless
    ``format`` ("text", "markdown", "html") is given; it is also the path findings carry."""
    body = decode(filename, text) if isinstance(text, bytes) else normalise_newlines(text.lstrip("\ufeff"))
    linter = Linter.create(_config(config))
    result = linter.run([Source(filename, body)], formats={filename: format} if format else None)[0]
    return result.findings


def lint_paths(
    paths: Iterable[str | Path],
    *,
    config: Config | Mapping[str, Any] | str | Path | None = None,
) -> list[FileResult]:
    """Check files and directories; one FileResult per file, with ``error`` set for a file
    that could not be read."""
    linter = Linter.create(_config(config))
    sources = []
    for item in discover([str(p) for p in paths], linter.registry.extensions):
        sources.append(item if not isinstance(item, str) else _safe_read(item))
    return linter.run(sources)


def _safe_read(path: str):
    from newslint.inputs import InputError

    try:
        return read_path(Path(path), path)
    except InputError as exc:
        return exc
