"""docs/ in the repository says what the code does: the output contract's example is a real
run, its tables name every key the code writes, and every document the code cites exists."""

from __future__ import annotations

import json
import re

from conftest import REPO

from newslint.model import Edit, Finding, Fix
from newslint.output import Report

OUTPUT_MD = (REPO / "docs" / "output.md").read_text(encoding="utf-8")
FERRY = "Ferry fares\n\nThe board said the the fares would rise in May.\n"


def documented_keys(section: str) -> set[str]:
    """The keys a table under ``### section`` lists (first column, in backticks)."""
    body = OUTPUT_MD.split(f"\n### {section}\n", 1)[1].split("\n#", 1)[0]
    cells = re.findall(r"^\| ([^|]+) \|", body, re.M)
    return {key for cell in cells for key in re.findall(r"`([\w]+)`", cell)}


def test_the_json_example_is_what_newslint_writes(cli, tmp_path):
    (example,) = re.findall(r"```json\n(.*?)```", OUTPUT_MD, re.DOTALL)
    story = tmp_path / "stories" / "ferry.txt"
    story.parent.mkdir()
    story.write_text(FERRY, encoding="utf-8")
    assert FERRY.splitlines()[2] in OUTPUT_MD.replace("\n", " ")
    result = cli("check", "--no-config", "--format", "json", str(story))
    written = json.loads(result.output)
    written["files"][0]["path"] = "stories/ferry.txt"
    assert written == json.loads(example)


def test_the_tables_name_every_key_the_json_output_holds():
    edit = Edit(0, 1, "", line=1, column=1, end_line=1, end_column=2)
    fix = Fix((edit,), "safe", "Delete it")
    finding = Finding("r", "grammar", "warning", "m", fix=fix, data={"word": "x"}, line=1)
    assert set(finding.to_dict()) <= documented_keys("A finding")
    assert set(fix.to_dict()) <= documented_keys("A fix")
    assert set(edit.to_dict()) <= documented_keys("An edit")
    assert set(Report([]).summary()) <= documented_keys("The summary")
    assert {"version", "files", "summary"} <= documented_keys("The document")
    assert {"path", "findings", "error"} <= documented_keys("A file")


def test_every_document_the_code_cites_is_in_the_repository():
    cited: set[str] = set()
    for path in [*REPO.glob("newslint/**/*.py"), *REPO.glob("tests/*.py"), REPO / "README.md"]:
        text = path.read_text(encoding="utf-8")
        # The shared design notes live outside the repository: cite docs/ instead.
        assert not re.search(r"(?<![\w/])DESIGN" r"\.md", text), f"{path} cites a file outside"
        cited.update(re.findall(r"\bdocs/[\w.-]+\.md\b", text))
    assert {"docs/output.md", "docs/design.md"} <= cited
    for name in cited:
        assert (REPO / name).is_file(), name
