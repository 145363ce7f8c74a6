"""Which lines changed since a git revision, for ``newslint check --changed-since REV``.

A pull request should be judged on the copy it adds or edits, not on the legacy stories
around it. ``git diff --unified=0 -M REV`` (the working tree against REV) gives, for each
file, the line ranges added or changed in the new version; renamed files are followed, and
untracked files under the named paths count as wholly new. A finding counts when any line
of ``[line, end_line]`` changed, so document-level findings (a duplicate whose copy was
added, a naming variant introduced) are kept when the edit touches them. A rule can name
the other lines a finding depends on in ``finding.data["related_lines"]`` (a list of
``[first, last]`` pairs); a change to those counts too.

git's output is read as bytes and split on ``\n`` alone: a changed line may hold any other
line break (U+2028, CR, VT) and any text, "+++ b/other.txt" included, so each hunk's lines
are counted off by its header and never read as a header themselves. A lone CR ends a line
for newslint but not for git, so in a file holding one git's line numbers are turned into
newslint's. Paths are decoded as the file system's names are (``os.fsdecode``), so names
that are not UTF-8 match too; the repository root itself is the empty pathspec.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newslint.lazy import lazy_compile
from newslint.model import Finding

ALL = None  # marker in ChangedLines.files: every line of the file is new

_HUNK = lazy_compile(rb"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {
    ord(k): v
    for k, v in {
        "a": b"\a",
        "b": b"\b",
        "t": b"\t",
        "n": b"\n",
        "v": b"\v",
        "f": b"\f",
        "r": b"\r",
        '"': b'"',
        "\\": b"\\",
    }.items()
}
_OCTAL = b"01234567"


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
        return touches(self.lines(path), finding)


def touches(changed: set[int] | None, finding: Finding) -> bool:
    """Whether ``finding`` stands on (or depends on) one of the ``changed`` lines."""
    if finding.category == "internal":
        return True  # a crash is never legacy
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


def _git(args: Sequence[str], cwd: str | None) -> subprocess.CompletedProcess[bytes]:
    """Run git; stdout stays bytes (names and diff lines may be any bytes but NUL)."""
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True
        )
    except FileNotFoundError:
        raise ChangesError("--changed-since needs git, which was not found on PATH") from None


def _first_line(output: bytes) -> str:
    """The first line of a one-line answer (rev-parse), decoded as a file name is."""
    return os.fsdecode(output.split(b"\n", 1)[0])


def _unquote(path: bytes) -> bytes:
    """A path as git prints it in a diff header: C-quoted when it holds odd characters."""
    if not (len(path) >= 2 and path.startswith(b'"') and path.endswith(b'"')):
        return path
    body, out, i = path[1:-1], bytearray(), 0
    while i < len(body):
        if body[i] == ord("\\") and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in _OCTAL and i + 3 < len(body):
                out.append(int(body[i + 1 : i + 4], 8) & 0xFF)
                i += 4
                continue
            out.extend(_ESCAPES.get(nxt, bytes([nxt])))
            i += 2
            continue
        out.append(body[i])
        i += 1
    return bytes(out)


def parse_diff(diff: bytes) -> dict[str, set[int] | None]:
    """Added or changed line numbers (new side) per path relative to the repository root."""
    files: dict[str, set[int] | None] = {}
    current: str | None = None
    old_left = new_left = 0  # lines of the current hunk still to come, each side
    new_line = 0  # the new side's number of the hunk's next line
    for line in diff.split(b"\n"):
        if old_left or new_left:
            # Inside a hunk every line is content, whatever it reads like. A submodule's
            # diff comes with context lines, whatever --unified says: they changed nothing.
            if line.startswith(b"+") and new_left:
                new_left -= 1
                new_line += 1
                continue
            if line.startswith(b"-") and old_left:
                old_left -= 1
                continue
            if line.startswith(b" ") and old_left and new_left:
                old_left -= 1
                new_left -= 1
                lines = files.get(current) if current is not None else None
                if lines is not None:
                    lines.discard(new_line)
                new_line += 1
                continue
            if line.startswith(b"\\"):  # "\ No newline at end of file"
                continue
            old_left = new_left = 0  # a short hunk (never from git): read on as headers
        if line.startswith(b"diff --git "):
            current = None
        elif line.startswith(b"+++ "):
            target = line[4:].rstrip(b"\t")
            if target == b"/dev/null":  # a deleted file has nothing to report on
                current = None
                continue
            target = _unquote(target)
            current = os.fsdecode(target[2:] if target.startswith(b"b/") else target)
            files.setdefault(current, set())
        elif line.startswith(b"@@"):
            match = _HUNK.match(line)
            if match:
                old_left = int(match.group(1) or 1)
                new_line, new_left = int(match.group(2)), int(match.group(3) or 1)
                lines = files.get(current) if current is not None else None
                if lines is not None:
                    lines.update(range(new_line, new_line + new_left))
    return files


def changed_lines(rev: str, paths: Iterable[str], cwd: str | None = None) -> ChangedLines:
    """Lines of ``paths`` (files or directories) added or changed since ``rev``."""
    cwd = cwd or os.getcwd()
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        raise ChangesError(f"--changed-since needs a git repository, and {cwd} is not inside one")
    root = os.path.realpath(_first_line(top.stdout))
    shallow = _git(["rev-parse", "--is-shallow-repository"], root).stdout.strip() == b"true"
    if (
        rev.startswith("-")
        or _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root).returncode != 0
    ):
        raise ChangesError(
            f"revision {rev!r} not found; "
            + (
                "this is a shallow clone: fetch more history, e.g. git fetch --deepen=50 "
                "(or check out with fetch-depth: 0)"
                if shallow
                else "check the name, or fetch it first (e.g. git fetch origin main); in a shallow clone "
                "fetch more history, e.g. git fetch --deepen=50"
            )
        )
    # Compare with where the branch left REV, as a pull request's diff does, so commits
    # that landed on REV's branch meanwhile do not count as this change's edits.
    base = _git(["merge-base", rev, "HEAD"], root)
    if base.returncode != 0:
        if shallow:
            raise ChangesError(
                f"revision {rev!r} and HEAD share no history in this shallow clone; "
                "fetch more, e.g. git fetch --deepen=50 (or fetch-depth: 0)"
            )
        raise ChangesError(f"revision {rev!r} shares no history with HEAD")
    base_commit = base.stdout.split()[0].decode("ascii")
    specs = []
    for path in paths:
        real = os.path.realpath(os.path.join(cwd, path))
        if real != root and not real.startswith(root + os.sep):
            raise ChangesError(
                f"{path}: outside the git repository at {root}, "
                "so --changed-since cannot tell what changed"
            )
        # The root itself is the empty path: ":(top,literal)." names a file called "."
        # and matched nothing, so every finding of a run on "." was dropped.
        relative = os.path.relpath(real, root)
        specs.append("" if relative == os.curdir else relative)
    if not specs:
        specs = [""]
    # A path inside a submodule matches nothing in the outer repository's diff: ask for
    # the whole submodule (findings are matched by file afterwards).
    submodules = _submodules(root)
    specs = [next((m for m in submodules if _inside(s, m)), s) for s in specs]
    # The prefixes are given, not left to the user's config: diff.mnemonicPrefix writes
    # "w/stories/a.txt" and diff.noprefix "stories/a.txt", which matched no file at all.
    diff = _git(
        [
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "-M",
            # Edits inside a submodule, as diffs of its files under their paths from the
            # root (committed in the submodule or not); without it a submodule is one line.
            "--submodule=diff",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            base_commit,
            "--",
            *(f":(top,literal){s}" for s in specs),
        ],
        root,
    )
    if diff.returncode != 0:
        message = (
            diff.stderr.decode("utf-8", "replace").strip().splitlines() or ["git diff failed"]
        )[0]
        raise ChangesError(f"git diff against {rev!r} failed: {message}")
    changed = ChangedLines(root)
    for relative, lines in parse_diff(diff.stdout).items():
        path = os.path.join(root, relative)
        changed.files[_key(path)] = _as_newslint_counts(path, lines) if lines else lines
    untracked = _git(
        [
            "ls-files",
            "--others",
            "--exclude-standard",
            "--full-name",
            "-z",
            "--",
            *(f":(top,literal){s}" for s in specs),
        ],
        root,
    )
    for name in untracked.stdout.split(b"\0"):
        if name:
            changed.files[_key(os.path.join(root, os.fsdecode(name)))] = ALL
    # The outer repository lists no file inside a submodule as untracked: each one does.
    for module in submodules:
        if not any(_inside(module, s) or _inside(s, module) for s in specs):
            continue
        inner = _git(
            ["ls-files", "--others", "--exclude-standard", "-z"], os.path.join(root, module)
        )
        for inner_name in inner.stdout.split(b"\0"):
            if inner_name:
                path = os.path.join(root, module, os.fsdecode(inner_name))
                changed.files[_key(path)] = ALL
    return changed


def _submodules(root: str) -> list[str]:
    """The checked-out submodules (nested ones too) as paths from the root, outermost first."""
    listed = _git(
        ["submodule", "foreach", "--quiet", "--recursive", 'printf "%s\\0" "$displaypath"'], root
    )
    if listed.returncode != 0:
        return []
    return sorted((os.fsdecode(p) for p in listed.stdout.split(b"\0") if p), key=len)


def _inside(path: str, folder: str) -> bool:
    """Whether ``path`` (relative to the root; "" is the root) is ``folder`` or below it."""
    return folder == "" or path == folder or path.startswith(folder + "/")


def _as_newslint_counts(path: str, lines: set[int]) -> set[int]:
    """git's changed line numbers of ``path`` as newslint numbers its lines: git ends a line
    at LF alone, newslint at a lone CR too (a classic Mac file, or a CR pasted into a line),
    so one git line may be several of newslint's."""
    from newslint.inputs import MAX_BYTES, read_regular_file

    try:  # bounded, and a FIFO cannot block the open
        data = read_regular_file(path, MAX_BYTES)
    except OSError:  # reading it for the check will say what is wrong
        return lines
    if b"\r" not in data:
        return lines
    out: set[int] = set()
    first = 1  # newslint's number of the first line of git's line ``number``
    for number, line in enumerate(data.split(b"\n"), 1):
        lone = line.count(b"\r") - line.endswith(b"\r")  # a CR before LF ends no line of its own
        if number in lines:
            out.update(range(first, first + lone + 1))
        first += lone + 1
    return out


def _key(path: str) -> str:
    """A file's identity: its folder resolved (symlinks, '..'), its own name kept."""
    absolute = os.path.abspath(path)
    return os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
