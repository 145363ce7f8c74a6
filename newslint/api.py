"""The Python API for CMS back ends and scripts.

    import newslint

    findings = newslint.lint_text(body_html, filename="story.html")
    for f in findings:
        print(f.line, f.column, f.rule, f.message)   # or f.to_dict(), the JSON contract

Every call builds its own Linter from its arguments, so nothing a call configures leaks
into the next and the functions are safe to call from several threads at once. The one
thing shared is the registry of rules and parsers (built-in modules and installed plugins),
built on first use and never changed afterwards; ``reload_plugins()`` rebuilds it after
installing a plugin into a running process.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from newslint.config import Config, ConfigError, config_from_dict, load_config
from newslint.engine import Linter
from newslint.inputs import InputError, Source, decode_raw
from newslint.model import FileResult, Finding
from newslint.plugins import Registry, build_registry

ConfigLike = Config | Mapping[str, Any] | str | Path | None

_lock = threading.Lock()
_registry: Registry | None = None


def _shared_registry() -> Registry:
    global _registry
    if _registry is None:
        with _lock:
            if _registry is None:
                _registry = build_registry()
    return _registry


def reload_plugins() -> None:
    """Forget the registry so the next call finds newly installed plugins."""
    global _registry
    with _lock:
        _registry = None


def _config(config: ConfigLike) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    if isinstance(config, (str, Path)):
        return load_config(Path(config))
    return config_from_dict(dict(config), "<api>")


def _linter(config: ConfigLike) -> Linter:
    linter = Linter(_config(config), _shared_registry())
    for rule in linter.registry.rules.values():
        linter.config.rule_options(rule)  # a value an option does not take: ConfigError now
    return linter


def lint_text(
    text: str | bytes,
    *,
    filename: str = "story.md",
    format: str | None = None,
    config: ConfigLike = None,
) -> list[Finding]:
    """Check one story held in memory and return its findings, sorted by position.

    ``filename`` picks the parser by its extension (``.txt``, ``.md``, ``.html``) unless
    ``format`` ("text", "markdown", "html") names one; it is also the path findings carry.
    ``config`` is a Config, a dict shaped like ``newslint.toml``, or the path of a config
    file. Bytes are decoded as UTF-8. Raises ``InputError`` for text that cannot be
    checked (not UTF-8, an unknown format), ``ConfigError`` for a bad configuration and
    ``SelectionError`` (a ValueError) for an unknown rule or category in select/ignore.

    Positions index what was passed. A str is the caller's own text: a U+FEFF it starts with
    is its first code point, so line-1 columns and fix offsets count it. Bytes are a file: a
    UTF-8 BOM is an encoding mark that editors do not show, and positions are the ones
    ``newslint check`` gives for the same file (the BOM not counted).
    """
    leading_feff = False
    if isinstance(text, bytes):
        body = decode_raw(filename, text)
    else:
        leading_feff = text.startswith("\ufeff")
        body = text[1:] if leading_feff else text
    linter = _linter(config)
    result = linter.run(
        [Source.from_decoded(filename, body)], formats={filename: format} if format else None
    )[0]
    if result.error:
        raise InputError(filename, result.error)
    return [counting_leading_feff(f) for f in result.findings] if leading_feff else result.findings


def counting_leading_feff(finding: Finding) -> Finding:
    """A finding checked without the text's leading U+FEFF, placed in the text with it."""

    def column(line: int, value: int) -> int:
        return value + 1 if line == 1 else value

    fix = finding.fix
    if fix is not None:
        fix = replace(
            fix,
            edits=tuple(
                replace(
                    e,
                    start=e.start + 1,
                    end=e.end + 1,
                    column=column(e.line, e.column),
                    end_column=column(e.end_line, e.end_column),
                )
                for e in fix.edits
            ),
        )
    return finding.with_changes(
        column=column(finding.line, finding.column),
        end_column=column(finding.end_line, finding.end_column),
        fix=fix,
    )


def fix_text(
    text: str,
    *,
    filename: str = "story.md",
    format: str | None = None,
    config: ConfigLike = None,
    unsafe_fixes: bool = False,
) -> FixedText:
    """``--fix`` for a story held in memory: the text with its safe fixes applied (unsafe
    ones too with ``unsafe_fixes``), how many were applied, and the findings left in it.
    Arguments as for ``lint_text``; the text's line endings are kept. As ``newslint check
    --fix``, the fixed text is checked and fixed again until nothing applies, so fixing the
    result again changes nothing; when that takes more than ``MAX_FIX_PASSES`` passes, a
    RuntimeWarning says so and the last pass's text is returned."""
    from newslint.fixes import fix_until_settled, unsettled_note

    findings = lint_text(text, filename=filename, format=format, config=config)

    def recheck(fixed: str) -> list[Finding]:
        nonlocal findings
        findings = lint_text(fixed, filename=filename, format=format, config=config)
        return findings

    settled = fix_until_settled(text, findings, recheck, unsafe=unsafe_fixes)
    if not settled.settled:
        warnings.warn(unsettled_note(filename), RuntimeWarning, stacklevel=2)
    return FixedText(settled.text, settled.applied, findings)


class FixedText(NamedTuple):
    text: str
    applied: int
    findings: list[Finding]


def lint_paths(
    paths: Iterable[str | Path],
    *,
    config: ConfigLike = None,
    fix: bool = False,
    unsafe_fixes: bool = False,
) -> list[FileResult]:
    """Check files and directories (recursively); one FileResult per file, in order, with
    ``error`` set (and no findings) for a file that could not be read.

    Without ``config``, each file gets the nearest ``newslint.toml`` (or ``.newslint.toml``,
    or ``pyproject.toml`` with ``[tool.newslint]``) from its folder upward, as on the command
    line. With ``fix``, the safe fixes are written into the files (unsafe ones too with
    ``unsafe_fixes``), as ``newslint check --fix`` does, and the results are what is left.
    Raises ``ConfigError`` for a bad configuration and ``SelectionError`` for an unknown
    rule or category.
    """
    from newslint.runner import CheckRequest, RunAborted, run_check

    names = [str(p) for p in paths]
    if not names:
        return []
    request = CheckRequest(
        names,
        config=None if config is None else _config(config),
        fix=fix,
        unsafe_fixes=fix and unsafe_fixes,
    )
    try:
        outcome = run_check(request, _shared_registry())
    except RunAborted as exc:
        # The typed cause (ConfigError, SelectionError) when there is one.
        raise (
            exc.__cause__
            if isinstance(exc.__cause__, (ConfigError, ValueError))
            else ConfigError(str(exc))
        ) from None
    return outcome.results
