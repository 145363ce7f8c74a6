"""Outside plugins arrive through the `newslint` entry-point group and cannot take a run down."""

from __future__ import annotations

import importlib
import json
import os
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import run_in_process, run_module

from newslint.config import Config
from newslint.engine import Linter
from newslint.inputs import Source
from newslint.options import Integer, option
from newslint.rule import Rule, hookimpl

PLUGIN = """
from newslint import Rule, hookimpl

def check(document, options):
    for word in document.words:
        if word.text == "{word}":
            yield RULE.finding(word.start, word.end, "House style: avoid '{word}'")

RULE = Rule(id="acme/{word}", category="style", severity="warning", check=check,
            doc="Flags '{word}'.")

@hookimpl
def newslint_rules():
    return [RULE]
"""

BROKEN = """
from newslint import Rule, hookimpl

def check(document, options):
    raise RuntimeError("lexicon missing")

@hookimpl
def newslint_rules():
    return [Rule(id="acme/broken", category="style", severity="warning", check=check, doc="Breaks.")]
"""


def install_fake_distribution(root, name: str, module_source: str) -> None:
    """A real entry point: a module plus a dist-info folder that importlib.metadata reads."""
    (root / f"{name}.py").write_text(textwrap.dedent(module_source))
    info = root / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[newslint]\n{name} = {name}\n")


@pytest.fixture
def plugin_env(tmp_path):
    install_fake_distribution(tmp_path, "acme_slammed", PLUGIN.format(word="slammed"))
    return tmp_path


def run_with(site: Path, *args, input=None, real_process=False):
    """``newslint ARGS`` with the fake distributions in ``site`` installed: on the path of
    this process for the run (the entry points are read afresh by each run), or, with
    ``real_process``, on the PYTHONPATH of ``python -m newslint``."""
    if real_process:
        return run_module(*args, input=input, env=dict(os.environ, PYTHONPATH=str(site)))
    sys.path.insert(0, str(site))
    importlib.invalidate_caches()
    try:
        return run_in_process(*args, input=input)
    finally:
        sys.path.remove(str(site))
        for name, module in list(sys.modules.items()):
            if Path(getattr(module, "__file__", None) or "/").parent == site:
                del sys.modules[name]


def test_entry_point_plugin_rule_runs_and_is_listed(plugin_env):
    proc = run_with(
        plugin_env,
        "check",
        "--format",
        "json",
        "--stdin-filename",
        "s.txt",
        "-",
        input="The minister slammed the report.\n",
        real_process=True,  # once end to end: the installed command finds the entry point
    )
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["column"]) for f in findings] == [("acme/slammed", 14)]
    listing = run_with(plugin_env, "rules").stdout
    assert "acme/slammed" in listing and "acme_slammed" in listing


def test_plugin_can_be_turned_off(plugin_env):
    for flags in (["--disable-plugin", "acme_slammed"], ["--no-plugins"]):
        proc = run_with(
            plugin_env, "check", *flags, "-", input="The minister slammed the report.\n"
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "acme/slammed" not in proc.stdout


def test_a_plugin_that_fails_to_import_is_one_error_line(tmp_path):
    (tmp_path / "acme_bad.py").write_text("raise ImportError('needs acme-core')\n")
    info = tmp_path / "acme_bad-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme_bad\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[newslint]\nacme_bad = acme_bad\n")
    proc = run_with(tmp_path, "check", "-", input="Advertisement\n")
    assert proc.returncode == 2
    assert (
        proc.stderr.strip()
        == "newslint: error: plugin acme_bad: failed to load (ImportError: needs acme-core)"
    )
    assert "<stdin>:1:1: warning [debris]" in proc.stdout


def test_a_rule_that_raises_is_isolated(tmp_path):
    install_fake_distribution(tmp_path, "acme_broken", BROKEN)
    proc = run_with(tmp_path, "check", "--format", "json", "-", input="Advertisement\n")
    assert proc.returncode == 2
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    rules = {f["rule"]: f for f in findings}
    assert "debris" in rules
    internal = rules["internal-error"]
    assert internal["category"] == "internal"
    assert "acme/broken" in internal["message"] and "acme_broken" in internal["message"]
    assert "lexicon missing" in internal["message"]


