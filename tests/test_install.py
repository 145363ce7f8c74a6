"""The install story, as the README and examples/ci tell it, run for real and offline.

Users install newslint from its repository at a commit (it is on no package index), with pip
or pipx, and content repositories run it through pre-commit. These tests take the README's
requirement and pre-commit snippet verbatim, with only the repository URL replaced by this
checkout (its committed tree when the working tree is clean, as in CI; otherwise a snapshot
of the working tree committed in a temporary repository, since pip and pre-commit see only
what is committed) and the revision by that checkout's commit.

Nothing is downloaded: pip runs with ``--no-index`` and finds every wheel in a wheelhouse
repacked once per session from this test environment (tests/wheelhouse.py). pre-commit
builds the hook's environment once per session, in a session-wide ``PRE_COMMIT_HOME``;
every content repository after the first reuses it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from conftest import REPO
from wheelhouse import build_wheelhouse

from newslint.plugins import build_registry

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

pytestmark = pytest.mark.slow

README = (REPO / "README.md").read_text(encoding="utf-8")
# The URL the README and examples/ci name: a user puts their copy's URL in its place.
DOCUMENTED_URL = "https://github.com/your-org/newslint"
# A requirement installing newslint (or a package in this repository) from git at a rev.
GIT_REQUIREMENT = re.compile(
    r"(?P<name>[\w-]+(?:\[[\w,-]+\])?) @ git\+(?P<url>[^@\s\"]+)@(?P<rev>[\w.-]+)"
    r"(?P<fragment>#[^\s\"]*)?"
)

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


class HookSource(NamedTuple):
    """Where pip and pre-commit get newslint from in these tests."""

    path: str
    rev: str


def readme_section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def fenced(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


def readme_pip_install(name: str) -> str:
    """The Install section's pip command for the package ``name``."""
    (line,) = [
        command.strip()
        for command in fenced(readme_section("Install"), "sh")
        if command.startswith(f'pip install "{name} @ ')
    ]
    return line


def documented_requirements() -> list[re.Match]:
    """Every git requirement the README and the CI examples give users."""
    texts = [README] + [p.read_text("utf-8") for p in sorted((REPO / "examples/ci").glob("*"))]
    return [m for text in texts for m in GIT_REQUIREMENT.finditer(text)]


def _run(args, cwd, env, timeout=600):
    return subprocess.run(
        args, check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


def _git(cwd, env, *args):
    done = _run(["git", *args], cwd, env, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory) -> Path:
    """Wheels of everything newslint and its build back end need, from this environment."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    roots = pyproject["project"]["dependencies"] + pyproject["build-system"]["requires"]
    target = tmp_path_factory.mktemp("wheelhouse")
    build_wheelhouse(target, roots)
    return target


@pytest.fixture(scope="session")
def env(tmp_path_factory, wheelhouse) -> dict[str, str]:
    """A user's environment with no network: pip installs from the wheelhouse only."""
    home = tmp_path_factory.mktemp("home")
    values = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PRE_COMMIT", "GIT_", "PIP_", "VIRTUALENV_"))
    }
    for name in ("SKIP", "VIRTUAL_ENV", "PYTHONPATH"):
        values.pop(name, None)
    values.update(
        GIT_IDENTITY,
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        PRE_COMMIT_COLOR="never",
        PIP_CONFIG_FILE=os.devnull,  # no machine-wide index or find-links either
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_CACHE_DIR="1",
        PIP_NO_COMPILE="1",  # byte code is written on first import anyway; this saves time
    )
    return values


@pytest.fixture(scope="session")
def hook_source(tmp_path_factory, env) -> HookSource:
    """This checkout as it is on disk, as a git repository and a revision of it."""
    status = _run(["git", "status", "--porcelain", "--untracked-files=normal"], REPO, env)
    assert status.returncode == 0, f"newslint's tests run from a git checkout: {status.stderr}"
    if not status.stdout.strip():
        return HookSource(str(REPO), _git(REPO, env, "rev-parse", "HEAD"))
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
    return HookSource(str(snapshot), _git(snapshot, env, "rev-parse", "HEAD"))


def readme_precommit_config(source: HookSource) -> str:
    """The README's snippet, verbatim but for the repository URL and the revision."""
    (snippet,) = fenced(readme_section("pre-commit"), "yaml")
    assert f"repo: {DOCUMENTED_URL} " in snippet
    snippet = snippet.replace(f"repo: {DOCUMENTED_URL} ", f"repo: {source.path} ")
    return re.sub(r"(?m)^(\s*rev: )\S+", rf"\g<1>{source.rev}", snippet, count=1)


def new_content_repo(root: Path, source: HookSource, env) -> Path:
    (root / "stories").mkdir(parents=True)
    _git(root, env, "init", "-q")
    (root / ".pre-commit-config.yaml").write_text(readme_precommit_config(source), "utf-8")
    return root


def pre_commit(*args, cwd, env):
    return _run([sys.executable, "-m", "pre_commit", *args], cwd, env)


@pytest.fixture(scope="session")
def hook_environment(tmp_path_factory, hook_source, env) -> None:
    """The hook's environment, built once by pre-commit (every content repository that
    names the same repository and revision reuses it)."""
    root = new_content_repo(tmp_path_factory.mktemp("first-content-repo"), hook_source, env)
    done = pre_commit("install-hooks", cwd=root, env=env)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def content_repo(tmp_path, hook_source, env, hook_environment) -> Path:
    return new_content_repo(tmp_path / "newsroom", hook_source, env)


