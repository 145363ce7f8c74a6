"""Inline suppression comments, each form in Markdown and in HTML."""

from __future__ import annotations

import pytest
from conftest import lint

from newslint.config import Config
from newslint.engine import Linter
from newslint.inputs import Source
from newslint.rule import Rule, hookimpl

RULES = ("debris", "doubled-space", "duplicate-paragraph", "invalid-suppression")


def found(text, path, rules=RULES):
    return [(f.rule, f.line) for f in lint(text, path, select=rules)]


def as_html(markdown_like: str) -> str:
    """The same story as HTML: every non-comment line a <p>, comments kept as they are."""
    out = []
    for line in markdown_like.split("\n"):
        out.append(
            line
            if not line.strip() or line.startswith("<!--")
            else f"<p>{line.replace('  ', '&nbsp; ')}</p>"
        )
    return "\n".join(out)


@pytest.fixture(params=["md", "html"])
def fmt(request):
    return request.param


def check(story: str, fmt: str, rules=RULES):
    if fmt == "html":
        return found(as_html(story), "story.html", rules)
    return found(story, "story.md", rules)


def test_disable_and_enable_a_rule(fmt):
    story = """Share this post

<!-- newslint-disable debris -->

Share this post

The council  approved it.

<!-- newslint-enable debris -->

Share this post
"""
    assert check(story, fmt) == [("debris", 1), ("doubled-space", 7), ("debris", 11)]


def test_disable_without_ids_covers_every_rule_until_enable(fmt):
    story = """<!-- newslint-disable -->

Share this post

The council  approved it.

<!-- newslint-enable -->

Advertisement
"""
    assert check(story, fmt) == [("debris", 9)]


def test_disable_runs_to_the_end_of_the_file(fmt):
    story = """Advertisement

<!-- newslint-disable debris, doubled-space -->

Share this post

The council  approved it.
"""
    assert check(story, fmt) == [("debris", 1)]


def test_ids_separated_by_spaces_and_categories_and_a_reason(fmt):
    story = """<!-- newslint-disable whitespace debris -- the sponsor line stays -->

Share this post

The council  approved it.
"""
    assert check(story, fmt) == []


def test_enable_naming_a_rule_reenables_just_it(fmt):
    story = """<!-- newslint-disable -->

<!-- newslint-enable doubled-space -->

Share this post

The council  approved it.

<!-- newslint-disable whitespace -->

The board  agreed.
"""
    assert check(story, fmt) == [("doubled-space", 7)]


def test_disable_next_line_covers_only_the_next_prose_line(fmt):
    story = """<!-- newslint-disable-next-line debris -->

Share this post

Advertisement
"""
    assert check(story, fmt) == [("debris", 5)]


def test_disable_next_line_without_ids_covers_every_rule(fmt):
    story = """<!-- newslint-disable-next-line -->
The council  approved it.

The board  agreed.
"""
    assert check(story, fmt) == [("doubled-space", 4)]


def test_disable_next_line_names_only_its_rules(fmt):
    story = """<!-- newslint-disable-next-line debris -->
The council  approved it.
"""
    assert check(story, fmt) == [("doubled-space", 2)]


def test_disable_next_line_skips_markup_only_lines_in_html():
    story = """<!-- newslint-disable-next-line debris -->
<div class="share">
  Share on Facebook
</div>
<div>
  Share on Twitter
</div>
"""
    assert found(story, "story.html") == [("debris", 6)]


def test_a_block_finding_counts_by_its_start(fmt):
    para = "Floods closed the coast road on Monday after two days of heavy rain."
    story = f"""{para}

<!-- newslint-disable-next-line duplicate-paragraph -->
{para}
"""
    assert check(story, fmt) == []
    story = f"""{para}

<!-- newslint-disable duplication -->
{para}
"""
    assert check(story, fmt) == []


def test_comment_in_the_middle_of_a_line(fmt):
    story = "The council  approved<!-- newslint-disable doubled-space --> the  budget.\n"
    if fmt == "html":
        result = found(as_html(story), "story.html")
    else:
        result = found(story, "story.md")
    assert result == [("doubled-space", 1)]
    (finding,) = lint(story, "story.md", select=("doubled-space",))
    assert finding.column == 12