def test_registering_a_plugin_object_directly():
    @dataclass(frozen=True)
    class LongOptions:
        max_words: int = option(Integer(minimum=1), 5, "A story this long is reported.")

    def check(document, options: LongOptions):
        if len(document.words) >= options.max_words:
            yield LONG.finding(0, 0, "Story is long")

    LONG = Rule(
        id="acme/long",
        category="style",
        severity="info",
        doc="Long stories.",
        check=check,
        options=LongOptions,
    )

    class Plugin:
        @hookimpl
        def newslint_rules(self):
            return [LONG]

    linter = Linter.create(
        Config(select=("acme/long",)), entry_points=False, extra_plugins=[Plugin()]
    )
    result = linter.run([Source("s.txt", "one two three four five six\n")])[0]
    assert [(f.rule, f.line, f.column) for f in result.findings] == [("acme/long", 1, 1)]
    short = linter.run([Source("s.txt", "one two\n")])[0]
    assert short.findings == []


def test_cross_document_hook_sees_every_document():
    seen = []

    class Batch:
        @hookimpl
        def newslint_check_documents(self, documents, config):
            seen.append([d.path for d in documents])
            return []

    linter = Linter.create(Config(), entry_points=False, extra_plugins=[Batch()])
    linter.run([Source("a.txt", "One.\n"), Source("b.md", "Two.\n")])
    assert seen == [["a.txt", "b.md"]]


def test_readme_plugin_example_works_as_written(tmp_path):
    import re as _re

    from conftest import REPO

    readme = (REPO / "README.md").read_text()
    code = _re.search(r"````python\n(# acme_newslint\.py\n.*?)````", readme, _re.S).group(1)
    install_fake_distribution(tmp_path, "acme_newslint", code)
    wrong = run_with(
        tmp_path, "check", "--format", "json", "-", input="The minister slammed the report.\n"
    )
    (finding,) = json.loads(wrong.stdout)["files"][0]["findings"]
    assert (finding["rule"], finding["column"], finding["suggestions"]) == (
        "acme/slammed",
        14,
        ["criticised"],
    )
    right = run_with(tmp_path, "check", "-", input="The minister criticised the report.\n")
    assert right.returncode == 0
    docs = run_with(tmp_path, "rules", "acme/slammed").stdout
    assert "## Wrong" in docs and "[[slammed]] the report" in docs
    assert "also-flag = []  (list of strings)" in docs
    config = tmp_path / "newslint.toml"
    config.write_text('[rules."acme/slammed"]\nalso-flag = ["blasted"]\n')
    blasted = run_with(
        tmp_path, "check", "--config", str(config), "-", input="The minister blasted the report.\n"
    )
    assert blasted.returncode == 1 and "acme/slammed" in blasted.stdout
    config.write_text('[rules."acme/slammed"]\nalso-flag = "blasted"\n')
    refused = run_with(tmp_path, "check", "--config", str(config), "-", input="Fine.\n")
    assert refused.returncode == 2
    assert "key 'rules.acme/slammed.also-flag': expected a list of non-empty strings" in (
        refused.stderr
    )


def test_a_plugin_whose_configure_raises_is_named_and_the_run_goes_on():
    class Broken:
        @hookimpl
        def newslint_configure(self, config):
            raise RuntimeError("no licence key")

        @hookimpl
        def newslint_unconfigure(self):
            raise OSError("socket already closed")

    linter = Linter.create(Config(), entry_points=False, extra_plugins=[Broken()])
    problems: list[str] = []
    result = linter.run([Source("s.txt", "Advertisement\n")], problems=problems)[0]
    assert [f.rule for f in result.findings] == ["debris"]
    assert len(problems) == 2
    assert "newslint_configure raised RuntimeError: no licence key" in problems[0]
    assert "newslint_unconfigure raised OSError: socket already closed" in problems[1]
    # Without a place for run-level problems (the Python API) they become internal findings.
    again = linter.run([Source("s.txt", "Advertisement\n")])[0]
    assert sorted(f.rule for f in again.findings) == ["debris", "internal-error", "internal-error"]
