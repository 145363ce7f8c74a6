"""newslint: a linter for news copy.

The public API is loaded lazily so ``import newslint`` stays cheap::

    import newslint
    findings = newslint.lint_text(story, filename="story.md")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what a type checker sees of the names loaded lazily below
    from newslint.api import fix_text, lint_paths, lint_text
    from newslint.model import FileResult, Finding, Fix
    from newslint.rule import Rule, hookimpl

__version__ = "0.4.0"
__all__ = [
    "FileResult",
    "Finding",
    "Fix",
    "Rule",
    "__version__",
    "fix_text",
    "hookimpl",
    "lint_paths",
    "lint_text",
]

_LAZY = {
    "Finding": ("newslint.model", "Finding"),
    "FileResult": ("newslint.model", "FileResult"),
    "lint_text": ("newslint.api", "lint_text"),
    "lint_paths": ("newslint.api", "lint_paths"),
    "fix_text": ("newslint.api", "fix_text"),
    "Fix": ("newslint.model", "Fix"),
    "hookimpl": ("newslint.rule", "hookimpl"),
    "Rule": ("newslint.rule", "Rule"),
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newslint' has no attribute {name!r}")
