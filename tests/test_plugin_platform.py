"""The plugin platform: hooks go through pluggy (marked implementations only), plugins load in
one order whatever the hash seed, clashes are one line naming both plugins, and a plugin adds
an output format or an input type in one module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from test_plugins import install_fake_distribution

from newslint.config import Config
from newslint.engine import Linter
from newslint.inputs import Source
from newslint.plugins import BUILTIN_MODULES, build_registry
from newslint.rule import Rule, hookimpl

RULES_PLUGIN = """
from newslint import Rule, hookimpl

def check(document, options):
    return ()

@hookimpl
def newslint_rules():
    return [Rule(id="{rule_id}", category="style", severity="info", check=check, doc="{doc}")]
"""

# One module adds an input type (".note": a line "# ..." is a comment, not prose) and an
# output format ("tally": one line per file with its number of findings).
FORMAT_AND_PARSER_PLUGIN = """
from newslint import hookimpl
from newslint.output import OutputFormat
from newslint.parsers import Parser
from newslint.parsers.plain import parse as parse_plain


def parse_note(path, source):
    prose = "".join(
        " " * (len(line) - 1) + "\\n" if line.startswith("#") else line
        for line in source.splitlines(keepends=True)
    )
    return parse_plain(path, prose)


def render(report):
    return "".join(f"{r.path} {len(r.findings)}\\n" for r in report.results)


@hookimpl
def newslint_parsers():
    return [Parser("note", (".note",), parse_note)]


@hookimpl
def newslint_output_formats():
    return [OutputFormat("tally", render, "one line a file: its number of findings")]
