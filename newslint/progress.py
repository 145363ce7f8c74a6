"""A progress bar on stderr for long runs at a terminal: files done of total, rate, time left.

Shown only when stderr is a terminal, the run has more than a handful of files and --quiet
is not given; piped or redirected, a run prints nothing extra. The bar is one line redrawn
in place (carriage return, erase line), at most a few times a second, and erased before
any other output so a report printed as it goes never mixes with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

# Fewer files than this finish before a bar would be read.
MIN_FILES = 6
WIDTH = 24  # characters of the bar itself
REDRAW_EVERY = 0.1  # seconds


def wanted(stream: TextIO, files: int, quiet: bool) -> bool:
    isatty = getattr(stream, "isatty", None)
    return not quiet and files >= MIN_FILES and bool(isatty and isatty())


def seconds_text(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def line(done: int, total: int, elapsed: float) -> str:
    """``[#####.....]  120/1000 files  85.3/s  0:10 left``"""
    filled = WIDTH * done // total if total else WIDTH
    rate = done / elapsed if elapsed > 0 else 0.0
    left = f"{seconds_text((total - done) / rate)} left" if rate > 0 else "--:-- left"
    return f"[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} files  {rate:.1f}/s  {left}"


class ProgressBar:
    def __init__(
        self, stream: TextIO, total: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream
        self.total = total
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.drawn_at = float("-inf")
        self.shown = False

    def advance(self) -> None:
        self.done += 1
        now = self.clock()
        if now - self.drawn_at >= REDRAW_EVERY or self.done == self.total:
            self.drawn_at = now
            self.stream.write("\r\x1b[K" + line(self.done, self.total, now - self.started))
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        """Erase the bar (before other output, and at the end)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
            self.drawn_at = float("-inf")
