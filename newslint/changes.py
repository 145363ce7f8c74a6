"""Which lines changed since a git revision, for ``newslint check --changed-since REV``.

A pull request should be judged on the copy it adds or edits, not on the legacy stories
around it. ``git diff --unified=0 -M REV`` (the working tree against REV) gives, for each
file, the line ranges added or changed in the new version; renamed files are followed, and
untracked files under the named paths count as wholly new. A finding counts when any line
of ``[line, end_line]`` changed, so document-level findings (a duplicate whose copy was
added, a naming variant introduced) are kept when the edit touches them. A rule can name
the other lines a finding depends on in ``finding.data["related_lines"]`` (a list of
``[first, last]`` pairs); a change to those counts too.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from newslint.model import Finding

ALL = None  # marker in ChangedLines.files: every line of the file is new

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            '"': '"', "\\": "\\"}


class ChangesError(Exception):
    """--changed-since cannot be honoured; the message is the one line the user sees."""


@dataclass
class ChangedLines:
    """Changed line numbers per file, keyed by the file's real absolute path."""

    root: str
    files: dict[str, set[int] | None] = field(default_factory=dict)

    def lines(self, path: str) -> set[int] | None:
        """The changed lines of ``path`` (``ALL`` for a new file, empty when untouched)."""
        return self.files.get(_key(path), set())

    def touches(self, path: str, finding: Finding) -> bool:
        if finding.category == "internal":
            return True  # a crash is never legacy
        changed = self.lines(path)
        if changed is ALL:
            return True
        if not changed:
            return False
        spans = [(finding.line, max(finding.end_line, finding.line))]
        for pair in finding.data.get("related_lines", ()) if finding.data else ():
            try:
                first, last = int(pair[0]), int(pair[-1])
            except (TypeError, ValueError, IndexError):
                continue
            spans.append((first, max(first, last)))
        return any(line in changed for first, last in spans for line in range(first, last + 1))


def _git(args: Sequence[str], cwd: str | None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd,
                              capture_output=True, text=True, encoding="utf-8",
                              errors="surrogateescape")
    except FileNotFoundError:
        raise ChangesError("--changed-since needs git, which was not found on PATH") from None


def _unquote(path: str) -> str:
    """A path as git prints it in a diff header: C-quoted when it holds odd characters."""
    if not (path.startswith('"') and path.endswith('"')):
        return path
    body, out, i = path[1:-1], bytearray(), 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567" and i + 3 < len(body):
                out.append(int(body[i + 1:i + 4], 8))
                i += 4
                continue
            out.extend(_ESCAPES.get(nxt, nxt).encode())
            i += 2
            continue
        out.extend(ch.encode("utf-8", "surrogateescape"))
        i += 1
    return out.decode("utf-8", "surrogateescape")


def parse_diff(diff: str) -> dict[str, set[int] | None]:
    """Added or changed line numbers (new side) per path relative to the repository root."""
    files: dict[str, set[int] | None] = {}
    current: str | None = None
    for line in diff.splitlines():
        if line.startswith("diff --git "):
            current = None
        elif line.startswith("+++ "):
            target = line[4:].rstrip("\t")
            if target == "/dev/null":  # a deleted file has nothing to report on
                current = None
                continue
            target = _unquote(target)
            current = target[2:] if target.startswith("b/") else target
            files.setdefault(current, set())
        elif current is not None and line.startswith("@@"):
            match = _HUNK.match(line)
            if match:
                start, count = int(match.group(1)), int(match.group(2) or 1)
                lines = files[current]
                if lines is not ALL:
                    lines.update(range(start, start + count))
    return files


def changed_lines(rev: str, paths: Iterable[str], cwd: str | None = None) -> ChangedLines:
    """Lines of ``paths`` (files or directories) added or changed since ``rev``."""
    cwd = cwd or os.getcwd()
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        raise ChangesError(f"--changed-since needs a git repository, and {cwd} is not inside one")
    root = os.path.realpath(top.stdout.strip())
    shallow = _git(["rev-parse", "--is-shallow-repository"], root).stdout.strip() == "true"
    if rev.startswith("-") or _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
                                   root).returncode != 0:
        raise ChangesError(f"revision {rev!r} not found; " + (
            "this is a shallow clone: fetch more history, e.g. git fetch --deepen=50 "
            "(or check out with fetch-depth: 0)" if shallow else
            "check the name, or fetch it first (e.g. git fetch origin main); in a shallow clone "
            "fetch more history, e.g. git fetch --deepen=50"))
    # Compare with where the branch left REV, as a pull request's diff does, so commits
    # that landed on REV's branch meanwhile do not count as this change's edits.
    base = _git(["merge-base", rev, "HEAD"], root)
    if base.returncode != 0:
        if shallow:
            raise ChangesError(f"revision {rev!r} and HEAD share no history in this shallow clone; "
                               "fetch more, e.g. git fetch --deepen=50 (or fetch-depth: 0)")
        raise ChangesError(f"revision {rev!r} shares no history with HEAD")
    base_commit = base.stdout.split()[0]
    specs = []
    for path in paths:
        real = os.path.realpath(os.path.join(cwd, path))
        if real != root and not real.startswith(root + os.sep):
            raise ChangesError(f"{path}: outside the git repository at {root}, "
                               "so --changed-since cannot tell what changed")
        specs.append(os.path.relpath(real, root))
    if not specs:
        specs = ["."]
    diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-textconv", "-M",
                 base_commit, "--", *(f":(top,literal){s}" for s in specs)], root)
    if diff.returncode != 0:
        message = (diff.stderr.strip().splitlines() or ["git diff failed"])[0]
        raise ChangesError(f"git diff against {rev!r} failed: {message}")
    changed = ChangedLines(root)
    for relative, lines in parse_diff(diff.stdout).items():
        changed.files[_key(os.path.join(root, relative))] = lines
    untracked = _git(["ls-files", "--others", "--exclude-standard", "--full-name", "-z", "--",
                      *(f":(top,literal){s}" for s in specs)], root)
    for relative in untracked.stdout.split("\0"):
        if relative:
            changed.files[_key(os.path.join(root, relative))] = ALL
    return changed


def _key(path: str) -> str:
    """A file's identity: its folder resolved (symlinks, '..'), its own name kept."""
    absolute = os.path.abspath(path)
    return os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
