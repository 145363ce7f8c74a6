"""How --fix writes a user's file (newslint/writing.py): through symlinks, keeping hard links,
mode and owner, refusing read-only files and files changed under it, locked against a second
run, and leaving no temporary file behind whatever signal ends it.

The tests that are about processes, locks and signals run real ``python -m newslint``
subprocesses and pause them inside the write window with the NEWSLINT_TEST_PAUSE_IN_WRITE
hook: the writer creates the marker file there and waits until the test removes it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint.cli import main
from newslint.writing import PAUSE_ENV, TEMP_SUFFIX, WriteError, write_fixed

STORY = "Share this post\nThe mayor  resigned on Friday.\n"
FIXED = "The mayor resigned on Friday.\n"
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def fix(*paths) -> Run:
    """``newslint check --fix`` in this process (real files; no signals or locks involved)."""
    result = CliRunner().invoke(main, ["check", "--no-plugins", "--fix", *map(str, paths)])
    return Run(result.exit_code, result.stdout, result.stderr)


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if TEMP_SUFFIX in p.name]


@pytest.fixture
def start():
    """Start real ``newslint check --no-plugins --fix`` runs; any still running when the test
    ends (it failed) are killed. ``pause_at`` makes each write wait until that marker is gone."""
    started: list[subprocess.Popen] = []

    def launch(*args, pause_at: Path | None = None) -> subprocess.Popen:
        env = {**os.environ, **({PAUSE_ENV: str(pause_at)} if pause_at else {})}
        proc = subprocess.Popen(
            [sys.executable, "-m", "newslint", "check", "--no-plugins", "--fix", *map(str, args)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(proc)
        return proc

    yield launch
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def wait_for_pause(marker: Path, proc: subprocess.Popen) -> str:
    """Wait until ``proc`` is inside a write; returns the path it is writing."""
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, f"ended before writing: {proc.communicate()}"
        assert time.monotonic() < deadline, "never reached the write"
        time.sleep(0.02)
    time.sleep(0.05)  # the marker's text is written just after it is created
    return marker.read_text()


def wait_until_holding(proc: subprocess.Popen, path: Path) -> None:
    """Wait until ``proc`` holds ``path`` open (it read it and waits for the lock): on a
    loaded machine a run can take seconds just to start, and one that read the file only
    after another run fixed it would rightly fix it again. Without /proc, wait a second."""
    if not Path(f"/proc/{proc.pid}/fd").exists():
        time.sleep(1)
        return
    real, seen, deadline = os.path.realpath(path), 0, time.monotonic() + 60
    while seen < 2:  # twice, 0.1 s apart: not the moment of reading, the wait for the lock
        assert proc.poll() is None, f"ended before waiting for the lock: {proc.communicate()}"
        assert time.monotonic() < deadline, "never opened the file"
        try:
            fds = os.listdir(f"/proc/{proc.pid}/fd")
            holding = any(_fd_target(proc.pid, fd) == real for fd in fds)
        except OSError:
            holding = False
        seen = seen + 1 if holding else 0
        time.sleep(0.1)


def _fd_target(pid: int, fd: str) -> str | None:
    try:
        return os.readlink(f"/proc/{pid}/fd/{fd}")
    except OSError:
        return None


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    (tmp_path / "desk").mkdir()
    target = tmp_path / "desk" / "story.txt"
    target.write_text(STORY)
    link = tmp_path / "story.txt"
    link.symlink_to(Path("desk") / "story.txt")
    proc = fix(link)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == os.path.join("desk", "story.txt")
    assert target.read_text() == FIXED
    assert leftovers(tmp_path) == []


def test_a_symlink_found_in_a_folder_and_pointing_outside_it_is_not_fixed(tmp_path):
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(STORY)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "story.txt").write_text(STORY)
    (repo / "escape.txt").symlink_to(outside)
    (repo / "inside.txt").symlink_to(repo / "story.txt")  # same file as story.txt: read once
    proc = fix(repo)
    assert outside.read_text() == STORY
    assert (repo / "story.txt").read_text() == FIXED
    errors = [line for line in proc.stderr.splitlines() if "error" in line]
    assert errors == [
        f"newslint: error: {repo / 'escape.txt'}: is a symlink to a file outside {repo}; not fixed"
    ]
    assert proc.returncode == 2
    # Named on the command line, the link is the user's choice and is written through.
    assert fix(repo / "escape.txt").returncode == 0 and outside.read_text() == FIXED


def test_hard_links_stay_one_file(tmp_path):
    first, second = tmp_path / "story.txt", tmp_path / "copy.txt"
    first.write_text(STORY)
    os.link(first, second)
    proc = fix(first)
    assert proc.returncode == 0, proc.stderr
    assert second.read_text() == FIXED
    assert os.stat(first).st_ino == os.stat(second).st_ino and os.stat(first).st_nlink == 2
    assert leftovers(tmp_path) == []


@as_root
@pytest.mark.parametrize("links", [1, 2], ids=["renamed", "in-place"])
def test_mode_and_owner_are_kept(tmp_path, links):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    if links == 2:
        os.link(path, tmp_path / "copy.txt")
    os.chown(path, 1234, 4321)  # no such user needed: an owner is a number
    os.chmod(path, 0o2640)  # setgid too: chown would clear it if done after chmod
    assert fix(path).returncode == 0
    info = os.stat(path)
    assert path.read_text() == FIXED
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (1234, 4321, 0o2640)


needs_xattrs = pytest.mark.skipif(not hasattr(os, "setxattr"), reason="Linux extended attributes")


@needs_xattrs
def test_extended_attributes_are_kept(tmp_path):
    # POSIX ACLs and SELinux labels are extended attributes too; a user.* one stands for them.
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    os.setxattr(path, "user.desk", b"metro")
    inode = os.stat(path).st_ino
    assert fix(path).returncode == 0
    assert path.read_text() == FIXED and os.getxattr(path, "user.desk") == b"metro"
    assert os.stat(path).st_ino != inode  # written by rename: the copy took the attribute


@needs_xattrs
def test_an_attribute_that_cannot_be_copied_means_writing_in_place(tmp_path, monkeypatch):
    path = tmp_path / "story.txt"
    path.write_bytes(b"Old text.\n")
    os.setxattr(path, "user.desk", b"metro")
    inode = os.stat(path).st_ino

    def refuse(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "setxattr", refuse)
    write_fixed(path, b"New text.\n", expected=b"Old text.\n")
    assert path.read_bytes() == b"New text.\n" and os.stat(path).st_ino == inode
    assert os.getxattr(path, "user.desk") == b"metro" and leftovers(tmp_path) == []


def test_a_read_only_file_is_refused_and_the_others_are_fixed(tmp_path):
    locked, free = tmp_path / "locked.txt", tmp_path / "free.txt"
    locked.write_text(STORY)
    free.write_text(STORY)
    locked.chmod(0o444)
    proc = fix(locked, free)
    assert locked.read_text() == STORY and free.read_text() == FIXED
    assert f"newslint: error: {locked}: is read-only; not fixed" in proc.stderr
    assert proc.returncode == 2
    assert f"{locked}:1:1: warning [debris]" in proc.stdout  # still reported


@pytest.mark.parametrize("how", ["rewritten", "replaced"])
def test_a_file_changed_just_before_the_rename_is_not_overwritten(tmp_path, start, how):
    path, marker = tmp_path / "story.txt", tmp_path / "marker"
    path.write_text(STORY)
    proc = start(path, pause_at=marker)
    wait_for_pause(marker, proc)
    saved = "Share this post\nThe editor's new lede.\n"
    if how == "rewritten":  # the same inode, new bytes
        path.write_text(saved)
    else:  # an editor's save: a new file renamed over it
        (tmp_path / "saved").write_text(saved)
        os.replace(tmp_path / "saved", path)
    marker.unlink()
    code, _, err = finish(proc)
    assert path.read_text() == saved
    assert code == 2 and "changed on disk while newslint was fixing it" in err
    assert leftovers(tmp_path) == []


def test_the_final_check_compares_bytes(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    with pytest.raises(WriteError, match="changed on disk"):
        write_fixed(path, FIXED.encode(), expected=STORY.replace("Friday", "Monday").encode())
    assert path.read_text() == STORY
    write_fixed(path, FIXED.encode(), expected=STORY.encode())
    assert path.read_text() == FIXED


def test_two_runs_do_not_interleave_on_one_file(tmp_path, start):
    """Run A holds the file (paused inside its write); run B, fixing other problems of the
    same file, must wait for it and then see that the file changed, not overwrite A's fix
    with a version computed from the old text."""
    path, marker = tmp_path / "story.txt", tmp_path / "marker"
    path.write_text(STORY)
    first = start(path, "--select", "whitespace", pause_at=marker)
    wait_for_pause(marker, first)
    second = start("--select", "debris", path)
    wait_until_holding(second, path)  # without a lock B would finish instead
    assert path.read_text() == STORY
    marker.unlink()
    assert finish(first)[0] == 0
    code, _, err = finish(second)
    assert path.read_text() == "Share this post\nThe mayor resigned on Friday.\n"  # A's fix, whole
    assert code == 2 and "changed on disk" in err
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "signum, code, links",
    [(signal.SIGTERM, 143, 1), (signal.SIGINT, 130, 2), (signal.SIGHUP, 129, 1)],
    ids=["TERM", "INT-in-place", "HUP"],
)
def test_a_signal_in_the_write_leaves_no_temporary_file(tmp_path, start, signum, code, links):
    path, marker = tmp_path / "story.txt", tmp_path / "marker"
    path.write_text(STORY)
    if links == 2:
        os.link(path, tmp_path / "copy.txt")
    proc = start(path, pause_at=marker)
    wait_for_pause(marker, proc)
    assert leftovers(tmp_path)  # the temporary file exists at this point
    proc.send_signal(signum)
    returncode, _, err = finish(proc)
    marker.unlink()
    assert returncode == code
    assert err.strip().splitlines()[-1] == (
        f"newslint: error: interrupted ({signal.Signals(signum).name}); "
        "no file was left half-written"
    )
    assert "Traceback" not in err
    assert path.read_text() == STORY
    assert leftovers(tmp_path) == []


def test_a_file_deleted_or_replaced_mid_run_is_one_line_and_the_rest_is_reported(tmp_path, start):
    first, second, third = (tmp_path / f"{name}.txt" for name in ("a", "b", "c"))
    for path in (first, second, third):
        path.write_text(STORY)
    marker = tmp_path / "marker"
    proc = start(first, second, third, pause_at=marker)
    assert wait_for_pause(marker, proc) == str(first)
    third.unlink()
    third.mkdir()  # c.txt is now a folder: it cannot be read to be fixed
    marker.unlink()
    assert wait_for_pause(marker, proc) == str(second)
    first.unlink()  # fixed and checked again already (one file at a time): its report stands
    marker.unlink()
    code, out, err = finish(proc)
    assert code == 2
    errors = [line for line in err.splitlines() if "error" in line]
    assert errors == [f"newslint: error: {third}: cannot be fixed (Is a directory); not fixed"]
    assert second.read_text() == FIXED
    assert f"{third}:1:1: warning [debris]" in out  # found before it was replaced
    assert "Traceback" not in err
    assert leftovers(tmp_path) == []


def test_a_file_locked_by_another_run_is_refused_after_the_wait(tmp_path, monkeypatch):
    import fcntl

    import newslint.writing

    path = tmp_path / "story.txt"
    path.write_text(STORY)
    monkeypatch.setattr(newslint.writing, "LOCK_WAIT_SECONDS", 0.2)
    with open(path, "rb") as other_run:  # another open file: flock conflicts as between processes
        fcntl.flock(other_run, fcntl.LOCK_EX)
        with pytest.raises(WriteError, match="is locked by another newslint run"):
            write_fixed(path, FIXED.encode(), expected=STORY.encode())
    assert path.read_text() == STORY and leftovers(tmp_path) == []


def test_a_file_deleted_before_the_write_is_refused(tmp_path):
    path = tmp_path / "story.txt"
    with pytest.raises(WriteError, match="was deleted while it was being checked"):
        write_fixed(path, FIXED.encode(), expected=STORY.encode())
    assert list(tmp_path.iterdir()) == []


def test_a_host_program_keeps_its_own_signal_handling(tmp_path):
    """Outside the CLI (a CMS calling the runner), SIGTERM keeps its default meaning (the
    process ends, killed by the signal) and still leaves no temporary file behind."""
    path, marker = tmp_path / "story.txt", tmp_path / "marker"
    path.write_text(STORY)
    host = (
        "from newslint.runner import CheckRequest, run_check\n"
        f"run_check(CheckRequest(paths=[{str(path)!r}], fix=True, entry_points=False))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", host],
        env={**os.environ, PAUSE_ENV: str(marker)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_pause(marker, proc)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGTERM, err
    assert path.read_text() == STORY
    assert leftovers(tmp_path) == []
