"""A server that is down, slow, answers garbage or fails: one clear error line per run,
the core findings still reported, nothing downloaded or started."""

from __future__ import annotations

import socket
import time

import pytest
from lt_fakeserver import fake_lt_fixture, isolated_languagetool, server_named  # noqa: F401 (fixtures)

from newslint.config import Config, config_from_dict
from newslint.engine import Linter
from newslint.inputs import Source
from newslint_languagetool import plugin

STORIES = {
    "one.txt": "Officials said teh plan was  final.",
    "two.txt": "The mayor said teh bridge would  reopen.",
    "three.txt": "Teh council met on  Tuesday.",
}


def run(server, **section):
    linter = Linter.create(
        config_from_dict({"languagetool": section}), entry_points=False, extra_plugins=[plugin]
    )
    problems: list[str] = []
    with server_named(server):
        results = linter.run([Source(p, t) for p, t in STORIES.items()], problems=problems)
    return results, problems


def assert_core_findings_only(results):
    for result in results:
        assert [f.rule for f in result.findings] == ["doubled-space"], result.path


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_server_down_is_one_error_line_for_the_run():
    port = closed_port()
    results, problems = run(f"http://127.0.0.1:{port}")
    assert problems == [
        f"plugin {plugin.__name__}: LanguageTool at http://127.0.0.1:{port}/ is not "
        "reachable (connection refused); is the server running?"
    ]
    assert_core_findings_only(results)


def test_slow_server_times_out_once(fake_lt):
    fake_lt.mode, fake_lt.delay = "slow", 3
    started = time.monotonic()
    results, problems = run(fake_lt.url, timeout=0.3)
    assert time.monotonic() - started < 2.5  # not once per file, not the library's 300 s
    assert len(problems) == 1
    assert problems[0].endswith(
        f"LanguageTool at {fake_lt.url}/ did not answer within 0.3 s "
        "(is it overloaded? raise [languagetool] timeout)"
    )
    assert_core_findings_only(results)
    assert len(fake_lt.requests) == 1  # no retry: it would only run out of time again


def test_a_trickling_answer_is_cut_off_at_the_one_deadline(fake_lt):
    """Each byte comes well within the timeout, the whole answer never does: the deadline
    is for the whole request, not for each read."""
    fake_lt.mode, fake_lt.delay = "trickle", 0.01  # about half a minute for the whole answer
    started = time.monotonic()
    results, problems = run(fake_lt.url, timeout=0.4)
    elapsed = time.monotonic() - started
    assert elapsed < 3, elapsed  # the timeout, plus the core rules and some slack
    assert fake_lt.sent > 10  # it did get bytes, one at a time
    assert len(problems) == 1 and problems[0].endswith(
        f"LanguageTool at {fake_lt.url}/ did not answer within 0.4 s (is it overloaded? raise [languagetool] timeout)"
    )
    assert_core_findings_only(results)


def test_a_trickling_answer_that_ends_in_time_is_used(fake_lt):
    fake_lt.mode, fake_lt.delay = "trickle", 0.0
    results, problems = run(fake_lt.url, timeout=5)
    assert problems == []
    assert "languagetool/MORFOLOGIK_RULE_EN_US" in {f.rule for r in results for f in r.findings}


def test_http_500_with_a_json_body_is_an_error(fake_lt):
    """A proxy or a failing server may answer an error status with JSON that parses: the
    status decides, not whether the body looks right."""
    fake_lt.mode = "error500json"
    results, problems = run(fake_lt.url)
    assert len(problems) == 1
    assert f'LanguageTool at {fake_lt.url}/ failed (HTTP 500): {{"software"' in problems[0]
    assert_core_findings_only(results)


def test_an_answer_cut_short_is_an_error(fake_lt):
    """Fewer bytes than Content-Length promised: what came may parse, but it is not the answer."""
    fake_lt.mode = "short"
    results, problems = run(fake_lt.url)
    assert len(problems) == 1
    assert problems[0].endswith(
        f"LanguageTool at {fake_lt.url}/: the answer ended before its stated length"
    )
    assert_core_findings_only(results)


@pytest.mark.parametrize("says_length", [True, False])
def test_a_huge_answer_is_refused_without_being_read_whole(fake_lt, says_length):
    import tracemalloc

    from newslint_languagetool.transport import MAX_ANSWER_BYTES

    fake_lt.mode, fake_lt.huge_says_length = "huge", says_length
    tracemalloc.start()
    try:
        started = time.monotonic()
        results, problems = run(fake_lt.url, timeout=30)
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(problems) == 1
    assert problems[0].endswith(
        f"LanguageTool at {fake_lt.url}/ sent an answer larger than 10 MiB "
        "(not read); is it LanguageTool?"
    )
    assert peak < 4 * MAX_ANSWER_BYTES, peak  # 200 MB were offered
    assert elapsed < 10, elapsed
    assert fake_lt.sent < fake_lt.huge_size
    assert_core_findings_only(results)


def test_garbage_answer(fake_lt):
    fake_lt.mode = "garbage"
    results, problems = run(fake_lt.url)
    assert len(problems) == 1
    assert (
        "sent an answer that is not LanguageTool's JSON: '<html><body>502 Bad Gateway</body></html>'"
        in problems[0]
    )
    assert_core_findings_only(results)
    assert len(fake_lt.requests) == 1


def test_json_of_the_wrong_shape(fake_lt):
    fake_lt.mode = "badjson"
    results, problems = run(fake_lt.url)
    assert (
        len(problems) == 1
        and "sent an answer that is not LanguageTool's JSON (KeyError" in problems[0]
    )
    assert_core_findings_only(results)


