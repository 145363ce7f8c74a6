"""The ``newslint`` entry points of installed packages, found without importlib.metadata.

Every run looks for plugins. ``importlib.metadata.entry_points()`` answers, but importing
it (email, zipfile, csv, pathlib...) and reading every installed package's metadata cost a
single-file run about 15 ms of CPU, more than a tenth of it. The answer only needs each
installed distribution's ``entry_points.txt``: this module reads those, in the folders of
``sys.path``, as importlib.metadata does (same order, the first distribution of a name
wins, the same ``[group]`` / ``name = value`` format), and hands the work to
importlib.metadata itself where distributions may live elsewhere: a zip file on
``sys.path`` or an import hook that knows of distributions of its own.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any, NamedTuple

from newslint.lazy import lazy_compile

_METADATA_FOLDERS = (".dist-info", ".egg-info")
_WANTED = (*_METADATA_FOLDERS, ".egg")
# An entry point's value: module[:attribute[.attribute]] [extras] (importlib.metadata's rule)
_VALUE = lazy_compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class EntryPoint(NamedTuple):
    """One entry point of ``group``: its name and its ``module:attribute`` value."""

    name: str
    value: str
    group: str

    def load(self) -> Any:
        """Import the module and return the object the value names (ImportError,
        AttributeError or ValueError when it cannot)."""
        import importlib

        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"malformed entry point value {self.value!r}")
        target: Any = importlib.import_module(match.group("module"))
        for attribute in filter(None, (match.group("attr") or "").split(".")):
            target = getattr(target, attribute)
        return target


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` of every distribution on ``sys.path``, in the order
    ``importlib.metadata.entry_points(group=...)`` gives them."""
    if _elsewhere():
        return _from_metadata(group)
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except OSError:  # missing, not a folder, or an import hook's name
            continue
        for name in names:
            lower = name.lower()
            if not lower.endswith(_WANTED):  # most of a folder's names (quicker than splitext)
                continue
            stem, extension = os.path.splitext(lower)
            if extension == ".egg":  # an egg (zipped or not) keeps its metadata its own way
                return _from_metadata(group)
            if extension not in _METADATA_FOLDERS:
                continue
            distribution = _normalized(stem.partition("-")[0])
            if distribution in seen:  # shadowed by one earlier on sys.path
                continue
            seen.add(distribution)
            text = _read(os.path.join(folder, name, "entry_points.txt"))
            if text:
                found.extend(_parse(text, group))
    return found


def _from_metadata(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points as from_metadata

    return [EntryPoint(ep.name, ep.value, ep.group) for ep in from_metadata(group=group)]


def _elsewhere() -> bool:
    """Whether distributions could live where this module does not look: a file (a zip)
    on ``sys.path``, or a finder besides the path finder that lists distributions."""
    from importlib.machinery import PathFinder

    if any(entry and os.path.isfile(entry) for entry in sys.path):
        return True
    return any(
        finder is not PathFinder and hasattr(finder, "find_distributions")
        for finder in sys.meta_path
    )


def _normalized(name: str) -> str:
    """A distribution's name as importlib.metadata compares them (PEP 503, then '_')."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):  # none (most packages), or unreadable: no plugin
        return None


def _parse(text: str, group: str) -> list[EntryPoint]:
    """The ``name = value`` lines of ``[group]`` in an entry_points.txt."""
    found = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section == group and "=" in line:
            name, value = line.split("=", 1)
            found.append(EntryPoint(name.strip(), value.strip(), group))
    return found
