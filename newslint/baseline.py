"""Baselines: adopt newslint on an archive and fail only on new problems.

``newslint check --write-baseline FILE PATHS`` records today's findings in FILE;
``newslint check --baseline FILE PATHS`` hides the findings it records. An entry is keyed on
content, not position: the rule, the file (relative to the baseline's folder), the finding's
own text and a fingerprint of the sentence around it (the source line when the span lies
outside any sentence), all with whitespace normalised. Edits elsewhere in a story leave its
entries matching; changing the sentence a finding sits in makes the finding new. The same key
twice in a story is counted: two entries hide two findings, not more.

Entries whose findings are gone (fixed) are stale; ``stale_count`` reports how many, for the
files checked in this run and the rules that ran on them (an entry of a rule left out by
``--select``/``--ignore`` or a folder's config is not fixed, just not looked at), so a
rewrite with ``--write-baseline`` can drop them.

The file is JSON, sorted and stable (it belongs in version control)::

    {"version": 1,
     "entries": [{"rule": "debris", "path": "stories/a.md", "text": "Share this post",
                  "context": "3f2a…", "count": 1}, …]}
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from newslint.config import read_bounded
from newslint.document import Document
from newslint.model import Finding
from newslint.writing import write_atomically

VERSION = 1
MAX_TEXT = 120  # characters of a finding's text kept in the file (readable, bounded)
# A baseline larger than this is refused unread (a symlink to /dev/zero, a runaway file);
# an entry takes about 200 bytes, so this holds several hundred thousand findings.
MAX_BASELINE_BYTES = 64 * 1024 * 1024

Key = tuple[str, str, str, str]  # rule, path, text, context fingerprint


class BaselineError(Exception):
    """An unreadable or malformed baseline; the message names the file and the cause."""


def _squash(text: str) -> str:
    return " ".join(text.split())


class _Keys:
    """Content keys for one document's findings (sentence starts and lines computed once)."""

    def __init__(self, document: Document, root: Path) -> None:
        self.document = document
        self.path = display_path(document.path, root)
        self._starts = [s.start for s in document.sentences]
        self._lines: list[str] | None = None

    def _context(self, finding: Finding) -> str:
        sentences = self.document.sentences
        index = bisect_right(self._starts, finding.start) - 1
        if index >= 0 and finding.start < max(sentences[index].end, sentences[index].start + 1):
            return sentences[index].text
        if self._lines is None:
            self._lines = self.document.source.split("\n")
        first = min(max(finding.line, 1), len(self._lines))
        last = min(max(finding.end_line, first), len(self._lines))
        return "\n".join(self._lines[first - 1 : last])

    def __call__(self, finding: Finding) -> Key:
        text = _squash(self.document.text[finding.start : finding.end])[:MAX_TEXT]
        context = hashlib.sha256(_squash(self._context(finding)).encode("utf-8")).hexdigest()[:16]
        return (finding.rule, self.path, text, context)


def display_path(path: str, root: Path) -> str:
    """A checked file's path relative to the baseline's folder (posix), so the baseline
    matches whichever folder newslint runs from; stdin's name is kept as it is."""
    candidate = Path(path)
    if not candidate.exists():
        return path
    try:
        return Path(os.path.abspath(candidate)).relative_to(root).as_posix()
    except ValueError:
        try:
            return candidate.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return Path(os.path.abspath(candidate)).as_posix()


def replaceable(path: Path) -> None:
    """Raise OSError (a one-line ``strerror``) unless ``path`` is missing, or a regular file
    that holds a baseline (of any version, or damaged by a merge: it names its "entries"),
    or nothing. --write-baseline must never replace a device, a FIFO or someone's text: a
    rename over /dev/null, run as root, replaced the device with a file."""
    try:
        data = read_bounded(path, MAX_BASELINE_BYTES)
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise  # its own message says it
    if data.strip() and b'"entries"' not in data:
        raise OSError(
            errno.EEXIST,
            "it exists and is not a newslint baseline; not overwritten "
            "(remove it or name another file)",
        )


