"""Inputs: encodings, line endings, stdin, directories and every kind of bad input."""

from __future__ import annotations

import json

from conftest import run_in_process, run_module

DOUBLED = "Floods closed the coast road on Monday after heavy rain.\n\nEngineers were called in.\n\nFloods closed the coast road on Monday after heavy rain.\n"


def test_crlf_cr_and_bom_keep_line_numbers(tmp_path):
    for name, data in {
        "crlf.txt": DOUBLED.replace("\n", "\r\n").encode(),
        "cr.txt": DOUBLED.replace("\n", "\r").encode(),
        "bom.txt": b"\xef\xbb\xbf" + DOUBLED.encode(),
    }.items():
        (tmp_path / name).write_bytes(data)
    proc = run_in_process("check", "--no-plugins", "--format", "json", str(tmp_path))
    files = json.loads(proc.stdout)["files"]
    assert len(files) == 3
    for entry in files:
        assert [(f["line"], f["column"]) for f in entry["findings"]] == [(5, 1)], entry["path"]


def test_stdin_with_filename_picks_the_parser():
    story = "# Heading\n\n```\nShare this post\n```\n\nShare this post\n"
    proc = run_in_process(
        "check",
        "--no-plugins",
        "--format",
        "json",
        "--stdin-filename",
        "story.md",
        "-",
        input=story,
    )
    entry = json.loads(proc.stdout)["files"][0]
    assert entry["path"] == "story.md"
    assert [f["line"] for f in entry["findings"]] == [7]
    assert proc.returncode == 1


def test_binary_file_is_one_error_line_and_other_files_still_checked(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "story.txt").write_text(DOUBLED)
    proc = run_in_process(
        "check", "--no-plugins", str(tmp_path / "photo.txt"), str(tmp_path / "story.txt")
    )
    assert proc.returncode == 2
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 1 and "photo.txt" in errors[0] and "binary" in errors[0]
    assert "Traceback" not in proc.stderr
    assert "story.txt:5:1" in proc.stdout


def test_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("First line\nCaf\xe9 society\n".encode("latin-1"))
    proc = run_in_process("check", "--no-plugins", str(path))
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "latin1.txt" in proc.stderr and "UTF-8" in proc.stderr and "line 2" in proc.stderr


def test_missing_path(tmp_path):
    proc = run_in_process("check", "--no-plugins", str(tmp_path / "nope.md"))
    assert proc.returncode == 2
    assert (
        proc.stderr.strip() == f"newslint: error: {tmp_path / 'nope.md'}: no such file or directory"
    )


def test_directory_without_text_files(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    proc = run_in_process("check", "--no-plugins", str(tmp_path))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert (
        len(lines) == 1 and "holds no files to check" in lines[0] and "Traceback" not in proc.stderr
    )


def test_huge_file_is_refused_with_a_clear_line(tmp_path, monkeypatch):
    from newslint import inputs

    monkeypatch.setattr(inputs, "MAX_BYTES", 1000)
    try:
        inputs.decode("big.txt", b"word " * 1000)
    except inputs.InputError as exc:
        assert "too large" in str(exc) and str(exc).startswith("big.txt:")
    else:
        raise AssertionError("a file over the limit was accepted")


def test_directories_skip_hidden_folders_and_unknown_extensions(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("Share this post\n")
    (tmp_path / "data.csv").write_text("Share this post\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.markdown").write_text("Share this post\n")
    proc = run_in_process("check", "--no-plugins", "--format", "json", str(tmp_path))
    paths = [f["path"] for f in json.loads(proc.stdout)["files"]]
    assert len(paths) == 1 and paths[0].endswith("story.markdown")


def test_a_named_file_with_an_unknown_extension_is_plain_text(tmp_path):
    path = tmp_path / "story.body"
    path.write_text("Advertisement\n")
    proc = run_in_process("check", "--no-plugins", str(path))
    assert f"{path}:1:1: warning [debris]" in proc.stdout


# --- reads bounded before they start: special files, sizes, stdin ------------------------


def _special_files(folder):
    """A FIFO, a symlink to /dev/zero and a socket, each named like a story."""
    import os
    import socket

    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.md").symlink_to("/dev/zero")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.html"))
    return server


