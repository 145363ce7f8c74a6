"""A small stand-in for a LanguageTool server, for the plugin's tests.

It speaks the two endpoints the plugin uses, shaped like LanguageTool's documented HTTP API:
``GET /v2/languages`` (a JSON list of {name, code, longCode}) and ``/v2/check`` (form fields
``text``, ``language``, ``enabledRules``, ``disabledRules``, ``level``, ... by POST or GET;
a JSON object with ``software``, ``language`` and ``matches``, each match carrying
``message``, ``replacements``, ``offset``/``length`` in UTF-16 units, ``context``,
``sentence`` and ``rule`` {id, description, issueType, category {id, name}}).

Its "grammar" is a handful of regular expressions. ``mode`` makes it fail the ways real
servers (or something else listening on the port) fail: slow, garbage, HTTP 500 (with a
plain or a JSON body), text over its size limit, an answer trickled a byte at a time, an
answer of hundreds of megabytes.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]


@dataclass(frozen=True)
class FakeRule:
    pattern: str
    id: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...] = ()
    picky: bool = False


RULES = (
    FakeRule(
        r"\bteh\b",
        "MORFOLOGIK_RULE_EN_US",
        "TYPOS",
        "misspelling",
        "Possible spelling mistake found.",
        ("the", "ten", "tea"),
    ),
    FakeRule(
        r"\btheir(?= was\b)",
        "THEIR_IS",
        "CONFUSED_WORDS",
        "grammar",
        "Did you mean “there”?",
        ("there",),
    ),
    FakeRule(
        r"\bvery unique\b",
        "VERY_UNIQUE",
        "STYLE",
        "style",
        "“Unique” is absolute; “very” adds nothing.",
        ("unique",),
    ),
    FakeRule(
        r"(?<=\S)  +(?=\S)",
        "WHITESPACE_RULE",
        "TYPOGRAPHY",
        "whitespace",
        "Possible typo: you repeated a whitespace",
        (" ",),
    ),
    FakeRule(
        r"\b(\w+) \1\b",
        "ENGLISH_WORD_REPEAT_RULE",
        "MISC",
        "duplication",
        "Possible typo: you repeated a word.",
        (),
    ),
    FakeRule(
        r"\bcolour\b",
        "MORFOLOGIK_RULE_EN_US",
        "TYPOS",
        "misspelling",
        "Possible spelling mistake found.",
        ("color",),
    ),
    FakeRule(
        r"\bin order to\b",
        "IN_ORDER_TO",
        "REDUNDANCY",
        "style",
        "Consider “to”.",
        ("to",),
        picky=True,
    ),
)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeLanguageTool:
    """The server; ``requests`` records the form fields of every /v2/check."""

    def __init__(self, port: int = 0) -> None:
        # ok | slow | garbage | error500 | error500json | badjson | badlanguages | trickle | huge | short
        self.mode = "ok"
        self.delay = 0.0  # slow: before answering; trickle: between two bytes
        self.huge_size = 200 * 1024 * 1024  # huge: the answer's size ...
        self.huge_says_length = True  # ... stated in Content-Length, or not (read to the end)
        self.sent = 0  # bytes of the body written in modes trickle and huge
        self.max_length: int | None = None
        self.rules = RULES
        self.requests: list[dict[str, str]] = []
        self.language_requests = 0  # GET /v2/languages
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                fake.answer(self, parts.path, {k: v[-1] for k, v in parse_qs(parts.query).items()})

            def do_POST(self):
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size).decode("utf-8")
                fake.answer(
                    self,
                    urlsplit(self.path).path,
                    {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()},
                )

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def texts(self) -> list[str]:
        return [r["text"] for r in self.requests]

    def start(self) -> FakeLanguageTool:
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- answers ----------------------------------------------------------------------
    def answer(self, handler, path: str, fields: dict[str, str]) -> None:
        if path == "/v2/languages":
            self.language_requests += 1
            if self.mode == "badlanguages":
                return self.send(handler, 200, "text/html", "<html><body>It works!</body></html>")
            return self.send(handler, 200, "application/json", json.dumps(LANGUAGES))
        if path != "/v2/check":
            return self.send(handler, 404, "text/plain", "Error: unknown path")
        self.requests.append(fields)
        if self.mode == "slow":
            time.sleep(self.delay)
        if self.mode == "garbage":
            return self.send(handler, 200, "text/html", "<html><body>502 Bad Gateway</body></html>")
        if self.mode == "badjson":
            return self.send(
                handler, 200, "application/json", json.dumps({"matches": [{"offset": 1}]})
            )
        if self.mode == "huge":
            return self.send_huge(handler)
        if self.mode == "short":  # says 1000 bytes, sends a valid-looking start, hangs up
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", "1000")
            handler.end_headers()
            handler.wfile.write(b'{"matches": []}')
            handler.close_connection = True
            return None
        if self.mode == "error500json":
            return self.send(
                handler,
                500,
                "application/json",
                json.dumps(self.check(fields.get("text", ""), fields)),
            )
        if self.mode == "error500":
            return self.send(
                handler,
                500,
                "text/plain",
                "Error: Internal Error: java.lang.OutOfMemoryError, text length: 42",
            )
        text = fields.get("text", "")
        if self.max_length is not None and len(text) > self.max_length:
            return self.send(
                handler,
                413,
                "text/plain",
                f"Error: Your text exceeds the limit of {self.max_length} characters "
                f"(it's {len(text)} characters). Please submit a shorter text.",
            )
        codes = {lang["longCode"] for lang in LANGUAGES}
        language = fields.get("language", "")
        if language not in codes:
            return self.send(
                handler, 400, "text/plain", f"Error: '{language}' is not a language code"
            )
        answer = json.dumps(self.check(text, fields))
        if self.mode == "trickle":
            return self.trickle(handler, answer)
        return self.send(handler, 200, "application/json", answer)

    def check(self, text: str, fields: dict[str, str]) -> dict:
        disabled = set(filter(None, fields.get("disabledRules", "").split(",")))
        enabled = set(filter(None, fields.get("enabledRules", "").split(",")))
        disabled_categories = set(filter(None, fields.get("disabledCategories", "").split(",")))
        only = fields.get("enabledOnly") == "true"
        picky = fields.get("level") == "picky"
        matches = []
        for rule in self.rules:
            if rule.id in disabled or rule.category in disabled_categories:
                continue
            if only and rule.id not in enabled:
                continue
            if rule.picky and not picky and rule.id not in enabled:
                continue
            for found in re.finditer(rule.pattern, text):
                offset, length = utf16_len(text[: found.start()]), utf16_len(found.group())
                context_start = max(0, found.start() - 20)
                context = text[context_start : found.end() + 20].replace("\n", " ")
                matches.append(
                    {
                        "message": rule.message,
                        "shortMessage": "",
                        "replacements": [{"value": r} for r in rule.replacements],
                        "offset": offset,
                        "length": length,
                        "context": {
                            "text": context,
                            "offset": found.start() - context_start,
                            "length": len(found.group()),
                        },
                        "sentence": text[
                            max(0, text.rfind(".", 0, found.start()) + 1) : found.end()
                        ].strip(),
                        "type": {"typeName": "Other"},
                        "rule": {
                            "id": rule.id,
                            "description": rule.message,
                            "issueType": rule.issue_type,
                            "category": {"id": rule.category, "name": rule.category.title()},
                        },
                        "ignoreForIncompleteSentence": False,
                        "contextForSureMatch": 0,
                    }
                )
        matches.sort(key=lambda m: m["offset"])
        language = next(lang for lang in LANGUAGES if lang["longCode"] == fields["language"])
        return {
            "software": {
                "name": "LanguageTool",
                "version": "6.4",
                "buildDate": "2024-03-28",
                "apiVersion": 1,
                "premium": False,
                "status": "",
            },
            "warnings": {"incompleteResults": False},
            "language": {
                "name": language["name"],
                "code": language["longCode"],
                "detectedLanguage": {
                    "name": language["name"],
                    "code": language["longCode"],
                    "confidence": 0.99,
                },
            },
            "matches": matches,
        }

    def trickle(self, handler, body: str) -> None:
        """A whole valid answer, status line and headers included, one byte at a time."""
        data = body.encode("utf-8")
        raw = (
            f"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\n\r\n"
        ).encode("ascii") + data
        handler.close_connection = True
        for index in range(len(raw)):
            try:
                handler.wfile.write(raw[index : index + 1])
                handler.wfile.flush()
            except OSError:  # the client gave up
                return
            self.sent += 1
            time.sleep(self.delay)

    def send_huge(self, handler) -> None:
        """``huge_size`` bytes of answer, written from one reused buffer (the server's own
        memory stays small), until done or the client hangs up."""
        block = b" " * (1 << 20)
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        if self.huge_says_length:
            handler.send_header("Content-Length", str(self.huge_size))
        handler.end_headers()
        handler.close_connection = True
        left = self.huge_size
        while left > 0:
            piece = block if left >= len(block) else block[:left]
            try:
                handler.wfile.write(piece)
            except OSError:  # the client gave up
                return
            self.sent += len(piece)
            left -= len(piece)

    @staticmethod
    def send(handler, status: int, content_type: str, body: str) -> None:
        data = body.encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", f"{content_type}; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        # The client may have given up (timeout tests).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            handler.wfile.write(data)


@contextmanager
def server_named(url: str | None) -> Iterator[None]:
    """``NEWSLINT_LANGUAGETOOL_URL`` set to ``url`` for the block (left alone for None): the
    environment is the only place a server is named."""
    if url is None:
        yield
        return
    before = os.environ.get("NEWSLINT_LANGUAGETOOL_URL")
    os.environ["NEWSLINT_LANGUAGETOOL_URL"] = url
    try:
        yield
    finally:
        if before is None:
            del os.environ["NEWSLINT_LANGUAGETOOL_URL"]
        else:
            os.environ["NEWSLINT_LANGUAGETOOL_URL"] = before


# Registered as ``fake_lt``; a test module imports it under this name, so the parameter
# ``fake_lt`` does not shadow an imported name.
@pytest.fixture(name="fake_lt")
def fake_lt_fixture() -> Iterator[FakeLanguageTool]:
    server = FakeLanguageTool().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def isolated_languagetool(monkeypatch):
    """No test reaches a server, a LanguageTool install or a java from the developer's
    environment: each test names its own (the fake server)."""
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_URL", raising=False)
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_JAVA", raising=False)
