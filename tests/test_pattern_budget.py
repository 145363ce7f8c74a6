"""Users' patterns run within one time budget per story, and one story's timeout never
touches another story's result."""

from __future__ import annotations

import threading
import time

import newslint
from newslint.config import config_from_dict

# Backtracks without end on a long run of "a" with no "b" after it.
CATASTROPHIC = "(?:a|aa)+b"


def test_debris_extra_patterns_share_one_budget_per_story():
    # 400 lines on which the pattern never finishes: with half a second a line this ran
    # 200 s; with half a second a story it stops at once, in one clear internal finding.
    story = ("a" * 60 + "!\n\n") * 400
    started = time.monotonic()
    findings = newslint.lint_text(
        story,
        filename="story.txt",
        config={"select": ["debris"], "rules": {"debris": {"extra": [CATASTROPHIC]}}},
    )
    assert time.monotonic() - started < 10
    assert [(f.rule, f.message) for f in findings] == [
        (
            "internal-error",
            "rule debris: the 'extra' patterns took longer than 0.5s on story.txt and were stopped; "
            "simplify them (nested repeats such as (a+)+ backtrack without end)",
        )
    ]


def test_debris_extra_patterns_still_match_within_the_budget():
    findings = newslint.lint_text(
        "Copy.\n\nListen to this article\n",
        filename="story.txt",
        config={"select": ["debris"], "rules": {"debris": {"extra": ["listen to this article"]}}},
    )
    assert [(f.rule, f.line) for f in findings] == [("debris", 3)]


def test_debris_extra_timeout_in_the_cli_is_one_line_for_the_run(tmp_path):
    from conftest import run_module

    (tmp_path / ".git").mkdir()
    (tmp_path / "newslint.toml").write_text(f"[rules.debris]\nextra = ['{CATASTROPHIC}']\n")
    for name in ("one.txt", "two.txt", "three.txt"):
        (tmp_path / name).write_text(("a" * 60 + "!\n\n") * 50)
    result = run_module("check", "--no-plugins", "--select", "debris", ".", cwd=tmp_path)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("newslint: error:")]
    assert errors == [
        "newslint: error: rule debris: the 'extra' patterns took longer than 0.5s on "
        "./one.txt and were stopped; simplify them (nested repeats such as (a+)+ "
        "backtrack without end)"
    ]


def _house_config():
    return config_from_dict(
        {
            "select": ["house"],
            "pattern-timeout": 0.3,
            "house-style": [
                {"id": "runaway", "kind": "existence", "pattern": "(a|aa)+$"},
                {
                    "id": "govt",
                    "kind": "substitution",
                    "pattern": r"\bGovt\b",
                    "replace": "government",
                },
            ],
        },
        "newslint.toml",
    )


def test_a_house_style_timeout_does_not_poison_later_stories_sharing_the_config():
    config = _house_config()  # loaded once, as a CMS back end does at start-up
    first = newslint.lint_text("a" * 5000 + "!", filename="story.txt", config=config)
    assert [f.rule for f in first] == ["internal-error"]
    assert "id 'runaway'" in first[0].message and "0.3s" in first[0].message
    for _ in range(3):  # every later story gets its own findings, not the earlier timeout
        later = newslint.lint_text("The Govt said no.", filename="story.txt", config=config)
        assert [(f.rule, f.suggestions) for f in later] == [("house/govt", ("government",))]


def test_concurrent_stories_keep_their_own_results():
    config = _house_config()
    results: dict[str, list[str]] = {}

    def lint(name: str, text: str) -> None:
        results[name] = [
            f.rule for f in newslint.lint_text(text, filename=f"{name}.txt", config=config)
        ]

    threads = [threading.Thread(target=lint, args=("bad", "a" * 5000 + "!"))]
    threads += [
        threading.Thread(target=lint, args=(f"good{i}", "The Govt said no.")) for i in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.pop("bad") == ["internal-error"]
    assert results == {f"good{i}": ["house/govt"] for i in range(4)}