def test_unknown_id_is_reported_and_known_ids_still_work(fmt):
    story = """<!-- newslint-disable debirs, doubled-space -->

Share this post

The council  approved it.
"""
    assert check(story, fmt) == [("invalid-suppression", 1), ("debris", 3)]
    source = story if fmt == "md" else as_html(story)
    path = "story.md" if fmt == "md" else "story.html"
    (bad,) = lint(source, path, select=("invalid-suppression",))
    assert (bad.line, bad.column, bad.end_column) == (1, 23, 29)
    assert bad.category == "style" and bad.severity == "warning"
    assert "'debirs'" in bad.message and bad.suggestions == ("debris",)


def test_a_comment_naming_only_unknown_ids_silences_nothing(fmt):
    story = """<!-- newslint-disable-next-line debirs -->
Share this post
"""
    assert check(story, fmt) == [("invalid-suppression", 1), ("debris", 2)]


def test_misspelt_directive_is_reported(fmt):
    story = """<!-- newslint-disabel debris -->

Share this post

<!-- newslint: checked by the desk -->
<!-- not a directive -->
"""
    result = lint(story if fmt == "md" else as_html(story), f"story.{fmt}", select=RULES)
    assert [(f.rule, f.line, f.column) for f in result] == [
        ("invalid-suppression", 1, 6),
        ("debris", 3, 1 if fmt == "md" else 4),
    ]
    assert result[0].suggestions == ("newslint-disable",)


def test_invalid_suppression_follows_select_and_ignore_and_config(fmt):
    story = "<!-- newslint-disable debirs -->\n\nShare this post\n"
    source = story if fmt == "md" else as_html(story)
    assert [f.rule for f in lint(source, f"story.{fmt}", select=("debris",))] == ["debris"]
    linter = Linter.create(Config(ignore=("invalid-suppression",)), entry_points=False)
    assert "invalid-suppression" not in {
        f.rule for f in lint(source, f"story.{fmt}", linter=linter)
    }
    linter = Linter.create(
        Config(rules={"invalid-suppression": {"severity": "error"}}), entry_points=False
    )
    assert {
        f.severity
        for f in lint(source, f"story.{fmt}", linter=linter)
        if f.rule == "invalid-suppression"
    } == {"error"}


def test_a_suppression_cannot_silence_reports_about_suppressions(fmt):
    story = "<!-- newslint-disable -->\n\n<!-- newslint-disable debirs -->\n\nShare this post\n"
    assert check(story, fmt) == [("invalid-suppression", 3)]


def test_internal_errors_are_never_suppressed():
    def broken(document, options):
        raise RuntimeError("boom")

    class Plugin:
        @hookimpl
        def newslint_rules(self):
            return [
                Rule(
                    id="house/broken",
                    category="style",
                    severity="warning",
                    check=broken,
                    doc="Broken.",
                )
            ]

    linter = Linter.create(Config(), entry_points=False, extra_plugins=[Plugin()])
    (result,) = linter.run([Source("story.md", "<!-- newslint-disable -->\n\nShare this post\n")])
    assert [f.rule for f in result.findings] == ["internal-error"]


def test_plain_text_has_no_suppression_comments():
    story = "<!-- newslint-disable -->\n\nShare this post\n"
    assert found(story, "story.txt") == [("debris", 3)]


def test_plugin_ids_and_prefixes():
    def check_(document, options):
        yield rule.finding(0, 5, "House style.")

    rule = Rule(id="house/caps", category="style", severity="warning", check=check_, doc="House.")

    class Plugin:
        @hookimpl
        def newslint_rules(self):
            return [rule]

    linter = Linter.create(Config(), entry_points=False, extra_plugins=[Plugin()])
    for comment in ("house/caps", "house/", "style"):
        story = f"<!-- newslint-disable-next-line {comment} -->\nPlain words here.\n"
        (result,) = linter.run([Source("story.md", story)])
        assert [f.rule for f in result.findings] == [], comment
    (result,) = linter.run(
        [Source("story.md", "<!-- newslint-disable-next-line house/cap -->\nPlain words here.\n")]
    )
    assert sorted(f.rule for f in result.findings) == ["house/caps", "invalid-suppression"]