class Baseline:
    """Known findings, and which of them this run saw again."""

    def __init__(self, path: Path, entries: Counter[Key] | None = None) -> None:
        self.path = path
        self.root = Path(os.path.abspath(path)).parent
        self.entries: Counter[Key] = entries if entries is not None else Counter()
        self._matched: dict[str, Counter[Key]] = {}  # per checked file: keys seen this run
        self._recorded: dict[str, Counter[Key]] = {}  # per checked file: keys recorded this run
        # Which rule ids ran on a file (set by the runner; without it every rule counts).
        self.rules_ran_for: Callable[[str], Callable[[str], bool]] | None = None
        self._ran: dict[str, Callable[[str], bool]] = {}  # per checked file

    # --- reading and writing ----------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(read_bounded(path, MAX_BASELINE_BYTES).decode("utf-8"))
        except RecursionError:  # "[[[[...]]]]" past Python's recursion limit
            raise BaselineError(
                f"{path}: not a newslint baseline (JSON nested too deeply)"
            ) from None
        except FileNotFoundError:
            raise BaselineError(
                f"{path}: baseline not found (write one with --write-baseline)"
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(
                f"{path}: cannot read the baseline ({getattr(exc, 'strerror', None) or exc})"
            ) from None
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{path}: not a newslint baseline (invalid JSON: {exc})") from None
        if (
            not isinstance(data, dict)
            or type(data.get("version")) is not int
            or data["version"] != VERSION
            or not isinstance(data.get("entries"), list)
        ):
            raise BaselineError(
                f"{path}: not a newslint baseline of version {VERSION} "
                f"(rewrite it with --write-baseline)"
            )
        entries: Counter[Key] = Counter()
        for number, entry in enumerate(data["entries"], 1):
            try:
                key = (entry["rule"], entry["path"], entry["text"], entry["context"])
                count = entry.get("count", 1)
                if not all(isinstance(k, str) for k in key) or type(count) is not int or count < 1:
                    raise TypeError
            except (TypeError, KeyError, AttributeError):
                raise BaselineError(
                    f"{path}: entry {number} is malformed (expected rule, path, text, "
                    f"context and a positive count)"
                ) from None
            entries[key] += count
        return cls(path, entries)

    @classmethod
    def empty(cls, path: Path) -> Baseline:
        return cls(path)

    def record(self, document: Document, findings: Iterable[Finding]) -> None:
        """Record a document's findings (for --write-baseline); recording a document again
        (a re-check after --fix) replaces what it recorded before."""
        key = _Keys(document, self.root)
        self.entries -= self._recorded.get(key.path, Counter())
        recorded = Counter(key(f) for f in findings if f.category != "internal")
        self._recorded[key.path] = recorded
        self.entries += recorded

    def record_and_filter(self, document: Document, findings: list[Finding]) -> list[Finding]:
        """Record the findings and hide them, as if the new baseline were already in use."""
        self.record(document, findings)
        return [f for f in findings if f.category == "internal"]

    def write(self) -> int:
        """Write the baseline atomically (temp file + rename); return the number of findings.

        Raises OSError, and leaves the file alone, when what is there is not a baseline to
        replace (see ``replaceable``)."""
        replaceable(self.path)
        rows = [
            {"rule": r, "path": p, "text": t, "context": c, "count": n}
            for (r, p, t, c), n in sorted(self.entries.items())
        ]
        # One entry a line: small, and a diff shows exactly which findings came or went.
        lines = ",\n  ".join(json.dumps(row, ensure_ascii=False) for row in rows)
        body = (
            f'{{\n "version": {VERSION},\n "entries": [\n  {lines}\n ]\n}}\n'
            if rows
            else f'{{\n "version": {VERSION},\n "entries": []\n}}\n'
        )
        new = not self.path.exists()
        write_atomically(self.path, body.encode("utf-8"))
        if new:  # a temp file is private (0600); a new baseline gets the usual permissions
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self.path, 0o666 & ~umask)
        return sum(self.entries.values())

    # --- filtering --------------------------------------------------------------------
    def filter(self, document: Document, findings: list[Finding]) -> list[Finding]:
        """The findings the baseline does not know; each entry hides at most ``count`` of them.

        Safe to call again for the same document (a re-check after --fix): its matches are
        counted afresh.
        """
        key_of = _Keys(document, self.root)
        seen: Counter[Key] = Counter()
        kept = []
        for finding in findings:
            if finding.category == "internal":
                kept.append(finding)
                continue
            key = key_of(finding)
            if seen[key] < self.entries.get(key, 0):
                seen[key] += 1
            else:
                kept.append(finding)
        self._matched[key_of.path] = seen
        if self.rules_ran_for is not None:
            self._ran[key_of.path] = self.rules_ran_for(document.path)
        return kept

    def stale_count(self) -> int:
        """Entries for files checked in this run, of rules that ran on them, whose findings
        did not appear."""
        stale = 0
        for key, count in self.entries.items():
            seen = self._matched.get(key[1])
            ran = self._ran.get(key[1])
            if seen is not None and (ran is None or ran(key[0])):
                stale += count - seen.get(key, 0)
        return stale
