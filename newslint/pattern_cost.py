"""What a user's regular expression costs to compile, known before it is compiled.

A config comes with the content it checks, and its patterns (house-style rules, debris
``extra``) are compiled when it loads, where no time limit can stop them: the ``regex``
module unrolls a counted repeat, so ``(?:(?:(?:a{100}){100}){100}){10}`` (35 characters)
took 22 s to compile and one more ``{100}`` would take hours, and an alternation of
200,000 words took 41 s. ``expanded_size`` bounds what the compiled pattern holds; a config
whose patterns add up to more than ``MAX_EXPANDED_SIZE`` is refused, unread by the engine.
"""

from __future__ import annotations

from newslint.lazy import lazy_compile

# About two seconds of compiling at worst on a slow machine (an alternation of plain words
# costs most a unit); far above any house style (a few hundred patterns of a few dozen
# characters each).
MAX_EXPANDED_SIZE = 100_000
# What compiling one pattern costs beyond its size (a rule built around it), in the same
# units, so that 100,000 one-letter patterns are refused as well.
PATTERN_OVERHEAD = 40

_COUNTED = lazy_compile(r"\{(\d*)(?:,(\d*))?\}")
# Escapes whose argument is in braces: \p{Lu}, \N{EM DASH}, \x{2014}, \g{name}.
_BRACED_ESCAPES = frozenset("pPNxXgu")


class PatternAllowance:
    """What the patterns of one config may still cost to compile."""

    def __init__(self, limit: int = MAX_EXPANDED_SIZE) -> None:
        self.left = limit

    def charge(self, pattern: str) -> str | None:
        """Count ``pattern`` against the allowance; what was expected (for a config error)
        once the config's patterns together are too large, else None."""
        self.left -= expanded_size(pattern) + PATTERN_OVERHEAD
        if self.left >= 0:
            return None
        return (
            f"patterns that compile in bounded time (a config's patterns may hold "
            f"{MAX_EXPANDED_SIZE:,} items in all, counted repeats such as {{100}} unrolled)"
        )


def expanded_size(pattern: str) -> int:
    """An upper bound on the size of ``pattern`` once compiled: each literal, escape or
    class counts one, every branch of an alternation counts, and a counted repeat
    (``{m}``, ``{m,n}``, ``{,n}``) multiplies what it repeats by its largest count.
    ``*``, ``+`` and ``?`` compile to a loop and count nothing more."""
    sums = [0]  # running size of each open group, innermost last
    last = 0  # size of the item a quantifier would repeat
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            i += 2
            if i - 1 < n and pattern[i - 1] in _BRACED_ESCAPES and pattern.startswith("{", i):
                close = pattern.find("}", i)
                i = n if close == -1 else close + 1
            last = 1
        elif char == "[":
            end = _class_end(pattern, i)
            last = end - i  # a class of 50,000 characters is no cheaper than 50,000 of them
            i = end
        elif char == "(":
            sums.append(0)
            i += 1
            last = 0
            continue
        elif char == ")" and len(sums) > 1:
            last = sums.pop()
            i += 1
            sums[-1] += last
            continue
        elif (
            char == "{"
            and (counted := _COUNTED.match(pattern, i))
            and (counted.group(1) or counted.group(2))
        ):
            count = max(int(counted.group(1) or 0), int(counted.group(2) or 0))
            sums[-1] += last * (count - 1) if count else -last
            last *= count
            i = counted.end()
            continue
        elif char in "*+?|":
            i += 1
            if char == "|":
                last = 0
            continue
        else:
            i += 1
            last = 1
        sums[-1] += last
    return sum(sums)


def _class_end(pattern: str, start: int) -> int:
    """The index after the ``[...]`` class opening at ``start`` (a ``]`` first in it, after
    an optional ``^``, is one of its characters; an unclosed class runs to the end)."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i + 1
        i += 1
    return len(pattern)
