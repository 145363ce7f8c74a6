"""Time budgets for users' regular expressions (debris ``extra``, house-style patterns).

A user's pattern can backtrack without end (``(a+)+$`` on a long line), so every match call
gets a timeout. The budget is per document, not per call: a deadline is set when a rule
starts on a document and each call gets the time left, so a pattern that is merely slow on
each of 400 lines stops at the budget instead of spending it 400 times. The budget lives in
the rule's call on one document and nowhere else: one story's timeout never touches another's.
"""

from __future__ import annotations

import time

from newslint.engine import BackendError


class PatternTimeout(BackendError):
    """A user's pattern ran past its time budget on one document; the run reports it once
    (one line, exit 2) and does not run the pattern again in that run."""


class PatternBudget:
    """``seconds`` for every match call of one pattern (or one rule's patterns) on one document."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._deadline = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds left for the next match call; raises TimeoutError when none are."""
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left
