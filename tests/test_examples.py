"""examples/ is what the README's quick start runs: every rule fires there, the clean story is clean."""

from __future__ import annotations

from conftest import REPO

from newslint.api import lint_paths
from newslint.plugins import build_registry

EXAMPLES = REPO / "examples"


def test_clean_example_raises_nothing():
    (result,) = lint_paths([EXAMPLES / "clean-story.md"])
    assert result.error is None
    assert result.findings == [], [(f.rule, f.line, f.message) for f in result.findings]


def test_every_builtin_rule_fires_somewhere_in_examples():
    fired = {f.rule for result in lint_paths([EXAMPLES]) for f in result.findings}
    builtin = set(build_registry(entry_points=False).rules)
    assert builtin <= fired, f"no example makes these rules fire: {sorted(builtin - fired)}"


def test_ci_runs_the_readme_test_command_verbatim():
    import re

    readme = (REPO / "README.md").read_text()
    commands = re.findall(
        r"```sh\n(.+?)\n```", readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    )
    assert len(commands) == 2, "the quick start is exactly two commands"
    assert commands[1] in (REPO / ".ci" / "run").read_text()
    assert "newslint check examples/" in commands[0]
