from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from newslint.config import Config
from newslint.engine import Linter
from newslint.inputs import Source

REPO = Path(__file__).resolve().parents[1]
# The OASIS SARIF 2.1.0 schema, kept in the repository (tests/data/README.md: source, terms).
SARIF_SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"

# In CI every run sees the same generated examples, so a red build comes from the change, not
# from the dice; on a developer's machine Hypothesis explores and remembers what it found.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def word_list_cache(tmp_path_factory):
    """One spelling word-list cache for the session, shared by every newslint process the
    tests start: built once (about a second) instead of by each process whose HOME or
    XDG_CACHE_HOME a test points elsewhere, and never in the developer's own cache."""
    patch = pytest.MonkeyPatch()
    patch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path_factory.mktemp("newslint-cache")))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def linter() -> Linter:
    """One Linter with built-in rules only (no outside plugins), shared by tests."""
    return Linter.create(Config(), entry_points=False)


def lint(text: str, path: str = "story.txt", *, select=(), linter: Linter | None = None):
    """Findings for ``text`` as if read from ``path``; ``select`` narrows the rules."""
    linter = linter or Linter.create(Config(select=tuple(select)), entry_points=False)
    return linter.run([Source(path, text)])[0].findings


ARCHIVE_STORY = (
    "The council met on Monday.\n\n"
    "Share this post\n\n"
    "Members voted nine to two on Monday in favour of the plan.\n"
)


@pytest.fixture
def archive(tmp_path, monkeypatch):
    """An archive of two stories with findings, checked from its root."""
    root = tmp_path / "archive"
    (root / ".git").mkdir(parents=True)
    (root / "stories").mkdir()
    (root / "stories" / "council.txt").write_text(ARCHIVE_STORY, encoding="utf-8")
    (root / "stories" / "mayor.txt").write_text(
        "Advertisement\n\nThe mayor  resigned.\n", encoding="utf-8"
    )
    monkeypatch.chdir(root)
    return root


def rule_hits(text: str, rule: str, path: str = "story.txt"):
    return [f for f in lint(text, path, select=(rule,)) if f.rule == rule]


@pytest.fixture
def cli():
    from newslint.cli import main

    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


def run_module(*args, cwd=None, input=None, env=None):
    """Run ``python -m newslint`` in a real subprocess (exit codes, stdin, start-up), with the
    environment ``env`` if given (a whole environment, as subprocess takes it)."""
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        cwd=cwd,
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_in_process(*args, cwd=None, input=None, env=None) -> subprocess.CompletedProcess:
    """``newslint ARGS`` run in this process (click's runner), from the folder ``cwd``, with
    the result shaped as ``run_module``'s: for tests about what the command does rather than
    about the process (exit on a signal, start-up, a real stdin), at a fraction of the cost.
    ``env`` sets environment variables for the run only (None removes one)."""
    from newslint.cli import main

    before = os.getcwd()
    os.chdir(cwd or before)
    try:
        result = CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(
        ["newslint", *args], result.exit_code, result.stdout, result.stderr
    )


@functools.lru_cache(maxsize=1)
def _sarif_validator():
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def assert_valid_sarif(log: dict) -> dict:
    """``log`` (a parsed SARIF document), failing with the first schema errors if invalid."""
    errors = sorted(_sarif_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    return log
