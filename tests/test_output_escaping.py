"""Every output format carries hostile file names, rule ids and messages safely.

A file name may hold a newline, ``%``, ``:``, ``,``, an ESC sequence or bytes that are not
UTF-8; a plugin's rule id or message may hold a newline. None of them may forge a line of
output (a GitHub workflow command, a second finding), drive a terminal, or make JSON, SARIF
or JUnit unreadable.
"""

from __future__ import annotations

import json
import os
import re
import sys
import xml.etree.ElementTree as ET

import pytest
from conftest import assert_valid_sarif, run_in_process, run_module
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.model import FileResult, Finding
from newslint.output import Report, printable, render, undecodable_escaped
from newslint.plugins import builtin_formats

FORMATS = tuple(builtin_formats())  # every built-in output format

# A GitHub workflow command: ::level properties::message, properties free of ':'.
COMMAND = re.compile(r"^::(error|warning|notice) ([^:\n]*)::([^\n]*)$")

needs_bytes_names = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"),
    reason="the file system must accept names that are not UTF-8",
)


def github_commands(output: str) -> list[tuple[str, dict, str]]:
    """The workflow commands, one a line; fails on any line that is not exactly one."""
    lines = output.split("\n")
    assert lines[-1] == ""
    # No line break of any kind (VT, FF, NEL, U+2028...) inside a command either.
    assert output.splitlines() == lines[:-1]
    commands = []
    for line in lines[:-1]:
        match = COMMAND.match(line)
        assert match, line  # the message may hold "::": the runner reads it as data
        props = dict(item.split("=", 1) for item in match.group(2).split(","))
        commands.append((match.group(1), props, match.group(3)))
    return commands


