"""Writing a fixed story back into the user's file: the only place newslint writes copy.

What a write does, and why:

- **Symlinks** are written through: the link's target gets the new text and the link stays
  a link, as editors do. (A symlink met while walking a folder whose target lies outside that
  folder is not fixed at all: the runner checks that with ``outside``, so a content
  repository cannot point ``--fix`` at a file elsewhere on the machine.)
- **Atomic**: the new text goes to a temporary file beside the target (``.NAME.*.newslint-tmp``),
  is flushed to disk, gets the target's mode and owner, and is renamed over it; a reader sees
  the old file or the new one, never half of one.
- **Hard links and owners that cannot be restored** (a file with several links, or owned by
  another user when we are not root) are rewritten *in place*, because a rename would split
  the links or give the file to us. That step is not atomic, so it is made as safe as it can
  be: the full new text is first saved and flushed beside the file, the signals below are
  held off while the old inode is overwritten, and only then is the saved copy removed (after
  a power cut in the middle, that copy is the text to recover).
- **Read-only files** (no write permission bit, or no write access for this user) are refused.
- **Changed since read**: right before the rename, under the lock, the file on disk is read
  again and compared byte for byte with what the fix was computed from (and must still be the
  same inode); anything different (an editor saved, another run fixed it) is refused. A
  program that writes without taking the lock can still slip into the microseconds between
  that check and the rename; nothing short of mandatory locking closes that.
- **Lock**: an exclusive ``flock`` on the target for the whole write, so two newslint runs
  never interleave on one file; a run waits up to ``LOCK_WAIT_SECONDS`` and then refuses.
- **Signals**: SIGINT, SIGTERM and SIGHUP during the write abort it and remove the temporary
  file, then the signal is passed on to whatever handled it before (the CLI exits 130/143/129,
  a default disposition ends the process).

Every refusal is a WriteError: one line naming the file and the cause; the file is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl  # POSIX only, like pread/pwrite/fchown below: newslint writes on Linux and macOS
import os
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from newslint.inputs import InputError

if TYPE_CHECKING:
    from types import FrameType

    # What signal.signal() returns: a handler, SIG_DFL/SIG_IGN, or None (not set from Python).
    _Handler = Callable[[int, FrameType | None], Any] | int | None

TEMP_SUFFIX = ".newslint-tmp"
LOCK_WAIT_SECONDS = 10.0
# Test hook (real subprocesses, real signals): when set to a path, every write creates that
# file (holding the path being written) inside the write window, after the temporary file is
# flushed and before the final check, and waits until the file is removed.
PAUSE_ENV = "NEWSLINT_TEST_PAUSE_IN_WRITE"
INTERRUPTING_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class WriteError(InputError):
    """A file that was not written; the message is the one line the user sees."""


class Interrupted(BaseException):
    """SIGTERM or SIGHUP turned into an exception (like KeyboardInterrupt for SIGINT), so that
    cleanups run; ``exit_code`` is the shell's 128 + signal number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def outside(path: str, root: str) -> bool:
    """Whether ``path``, symlinks resolved, lies outside the folder ``root``."""
    real_root = os.path.realpath(root)
    return os.path.commonpath([os.path.realpath(path), real_root]) != real_root


def write_fixed(path: Path | str, payload: bytes, *, expected: bytes) -> None:
    """Replace the contents of ``path`` (through symlinks) with ``payload``, provided the file
    still holds exactly ``expected``. Raises WriteError, leaving the file as it was, if not."""
    shown = str(path)
    real = os.path.realpath(path)
    try:
        before = os.stat(real)
    except FileNotFoundError:
        raise WriteError(shown, "was deleted while it was being checked; not fixed") from None
    except OSError as exc:
        raise WriteError(shown, f"cannot be fixed ({exc.strerror or exc})") from None
    if not stat.S_ISREG(before.st_mode):
        raise WriteError(shown, "is not a regular file; not fixed")
    if not before.st_mode & 0o222 or not os.access(real, os.W_OK):
        # The mode bits as well: root may write anywhere, but a 0444 story is meant to stay.
        raise WriteError(shown, "is read-only; not fixed (make it writable to let --fix change it)")
    try:
        fd = os.open(real, os.O_RDWR)
    except FileNotFoundError:
        raise WriteError(shown, "was deleted while it was being checked; not fixed") from None
    except OSError as exc:
        raise WriteError(
            shown, f"cannot be opened for writing ({exc.strerror or exc}); not fixed"
        ) from None
    try:
        _lock(fd, shown)
        with _signals_abort(shown):
            _write_locked(shown, real, fd, payload, expected)
    finally:
        os.close(fd)  # closing also releases the lock


