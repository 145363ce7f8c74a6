"""The CLI contract (docs/design.md, docs/output.md): formats, selection, exit codes, rule docs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO, run_in_process, run_module

from newslint.plugins import build_registry

STORY = "Advertisement\n\nThe mayor  resigned on Friday.\n"


def test_json_contract(cli):
    result = cli(
        "check",
        "--no-plugins",
        "--format",
        "json",
        "--stdin-filename",
        "stories/talks.txt",
        "-",
        input=STORY,
    )
    data = json.loads(result.output)
    assert data["version"] and set(data) >= {"version", "files", "summary"}
    (entry,) = data["files"]
    assert entry["path"] == "stories/talks.txt"
    debris = entry["findings"][0]
    assert set(debris) >= {
        "rule",
        "category",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "suggestions",
    }
    assert (
        debris["rule"],
        debris["category"],
        debris["line"],
        debris["column"],
        debris["end_column"],
    ) == ("debris", "debris", 1, 1, 14)
    assert data["summary"] == {
        "files": 1,
        "findings": 2,
        "by_severity": {"info": 1, "warning": 1},
        "errors": 0,
        "fixable": {"safe": 2, "unsafe": 0},
    }
    assert result.exit_code == 1


def test_clean_file_appears_with_empty_findings_and_exit_0(cli):
    result = cli(
        "check", "--no-plugins", "--format", "json", "-", input="The mayor resigned on Friday.\n"
    )
    assert json.loads(result.output)["files"][0]["findings"] == []
    assert result.exit_code == 0


def test_text_format_and_summary(cli):
    result = cli("check", "--no-plugins", "-", input=STORY)
    lines = result.output.splitlines()
    assert lines[0].startswith("<stdin>:1:1: warning [debris] 'Advertisement'")
    assert lines[1] == "<stdin>:3:10: info [doubled-space] Doubled space between words"
    assert lines[-2] == "2 findings (1 info, 1 warning) in 1 file"
    assert lines[-1] == "[*] 2 fixable with --fix"
    assert "\033[" not in result.output  # colour only on a terminal


def test_fail_on_controls_the_exit_code(cli):
    info_only = "The mayor  resigned on Friday.\n"
    assert cli("check", "--no-plugins", "-", input=info_only).exit_code == 0
    assert cli("check", "--no-plugins", "--fail-on", "info", "-", input=info_only).exit_code == 1
    assert cli("check", "--no-plugins", "--fail-on", "error", "-", input=STORY).exit_code == 0


def test_select_and_ignore_take_ids_and_categories(cli):
    only_ws = cli(
        "check", "--no-plugins", "--format", "json", "--select", "whitespace", "-", input=STORY
    )
    assert {f["rule"] for f in json.loads(only_ws.output)["files"][0]["findings"]} == {
        "doubled-space"
    }
    no_debris = cli(
        "check", "--no-plugins", "--format", "json", "--ignore", "debris", "-", input=STORY
    )
    assert {f["rule"] for f in json.loads(no_debris.output)["files"][0]["findings"]} == {
        "doubled-space"
    }


def test_unknown_selector_is_a_usage_error(cli):
    result = cli("check", "--no-plugins", "--select", "no-such-rule", "-", input=STORY)
    assert result.exit_code == 2
    assert "unknown rule or category 'no-such-rule'" in result.output


def test_no_paths_is_a_usage_error(cli):
    result = cli("check")
    assert result.exit_code == 2 and "no paths given" in result.output


def test_rules_lists_every_rule_and_prints_docs(cli):
    listing = cli("rules").output
    registry = build_registry()
    for rule in registry.rules.values():
        assert re.search(
            rf"^{re.escape(rule.id)}\s+{rule.category}\s+{rule.severity}", listing, re.M
        )
    doc = cli("rules", "duplicate-paragraph").output
    assert "## Wrong" in doc and "## Right" in doc and "min-words = 3" in doc
    assert cli("rules", "nope").exit_code == 2


def test_readme_rule_table_matches_newslint_rules():
    readme = (REPO / "README.md").read_text()
    rows = dict(re.findall(r"^\| `([^`]+)` \| (\w+) \| \w+ \|", readme, re.M))
    builtin = {r.id: r.category for r in build_registry(entry_points=False).rules.values()}
    assert rows == builtin


def test_python_dash_m_is_the_same_program():
    proc = run_module("--version")
    assert proc.returncode == 0 and "newslint" in proc.stdout
    proc = run_module("check", "--no-plugins", "-", input="Thumbnail\n")
    assert proc.returncode == 1 and "[debris]" in proc.stdout


def test_import_does_no_work():
    import subprocess
    import sys

    code = "import sys, newslint; print(sorted(m for m in sys.modules if m.startswith('newslint')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip() == "['newslint']"


def test_readme_cli_reference_names_every_option(cli):
    readme = (REPO / "README.md").read_text()
    reference = readme.split("## CLI reference", 1)[1].split("\n## ", 1)[0]
    for command in ("check", "rules"):
        help_text = cli(command, "--help").output
        for option in set(re.findall(r"^\s+(--[a-z-]+)", help_text, re.M)) - {"--help"}:
            assert option in reference, f"README's CLI reference lacks {command} {option}"


def test_json_output_survives_a_plugin_putting_any_value_in_data():
    from pathlib import Path as P

    from newslint.model import FileResult, Finding
    from newslint.output import Report, render

    finding = Finding(
        "acme/x",
        "style",
        "warning",
        "m",
        line=1,
        column=1,
        end_line=1,
        end_column=2,
        data={"where": P("stories/a.md"), "seen": {1, 2}.__len__()},
    )
    out = json.loads(render("json", Report([FileResult("a.md", [finding])])))
    assert out["files"][0]["findings"][0]["data"] == {"where": "stories/a.md", "seen": 2}


def test_an_unexpected_error_is_one_line_not_a_traceback(cli, monkeypatch):
    import newslint.runner

    def broken(request, registry=None):
        raise KeyError("boom")

    monkeypatch.setattr(newslint.runner, "run_check", broken)
    monkeypatch.delenv("NEWSLINT_DEBUG", raising=False)
    result = cli("check", "-", input="Text.\n")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "newslint: error: internal error: KeyError: 'boom' (set NEWSLINT_DEBUG=1 for the traceback)"
    )


def test_fix_on_stdin_prints_the_fixed_text_and_reports_on_stderr():
    import subprocess
    import sys

    story = "\ufeffAdvertisement\r\nThe mayor  resigned on Friday.\r\n\r\nThe the council met.\r\n"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newslint",
            "check",
            "--no-plugins",
            "--fix",
            "--format",
            "json",
            "-",
        ],
        input=story.encode(),
        capture_output=True,
        timeout=60,
    )
    # Exactly the text, BOM and CRLF kept: `newslint check --fix - < a > b` is a filter.
    assert done.stdout == "\ufeffThe mayor resigned on Friday.\r\n\r\nThe council met.\r\n".encode()
    assert done.returncode == 0
    notes, report = done.stderr.decode().split("\n", 1)
    assert notes == "newslint: fixed 3 problems in 1 file"
    assert json.loads(report)["files"][0]["findings"] == []  # what is left after fixing


def test_fix_on_stdin_with_nothing_to_fix_prints_the_text_unchanged():
    story = "The mayor resigned on Friday.\nHe said he would not run again, aides said.\n"
    done = run_module("check", "--no-plugins", "--fix", "-", input=story)
    assert done.stdout == story and done.returncode == 0
    assert done.stderr.strip() == "0 findings in 1 file"


def test_fix_on_unreadable_stdin_prints_nothing_and_exits_2():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--no-plugins", "--fix", "-"],
        input=b"The mayor \xff resigned.\n",
        capture_output=True,
        timeout=60,
    )
    assert done.stdout == b"" and done.returncode == 2
    assert b"<stdin>: not valid UTF-8" in done.stderr


def test_a_file_named_twice_is_checked_and_fixed_once(tmp_path):
    (tmp_path / "a.txt").write_text("Advertisement\nThe mayor  resigned.\n")
    (tmp_path / "link.txt").symlink_to("a.txt")
    done = run_in_process(
        "check",
        "--no-plugins",
        "--fix",
        "--format",
        "json",
        "a.txt",
        "./a.txt",
        "link.txt",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "newslint: fixed 2 problems in 1 file\n"  # no spurious "changed"
    assert [f["path"] for f in json.loads(done.stdout)["files"]] == [
        "a.txt"
    ]  # the first name given
    assert (tmp_path / "a.txt").read_text() == "The mayor resigned.\n"


@pytest.mark.parametrize("signum, code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_an_interrupted_run_exits_with_the_signal_code_and_one_line(signum, code):
    """Ctrl-C is not the "findings" code 1: 130 (SIGTERM 143), one line, no traceback."""
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "newslint", "check", "--no-plugins", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_until_reading_stdin(proc)
    proc.send_signal(getattr(signal, signum))
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert err == f"newslint: error: interrupted ({signum}); no file was left half-written\n"


def _wait_until_reading_stdin(proc) -> None:
    """Block until ``proc`` sits in read(0, ...), so a signal lands in the run, not in start-up."""
    import platform
    import time

    read_call = {"x86_64": "0", "aarch64": "63"}.get(platform.machine())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            call = Path(f"/proc/{proc.pid}/syscall").read_text().split()
        except OSError:  # no /proc: give start-up a generous while
            time.sleep(3)
            return
        if read_call is None or call[:2] == [read_call, "0x0"]:
            if read_call is None:
                time.sleep(3)
            return
        time.sleep(0.02)
    raise AssertionError("the run never read its standard input")


@pytest.mark.parametrize("where", ["output", "rules"])
def test_a_failure_anywhere_in_a_command_is_one_line_and_exit_2(cli, monkeypatch, where):
    """Not only in the run: writing the report, or another command ('rules')."""
    import newslint.output.json
    import newslint.plugins

    def broken(*args, **kwargs):
        raise ValueError("boom")

    if where == "output":  # json is printed a file at a time as the run goes
        for name in ("render", "render_parts", "result_part", "render_end"):
            monkeypatch.setattr(newslint.output.json, name, broken)
        args = ("check", "--no-plugins", "--format", "json", "-")
    else:
        monkeypatch.setattr(newslint.plugins, "build_registry", broken)
        args = ("rules",)
    monkeypatch.delenv("NEWSLINT_DEBUG", raising=False)
    result = cli(*args, input="Text.\n")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "newslint: error: internal error: ValueError: boom (set NEWSLINT_DEBUG=1 for the traceback)\n"
    )


def test_ctrl_c_in_process_exits_130_not_the_findings_code(cli, monkeypatch):
    import newslint.runner

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(newslint.runner, "run_check", interrupted)
    result = cli("check", "--no-plugins", "-", input="Text.\n")
    assert result.exit_code == 130
    assert result.stderr == "newslint: error: interrupted (SIGINT); no file was left half-written\n"