"""


def _rule(rule_id: str) -> Rule:
    return Rule(id=rule_id, category="style", severity="info", check=lambda d, o: (), doc="x")


def test_an_unmarked_function_named_after_a_hook_is_not_called():
    calls: list[str] = []

    class Unmarked:
        def newslint_rules(self):
            calls.append("rules")
            return [_rule("acme/unmarked")]

        def newslint_check_documents(self, documents):
            calls.append("check_documents")
            return []

    class Marked:
        @hookimpl
        def newslint_rules(self):
            return [_rule("acme/marked")]

    linter = Linter.create(Config(), entry_points=False, extra_plugins=[Unmarked(), Marked()])
    linter.run([Source("s.txt", "Advertisement\n")])
    assert "acme/marked" in linter.registry.rules
    assert "acme/unmarked" not in linter.registry.rules
    assert calls == []


def test_built_ins_then_extras_in_registration_order():
    class First:
        @hookimpl
        def newslint_rules(self):
            return [_rule("acme/b")]

    class Second:
        @hookimpl
        def newslint_rules(self):
            return [_rule("acme/a")]

    registry = build_registry(entry_points=False, extra_plugins=[First(), Second()])
    names = [name for name, _ in registry.plugins()]
    assert names == [*BUILTIN_MODULES, "First", "Second"]
    assert list(registry.rules)[-2:] == ["acme/b", "acme/a"]  # as registered, not sorted


ORDER_SCRIPT = """
import json
from newslint.plugins import build_registry
registry = build_registry()
print(json.dumps({
    "plugins": [name for name, _ in registry.plugins()],
    "rules": [[rule.id, rule.plugin] for rule in registry.rules.values()],
    "errors": registry.errors,
}))
"""


def test_plugin_and_rule_order_is_the_same_whatever_the_hash_seed(tmp_path):
    # Installed in the reverse of name order; both claim one rule id, which the first by
    # name keeps in every run.
    for name in ("zeta_rules", "beta_rules", "alpha_rules"):
        install_fake_distribution(
            tmp_path, name, RULES_PLUGIN.format(rule_id="acme/shared", doc=name)
        )
    runs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONPATH=str(tmp_path), PYTHONHASHSEED=seed)
        proc = subprocess.run(
            [sys.executable, "-c", ORDER_SCRIPT],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        runs.append(json.loads(proc.stdout))
    assert runs[0] == runs[1]
    plugins = runs[0]["plugins"]
    ours = [p for p in plugins if p.endswith("_rules")]
    assert ours == ["alpha_rules", "beta_rules", "zeta_rules"]
    assert plugins[: len(BUILTIN_MODULES)] == list(BUILTIN_MODULES)
    assert ["acme/shared", "alpha_rules"] in runs[0]["rules"]
    assert runs[0]["errors"] == [
        f"plugins alpha_rules and {other} both provide rule id 'acme/shared'; alpha_rules's "
        "is used (turn one off with --disable-plugin)"
        for other in ("beta_rules", "zeta_rules")
    ]


def test_two_plugins_claiming_one_extension_or_rule_id_is_one_line_naming_both(
    tmp_path, monkeypatch, cli
):
    install_fake_distribution(tmp_path, "acme_notes", FORMAT_AND_PARSER_PLUGIN)
    # Claims the built-in debris rule's id and, like acme_notes, the ".note" extension.
    install_fake_distribution(
        tmp_path,
        "acme_rival",
        RULES_PLUGIN.format(rule_id="debris", doc="rival")
        + textwrap.dedent(
            """
            from newslint.parsers import Parser
            from newslint.parsers.plain import parse

            @hookimpl
            def newslint_parsers():
                return [Parser("rival-note", (".NOTE",), parse)]
            """
        ),
    )
    monkeypatch.syspath_prepend(str(tmp_path))  # an installed package, for importlib.metadata
    proc = cli("check", "-", input="Advertisement\n")
    assert proc.exit_code == 2
    assert proc.stderr.splitlines() == [
        "newslint: error: plugins acme_notes and acme_rival both provide file extension "
        "'.note'; acme_notes's is used (turn one off with --disable-plugin)",
        "newslint: error: plugins newslint.rules.debris and acme_rival both provide rule id "
        "'debris'; newslint.rules.debris's is used (turn one off with --disable-plugin)",
    ]
    assert "[debris]" in proc.stdout  # the first plugin's rule still runs
    # Listing the rules or formats says so too: the same lines, exit 2, the listing shown.
    for args in (("rules",), ("rules", "--format", "json"), ("rules", "debris"), ("formats",)):
        listed = cli(*args)
        errors = [line for line in listed.stderr.splitlines() if " error: " in line]
        assert (listed.exit_code, errors) == (2, proc.stderr.splitlines())
        assert "debris" in listed.stdout or "tally" in listed.stdout
    quiet = cli("check", "--disable-plugin", "acme_rival", "-", input="Fine copy.\n")
    assert (quiet.exit_code, quiet.stderr) == (0, "")


def test_a_plugin_adds_an_output_format_and_an_input_type_in_one_module(tmp_path, monkeypatch, cli):
    install_fake_distribution(tmp_path, "acme_tally", FORMAT_AND_PARSER_PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    stories = tmp_path / "stories"
    stories.mkdir()
    # The comment line holds a doubled word that is not prose; the found file is read by
    # the plugin's parser, and positions are those of the original file.
    (stories / "draft.note").write_text("# the the\nThe council met met on Monday.\n")
    (stories / "ignored.xyz").write_text("Not a story: no parser claims .xyz\n")
    proc = cli("check", "--format", "tally", str(stories))
    assert proc.exit_code == 1, proc.stderr
    assert proc.stdout == f"{stories / 'draft.note'} 1\n"
    located = cli("check", "--format", "json", str(stories))
    (finding,) = json.loads(located.stdout)["files"][0]["findings"]
    assert (finding["rule"], finding["line"], finding["column"]) == ("doubled-word", 2, 13)
    listing = cli("formats").stdout
    assert "tally   one line a file: its number of findings" in listing.splitlines()
    assert "|tally]" in cli("check", "--help").stdout
    off = cli("check", "--no-plugins", "--format", "tally", str(stories))
    assert off.exit_code == 2
    assert off.stderr == (
        "newslint: error: unknown output format 'tally' (choose from: text, json, github, "
        "sarif, junit, html; see 'newslint formats')\n"
    )


RAISING_FORMATS_PLUGIN = """
from newslint import hookimpl
from newslint.output import LiveOutput, OutputFormat


