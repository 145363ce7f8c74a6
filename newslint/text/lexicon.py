"""Word lists shipped as data files in ``newslint/data`` (one entry a line, ``#`` comments).

Loaded on first use and cached, so importing a rule costs nothing.
"""

from __future__ import annotations

import pkgutil
from functools import cache


def parse_lines(text: str) -> tuple[str, ...]:
    """The entries of a word list: one a line, blank lines and ``#`` comments dropped."""
    out = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return tuple(out)


@cache
def load_lines(name: str) -> tuple[str, ...]:
    # pkgutil, not importlib.resources: importing that costs a single-file run ~10 ms.
    data = pkgutil.get_data("newslint.data", name)
    if data is None:
        raise FileNotFoundError(name)
    return parse_lines(data.decode("utf-8"))


@cache
def load_set(name: str, *, lower: bool = True) -> frozenset[str]:
    return frozenset(x.lower() if lower else x for x in load_lines(name))
