"""Regular expressions compiled on first use, so importing a module costs no compiling.

A single-file run imports every rule, parser and output format, but uses only some of
their patterns (an HTML parser's on a text story, a format's on another format); compiling
each at import was a large part of a short run's start-up. A module declares its patterns
as before, with ``lazy_compile`` for ``re.compile``::

    _DATELINE = lazy_compile(r"^[A-Z]{2,}(?: [A-Z]+)* \\(\\w+\\) [-—] ", re.MULTILINE)

    _DATELINE.match(text)   # compiled here, the first time; a re.Pattern's methods after

A pattern made from a data file takes a function that returns its source, called on first
use too: ``lazy_compile(lambda: "|".join(load_lines("debris.txt")), re.IGNORECASE)``.

A method looked up once is kept on the object as the compiled pattern's own bound method,
so later calls cost what calls on a ``re.Pattern`` cost (no wrapper in the per-token loops
of the rules).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any, cast, overload

_compiling = threading.Lock()


class LazyPattern:
    """A ``re.Pattern`` compiled on first use; stands in for one wherever only its methods
    and attributes are used (``search``, ``finditer``, ``sub``, ``pattern``, ``groupindex``...)."""

    def __init__(self, source: str | bytes | Callable[[], str], flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[Any] | None = None

    @property
    def compiled(self) -> re.Pattern[Any]:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = self._compiled
        if compiled is None:
            with _compiling:  # threads sharing a module compile it once
                if self._compiled is None:
                    self._compiled = re.compile(self.pattern, self._flags)
                compiled = self._compiled
        return compiled

    @property
    def pattern(self) -> str | bytes:
        """The source, without compiling it (others' patterns are built from it)."""
        if not isinstance(self._source, (str, bytes)):
            self._source = self._source()
        return self._source

    def __getattr__(self, name: str) -> Any:
        # Called only for what the object does not hold yet: the compiled pattern's method
        # or attribute, kept so the next lookup finds it directly.
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        self.__dict__[name] = value
        return value

    def __reduce__(
        self,
    ) -> tuple[
        type[LazyPattern], tuple[str | bytes, int]
    ]:  # pickled (to a worker process) as its source, compiled there on use
        return (LazyPattern, (self.pattern, self._flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags!r})"


@overload
def lazy_compile(source: str | Callable[[], str], flags: int = 0) -> re.Pattern[str]: ...
@overload
def lazy_compile(source: bytes, flags: int = 0) -> re.Pattern[bytes]: ...


def lazy_compile(source: str | bytes | Callable[[], str], flags: int = 0) -> re.Pattern[Any]:
    """``re.compile``, deferred to the pattern's first use (a ``LazyPattern``, which type
    checkers and callers treat as the ``re.Pattern`` it stands for)."""
    return cast("re.Pattern[Any]", LazyPattern(source, flags))
