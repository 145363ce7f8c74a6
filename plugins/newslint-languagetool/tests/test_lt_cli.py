"""End to end through the command line: ``newslint check story.md`` with the server named
in the environment (once as the installed command in a process of its own, then in this
process through click's runner); the server stopped; ``newslint rules``; a local
LanguageTool install."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from lt_fakeserver import fake_lt_fixture, isolated_languagetool  # noqa: F401 (fixtures)

HERE = Path(__file__).resolve().parent

STORY = """\
# Council backs teh budget

The council said their was no money left for the library.
Fans 🎉 cheered as teh vote  passed.

“It is a very unique moment,” the mayor said.
"""


# The server each newsroom folder's runs are pointed at (through the environment).
SERVERS: dict[Path, str] = {}


def newslint(*args, cwd, env=None, real_process=False):
    """``newslint ARGS`` from the folder ``cwd``, with the server of that folder (if any) named
    in the environment: in this process through click's runner, or, with ``real_process``, as
    ``python -m newslint`` (the installed command, its plugin found by its entry point)."""
    overrides: dict[str, str | None] = dict.fromkeys(
        ("NEWSLINT_LANGUAGETOOL_URL", "LTP_JAR_DIR_PATH")
    )
    if cwd in SERVERS:
        overrides["NEWSLINT_LANGUAGETOOL_URL"] = SERVERS[cwd]
    overrides.update(env or {})
    if real_process:
        environment = {k: v for k, v in {**os.environ, **overrides}.items() if v is not None}
        return subprocess.run(
            [sys.executable, "-m", "newslint", *args],
            cwd=cwd,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
    from newslint.cli import main

    before = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), env=overrides, catch_exceptions=False)
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def newsroom(tmp_path):
    """A folder with story.md and a newslint.toml; ``newslint(cwd=folder)`` runs with
    NEWSLINT_LANGUAGETOOL_URL naming the server (set by each test)."""
    (tmp_path / ".git").mkdir()  # config discovery stops here
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")

    def configure(url: str, extra: str = "") -> Path:
        (tmp_path / "newslint.toml").write_text(
            f'[languagetool]\nlanguage = "en-US"\n{extra}', encoding="utf-8"
        )
        SERVERS[tmp_path] = url
        return tmp_path

    yield configure
    SERVERS.pop(tmp_path, None)


def column(line: str, word: str, nth: int = 0) -> int:
    index = -1
    for _ in range(nth + 1):
        index = line.index(word, index + 1)
    return index + 1


def test_check_shows_languagetool_findings_beside_the_core_ones(fake_lt, newsroom):
    folder = newsroom(fake_lt.url)
    result = newslint("check", "story.md", cwd=folder, real_process=True)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    lines = STORY.splitlines()
    assert (
        f"story.md:1:{column(lines[0], 'teh')}: warning [languagetool/MORFOLOGIK_RULE_EN_US] "
        "Possible spelling mistake found. (suggestion: the | ten | tea)" in result.stdout
    )
    assert (
        f"story.md:3:{column(lines[2], 'their')}: warning [languagetool/THEIR_IS]" in result.stdout
    )
    assert (
        f"story.md:4:{column(lines[3], 'teh')}: warning [languagetool/MORFOLOGIK_RULE_EN_US]"
        in result.stdout
    )
    assert f"story.md:4:{column(lines[3], '  ')}: info [doubled-space]" in result.stdout
    assert "WHITESPACE_RULE" not in result.stdout  # doubled-space does that job
    assert "VERY_UNIQUE" not in result.stdout  # style inside a quote
    assert len(fake_lt.requests) == 1


def test_json_positions_are_exact(fake_lt, newsroom):
    folder = newsroom(fake_lt.url)
    result = newslint(
        "check", "--format", "json", "--select", "languagetool", "story.md", cwd=folder
    )
    findings = json.loads(result.stdout)["files"][0]["findings"]
    lines = STORY.splitlines()
    spans = [
        (f["rule"], f["line"], f["column"], f["end_line"], f["end_column"], f["category"])
        for f in findings
    ]
    assert spans == [
        ("languagetool/MORFOLOGIK_RULE_EN_US", 1, 17, 1, 20, "spelling"),
        (
            "languagetool/THEIR_IS",
            3,
            column(lines[2], "their"),
            3,
            column(lines[2], "their") + 5,
            "grammar",
        ),
        (
            "languagetool/MORFOLOGIK_RULE_EN_US",
            4,
            column(lines[3], "teh"),
            4,
            column(lines[3], "teh") + 3,
            "spelling",
        ),
    ]
    assert lines[0][16:19] == "teh" and lines[3][column(lines[3], "teh") - 1 :][:3] == "teh"


def test_crlf_file(fake_lt, newsroom):
    folder = newsroom(fake_lt.url)
    (folder / "story.md").write_bytes(STORY.replace("\n", "\r\n").encode("utf-8"))
    result = newslint("check", "--format", "json", "--select", "spelling", "story.md", cwd=folder)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    lines = STORY.splitlines()
    assert [(f["line"], f["column"]) for f in findings] == [(1, 17), (4, column(lines[3], "teh"))]


def test_config_file_selects_and_sets_severity_of_languagetool_ids(fake_lt, newsroom):
    folder = newsroom(
        fake_lt.url, '\n[rules."languagetool/MORFOLOGIK_RULE_EN_US"]\nseverity = "info"\n'
    )
    config = folder / "newslint.toml"
    config.write_text('select = ["spelling", "languagetool/THEIR_IS"]\n' + config.read_text())
    result = newslint("check", "--format", "json", "story.md", cwd=folder)
    assert result.stderr == ""
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [
        ("languagetool/MORFOLOGIK_RULE_EN_US", "info"),
        ("languagetool/THEIR_IS", "warning"),
        ("languagetool/MORFOLOGIK_RULE_EN_US", "info"),
    ]


def test_server_stopped_one_error_line_core_findings_exit_2(newsroom):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    folder = newsroom(f"http://127.0.0.1:{port}")
    (folder / "second.md").write_text("Another  story.\n", encoding="utf-8")
    result = newslint("check", "story.md", "second.md", cwd=folder)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"newslint: error: plugin languagetool: LanguageTool at http://127.0.0.1:{port}/ is not "
        "reachable (connection refused); is the server running?"
    ]
    assert "[doubled-space]" in result.stdout and "second.md:1:8" in result.stdout
    assert "languagetool/" not in result.stdout


def test_environment_variable_names_the_server(fake_lt, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")
    result = newslint(
        "check",
        "--select",
        "languagetool",
        "story.md",
        cwd=tmp_path,
        env={"NEWSLINT_LANGUAGETOOL_URL": fake_lt.url},
    )
    assert result.returncode == 1 and "languagetool/THEIR_IS" in result.stdout


def test_rules_lists_the_plugin_and_notes_a_missing_server(tmp_path):
    (tmp_path / ".git").mkdir()
    result = newslint("rules", cwd=tmp_path)
    assert result.returncode == 0
    [row] = [line for line in result.stdout.splitlines() if line.startswith("languagetool ")]
    assert row.split()[1:4] == ["grammar", "warning", "languagetool"]
    assert result.stderr.splitlines() == [
        "newslint: note: plugin languagetool: no LanguageTool server configured, so its checks "
        "are off; set NEWSLINT_LANGUAGETOOL_URL or LTP_JAR_DIR_PATH in the environment"
    ]
    doc = newslint("rules", "languagetool", cwd=tmp_path)
    assert "languagetool/<ID>" in doc.stdout and "## Wrong" in doc.stdout


def test_rules_is_quiet_when_a_server_is_configured(newsroom):
    folder = newsroom("http://127.0.0.1:1")
    result = newslint("rules", cwd=folder)
    assert result.returncode == 0 and result.stderr == ""


def test_without_a_server_nothing_is_imported_or_sent(tmp_path):
    code = textwrap.dedent("""
        import sys
        import newslint
        findings = newslint.lint_text("Teh vote  passed.", filename="story.txt")
        print(sorted(f.rule for f in findings), "newslint_languagetool.client" in sys.modules)
    """)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NEWSLINT_LANGUAGETOOL_URL", "LTP_JAR_DIR_PATH")
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "['doubled-space'] False", result.stderr


# --- a local install (LTP_JAR_DIR_PATH) ---------------------------------------------------
@pytest.fixture
def local_install(tmp_path):
    """A LanguageTool folder and a stand-in 'java' that serves the fake server on --port."""
    install = tmp_path / "LanguageTool-6.4"
    install.mkdir()
    (install / "languagetool-server.jar").write_bytes(b"")
    record = tmp_path / "java-call.json"
    java = tmp_path / "java"
    java.write_text(
        textwrap.dedent(f"""\
        #!{sys.executable}
        import json, os, sys
        sys.path.insert(0, {str(HERE)!r})
        with open({str(record)!r}, "a") as handle:  # one line a start
            handle.write(json.dumps({{"argv": sys.argv[1:], "pid": os.getpid()}}) + "\\n")
        from lt_fakeserver import FakeLanguageTool
        FakeLanguageTool(int(sys.argv[sys.argv.index("--port") + 1])).server.serve_forever()
        """),
        encoding="utf-8",
    )
    java.chmod(0o755)
    return install, java, record


def test_a_local_install_is_started_for_the_run_and_stopped(local_install, monkeypatch):
    from newslint.config import config_from_dict
    from newslint.engine import Linter
    from newslint.inputs import Source
    from newslint_languagetool import plugin

    install, java, record = local_install
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(install))
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_JAVA", str(java))
    config = config_from_dict({"languagetool": {"startup_timeout": 30}})
    linter = Linter.create(config, entry_points=False, extra_plugins=[plugin])
    problems: list[str] = []
    [result] = linter.run(
        [Source("story.txt", "Officials said teh plan was final.")], problems=problems
    )
    assert problems == []
    assert [f.rule for f in result.findings] == ["languagetool/MORFOLOGIK_RULE_EN_US"]
    [call] = [json.loads(line) for line in record.read_text().splitlines()]
    assert call["argv"][:4] == [
        "-cp",
        str(install / "languagetool-server.jar"),
        "org.languagetool.server.HTTPServer",
        "--port",
    ]
    with pytest.raises(ProcessLookupError):  # stopped (and reaped) at the end of the run
        os.kill(call["pid"], 0)


def test_one_local_install_serves_stories_whose_configs_differ(local_install, monkeypatch):
    from newslint.config import config_from_dict
    from newslint.engine import Linter
    from newslint.inputs import Source
    from newslint_languagetool import plugin

    install, java, record = local_install
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(install))
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_JAVA", str(java))
    configs = {
        f"{desk}/story.txt": config_from_dict({"languagetool": {"language": language}})
        for desk, language in (("world", "en-GB"), ("sport", "en-US"))
    }
    linter = Linter.create(configs["sport/story.txt"], entry_points=False, extra_plugins=[plugin])
    problems: list[str] = []
    results = linter.run(
        [Source(path, "Officials said teh plan was final.") for path in configs],
        config_for=configs.__getitem__,
        problems=problems,
    )
    assert problems == []
    assert all(r.findings for r in results)
    [call] = [json.loads(line) for line in record.read_text().splitlines()]  # started once
    with pytest.raises(ProcessLookupError):
        os.kill(call["pid"], 0)


@pytest.mark.parametrize(
    "setup, message",
    [
        ("nojar", "holds no languagetool-server.jar"),
        ("nojava", "cannot start"),
    ],
)
def test_a_broken_local_install_is_one_error_line(local_install, monkeypatch, setup, message):
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.inputs import Source
    from newslint_languagetool import plugin

    install, java, _ = local_install
    if setup == "nojar":
        (install / "languagetool-server.jar").unlink()
    else:
        java = install / "no-such-java"
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(install))
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_JAVA", str(java))
    linter = Linter.create(Config(), entry_points=False, extra_plugins=[plugin])
    problems: list[str] = []
    [result] = linter.run([Source("story.txt", "Teh  end.")], problems=problems)
    assert len(problems) == 1 and message in problems[0]
    assert [f.rule for f in result.findings] == ["doubled-space"]
