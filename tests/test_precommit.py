"""The pre-commit hook, run by the real pre-commit against a temporary content repository.

The hook source is this checkout: its committed tree when the working tree is clean (as in
CI), otherwise a snapshot of the working tree committed in a temporary repository, since
pre-commit clones hook repositories at a revision and sees only what is committed. Building
the hook's environment installs newslint from that clone, so these tests need the package
index (as ``pip install`` does) and take a little while; CI runs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Desk",
    "GIT_AUTHOR_EMAIL": "desk@example.org",
    "GIT_COMMITTER_NAME": "Desk",
    "GIT_COMMITTER_EMAIL": "desk@example.org",
}

DOUBLED = (
    "# Lifeboat crew rescues walkers\n"
    "\n"
    "Two walkers were rescued from the cliffs near the harbour on Sunday evening.\n"
    "\n"
    "The lifeboat crew said the pair had been cut off by the rising tide.\n"
    "\n"
    "Two walkers were rescued from the cliffs near the harbour on Sunday evening.\n"
)

CLEAN = (
    "# Library extends opening hours\n"
    "\n"
    "The town library will stay open until eight in the evening from next month.\n"
    "\n"
    "The council said the longer hours would cost less than expected.\n"
)


def _run(args, cwd, env, timeout=900):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _git(cwd, env, *args):
    done = _run(["git", *args], cwd, env, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    values = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    values.pop("SKIP", None)
    values.pop("VIRTUAL_ENV", None)
    values.update(
        GIT_IDENTITY,
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
        GIT_CONFIG_NOSYSTEM="1",
        HOME=str(home),
    )
    return values


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory, env) -> tuple[str, str]:
    """(repository, revision) holding this checkout as it is on disk."""
    if not (REPO / ".git").exists() or shutil.which("git") is None:
        pytest.skip("the hook source must be a git checkout of newslint")
    status = _run(["git", "status", "--porcelain", "--untracked-files=normal"], REPO, env)
    if status.returncode == 0 and not status.stdout.strip():
        return str(REPO), _git(REPO, env, "rev-parse", "HEAD")
    snapshot = tmp_path_factory.mktemp("newslint-snapshot")
    listed = _run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO, env
    )
    for name in filter(None, listed.stdout.split("\0")):
        source = REPO / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git(snapshot, env, "init", "-q")
    _git(snapshot, env, "add", "-A")
    _git(snapshot, env, "commit", "-q", "-m", "snapshot of the working tree")
    return str(snapshot), _git(snapshot, env, "rev-parse", "HEAD")


@pytest.fixture
def content_repo(tmp_path, env) -> Path:
    root = tmp_path / "newsroom"
    (root / "stories").mkdir(parents=True)
    _git(root, env, "init", "-q")
    return root


def pre_commit(*args, cwd, env):
    return _run([sys.executable, "-m", "pre_commit", *args], cwd, env)


def test_a_commit_with_a_doubled_paragraph_fails_and_a_clean_one_passes(
    content_repo, hook_source, env
):
    repo, rev = hook_source
    (content_repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: newslint\n",
        encoding="utf-8",
    )
    done = pre_commit("install", cwd=content_repo, env=env)
    assert done.returncode == 0, done.stdout + done.stderr

    (content_repo / "stories" / "lifeboat.md").write_text(DOUBLED, encoding="utf-8")
    (content_repo / "notes.py").write_text("print('not copy')\n", encoding="utf-8")
    _git(content_repo, env, "add", ".")
    commit = _run(["git", "commit", "-m", "lifeboat story"], content_repo, env)
    output = commit.stdout + commit.stderr
    assert commit.returncode != 0, output
    assert "stories/lifeboat.md:7:1: warning [duplicate-paragraph]" in output, output
    assert "notes.py" not in output.replace(".pre-commit-config.yaml", "")
    assert _run(["git", "rev-parse", "--verify", "-q", "HEAD"], content_repo, env).returncode != 0

    (content_repo / "stories" / "lifeboat.md").write_text(CLEAN, encoding="utf-8")
    _git(content_repo, env, "add", ".")
    commit = _run(["git", "commit", "-m", "library story"], content_repo, env)
    assert commit.returncode == 0, commit.stdout + commit.stderr
    assert "newslint" in commit.stdout + commit.stderr  # the hook ran, and passed
    assert "Passed" in commit.stdout + commit.stderr


def test_try_repo_runs_the_hook_on_named_files(content_repo, hook_source, env):
    repo, rev = hook_source
    (content_repo / "stories" / "doubled.html").write_text(
        "<h1>Lifeboat crew rescues walkers</h1>\n"
        "<p>Two walkers were rescued from the cliffs near the harbour on Sunday evening.</p>\n"
        "<p>The lifeboat crew said the pair had been cut off by the rising tide.</p>\n"
        "<p>Two walkers were rescued from the cliffs near the harbour on Sunday evening.</p>\n",
        encoding="utf-8",
    )
    (content_repo / "stories" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    _git(content_repo, env, "add", ".")
    bad = pre_commit(
        "try-repo",
        repo,
        "newslint",
        "--ref",
        rev,
        "--files",
        "stories/doubled.html",
        cwd=content_repo,
        env=env,
    )
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "stories/doubled.html:4:4: warning [duplicate-paragraph]" in bad.stdout, bad.stdout
    good = pre_commit(
        "try-repo",
        repo,
        "newslint",
        "--ref",
        rev,
        "--files",
        "stories/clean.txt",
        cwd=content_repo,
        env=env,
    )
    assert good.returncode == 0, good.stdout + good.stderr
