"""Reading user files safely: discovery, decoding, and one clear error per bad input.

Reads are bounded before they start: a file's kind and size are checked on the open file
(so a FIFO, a device or a socket, or a symlink to one, is refused without blocking on it or
reading it), and no more than the limit plus one byte is ever read, from a file or stdin.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from newslint.lazy import lazy_compile

MAX_BYTES = 20 * 1024 * 1024
# Control characters that text files do not hold (tab, newline, form feed, return excepted).
_CONTROL_RE = lazy_compile("[\x00-\x08\x0b\x0e-\x1f]")
STDIN = "-"


class InputError(Exception):
    """A problem with one input; its message is the one line the user sees (after the path)."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


@dataclass(frozen=True)
class Source:
    """One story to check: its name and its decoded text."""

    path: str  # as the user will see it in findings
    text: str  # decoded, BOM removed, newlines normalised to "\n"
    # Offsets in ``text`` of the newlines that were CRLF in the file: what turns an offset
    # in ``text`` into one in the decoded file (fix edits are given in the file's own).
    crlf: tuple[int, ...] = ()

    @classmethod
    def from_decoded(cls, path: str, decoded: str) -> Source:
        """A Source from decoded text whose line endings are still the file's own."""
        return cls(path, normalise_newlines(decoded), crlf_offsets(decoded))


def crlf_offsets(decoded: str) -> tuple[int, ...]:
    """Where each CRLF of ``decoded`` stands once newlines are normalised (one character)."""
    if "\r\n" not in decoded:
        return ()
    out: list[int] = []
    at = decoded.find("\r\n")
    while at != -1:
        out.append(at - len(out))
        at = decoded.find("\r\n", at + 2)
    return tuple(out)


def normalise_newlines(text: str) -> str:
    # Only line endings change, so line and column numbers stay those of the original file.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _too_large(path: str, size: int | None = None) -> InputError:
    amount = (
        f"{size / 1048576:.1f} MiB" if size is not None else f"more than {MAX_BYTES // 1048576} MiB"
    )
    return InputError(
        path, f"file is too large ({amount}; the limit is {MAX_BYTES // 1048576} MiB)"
    )


def _looks_like_utf16(sample: bytes) -> bool:
    """NUL bytes nearly all on one side of each byte pair: UTF-16 text without its BOM."""
    evens, odds = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    return pairs > 0 and max(evens, odds) >= 0.3 * pairs and min(evens, odds) <= 0.05 * pairs


def decode(path: str, data: bytes) -> str:
    """The text of ``data``, newlines normalised (see ``decode_raw``)."""
    return normalise_newlines(decode_raw(path, data))


