"""Which files a folder walk leaves out: a config's ``exclude`` and ``extend-exclude``.

Both keys take gitignore patterns, relative to the config's folder, as ruff's keys of the
same names do: ``exclude`` replaces the default (``[".*"]``: hidden files and folders),
``extend-exclude`` adds to it (or to ``exclude``)::

    extend-exclude = ["drafts/", "archive/**/*.bak", "!archive/keep.bak"]

The patterns are matched by pathspec (its ``GitIgnoreSpec``: git's own rules, negation and
``**`` included) on the RE2 backend: a content repository writes both the patterns and the
file names, and RE2 matches in time linear in the name, where a backtracking engine took
seconds for ``*a*a*a*a*b`` on a 100-character name. pathspec is imported only when a
config sets one of the keys (importing it costs a run about 15 ms).

Files and folders found inside a folder named on the command line are left out when the
config that governs them (the config of the folder holding them) excludes their path. A
path named on the command line is checked whatever the patterns say, unless
``--force-exclude`` (or ``force-exclude = true``): then it is left out too, as in ruff; use
it where a tool names the files (pre-commit).

An fsspec URL folder (``s3://bucket/archive/``) is walked by the same rule: its files take
the config of the current folder (or ``--config``), and the patterns are matched relative to
the URL named, which stands where the config's folder stands for a local walk.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslint.inputs import hidden

DEFAULT_EXCLUDE = (".*",)
KEYS = ("exclude", "extend-exclude")


class ExclusionError(ValueError):
    """A key's value is not a list of valid gitignore patterns (the message says why)."""

    def __init__(self, key: str, expected: str, value: Any = ...) -> None:
        super().__init__(expected)
        self.key = key
        self.value = value  # shown after the message when it is the value's type at fault


@dataclass(frozen=True)
class Exclusion:
    """The patterns of one config (relative to ``folder``) and their compiled matcher."""

    patterns: tuple[str, ...] = DEFAULT_EXCLUDE
    folder: Path | None = None
    # pathspec's GitIgnoreSpec; None for the default, a hidden name, tested without it.
    spec: Any = None

    def excludes(self, path: str, *, is_dir: bool) -> bool:
        """Whether the file or folder ``path`` is left out."""
        if self.spec is None:
            return hidden(path)
        relative = _relative(path, self.folder)
        if relative is None or relative == ".":  # its patterns reach only what is inside
            return False
        return self.matches(relative, is_dir=is_dir)

    def matches(self, relative: str, *, is_dir: bool) -> bool:
        """Whether the file or folder ``relative`` ('/'-separated, below the folder the
        patterns are relative to) is left out."""
        if self.spec is None:
            return hidden(relative)
        return bool(self.spec.match_file(relative + "/" if is_dir else relative))

    def walk_test(self) -> Callable[[str], bool]:
        """For a walk that lists every file below a folder at once (fsspec's ``find``):
        whether it leaves out the file ``relative``, because the file or a folder on its way
        is excluded, as a local walk never enters an excluded folder (git's rule: a file in
        an excluded folder cannot be taken back). Each folder is tested once."""
        folders: dict[str, bool] = {}

        def folder_excluded(folder: str) -> bool:
            if folder not in folders:
                parent, _, _name = folder.rpartition("/")
                folders[folder] = bool(parent and folder_excluded(parent)) or self.matches(
                    folder, is_dir=True
                )
            return folders[folder]

        def left_out(relative: str) -> bool:
            folder = relative.rpartition("/")[0]
            return bool(folder and folder_excluded(folder)) or self.matches(relative, is_dir=False)

        return left_out


def build_exclusion(data: dict[str, Any], folder: Path | None) -> Exclusion:
    """The exclusion a config's ``exclude`` / ``extend-exclude`` describe (the default when
    it sets neither). Raises ExclusionError naming the key at fault."""
    if not any(key in data for key in KEYS):
        return Exclusion(folder=folder)
    exclude = _patterns(data, "exclude") if "exclude" in data else DEFAULT_EXCLUDE
    patterns = exclude + _patterns(data, "extend-exclude")
    if patterns == DEFAULT_EXCLUDE:
        return Exclusion(folder=folder)
    try:
        return Exclusion(patterns, folder, _compile(list(patterns)))
    except Exception as exc:  # see _compile
        failure = exc
    for key in KEYS:  # one at a time, so the error names the key and the pattern at fault
        for pattern in _patterns(data, key) if key in data else ():
            try:
                _compile([pattern])
            except Exception as exc:
                shown = pattern if len(pattern) <= 100 else pattern[:100] + "..."
                raise ExclusionError(
                    key, f"gitignore patterns; {shown!r} is not one ({exc})"
                ) from None
    # Each pattern compiles alone, so together they are too large for RE2: its compiled
    # set has a memory limit (8 MB: some 1,800 patterns such as 'drafts1/**/*.bak', 10,000
    # plain file names), which a bigger one would move rather than remove.
    key = "extend-exclude" if data.get("extend-exclude") else "exclude"
    written = sum(len(data[key]) for key in KEYS if key in data)
    raise ExclusionError(
        key,
        f"patterns RE2 can compile together; these {written:,} are too large for its "
        f"memory limit ({failure}): use fewer, broader ones (one folder pattern such as "
        "'drafts/' covers every file below it)",
    )


def _compile(patterns: list[str]) -> Any:
    """pathspec's matcher for ``patterns``. It raises ValueError for a malformed pattern,
    re.error for a bad [...] range, and its RE2 backend its own error for a set too large
    to compile."""
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(patterns, backend="re2")


def _patterns(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise ExclusionError(key, "a list of gitignore patterns (strings)", value)
    return tuple(value)


def _relative(path: str, folder: Path | None) -> str | None:
    base = folder or Path.cwd()
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        try:
            return absolute.resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError):
            return None