def _lock(fd: int, shown: str) -> None:
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise WriteError(
                    shown,
                    f"is locked by another newslint run (waited "
                    f"{LOCK_WAIT_SECONDS:g} s); not fixed",
                ) from None
            time.sleep(0.05)


def write_atomically(target: Path | str, payload: bytes) -> None:
    """Create or replace a file newslint owns (a baseline, a report) through a temporary
    file and a rename, its mode kept; symlinks written through. Raises OSError, also when
    what is there is not a regular file: the rename would replace a device (run as root,
    ``/dev/null``) or a FIFO with a plain file."""
    real = os.path.realpath(target)
    try:
        info = os.stat(real)
    except FileNotFoundError:  # a new file: the mode open() would give it, not mkstemp's 0600
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OSError(
            errno.EINVAL, "not a regular file (a device, FIFO or socket is never replaced)"
        )
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    with _signals_abort(str(target)):
        with _temporary_copy(real, payload) as (temp, temp_fd):
            if mode is not None:
                os.fchmod(temp_fd, mode)
            os.replace(temp, real)
        _fsync_directory(os.path.dirname(real))


def _umask() -> int:
    """The process's umask (read by setting it, so set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_output(target: Path | str, payload: bytes) -> None:
    """Write a report: into a device or a FIFO as a shell's ``>`` would (``/dev/stdout``, a
    pipe), anything else through ``write_atomically``. Raises OSError."""
    try:
        special = not stat.S_ISREG(os.stat(target).st_mode) and not os.path.isdir(target)
    except FileNotFoundError:
        special = False
    if not special:
        write_atomically(target, payload)
        return
    with open(target, "wb") as stream:
        stream.write(payload)


@contextmanager
def _temporary_copy(real: str, payload: bytes) -> Iterator[tuple[str, int]]:
    """``payload`` in a new file beside ``real``, flushed to disk; the file is removed on the
    way out unless the body renamed it, whatever ends the body (an error, a signal)."""
    import tempfile  # here: a run that writes nothing does not import it (start-up)

    directory, name = os.path.split(real)
    temp_fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=directory)
    try:
        with os.fdopen(temp_fd, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(temp_fd)
            yield temp, temp_fd
    finally:
        with contextlib.suppress(FileNotFoundError):  # renamed into place
            os.unlink(temp)


def _write_locked(shown: str, real: str, fd: int, payload: bytes, expected: bytes) -> None:
    """Under the lock: write the temporary file, check the target once more, then rename the
    temporary file over it (or copy it into the target's inode)."""
    original = os.fstat(fd)
    try:
        with _temporary_copy(real, payload) as (temp, temp_fd):
            in_place = (
                original.st_nlink > 1
                or not _take_owner_and_mode(temp_fd, original)
                or not _copy_extended_attributes(fd, temp_fd)
            )
            _pause_for_tests(real)
            _check_unchanged(shown, real, fd, original, expected)
            if in_place:
                try:
                    _overwrite(fd, payload)  # the temporary copy is removed on the way out
                except OSError as exc:  # the inode may hold part of each: keep the full text
                    kept = f"{real}.newslint-fixed"
                    os.replace(temp, kept)
                    raise WriteError(
                        shown,
                        f"was only partly rewritten ({exc.strerror or exc}); "
                        f"the fixed text is in {kept}",
                    ) from None
            else:
                os.replace(temp, real)
                _fsync_directory(os.path.dirname(real))
    except OSError as exc:  # no room, no permission on the folder...: the file is as it was
        raise WriteError(
            shown, f"could not be written ({exc.strerror or exc}); not fixed"
        ) from None


def _take_owner_and_mode(temp_fd: int, original: os.stat_result) -> bool:
    """Give the temporary file the target's owner, group and mode; False if the owner or
    group cannot be given (not root, another user's file), so the caller writes in place."""
    if (original.st_uid, original.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(temp_fd, original.st_uid, original.st_gid)
        except PermissionError:
            return False
    os.fchmod(temp_fd, stat.S_IMODE(original.st_mode))  # after chown, which clears setuid bits
    return True


def _copy_extended_attributes(source_fd: int, temp_fd: int) -> bool:
    """Give the temporary file the target's extended attributes (POSIX ACLs live there, as
    do SELinux labels and a desk's own user.* tags); False if one cannot be given (a
    system.* or security.* name without the right, a file system without them), so the
    caller writes in place and the inode keeps every attribute."""
    if not hasattr(os, "listxattr"):  # Linux only; elsewhere the rename keeps what it keeps
        return True
    try:
        names = os.listxattr(source_fd)
        for name in names:
            os.setxattr(temp_fd, name, os.getxattr(source_fd, name))
    except OSError:
        return False
    return True


def _check_unchanged(
    shown: str, real: str, fd: int, original: os.stat_result, expected: bytes
) -> None:
    try:
        now = os.stat(real)
    except FileNotFoundError:
        raise WriteError(shown, "was deleted while it was being fixed; not fixed") from None
    if (now.st_dev, now.st_ino) != (original.st_dev, original.st_ino) or _read_all(fd) != expected:
        raise WriteError(
            shown,
            "changed on disk while newslint was fixing it (saved by an editor "
            "or another run?); not fixed, run --fix again",
        )


def _read_all(fd: int) -> bytes:
    chunks, offset = [], 0
    while chunk := os.pread(fd, 1 << 20, offset):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _overwrite(fd: int, payload: bytes) -> None:
    """Copy ``payload`` into the target's own inode (hard links, foreign owner) with the
    interrupting signals held off, so it is never left half-written by one."""
    blocked = _block(INTERRUPTING_SIGNALS)
    try:
        view, offset = memoryview(payload), 0
        while offset < len(view):
            offset += os.pwrite(fd, view[offset:], offset)
        os.ftruncate(fd, len(payload))
        os.fsync(fd)
    finally:
        _block(blocked, unblock=True)


def _block(
    signals: tuple[signal.Signals, ...], unblock: bool = False
) -> tuple[signal.Signals, ...]:
    if not hasattr(signal, "pthread_sigmask") or not signals:
        return ()
    previous = signal.pthread_sigmask(signal.SIG_UNBLOCK if unblock else signal.SIG_BLOCK, signals)
    return tuple(s for s in signals if s not in previous)  # only those this call blocked


def _fsync_directory(directory: str) -> None:
    """Make the rename itself durable (a crash right after must not bring the old file back)."""
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


@contextmanager
def _signals_abort(shown: str) -> Iterator[None]:
    """During the write, SIGINT/SIGTERM/SIGHUP raise Interrupted (so the temporary file is
    removed); afterwards the signal goes to the handler that was there before, as if it had
    arrived just then. Signals the process ignores stay ignored. Only the main thread can
    install handlers; elsewhere the host's handling applies."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def abort(signum: int, frame: FrameType | None) -> NoReturn:
        raise Interrupted(signum)

    previous: dict[int, _Handler] = {}
    for signum in INTERRUPTING_SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            previous[signum] = signal.signal(signum, abort)
    try:
        yield
    except Interrupted as exc:
        if exc.signum not in previous:  # raised by a handler outside this window: pass it on
            raise
        _restore(previous)
        signal.raise_signal(exc.signum)  # the old handler decides: exit, KeyboardInterrupt...
        raise WriteError(shown, f"interrupted by {exc}; not fixed") from None
    finally:
        _restore(previous)


def _restore(previous: dict[int, _Handler]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
    previous.clear()


def _pause_for_tests(real: str) -> None:
    marker = os.environ.get(PAUSE_ENV)
    if not marker:
        return
    Path(marker).write_text(real)
    deadline = time.monotonic() + 60
    while os.path.exists(marker) and time.monotonic() < deadline:
        time.sleep(0.02)