def test_special_files_in_a_folder_are_skipped_with_one_line_each(tmp_path):
    server = _special_files(tmp_path)
    try:
        (tmp_path / "story.txt").write_text(DOUBLED)
        proc = run_module("check", "--no-plugins", str(tmp_path))
    finally:
        server.close()
    assert proc.returncode == 1  # the story's finding; skipping is not an error
    lines = proc.stderr.strip().splitlines()
    assert sorted(lines) == sorted(
        [
            f"newslint: skipped {tmp_path / 'pipe.txt'}: a FIFO, not a regular file",
            f"newslint: skipped {tmp_path / 'sock.html'}: a socket, not a regular file",
            f"newslint: skipped {tmp_path / 'zero.md'}: a symlink to a device, not a regular file",
        ]
    )
    assert "story.txt:5:1" in proc.stdout


def test_a_named_special_file_is_an_error_line_and_exit_2(tmp_path):
    server = _special_files(tmp_path)
    try:
        for name, kind in (
            ("pipe.txt", "a FIFO"),
            ("zero.md", "a symlink to a device"),
            ("sock.html", "a socket"),
        ):
            proc = run_module("check", "--no-plugins", str(tmp_path / name))
            assert proc.returncode == 2, name
            assert proc.stderr.strip() == (
                f"newslint: error: {tmp_path / name}: is {kind}, "
                "not a regular file; newslint reads text files"
            )
    finally:
        server.close()


def test_the_size_is_checked_before_reading(tmp_path):
    # A sparse 8 GiB file: read whole, it would take minutes and all the memory.
    path = tmp_path / "huge.txt"
    with open(path, "wb") as stream:
        stream.truncate(8 << 30)
    proc = run_module("check", "--no-plugins", str(path))
    assert proc.returncode == 2
    assert (
        proc.stderr.strip()
        == f"newslint: error: {path}: file is too large (8192.0 MiB; the limit is 20 MiB)"
    )


def test_endless_stdin_is_capped():
    import subprocess
    import sys

    with open("/dev/zero", "rb") as endless:
        proc = subprocess.run(
            [sys.executable, "-m", "newslint", "check", "--no-plugins", "-"],
            stdin=endless,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 2
    assert (
        proc.stderr.strip()
        == "newslint: error: <stdin>: file is too large (more than 20 MiB; the limit is 20 MiB)"
    )


def test_utf16_with_a_bom_is_read_with_exact_positions(tmp_path):
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes("\ufeff".encode(encoding) + DOUBLED.replace("\n", "\r\n").encode(encoding))
        proc = run_in_process("check", "--no-plugins", "--format", "json", str(path))
        (entry,) = json.loads(proc.stdout)["files"]
        assert [(f["rule"], f["line"], f["column"]) for f in entry["findings"]] == [
            ("duplicate-paragraph", 5, 1)
        ]


def test_utf16_without_a_bom_is_one_clear_line(tmp_path):
    path = tmp_path / "nobom.txt"
    path.write_bytes(DOUBLED.encode("utf-16-le"))
    proc = run_in_process("check", "--no-plugins", str(path))
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        f"newslint: error: {path}: UTF-16 text without a byte-order mark; "
        "save the file as UTF-8 (or as UTF-16 with a BOM)"
    )


def test_fix_leaves_a_utf16_file_alone_with_one_line(tmp_path):
    path = tmp_path / "story.txt"
    data = "\ufeffThe the minister spoke.\n".encode("utf-16-le")
    path.write_bytes(data)
    proc = run_in_process("check", "--no-plugins", "--fix", str(path))
    assert proc.returncode == 2
    assert "is UTF-16 text; --fix writes only UTF-8 files, so it was not fixed" in proc.stderr
    assert path.read_bytes() == data