def test_http_500(fake_lt):
    fake_lt.mode = "error500"
    results, problems = run(fake_lt.url)
    assert len(problems) == 1
    assert problems[0].endswith(
        f"LanguageTool at {fake_lt.url}/ failed (HTTP 500): Error: Internal Error: "
        "java.lang.OutOfMemoryError, text length: 42"
    )
    assert_core_findings_only(results)


def test_garbage_from_the_languages_endpoint(fake_lt):
    fake_lt.mode = "badlanguages"
    results, problems = run(fake_lt.url)
    assert len(problems) == 1 and "not LanguageTool's JSON" in problems[0]
    assert fake_lt.requests == []
    assert_core_findings_only(results)


def test_text_over_the_servers_limit_names_the_option(fake_lt):
    fake_lt.max_length = 20
    _results, problems = run(fake_lt.url)
    assert len(problems) == 1
    assert "failed (HTTP 413): Error: Your text exceeds the limit of 20 characters" in problems[0]
    assert problems[0].endswith("; lower [languagetool] max_chars")


def test_a_language_the_server_lacks(fake_lt):
    results, problems = run(fake_lt.url, language="xx-YY")
    assert len(problems) == 1
    assert f"LanguageTool at {fake_lt.url}/ does not offer language 'xx-YY'" in problems[0]
    assert_core_findings_only(results)


def test_without_a_problems_list_the_error_lands_on_each_file(fake_lt):
    fake_lt.mode = "garbage"
    linter = Linter.create(Config(), entry_points=False, extra_plugins=[plugin])
    with server_named(fake_lt.url):
        results = linter.run([Source(p, t) for p, t in STORIES.items()])
    for result in results:
        internal = [f for f in result.findings if f.category == "internal"]
        assert len(internal) == 1 and "not LanguageTool's JSON" in internal[0].message


@pytest.mark.parametrize(
    "url",
    [
        "127.0.0.1:{port}",
        "http://127.0.0.1:{port}/",
        "http://127.0.0.1:{port}/v2",
        "http://127.0.0.1:{port}/v2/",
    ],
)
def test_url_forms(fake_lt, url):
    port = fake_lt.url.rsplit(":", 1)[1]
    _results, problems = run(url.format(port=port))
    assert problems == []
    assert len(fake_lt.requests) == 3


def test_ids_from_the_server_are_reduced_to_a_safe_set(fake_lt):
    """A rule id becomes part of newslint's rule id, printed in every format: a newline in
    it could forge a line of output (a GitHub workflow command, say)."""
    from lt_fakeserver import FakeRule

    fake_lt.rules = (
        FakeRule(
            r"\bteh\b",
            "EVIL\n::error file=x.txt::owned/..",
            "TYPOS\r\n",
            "misspelling",
            "Bad\nspelling\x1b[31m",
            ("the\n",),
        ),
    )
    results, problems = run(fake_lt.url)
    assert problems == []
    found = [f for r in results for f in r.findings if f.rule.startswith("languagetool/")]
    assert len(found) == 2  # "teh" in one.txt and two.txt
    for finding in found:
        assert finding.rule == "languagetool/EVIL___error_file_x.txt__owned_.."
        assert finding.data["languagetool_category"] == "TYPOS__"
        assert finding.message == "Bad spelling [31m"
        assert finding.suggestions == ("the",)


def test_safe_id_keeps_ordinary_ids_and_bounds_length():
    from newslint_languagetool.client import MAX_ID_LENGTH, safe_id

    assert safe_id("MORFOLOGIK_RULE_EN_US") == "MORFOLOGIK_RULE_EN_US"
    assert safe_id("EN-GB.Rule_2") == "EN-GB.Rule_2"
    assert safe_id("") == "UNKNOWN"
    assert len(safe_id("X" * 10_000)) == MAX_ID_LENGTH


@pytest.mark.parametrize(
    "key, variable", [("java", "NEWSLINT_LANGUAGETOOL_JAVA"), ("jar_dir", "LTP_JAR_DIR_PATH")]
)
def test_settings_never_take_a_program_from_a_config_section(key, variable):
    """Defence in depth: a Config built without config_from_dict (whose check comes first)."""
    from newslint_languagetool.settings import SettingsError, read_settings

    with pytest.raises(
        SettingsError, match=f"{key}: a config may not name a program to run; set {variable}"
    ):
        read_settings({key: "./evil.sh"}, environ={})
    assert read_settings({}, environ={variable: "/opt/java/bin/java"}).java == (
        "/opt/java/bin/java" if key == "java" else ""
    )


def test_a_config_cannot_name_the_server(fake_lt):
    """A config comes with the copy it checks: naming the server would let it send that copy
    (in CI: unpublished stories) to any host. One error line; nothing is sent anywhere."""
    results, problems = run(None, url=fake_lt.url)
    assert len(problems) == 1
    assert problems[0].endswith(
        ": [languagetool] url: a config may not choose where the copy it comes with is sent; "
        "set NEWSLINT_LANGUAGETOOL_URL in the environment instead"
    )
    assert fake_lt.requests == [] and fake_lt.language_requests == 0
    assert_core_findings_only(results)
    # Even beside a server the environment names, the config's choice is refused.
    results, problems = run(fake_lt.url, url="http://192.0.2.1:8081")
    assert len(problems) == 1 and "[languagetool] url: a config may not" in problems[0]
    assert fake_lt.requests == []
