"""The CI output formats: GitHub workflow commands, SARIF 2.1.0 (schema-validated), JUnit XML."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import assert_valid_sarif, run_in_process

from newslint.model import FileResult, Finding
from newslint.output import Report, render
from newslint.output.github import annotation_path, escape_data, escape_property
from newslint.plugins import build_registry

STORY = (
    "Harbour plan approved\n"
    "\n"
    "The harbour board approved the new marina on Tuesday after a long debate.\n"
    "\n"
    "Share on Facebook\n"
    "\n"
    "Work will start in the spring, the  chairman said.\n"
    "\n"
    "The harbour board approved the new marina on Tuesday after a long debate.\n"
)


@pytest.fixture
def stories(tmp_path: Path) -> Path:
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "harbour.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "stories" / "clean.md").write_text(
        "# Quiet day\n\nNothing happened at the harbour.\n", encoding="utf-8"
    )
    (tmp_path / "stories" / "broken.txt").write_bytes(b"The caf\xe9 opened on Monday.\n")
    return tmp_path


# --- github ------------------------------------------------------------------------------

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def parse_command(line: str):
    match = COMMAND.match(line)
    assert match, line
    props = dict(item.split("=", 1) for item in match.group(2).split(","))
    return match.group(1), props, match.group(3)


def test_github_annotates_the_right_lines_with_levels_by_severity(stories, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    done = run_in_process(
        "check", "--format", "github", "stories/harbour.txt", "stories/clean.md", cwd=stories
    )
    assert done.returncode == 1
    commands = [parse_command(line) for line in done.stdout.splitlines()]
    assert [(p["file"], int(p["line"]), level) for level, p, _ in commands] == [
        ("stories/harbour.txt", 5, "warning"),
        ("stories/harbour.txt", 7, "notice"),
        ("stories/harbour.txt", 9, "warning"),
    ]
    _level, props, message = commands[1]
    # Columns point at the doubled space: "the  chairman" starts its gap at column 35.
    assert (props["col"], props["endColumn"], props["endLine"]) == ("35", "37", "7")
    assert props["title"] == "newslint doubled-space (whitespace)"
    assert message.startswith("Doubled space")
    assert "repeats the one at line 3" in commands[2][2]


def test_github_reports_an_unreadable_file_as_an_error_annotation(stories):
    done = run_in_process("check", "--format", "github", "stories/broken.txt", cwd=stories)
    assert done.returncode == 2
    level, props, message = parse_command(done.stdout.strip())
    assert level == "error" and props["file"] == "stories/broken.txt"
    assert "not valid UTF-8" in message


def test_github_escaping_follows_the_runner_rules():
    assert escape_data("50% off\r\nnext: a, b") == "50%25 off%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    finding = Finding(
        "debris",
        "debris",
        "info",
        "100% sure:\nline two, really",
        line=2,
        column=3,
        end_line=4,
        end_column=5,
    )
    report = Report([FileResult("news/a,b:c.txt", [finding])])
    line = render("github", report).rstrip("\n")
    assert "\n" not in line
    level, props, message = parse_command(line)
    assert level == "notice"
    assert props["file"] == "news/a%2Cb%3Ac.txt"
    # A multi-line annotation carries no columns (GitHub accepts them on one line only).
    assert "col" not in props and "endColumn" not in props
    assert (props["line"], props["endLine"]) == ("2", "4")
    assert message == "100%25 sure:%0Aline two, really"


def test_github_paths_are_relative_to_the_workspace(tmp_path):
    inner = tmp_path / "site" / "stories" / "a.md"
    assert annotation_path(str(inner), str(tmp_path)) == "site/stories/a.md"
    assert annotation_path("stories/a.md", None) == "stories/a.md"
    elsewhere = tmp_path.parent / "other.md"
    assert annotation_path(str(elsewhere), str(tmp_path)) == str(elsewhere).replace("\\", "/")


# --- sarif -------------------------------------------------------------------------------


def sarif_for(stories: Path, *paths: str) -> tuple[dict, int]:
    done = run_in_process("check", "--format", "sarif", *paths, cwd=stories)
    return json.loads(done.stdout), done.returncode


def test_sarif_validates_against_the_oasis_schema(stories):
    log, code = sarif_for(stories, "stories")
    assert code == 2  # the unreadable file
    assert_valid_sarif(log)


def test_sarif_rules_carry_their_documentation_and_results_their_regions(stories):
    log, code = sarif_for(stories, "stories/harbour.txt", "stories/clean.md")
    assert_valid_sarif(log)
    assert code == 1
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "newslint" and driver["version"]
    # No link to a page that does not exist: newslint is on no package index, and the
    # repository's URL differs from copy to copy.
    assert "informationUri" not in driver
    rules = driver["rules"]
    registry = build_registry(entry_points=False)
    assert {r["id"] for r in rules} >= set(registry.rules)
    by_id = {r["id"]: r for r in rules}
    debris = by_id["debris"]
    assert "## Wrong" in debris["help"]["text"] and "## Right" in debris["help"]["text"]
    assert debris["shortDescription"]["text"] == registry.rules["debris"].summary
    assert "## Wrong" not in debris["fullDescription"]["text"]
    assert by_id["doubled-space"]["defaultConfiguration"]["level"] == "note"
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    got = [
        (r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in results
    ]
    assert got == [
        ("debris", "warning", 5),
        ("doubled-space", "note", 7),
        ("duplicate-paragraph", "warning", 9),
    ]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {
            "uri": "stories/harbour.txt",
            "uriBaseId": "%SRCROOT%",
        }
    region = results[1]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 7, "startColumn": 35, "endLine": 7, "endColumn": 37}
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_sarif_names_unreadable_files_in_tool_notifications(stories):
    log, _ = sarif_for(stories, "stories/broken.txt", "stories/clean.md")
    assert_valid_sarif(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "not valid UTF-8" in note["message"]["text"]
    uri = note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "stories/broken.txt"


def test_sarif_uris_are_encoded_and_internal_errors_get_a_rule():
    findings = [
        Finding(
            "internal-error",
            "internal",
            "error",
            "rule x raised",
            line=1,
            column=1,
            end_line=1,
            end_column=1,
        )
    ]
    report = Report([FileResult("news desk/café 1.txt", findings)], rules={})
    log = json.loads(render("sarif", report))
    assert_valid_sarif(log)
    result = log["runs"][0]["results"][0]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "news%20desk/caf%C3%A9%201.txt"
    assert log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "internal-error"


# --- junit -------------------------------------------------------------------------------


def test_junit_has_one_case_per_file_and_failures_listing_findings(stories):
    done = run_in_process("check", "--format", "junit", "stories", cwd=stories)
    assert done.returncode == 2
    suite = ET.fromstring(done.stdout)
    assert suite.tag == "testsuite"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert set(cases) == {"stories/broken.txt", "stories/clean.md", "stories/harbour.txt"}
    assert list(cases["stories/clean.md"]) == []
    failure = cases["stories/harbour.txt"].find("failure")
    assert failure.get("message") == "3 findings"
    lines = failure.text.strip().splitlines()
    assert lines[0].startswith("stories/harbour.txt:5:1: warning [debris]")
    assert lines[2].startswith("stories/harbour.txt:9:1: warning [duplicate-paragraph]")
    error = cases["stories/broken.txt"].find("error")
    assert "not valid UTF-8" in error.get("message")


def test_junit_findings_below_fail_on_are_output_not_failures(tmp_path):
    (tmp_path / "a.txt").write_text("The board  met today.\n", encoding="utf-8")
    done = run_in_process("check", "--format", "junit", "a.txt", cwd=tmp_path)
    assert done.returncode == 0
    case = ET.fromstring(done.stdout).find("testcase")
    assert case.find("failure") is None
    assert "[doubled-space]" in case.find("system-out").text


def test_junit_survives_control_characters_in_messages():
    finding = Finding(
        "debris",
        "debris",
        "warning",
        "odd \x0b char \x00",
        line=1,
        column=1,
        end_line=1,
        end_column=2,
    )
    suite = ET.fromstring(render("junit", Report([FileResult("a.txt", [finding])])))
    # XML 1.0 cannot hold them: shown as escapes, so the reader sees what was there.
    assert "odd \\x0b char \\x00" in suite.find("testcase/failure").text