def unescape_github(value: str) -> str:
    """What GitHub's runner reads back from an escaped property or message."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


# --- the reproducers of issue 9 ------------------------------------------------------------

FORGED = "a\n::error file=x.txt,line=1::forged.txt"
STORY = "Skip to main content\n\nThe the council met on Monday.\n"


def test_a_newline_in_a_file_name_cannot_inject_a_github_command(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    (tmp_path / FORGED).write_text(STORY, encoding="utf-8")
    done = run_in_process("check", "--no-config", "--format", "github", ".", cwd=tmp_path)
    assert done.returncode == 1
    commands = github_commands(done.stdout)
    assert [level for level, _, _ in commands] == ["warning", "warning"]
    assert {unescape_github(props["file"]) for _, props, _ in commands} == {"./" + FORGED}
    # In the text format (a CI log shows it too) no line starts with a workflow command.
    text = run_in_process("check", "--no-config", ".", cwd=tmp_path).stdout
    assert [line for line in text.splitlines() if line.startswith("::")] == []
    assert text.splitlines()[0].startswith(
        "./a\\n::error file=x.txt,line=1::forged.txt:1:1: warning [debris]"
    )


@needs_bytes_names
def test_a_file_name_that_is_not_utf8_is_carried_by_every_format(tmp_path):
    name = b"caf\xe9 \xff.txt"
    (tmp_path / os.fsdecode(name)).write_text(STORY, encoding="utf-8")
    outputs = {}
    for fmt in ("json", "sarif", "junit"):  # the three the issue saw break (text, github: below)
        done = run_module("check", "--no-config", "--format", fmt, os.fsdecode(name), cwd=tmp_path)
        assert (done.returncode, done.stderr) == (1, ""), (fmt, done.stderr)
        outputs[fmt] = done.stdout
    shown = "caf\\xe9 \\xff.txt"  # each undecodable byte as \xNN
    assert json.loads(outputs["json"])["files"][0]["path"] == shown
    log = assert_valid_sarif(json.loads(outputs["sarif"]))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "caf%E9%20%FF.txt"  # the exact bytes, as a URI carries them
    suite = ET.fromstring(outputs["junit"])
    assert suite.find("testcase").get("file") == shown
    report = Report(
        [
            FileResult(
                os.fsdecode(name),
                [
                    Finding(
                        "debris",
                        "debris",
                        "warning",
                        "m",
                        line=1,
                        column=1,
                        end_line=1,
                        end_column=2,
                    )
                ],
            )
        ]
    )
    assert render("text", report).startswith(f"{shown}:1:1: warning [debris]")
    assert unescape_github(github_commands(render("github", report))[0][1]["file"]) == shown


def test_a_terminal_escape_in_a_file_name_or_message_is_shown_not_sent(tmp_path):
    name = "\x1b]0;owned\x07\x1b[2J.txt"
    (tmp_path / name).write_text(STORY, encoding="utf-8")
    done = run_in_process("check", "--no-config", name, cwd=tmp_path)
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert done.stdout.startswith("\\x1b]0;owned\\x07\\x1b[2J.txt:1:1: warning [debris]")
    finding = Finding(
        "plugin/X\nY",
        "grammar",
        "warning",
        "bell\x07 and \u202eevil",
        line=1,
        column=1,
        end_line=1,
        end_column=2,
        suggestions=("a\rb",),
    )
    (line, _summary) = render("text", Report([FileResult("a.txt", [finding])])).splitlines()
    assert line == "a.txt:1:1: warning [plugin/X\\nY] bell\\x07 and \\u202eevil (suggestion: a\\rb)"


def test_a_rule_id_and_message_with_newlines_break_no_format():
    finding = Finding(
        "languagetool/RULE\nID",
        "grammar",
        "warning",
        "two\nlines, 100%: really",
        line=2,
        column=3,
        end_line=2,
        end_column=5,
        suggestions=("x\ny",),
    )
    report = Report([FileResult("story.txt", [finding])])
    assert (
        json.loads(render("json", report))["files"][0]["findings"][0]["rule"]
        == "languagetool/RULE\nID"
    )
    log = assert_valid_sarif(json.loads(render("sarif", report)))
    assert log["runs"][0]["results"][0]["ruleId"] == "languagetool/RULE\nID"
    failure = ET.fromstring(render("junit", report)).find("testcase/failure")
    assert failure.text.strip().splitlines() == [
        "story.txt:2:3: warning [languagetool/RULE\\nID] two\\nlines, 100%: really"
    ]
    ((_level, props, message),) = github_commands(render("github", report))
    assert unescape_github(props["title"]) == "newslint languagetool/RULE\nID (grammar)"
    assert unescape_github(message) == "two\nlines, 100%: really (suggestion: x\ny)"
    assert len(render("text", report).splitlines()) == 2  # the finding and the summary


def test_stderr_lines_escape_file_names(tmp_path):
    name = "bad\nname.txt"
    (tmp_path / name).write_bytes(b"caf\xe9\n")
    done = run_in_process("check", "--no-config", name, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "newslint: error: bad\\nname.txt: not valid UTF-8 (byte 0xe9 at line 1); save the file as UTF-8"
    ]


def test_escapes_are_visible_and_name_undecodable_bytes():
    assert (
        printable("a\tb\x00\x1b\x7f\x85\u2028\u202e\ufffe")
        == "a\\tb\\x00\\x1b\\x7f\\u0085\\u2028\\u202e\\ufffe"
    )
    assert printable("line\nbreak\r", keep="\n") == "line\nbreak\\r"
    assert printable("café 😀 \\ plain") == "café 😀 \\ plain"
    # os.fsdecode's escapes of bytes 0x80..0xff come back as \xNN; other lone surrogates as \uNNNN.
    assert undecodable_escaped(os.fsdecode(b"caf\xe9") + "\ud800") == "caf\\xe9\\ud800"


# --- per-folder fail-on in JUnit ---------------------------------------------------------


def test_junit_follows_a_folders_own_fail_on(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "wires").mkdir()
    (tmp_path / "newslint.toml").write_text(
        '[[overrides]]\npaths = ["wires/"]\nfail-on = "never"\n', encoding="utf-8"
    )
    (tmp_path / "wires" / "agency.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "ours.txt").write_text(STORY, encoding="utf-8")
    done = run_in_process("check", "--format", "junit", "wires", "ours.txt", cwd=tmp_path)
    assert done.returncode == 1
    cases = {case.get("name"): case for case in ET.fromstring(done.stdout).iter("testcase")}
    assert cases["ours.txt"].find("failure") is not None
    agency = cases["wires/agency.txt"]
    assert agency.find("failure") is None and "[debris]" in agency.find("system-out").text
    only_wires = run_in_process("check", "--format", "junit", "wires", cwd=tmp_path)
    assert only_wires.returncode == 0
    assert ET.fromstring(only_wires.stdout).get("failures") == "0"


# --- property: any name, rule id or message through every format -------------------------

SPECIALS = "\n\r%:,=\t\x00\x1b\x07\x0b\x0c\x85\u2028\u2029\u202e\ufeff\ufffe é😀/ ab"
# Names as os.fsdecode gives them: any bytes, the undecodable ones as lone surrogates.
byte_names = st.binary(min_size=1, max_size=20).map(os.fsdecode)
special_text = st.text(alphabet=st.sampled_from(SPECIALS), min_size=1, max_size=20)
# Any code point, lone surrogates included (a plugin may produce one).
any_text = st.text(alphabet=st.characters(blacklist_categories=()), max_size=20)
names = st.one_of(byte_names, special_text, any_text.filter(bool))
texts = st.one_of(special_text, any_text, byte_names)


@st.composite
def findings(draw):
    line = draw(st.integers(1, 50))
    end_line = line + draw(st.integers(0, 3))
    column = draw(st.integers(1, 80))
    end_column = draw(st.integers(column if end_line == line else 1, 90))
    return Finding(
        draw(texts.filter(bool)),
        draw(st.sampled_from(["grammar", "debris", "internal"])),
        draw(st.sampled_from(["error", "warning", "info"])),
        draw(texts),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        suggestions=tuple(draw(st.lists(texts, max_size=2))),
    )


@st.composite
def reports(draw):
    results = []
    for path in draw(st.lists(names, min_size=1, max_size=3)):
        if draw(st.integers(0, 5)) == 0:
            results.append(FileResult(path, error=draw(texts.filter(bool))))
        else:
            results.append(FileResult(path, draw(st.lists(findings(), max_size=3))))
    return Report(results)


@settings(
    max_examples=40,  # each example renders every format and validates its SARIF
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(report=reports())
def test_every_format_carries_any_name_rule_and_message(report, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    outputs = {fmt: render(fmt, report) for fmt in FORMATS}
    for text in outputs.values():
        text.encode("utf-8")  # writable as UTF-8: no lone surrogate left
    found = [f for r in report.results for f in r.findings]

    data = json.loads(outputs["json"])
    # Written a file at a time, the text is still exactly one json.dumps of the document.
    assert outputs["json"] == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert [e["path"] for e in data["files"]] == [
        undecodable_escaped(r.path) for r in report.results
    ]
    assert [x["message"] for e in data["files"] for x in e["findings"]] == [
        undecodable_escaped(f.message) for f in found
    ]

    log = assert_valid_sarif(json.loads(outputs["sarif"]))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == [
        undecodable_escaped(f.rule) for f in found
    ]

    suite = ET.fromstring(outputs["junit"])
    assert [c.get("file") for c in suite.iter("testcase")] == [
        printable(r.path) for r in report.results
    ]

    commands = github_commands(outputs["github"])
    errors = [r for r in report.results if r.error]
    assert len(commands) == len(found) + len(errors)

    text_lines = outputs["text"].splitlines()
    assert len(text_lines) == len(found) + 1  # one line a finding, then the summary
    assert not any(ch in outputs["text"][:-1] for ch in "\x1b\x07\r\x85\u2028\u202e")