# --- what the documents promise --------------------------------------------------------------


def test_every_documented_install_names_the_repository_at_a_commit_it_holds():
    found = documented_requirements()
    # README: pipx, pip, the plugin; each CI example: one.
    assert len(found) >= 5, [m.group(0) for m in found]
    assert {m.group("url") for m in found} == {DOCUMENTED_URL}
    (rev,) = {m.group("rev") for m in found}
    (snippet,) = fenced(readme_section("pre-commit"), "yaml")
    assert re.search(rf"(?m)^\s*rev: {rev}\s", snippet), snippet
    assert "pip install newslint\n" not in README + "".join(
        p.read_text("utf-8") for p in (REPO / "examples/ci").glob("*")
    )
    # A full commit hash (pre-commit and pip fetch it from any host), and one this
    # repository holds, with the hook manifest pre-commit reads.
    assert re.fullmatch("[0-9a-f]{40}", rev), rev
    manifest = _run(["git", "show", f"{rev}:.pre-commit-hooks.yaml"], REPO, None)
    shallow = _run(["git", "rev-parse", "--is-shallow-repository"], REPO, None).stdout
    if manifest.returncode != 0 and shallow.strip() == "true":
        return  # a shallow clone may not hold the commit; a full one must
    assert manifest.returncode == 0, manifest.stderr
    assert "id: newslint" in manifest.stdout


def test_the_readme_states_the_python_version_pyproject_requires():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["requires-python"] == ">=3.10"
    assert "Python 3.10 or later" in readme_section("Install")


def test_the_readme_describes_every_extra():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    install = readme_section("Install")
    for extra in pyproject["project"]["optional-dependencies"]:
        assert f"| `{extra}` |" in install, f"the README's Install section lacks the {extra} extra"


def test_the_ci_examples_install_the_readmes_requirement():
    pip_line = readme_pip_install("newslint")
    requirement = GIT_REQUIREMENT.search(pip_line).group(0)
    workflow = yaml.safe_load((REPO / "examples/ci/github-workflow.yml").read_text("utf-8"))
    assert workflow["env"]["NEWSLINT"] == requirement
    for job in workflow["jobs"].values():
        assert {"run": 'pip install "$NEWSLINT"'} in job["steps"]
    gitlab = yaml.safe_load((REPO / "examples/ci/gitlab-ci.yml").read_text("utf-8"))["newslint"]
    assert gitlab["variables"]["NEWSLINT"] == requirement
    assert gitlab["before_script"] == ['pip install "$NEWSLINT"']


def test_the_hook_manifest_reads_every_extension_a_parser_claims():
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert (hook["id"], hook["language"], hook["entry"]) == (
        "newslint",
        "python",
        "newslint check --force-exclude",
    )
    assert hook["types"] == ["text"] and hook["require_serial"] is True
    files = re.compile(hook["files"])
    extensions = build_registry(entry_points=False).extensions
    assert {".txt", ".md", ".html"} <= set(extensions)
    for extension in extensions:
        assert files.search(f"stories/a{extension}") and files.search(f"A{extension.upper()}")
    for other in ("notes.py", "data.json", "story.md.orig", "story.txt~", "html/readme"):
        assert not files.search(other), other


# --- run for real ----------------------------------------------------------------------------


def test_pip_installs_the_readmes_requirement_without_an_index(hook_source, env, tmp_path):
    pip_line = readme_pip_install("newslint")
    # This checkout's URL (with a host: older pip rejects a git+file URL without one).
    local_url = f"file://localhost{hook_source.path}"
    command = pip_line.replace(f"git+{DOCUMENTED_URL}@", f"git+{local_url}@")
    command = GIT_REQUIREMENT.sub(
        lambda m: m.group(0).replace(m.group("rev"), hook_source.rev), command
    )
    requirement = GIT_REQUIREMENT.search(command).group(0)
    assert command == f'pip install "{requirement}"'
    # Cloned, built and resolved as the README's command would, without touching this
    # environment. The build runs in this environment (its setuptools) rather than an isolated
    # one: pre-commit's hook environment above already builds newslint the isolated way.
    report = tmp_path / "report.json"
    done = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--ignore-installed",
            "--no-build-isolation",
            "--quiet",
            "--report",
            str(report),
            requirement,
        ],
        tmp_path,
        env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    installed = {i["metadata"]["name"]: i for i in json.loads(report.read_text())["install"]}
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    assert installed["newslint"]["metadata"]["version"] == pyproject["project"]["version"]
    assert installed["newslint"]["download_info"]["vcs_info"]["commit_id"] == hook_source.rev
    assert {"click", "pluggy", "regex", "markdown-it-py"} <= set(installed)


def test_a_commit_with_a_doubled_paragraph_fails_and_a_clean_one_passes(content_repo, env):
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


def test_the_hook_runs_on_the_files_it_is_given(content_repo, env):
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
        "run", "newslint", "--files", "stories/doubled.html", cwd=content_repo, env=env
    )
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "stories/doubled.html:4:4: warning [duplicate-paragraph]" in bad.stdout, bad.stdout
    good = pre_commit("run", "newslint", "--files", "stories/clean.txt", cwd=content_repo, env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "clean.txt" not in good.stdout