# --- the indexed sweep decides exactly as the directives read in order -----------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newslint.engine import FindingView, names  # noqa: E402
from newslint.model import Finding  # noqa: E402
from newslint.suppression import Directive, suppress  # noqa: E402

_RULES = {
    rule.id: rule
    for rule in (
        Rule(
            id="doubled-word", category="grammar", severity="warning", check=lambda d, o: (), doc=""
        ),
        Rule(id="debris", category="debris", severity="warning", check=lambda d, o: (), doc=""),
        Rule(
            id="house/govt",
            category="style",
            severity="warning",
            check=lambda d, o: (),
            doc="",
            plugin="house-style",
        ),
        Rule(
            id="languagetool",
            category="grammar",
            severity="warning",
            check=lambda d, o: (),
            doc="",
            plugin="languagetool",
        ),
    )
}
_FINDING_RULES = [
    ("doubled-word", "grammar"),
    ("debris", "debris"),
    ("house/govt", "style"),
    ("languagetool/EN_QUOTES", "grammar"),
    ("languagetool", "typography"),
]
_TOKENS = [
    "doubled-word",
    "grammar",
    "debris",
    "newslint",
    "house",
    "house/",
    "house/govt",
    "style",
    "house-style",
    "languagetool",
    "languagetool/",
    "languagetool/EN_QUOTES",
    "languagetool/EN_QUOTES/X",
    "languagetool/OTHER",
    "typography",
]


def _reference(findings, directives):
    """The rule as written: the operations before each finding, newest first; the first that
    names its rule decides (an id-less directive names every rule)."""
    kept = []
    for finding in findings:
        ops: list[tuple[str, str | None]] = []
        for directive in directives:
            if directive.end > (finding.line, finding.column):
                break
            if directive.every:
                ops = [] if directive.action == "enable" else [("disable", None)]
            else:
                ops += [(directive.action, token) for token in directive.tokens]
        view = _RULES.get(finding.rule) or FindingView(
            finding.rule, finding.category, finding.severity, ""
        )
        off = next(
            (
                action == "disable"
                for action, token in reversed(ops)
                if token is None or names(token, view)
            ),
            False,
        )
        if not off:
            kept.append(finding)
    return kept


_directives = st.lists(
    st.tuples(
        st.sampled_from(["disable", "enable"]), st.lists(st.sampled_from(_TOKENS), max_size=3)
    ),
    max_size=12,
)
_findings = st.lists(st.tuples(st.sampled_from(_FINDING_RULES), st.integers(1, 14)), max_size=12)


@settings(max_examples=150, deadline=None)
@given(_directives, _findings)
def test_the_sweep_decides_as_reading_the_directives_in_order(raw_directives, raw_findings):
    directives = [
        Directive(action, tuple(tokens), not tokens, (line, 1), (line, 20))
        for line, (action, tokens) in enumerate(raw_directives, 1)
    ]
    findings = [
        Finding(
            rule=rule,
            category=category,
            severity="warning",
            message="m",
            line=line,
            column=5,
            end_line=line,
            end_column=6,
        )
        for (rule, category), line in raw_findings
    ]
    assert suppress(None, findings, directives, _RULES) == _reference(findings, directives)


def test_thousands_of_directives_stay_cheap():
    # 40,000 comments once held 6.4 GB: every directive kept a copy of all before it.
    import tracemalloc

    directives = [
        Directive(
            action,
            ("doubled-word",) if action == "disable" else ("grammar",),
            False,
            (line, 1),
            (line, 40),
        )
        for line, action in enumerate(["disable", "enable"] * 5_000, 1)
    ]
    findings = [
        Finding(
            rule="doubled-word",
            category="grammar",
            severity="warning",
            message="m",
            line=line,
            column=1,
        )
        for line in (10_000, 10_001)
    ]
    tracemalloc.start()
    try:
        kept = suppress(None, findings, directives, _RULES)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [f.line for f in kept] == [10_001]  # the last enable names the rule's category
    assert peak < 20 * 1024 * 1024  # it was 400 MB for these 10,000 directives