def decode_raw(path: str, data: bytes) -> str:
    """The text of ``data`` (UTF-8, or UTF-16 with a BOM; BOM removed) with its line endings
    as they are."""
    if len(data) > MAX_BYTES:
        raise _too_large(path, len(data))
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise InputError(path, "UTF-32 text is not supported; save the file as UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Newsroom tools on Windows save "Unicode" text as UTF-16 with a byte-order mark.
        try:
            text = data.decode("utf-16")  # reads and drops the BOM
        except UnicodeDecodeError as exc:
            raise InputError(
                path, f"not valid UTF-16 ({exc.reason} at byte {exc.start}); save the file as UTF-8"
            ) from None
        if "\x00" in text[:8192] or len(_CONTROL_RE.findall(text, 0, 8192)) > 8:
            raise InputError(
                path, "binary file (control characters); newslint reads UTF-8 or UTF-16 text"
            )
        return text[1:] if text.startswith("\ufeff") else text
    if b"\x00" in data[:8192]:
        if _looks_like_utf16(data[:8192]):
            raise InputError(
                path,
                "UTF-16 text without a byte-order mark; save the file as UTF-8 "
                "(or as UTF-16 with a BOM)",
            )
        raise InputError(path, "binary file (contains NUL bytes); newslint reads UTF-8 text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}); save the file as UTF-8",
        ) from None
    controls = len(_CONTROL_RE.findall(text, 0, 8192))
    if controls > 8:
        raise InputError(path, "binary file (control characters); newslint reads UTF-8 text")
    return text


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO", "a device"...), or None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def special_file(path: str | Path) -> str | None:
    """What ``path`` is when it is not a regular file or a symlink to one ("a FIFO", "a
    symlink to a device"), or None; raises OSError when it cannot be looked at."""
    kind = special_kind(os.stat(path).st_mode)
    if kind is not None and kind != "a directory" and os.path.islink(path):
        kind = f"a symlink to {kind}"
    return kind


def _not_regular(path: str, kind: str) -> InputError:
    if kind == "a directory":
        return InputError(path, "is a directory")
    return InputError(path, f"is {kind}, not a regular file; newslint reads text files")


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit:
        chunk = os.read(fd, min(limit - size, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


# Opening without blocking: a FIFO that slipped in between the check and the open must
# not hang the run (its kind is checked again on the open file).
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotRegularFile(OSError):
    """A FIFO, a socket, a device or a folder (``kind`` says which) where a file was wanted."""

    def __init__(self, kind: str) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({kind}, never read)")
        self.kind = kind


class FileTooLarge(OSError):
    """A file over the limit: ``size`` from its metadata, or None when it grew while read."""

    def __init__(self, size: int | None, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {limit / 1048576:g} MiB, not read")
        self.size = size


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file (symlinks followed) of at most ``limit`` bytes.

    The one bounded read of the project (stories, configs, vocabulary files, baselines):
    its kind and size are checked before it is opened and again on the open file, it is
    opened without blocking (a FIFO swapped in between cannot hang the run), and never more
    than ``limit`` + 1 bytes are read (a file growing as it is read, or a /proc file that
    says it is empty, stops there). Raises NotRegularFile, FileTooLarge or another OSError.
    """
    kind = special_file(path)
    if kind is not None:  # a socket cannot even be opened: say what it is first
        raise NotRegularFile(kind)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        kind = special_kind(info.st_mode)
        if kind is not None:
            raise NotRegularFile(kind)
        if info.st_size > limit:
            raise FileTooLarge(info.st_size, limit)
        data = _read_at_most(fd, limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileTooLarge(None, limit)
    return data


def read_path(path: Path, display: str | None = None) -> Source:
    """Read and decode one file: only a regular file (symlinks followed), only when its size
    is within the limit, and never more than the limit plus one byte."""
    shown = display or str(path)
    try:
        data = read_regular_file(path, MAX_BYTES)
    except NotRegularFile as exc:
        raise _not_regular(shown, exc.kind) from None
    except FileTooLarge as exc:
        raise _too_large(shown, exc.size) from None
    except FileNotFoundError:
        raise InputError(shown, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(shown, "is a directory") from None
    except PermissionError:
        raise InputError(shown, "permission denied") from None
    except OSError as exc:
        raise InputError(shown, exc.strerror or str(exc)) from None
    return Source.from_decoded(shown, decode_raw(shown, data))


class InputStream(Protocol):
    """What standard input is read through: a binary stream, or a text one (encoded back)."""

    def read(self, size: int = -1, /) -> bytes | str: ...


def read_stdin(display: str, stream: InputStream) -> Source:
    data = stream.read(MAX_BYTES + 1)  # no more than the limit plus one byte, however long stdin is
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if len(data) > MAX_BYTES:
        raise _too_large(display)
    return Source.from_decoded(display, decode_raw(display, data))


@dataclass(frozen=True)
class Skipped:
    """A file in a scanned folder that is not a regular file (a FIFO, a device, a socket, or
    a symlink to one): it is not read, and the run says so in one line and goes on."""

    path: str
    kind: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.kind}, not a regular file"


def git_visible(folder: Path) -> frozenset[str] | None:
    """The files git lists under ``folder`` (tracked, and untracked but not ignored), as paths
    relative to it; None when ``folder`` is not in a git work tree (or git is missing).

    Git is asked rather than .gitignore files read here: it alone knows every source of
    ignore rules (nested .gitignore files, negations, .git/info/exclude, the user's global
    excludes file) and which ignored-looking files are tracked anyway, in one subprocess a
    folder named on the command line.
    """
    import subprocess

    try:
        listed = subprocess.run(
            ["git", "-C", str(folder), "ls-files", "-co", "--exclude-standard", "-z", "--", "."],
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if listed.returncode != 0:  # not a work tree, or inside .git
        return None
    return frozenset(
        os.path.normpath(os.fsdecode(name)) for name in listed.stdout.split(b"\0") if name
    )


def hidden(path: str, is_dir: bool = False) -> bool:
    """A hidden file or folder (its name starts with a point): what a walk leaves out when
    no config says otherwise (the gitignore pattern ``.*``)."""
    return os.path.basename(os.path.abspath(path)).startswith(".")


def discover(
    paths: Iterable[str],
    extensions: Iterable[str],
    *,
    respect_gitignore: bool = True,
    excluded: Callable[[str, bool], bool] = hidden,
) -> Iterator[str | InputError | Skipped]:
    """Expand the user's paths: files as given, directories recursed for known extensions.

    Yields each file path, an InputError for a path that is missing or holds nothing to
    check (and for a folder inside it that cannot be listed), or Skipped for a FIFO, device
    or socket (or a symlink to one) inside a directory
    (named on the command line, such a file is an error, from ``read_path``). Inside
    directories, the folders and files ``excluded(path, is_dir)`` names are skipped (by
    default hidden ones; the config's exclude keys, see newslint/exclusion.py), and so are
    files git ignores when a directory is in a git work tree (``respect_gitignore``); a file
    named on the command line is read whatever git says.
    """
    wanted = tuple(extensions)
    for raw in paths:
        if raw == STDIN:
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            unlisted: list[OSError] = []  # os.walk passes over a folder it cannot list in silence
            visible = git_visible(path) if respect_gitignore else None
            for root, dirs, files in os.walk(path, onerror=unlisted.append):
                dirs[:] = sorted(d for d in dirs if not excluded(os.path.join(root, d), True))
                for name in sorted(files):
                    if (
                        visible is not None
                        and os.path.relpath(os.path.join(root, name), path) not in visible
                    ):
                        continue  # ignored by git (a build folder, a scratch copy)
                    full = os.path.join(root, name)
                    if name.lower().endswith(wanted) and not excluded(full, False):
                        found = True
                        try:
                            kind = special_file(full)
                        except OSError:  # a broken symlink: read_path names the problem
                            kind = None
                        yield full if kind is None else Skipped(full, kind)
            for error in unlisted:
                found = True
                yield InputError(
                    os.fsdecode(error.filename or raw),
                    f"folder cannot be read ({error.strerror or error}); its files were not checked",
                )
            if not found:
                yield InputError(
                    raw, f"directory holds no files to check ({', '.join('*' + e for e in wanted)})"
                )
        elif path.exists():
            yield raw
        else:
            yield InputError(raw, "no such file or directory")
