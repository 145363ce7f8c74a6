"""A server that is down, slow, answers garbage or fails: one clear error line per run,
the core findings still reported, nothing downloaded or started."""

from __future__ import annotations

import socket
import time

import pytest

from lt_fakeserver import fake_lt, isolated_languagetool  # noqa: F401 (fixtures)
from newslint.config import config_from_dict
from newslint.engine import Linter
from newslint.inputs import Source
from newslint_languagetool import plugin

STORIES = {
    "one.txt": "Officials said teh plan was  final.",
    "two.txt": "The mayor said teh bridge would  reopen.",
    "three.txt": "Teh council met on  Tuesday.",
}


def run(url, **section):
    linter = Linter.create(config_from_dict({"languagetool": {"url": url, **section}}),
                           entry_points=False, extra_plugins=[plugin])
    problems: list[str] = []
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
    assert problems == [f"plugin {plugin.__name__}: LanguageTool at http://127.0.0.1:{port}/ is not "
                        "reachable (connection refused); is the server running?"]
    assert_core_findings_only(results)


def test_slow_server_times_out_once(fake_lt):
    fake_lt.mode, fake_lt.delay = "slow", 3
    started = time.monotonic()
    results, problems = run(fake_lt.url, timeout=0.3)
    assert time.monotonic() - started < 2.5  # not once per file, not the library's 300 s
    assert len(problems) == 1
    assert problems[0].endswith(f"LanguageTool at {fake_lt.url}/ did not answer within 0.3 s "
                                "(is it overloaded? raise [languagetool] timeout)")
    assert_core_findings_only(results)
    assert len(fake_lt.requests) <= 2  # the library retries a failed request once, no more


def test_garbage_answer(fake_lt):
    fake_lt.mode = "garbage"
    results, problems = run(fake_lt.url)
    assert len(problems) == 1
    assert "sent an answer that is not LanguageTool's JSON: '<html><body>502 Bad Gateway</body></html>'" in problems[0]
    assert_core_findings_only(results)
    assert len(fake_lt.requests) == 1


def test_json_of_the_wrong_shape(fake_lt):
    fake_lt.mode = "badjson"
    results, problems = run(fake_lt.url)
    assert len(problems) == 1 and "sent an answer that is not LanguageTool's JSON (KeyError" in problems[0]
    assert_core_findings_only(results)


def test_http_500(fake_lt):
    fake_lt.mode = "error500"
    results, problems = run(fake_lt.url)
    assert len(problems) == 1
    assert problems[0].endswith(f"LanguageTool at {fake_lt.url}/ failed: Error: Internal Error: "
                                "java.lang.OutOfMemoryError, text length: 42")
    assert_core_findings_only(results)


def test_garbage_from_the_languages_endpoint(fake_lt):
    fake_lt.mode = "badlanguages"
    results, problems = run(fake_lt.url)
    assert len(problems) == 1 and "not LanguageTool's JSON" in problems[0]
    assert fake_lt.requests == []
    assert_core_findings_only(results)


def test_text_over_the_servers_limit_names_the_option(fake_lt):
    fake_lt.max_length = 20
    results, problems = run(fake_lt.url)
    assert len(problems) == 1
    assert "failed: Error: Your text exceeds the limit of 20 characters" in problems[0]
    assert problems[0].endswith("; lower [languagetool] max_chars")


def test_a_language_the_server_lacks(fake_lt):
    results, problems = run(fake_lt.url, language="xx-YY")
    assert len(problems) == 1
    assert f"LanguageTool at {fake_lt.url}/ does not offer language 'xx-YY'" in problems[0]
    assert_core_findings_only(results)


def test_without_a_problems_list_the_error_lands_on_each_file(fake_lt):
    fake_lt.mode = "garbage"
    linter = Linter.create(config_from_dict({"languagetool": {"url": fake_lt.url}}),
                           entry_points=False, extra_plugins=[plugin])
    results = linter.run([Source(p, t) for p, t in STORIES.items()])
    for result in results:
        internal = [f for f in result.findings if f.category == "internal"]
        assert len(internal) == 1 and "not LanguageTool's JSON" in internal[0].message


@pytest.mark.parametrize("url", ["127.0.0.1:{port}", "http://127.0.0.1:{port}/", "http://127.0.0.1:{port}/v2",
                                 "http://127.0.0.1:{port}/v2/"])
def test_url_forms(fake_lt, url):
    port = fake_lt.url.rsplit(":", 1)[1]
    results, problems = run(url.format(port=port))
    assert problems == []
    assert len(fake_lt.requests) == 3
