"""Reading user files safely: discovery, decoding, and one clear error per bad input."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

MAX_BYTES = 20 * 1024 * 1024
# Control characters that text files do not hold (tab, newline, form feed, return excepted).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
STDIN = "-"


class InputError(Exception):
    """A problem with one input; its message is the one line the user sees (after the path)."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


@dataclass(frozen=True)
class Source:
    path: str  # as the user will see it in findings
    text: str  # decoded, BOM removed, newlines normalised to "\n"
    # Offsets in ``text`` of the newlines that were CRLF in the file: what turns an offset
    # in ``text`` into one in the decoded file (fix edits are given in the file's own).
    crlf: tuple[int, ...] = ()

    @classmethod
    def from_decoded(cls, path: str, decoded: str) -> "Source":
        """A Source from decoded text whose line endings are still the file's own."""
        return cls(path, normalise_newlines(decoded), crlf_offsets(decoded))


def crlf_offsets(decoded: str) -> tuple[int, ...]:
    """Where each CRLF of ``decoded`` stands once newlines are normalised (one character)."""
    if "\r\n" not in decoded:
        return ()
    out = []
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


def decode(path: str, data: bytes) -> str:
    """The text of ``data``, newlines normalised (see ``decode_raw``)."""
    return normalise_newlines(decode_raw(path, data))


def decode_raw(path: str, data: bytes) -> str:
    """The text of ``data`` (UTF-8, BOM removed) with its line endings as they are."""
    if len(data) > MAX_BYTES:
        raise InputError(path, f"file is too large ({len(data) / 1048576:.1f} MiB; the limit is {MAX_BYTES // 1048576} MiB)")
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes); newslint reads UTF-8 text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "UTF-16 text is not supported; save the file as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}); save the file as UTF-8") from None
    controls = len(_CONTROL_RE.findall(text, 0, 8192))
    if controls > 8:
        raise InputError(path, "binary file (control characters); newslint reads UTF-8 text")
    return text


def read_path(path: Path, display: str | None = None) -> Source:
    shown = display or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(shown, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(shown, "is a directory") from None
    except PermissionError:
        raise InputError(shown, "permission denied") from None
    except OSError as exc:
        raise InputError(shown, exc.strerror or str(exc)) from None
    return Source.from_decoded(shown, decode_raw(shown, data))


def read_stdin(display: str, stream) -> Source:
    data = stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    return Source.from_decoded(display, decode_raw(display, data))


def discover(paths: Iterable[str], extensions: Iterable[str]) -> Iterator[str | InputError]:
    """Expand the user's paths: files as given, directories recursed for known extensions.

    Yields each file path, or an InputError for a path that is missing or holds nothing to
    check. Hidden folders and files are skipped inside directories.
    """
    wanted = tuple(extensions)
    for raw in paths:
        if raw == STDIN:
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name.lower().endswith(wanted):
                        found = True
                        yield os.path.join(root, name)
            if not found:
                yield InputError(raw, f"directory holds no files to check ({', '.join('*' + e for e in wanted)})")
        elif path.exists():
            yield raw
        else:
            yield InputError(raw, "no such file or directory")