def render(report):
    return 1 / 0


def result_lines(result, color):
    raise KeyError("path")


def parts(report):
    yield "{"
    raise ValueError("no more")


def document_part(result, index):
    raise LookupError("entry")


@hookimpl
def newslint_output_formats():
    return [
        OutputFormat("whole", render, "raises"),
        OutputFormat("live", render, "raises file by file", live=LiveOutput(result_lines, render)),
        OutputFormat("parts", render, "raises part way", render_parts=parts),
        OutputFormat("document", render, "raises a part", live=LiveOutput(None, render, document_part)),
    ]
"""


def test_an_output_format_that_raises_is_one_line_naming_it_and_its_plugin(
    tmp_path, monkeypatch, cli
):
    install_fake_distribution(tmp_path, "acme_raising", RAISING_FORMATS_PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("NEWSLINT_DEBUG", raising=False)
    story = tmp_path / "s.txt"
    story.write_text("The ferry was was late.\n")
    for fmt, cause in [
        ("whole", "ZeroDivisionError: division by zero"),
        ("live", "KeyError: 'path'"),
        ("parts", "ValueError: no more"),
        ("document", "LookupError: entry"),
    ]:
        for extra in ([], ["--output", str(tmp_path / "report.out")]):
            proc = cli("check", "--format", fmt, *extra, str(story))
            assert proc.exit_code == 2
            assert proc.stderr.splitlines() == [
                f"newslint: error: output format '{fmt}' (plugin acme_raising) raised "
                + ("ZeroDivisionError: division by zero" if extra else cause)
                + " (set NEWSLINT_DEBUG=1 for the traceback)"
            ]


WRONG_RESULT_FORMATS_PLUGIN = """
from newslint import hookimpl
from newslint.output import LiveOutput, OutputFormat


def nothing(report):
    return None


def lines_of_bytes(result, color):
    return [b"s.txt:1:1 was was"]


def parts(report):
    yield b"{"


class Unreadable(Exception):
    def __str__(self):
        raise RuntimeError("no message")


def unreadable(report):
    raise Unreadable()


@hookimpl
def newslint_output_formats():
    return [
        OutputFormat("nothing", nothing, "returns None"),
        OutputFormat("bytes", nothing, "live lines", live=LiveOutput(lines_of_bytes, nothing)),
        OutputFormat("parts", nothing, "a part in bytes", render_parts=parts),
        OutputFormat("unreadable", unreadable, "raises what cannot be printed"),
    ]
"""


def test_an_output_format_that_returns_no_text_is_one_line_naming_it(tmp_path, monkeypatch, cli):
    # Before, None printed nothing (exit 1, no report at all) or failed inside --output.
    install_fake_distribution(tmp_path, "acme_wrong", WRONG_RESULT_FORMATS_PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("NEWSLINT_DEBUG", raising=False)
    story = tmp_path / "s.txt"
    story.write_text("The ferry was was late.\n")
    for fmt, what in [
        ("nothing", "returned NoneType, not text"),
        ("bytes", "returned list, not a list of lines"),
        ("parts", "returned bytes, not text"),
        ("unreadable", "raised Unreadable: (a message that could not be read)"),
    ]:
        for extra in ([], ["--output", str(tmp_path / "report.out")]):
            proc = cli("check", "--format", fmt, *extra, str(story))
            assert proc.exit_code == 2, (fmt, extra, proc.stderr)
            (line,) = proc.stderr.splitlines()
            if not extra or fmt in ("nothing", "unreadable"):  # --output: the whole render
                assert f"output format '{fmt}' (plugin acme_wrong) {what}" in line
            else:
                assert "returned NoneType, not text" in line
