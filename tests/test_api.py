"""The Python API a CMS back end calls: lint_text, lint_paths, Finding, and their guarantees."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import run_in_process

import newslint
from newslint import api
from newslint.config import Config, ConfigError
from newslint.engine import SelectionError
from newslint.inputs import InputError

STORY = (
    "# Bridge reopens\n"
    "\n"
    "The old bridge reopened to traffic on Saturday after a year of repairs.\n"
    "\n"
    "Share this post\n"
    "\n"
    "Drivers said the detour had added twenty minutes to their commute.\n"
    "\n"
    "The old bridge reopened to traffic on Saturday after a year of repairs.\n"
)

FIELDS = (
    "rule",
    "category",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "suggestions",
)


def rules_of(findings):
    return [(f.rule, f.line) for f in findings]


def test_lint_text_returns_positioned_findings():
    findings = newslint.lint_text(STORY, filename="bridge.md")
    assert rules_of(findings) == [("debris", 5), ("duplicate-paragraph", 9)]
    duplicate = findings[1]
    assert (duplicate.category, duplicate.severity) == ("duplication", "warning")
    assert (duplicate.line, duplicate.column, duplicate.end_line, duplicate.end_column) == (
        9,
        1,
        9,
        72,
    )
    assert "line 3" in duplicate.message
    assert isinstance(duplicate.suggestions, tuple)
    assert isinstance(findings[0], newslint.Finding)


def test_to_dict_matches_the_cli_json_contract(tmp_path):
    (tmp_path / "bridge.txt").write_text(STORY, encoding="utf-8")
    done = run_in_process("check", "--format", "json", "--no-plugins", "bridge.txt", cwd=tmp_path)
    from_cli = json.loads(done.stdout)["files"][0]["findings"]
    from_api = [f.to_dict() for f in newslint.lint_text(STORY, filename="bridge.txt")]
    assert from_api == from_cli
    assert all(set(FIELDS) <= set(d) for d in from_api)
    json.dumps(from_api)  # serialisable as is


def test_filename_and_format_pick_the_parser():
    markdown = "# Heading here\n\nThe  mayor spoke.  \n"
    # As Markdown the trailing spaces are a hard break (markup); as text they are whitespace.
    as_md = {
        f.rule
        for f in newslint.lint_text(markdown, filename="a.md", config={"select": ["whitespace"]})
    }
    as_txt = {
        f.rule
        for f in newslint.lint_text(markdown, filename="a.txt", config={"select": ["whitespace"]})
    }
    forced = {
        f.rule
        for f in newslint.lint_text(
            markdown, filename="a.txt", format="markdown", config={"select": ["whitespace"]}
        )
    }
    assert as_md == forced == {"doubled-space"}
    assert as_txt == {"doubled-space", "trailing-whitespace"}


def test_bytes_bom_and_crlf_keep_editor_positions():
    text = "\ufeffThe board met.\r\n\r\nThe  board voted.\r\n"
    for value in (text, text.encode("utf-8")):
        (finding,) = newslint.lint_text(
            value, filename="a.txt", config={"select": ["doubled-space"]}
        )
        assert (finding.line, finding.column) == (3, 4)


def test_a_leading_feff_in_a_str_counts_in_line_one_columns_and_fix_offsets():
    body = "The  board met. The the vote passed.\nThe  end.\n"
    marked_text = "\ufeff" + body
    plain = newslint.lint_text(body, filename="a.txt")
    marked = newslint.lint_text(marked_text, filename="a.txt")
    assert (
        [f.rule for f in marked]
        == [f.rule for f in plain]
        == ["doubled-space", "doubled-word", "doubled-space"]
    )
    # Columns and offsets index the caller's string, U+FEFF included.
    assert [(f.line, f.column, f.end_column) for f in marked] == [(1, 5, 7), (1, 18, 25), (2, 4, 6)]
    assert [(f.line, f.column, f.end_column) for f in plain] == [(1, 4, 6), (1, 17, 24), (2, 4, 6)]
    line_starts = [0, marked_text.index("\n") + 1]
    for finding, unmarked in zip(marked, plain):
        start = line_starts[finding.line - 1] + finding.column - 1
        end = line_starts[finding.end_line - 1] + finding.end_column - 1
        assert marked_text[start:end] == body[start - 1 : end - 1]
        for edit, unmarked_edit in zip(finding.fix.edits, unmarked.fix.edits):
            assert (
                marked_text[edit.start : edit.end] == body[unmarked_edit.start : unmarked_edit.end]
            )
            assert edit.start == line_starts[edit.line - 1] + edit.column - 1
            assert edit.end == line_starts[edit.end_line - 1] + edit.end_column - 1
    # Bytes are a file: its BOM is not shown by editors and not counted, as on the command line.
    from_bytes = newslint.lint_text(marked_text.encode("utf-8"), filename="a.txt")
    assert [(f.line, f.column) for f in from_bytes] == [(f.line, f.column) for f in plain]


def test_text_that_cannot_be_checked_raises():
    with pytest.raises(InputError, match="not valid UTF-8"):
        newslint.lint_text(b"caf\xe9 society", filename="a.txt")
    with pytest.raises(InputError, match="unknown format"):
        newslint.lint_text("Hello.", format="docx")
    with pytest.raises(SelectionError):
        newslint.lint_text("Hello.", config={"select": ["no-such-rule"]})
    with pytest.raises(ConfigError):
        newslint.lint_text("Hello.", config={"fail-on": "sometimes"})


def test_config_applies_to_its_call_only(tmp_path):
    quiet = {"ignore": ["debris"], "rules": {"duplicate-paragraph": {"severity": "error"}}}
    first = newslint.lint_text(STORY, config=quiet)
    assert [(f.rule, f.severity) for f in first] == [("duplicate-paragraph", "error")]
    again = newslint.lint_text(STORY)
    assert [(f.rule, f.severity) for f in again] == [
        ("debris", "warning"),
        ("duplicate-paragraph", "warning"),
    ]
    toml = tmp_path / "newslint.toml"
    toml.write_text('ignore = ["duplication"]\n', encoding="utf-8")
    assert rules_of(newslint.lint_text(STORY, config=toml)) == [("debris", 5)]
    assert rules_of(newslint.lint_text(STORY, config=Config(select=("debris",)))) == [("debris", 5)]


def test_lint_paths_reports_files_directories_and_unreadable_ones(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "a.md").write_text(STORY, encoding="utf-8")
    (desk / "b.txt").write_text("A quiet day at the council.\n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9\n")
    results = newslint.lint_paths([desk, str(tmp_path / "latin1.txt"), tmp_path / "missing.md"])
    by_path = {r.path: r for r in results}
    assert rules_of(by_path[str(desk / "a.md")].findings) == [
        ("debris", 5),
        ("duplicate-paragraph", 9),
    ]
    assert by_path[str(desk / "b.txt")].findings == []
    assert "not valid UTF-8" in by_path[str(tmp_path / "latin1.txt")].error
    assert by_path[str(tmp_path / "missing.md")].error == "no such file or directory"
    assert [r.path for r in results][:2] == [str(desk / "a.md"), str(desk / "b.txt")]


def _job(i: int):
    variants = [
        (STORY, "s.md", None),
        (STORY.replace("Saturday", "Sunday"), "s.txt", {"ignore": ["debris"]}),
        (
            "The  council  met on Monday.\n\nThe council met on Monday.\n",
            "c.txt",
            {"select": ["whitespace"]},
        ),
        ("Share this post\n", "p.txt", {"rules": {"debris": {"severity": "error"}}}),
    ]
    text, name, config = variants[i % len(variants)]
    return [f.to_dict() for f in newslint.lint_text(text, filename=name, config=config)]


def test_concurrent_calls_match_serial_results():
    serial = [_job(i) for i in range(200)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(_job, range(200)))
    assert threaded == serial
    assert any(serial[3]) and serial[3][0]["severity"] == "error"


def test_registry_is_built_once_and_can_be_reloaded():
    newslint.lint_text("Hello there.")
    first = api._shared_registry()
    newslint.lint_text("Hello again.")
    assert api._shared_registry() is first
    api.reload_plugins()
    assert api._shared_registry() is not first


def test_importing_newslint_loads_no_rules_or_parsers():
    code = (
        "import sys, newslint; newslint.__version__; "
        "print(sorted(m for m in sys.modules if m.startswith('newslint')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['newslint']"
    code = (
        "import sys, newslint; newslint.lint_text('Hello.'); "
        "print('newslint.rules.debris' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def _readme_blocks():
    import re

    from conftest import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("## Python API for CMS back ends", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_readme_cms_recipes_work(tmp_path, monkeypatch):
    from types import SimpleNamespace

    blocks = _readme_blocks()
    save_hook = next(b for b in blocks if "def before_save" in b)
    stdin_json = next(b for b in blocks if "--stdin-filename" in b)
    config = tmp_path / "newslint.toml"
    config.write_text('ignore = ["whitespace"]\n', encoding="utf-8")
    namespace: dict = {}
    exec(save_hook.replace("/etc/newsroom/newslint.toml", str(config)), namespace)
    body = (
        "<h1>Pier reopens</h1>\n<p>The pier reopened on Friday after  repairs.</p>\n"
        "<p>Share on Facebook</p>\n"
    )
    story = SimpleNamespace(slug="pier", body_html=body)
    assert namespace["before_save"](story) is False
    assert [(d["rule"], d["line"], d["column"]) for d in story.lint] == [("debris", 3, 4)]
    clean = SimpleNamespace(slug="pier", body_html="<p>The pier reopened on Friday.</p>\n")
    assert namespace["before_save"](clean) is True and clean.lint == []

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    scope = {"story": story}
    exec(stdin_json, scope)
    assert [(d["rule"], d["line"]) for d in scope["findings"]] == [("debris", 3)]


def test_lint_paths_finds_each_files_config_like_the_cli(tmp_path):
    from newslint.api import lint_paths

    repo = tmp_path / "content"
    (repo / ".git").mkdir(parents=True)
    (repo / "newslint.toml").write_text('ignore = ["debris"]\n')
    (repo / "wires").mkdir()
    story = repo / "wires" / "story.txt"
    story.write_text("Advertisement\n\nThe the council met.\n")
    (result,) = lint_paths([story])
    assert {f.rule for f in result.findings} == {"doubled-word"}
    (explicit,) = lint_paths([story], config={})
    assert {f.rule for f in explicit.findings} == {"debris", "doubled-word"}
    assert lint_paths([]) == []
