"""Talking to a LanguageTool server over its HTTP API (``/v2/languages``, ``/v2/check``).

Why not language-tool-python, whose client this plugin used: its public API (a
``LanguageTool(remote_server=url)`` and its ``check``) sends requests through ``requests``
with a timeout per socket read and reads any answer whole, so a server trickling its answer
held a run for as long as it liked and a huge answer was read into memory; and its matches
convert offsets through a cache kept on the class, unsafe across threads. Bounding that took
a subclass overriding private attributes (``_TIMEOUT``, ``_query_server``) and a global
lock. The two requests the plugin needs are small and documented
(https://languagetool.org/http-api/), so it sends them itself (transport.py: one deadline
for each whole request, no retry, the HTTP status checked, the answer capped) and reads the
JSON itself, with offsets converted per text (no shared state).

Where the server is (never a download):

- ``NEWSLINT_LANGUAGETOOL_URL`` in the environment (see settings.py for why a config file
  may not name it), used as is;
- a local install (``LTP_JAR_DIR_PATH``) is started here, with the user's own ``java``
  (``NEWSLINT_LANGUAGETOOL_JAVA``, else the one on PATH; never a program a config file
  names), as LanguageTool's HTTP server on a free port of 127.0.0.1, and then reached the
  same way; it is stopped at the end of the run.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslint.engine import BackendError
from newslint_languagetool import transport
from newslint_languagetool.mapping import DUPLICATES, span_in_code_points
from newslint_languagetool.settings import JAR_DIR_ENV, JAVA_ENV, Settings

JAR_NAMES = ("languagetool-server.jar", "languagetool.jar")


@dataclass(frozen=True)
class LTMatch:
    """One LanguageTool match, its span in code points of the text that was sent."""

    start: int
    end: int
    rule_id: str
    category: str  # LanguageTool's category id (TYPOS, GRAMMAR, ...)
    issue_type: str
    message: str
    replacements: tuple[str, ...]


def base_url(url: str) -> str:
    """``host:8081``, ``http://host:8081/v2/`` and the like -> ``http://host:8081/``."""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    url = url.rstrip("/")
    if url.endswith("/v2"):
        url = url[:-3]
    return url + "/"


class ServerAnswerError(Exception):
    """The server answered, but with an error status or with something that is not JSON."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__(body)
        self.status = status
        self.body = body


class NotLanguageToolJSON(Exception):
    """JSON, but not of the shape LanguageTool's API documents."""


def query(method: str, url: str, fields: dict[str, str] | None, timeout: float) -> Any:
    """One request's JSON answer: transport.request's bounds, then the status checked (an
    error page with a JSON body is still an error) and the body parsed."""
    answer = transport.request(method, url, fields, timeout=timeout)
    if answer.status != 200:
        raise ServerAnswerError(answer.status, answer.text())
    try:
        return json.loads(answer.body)
    except ValueError:  # not JSON (or not UTF-8)
        raise ServerAnswerError(answer.status, answer.text()) from None


def offered_language(wanted: str, languages: Any) -> str | None:
    """The server's own spelling of the language tag ``wanted`` (``en_gb`` -> ``en-GB``)
    from its ``/v2/languages`` answer, or None when it does not offer it."""
    if not isinstance(languages, list):
        raise NotLanguageToolJSON(f"languages: a list expected, got {type(languages).__name__}")
    offered: dict[str, str] = {"auto": "auto"}
    for entry in languages:
        if not isinstance(entry, dict):
            raise NotLanguageToolJSON("languages: an entry is not an object")
        for key in ("code", "longCode"):
            code = entry.get(key)
            if isinstance(code, str):
                offered.setdefault(code.lower().replace("_", "-"), code)
    return offered.get(wanted.strip().lower().replace("_", "-"))


class Connection:
    """One run's link to LanguageTool: opened on the first text, closed at the end."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url = base_url(settings.url) if settings.url else ""
        self._language: str | None = None  # the server's tag for settings.language, once known
        self._local: LocalServer | None = None

    def _open(self) -> str:
        """The language tag to send, once the server has said it offers it."""
        if self._language is not None:
            return self._language
        if not self.url:
            self._local = LocalServer(self.settings)
            self.url = self._local.start()
        try:
            languages = query("GET", self.url + "v2/languages", None, self.settings.timeout)
            language = offered_language(self.settings.language, languages)
        except Exception as exc:
            raise BackendError(self.explain(exc)) from None
        if language is None:
            raise BackendError(
                f"LanguageTool at {self.url} does not offer language {self.settings.language!r} "
                "(see its /v2/languages)"
            )
        self._language = language
        return language

    def fields(self, text: str, language: str) -> dict[str, str]:
        """The form of one /v2/check request (LanguageTool's documented parameters)."""
        s = self.settings
        fields = {"language": language, "text": text}
        # A built-in rule does these rules' job, with newsroom exceptions of its own
        # ("had had", two spaces after a full stop): leave it to that rule unless asked.
        disabled = set(s.disabled_rules) | (set(DUPLICATES) - set(s.enabled_rules))
        for name, values in (
            ("enabledRules", set(s.enabled_rules)),
            ("disabledRules", disabled),
            ("enabledCategories", set(s.enabled_categories)),
            ("disabledCategories", set(s.disabled_categories)),
        ):
            if values:
                fields[name] = ",".join(sorted(values))
        if s.enabled_only:
            fields["enabledOnly"] = "true"
        if s.picky:
            fields["level"] = "picky"
        return fields

    def check(self, text: str) -> list[LTMatch]:
        """LanguageTool's matches on ``text``; BackendError when the server fails."""
        language = self._open()
        try:
            answer = query(
                "POST", self.url + "v2/check", self.fields(text, language), self.settings.timeout
            )
            return matches_of(answer, text)
        except Exception as exc:
            raise BackendError(self.explain(exc)) from None

    def explain(self, exc: BaseException) -> str:
        """One line saying what went wrong with the server, for the user."""
        where = f"LanguageTool at {self.url}"
        if isinstance(exc, transport.RequestTimeout):
            return (
                f"{where} did not answer within {self.settings.timeout:g} s "
                "(is it overloaded? raise [languagetool] timeout)"
            )
        if isinstance(exc, transport.Unreachable):
            return f"{where} is not reachable ({exc}); is the server running?"
        if isinstance(exc, transport.AnswerTooLarge):
            return f"{where} sent {exc}; is it LanguageTool?"
        if isinstance(exc, transport.TransportError):
            return f"{where}: {exc}"
        if isinstance(exc, ServerAnswerError):
            body = _one_line(exc.body)
            if exc.status != 200:
                hint = "; lower [languagetool] max_chars" if "exceeds the limit" in body else ""
                return f"{where} failed (HTTP {exc.status}): {_clip(body) or 'no message'}{hint}"
            if not body:
                return f"{where} sent an empty answer"
            return f"{where} sent an answer that is not LanguageTool's JSON: {_clip(body)!r}"
        return (
            f"{where} sent an answer that is not LanguageTool's JSON "
            f"({type(exc).__name__}: {_clip(str(exc))})"
        )

    def close(self) -> None:
        self._language = None
        if self._local is not None:
            self._local.stop()
            self._local = None


def matches_of(answer: Any, text: str) -> list[LTMatch]:
    """The matches of a /v2/check answer on ``text``, spans in code points. LanguageTool
    counts offsets and lengths in UTF-16 units, in which a character outside the Basic
    Multilingual Plane (an emoji) counts two. Raises KeyError or TypeError (or
    NotLanguageToolJSON) on an answer of another shape."""
    # The UTF-16 offset of each character that takes two units, in text order.
    astral: list[int] = []
    for index, match in enumerate(_ASTRAL.finditer(text)):
        astral.append(match.start() + index)
    found = []
    for match in answer["matches"]:
        offset, length = match["offset"], match["length"]
        if not isinstance(offset, int) or not isinstance(length, int):
            raise NotLanguageToolJSON("a match's offset or length is not a number")
        start, end = span_in_code_points(text, offset - bisect_left(astral, offset), length)
        rule = match["rule"]
        found.append(
            LTMatch(
                start,
                end,
                safe_id(rule["id"]),
                safe_id(rule["category"]["id"]),
                safe_id(rule.get("issueType", "")),
                _one_line(unicodedata.normalize("NFKC", str(match["message"]))),
                tuple(_one_line(r["value"]) for r in match.get("replacements", ())),
            )
        )
    return found


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


# What a LanguageTool rule, category or issue-type id may hold: it becomes part of a rule id
# (``languagetool/<ID>``) printed in every output format and matched by --select.
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.\-]")
MAX_ID_LENGTH = 100


def safe_id(value: object) -> str:
    """A server's id reduced to letters, digits, ``_``, ``.`` and ``-`` (anything else,
    a newline or a ``/`` say, becomes ``_``), at most MAX_ID_LENGTH long."""
    return _UNSAFE_ID.sub("_", str(value))[:MAX_ID_LENGTH] or "UNKNOWN"


def _one_line(value: object) -> str:
    """A server's message or suggestion on one line: control characters become spaces."""
    return " ".join(
        "".join(
            " " if ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" else c
            for c in str(value)
        ).split()
    )


def _clip(text: str, size: int = 120) -> str:
    return text if len(text) <= size else text[: size - 3] + "..."


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LocalServer:
    """LanguageTool's HTTP server from the user's own install, for one run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.process: subprocess.Popen[bytes] | None = None

    def _command(self, port: int) -> list[str]:
        folder = Path(self.settings.jar_dir).expanduser()
        jar = next((folder / name for name in JAR_NAMES if (folder / name).is_file()), None)
        if jar is None:
            raise BackendError(
                f"{JAR_DIR_ENV}={self.settings.jar_dir} holds no {JAR_NAMES[0]} "
                "(unzip LanguageTool there, or set [languagetool] url)"
            )
        java = self.settings.java or shutil.which("java")
        if not java:
            raise BackendError(
                f"{JAR_DIR_ENV} is set but no 'java' is on PATH "
                f"(LanguageTool needs Java 17; or set {JAVA_ENV})"
            )
        return [java, "-cp", str(jar), "org.languagetool.server.HTTPServer", "--port", str(port)]

    def start(self) -> str:
        port = _free_port()
        command = self._command(port)
        try:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            raise BackendError(f"cannot start {command[0]}: {exc.strerror or exc}") from None
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + self.settings.startup_timeout
        while True:
            code = self.process.poll()
            if code is not None:
                self.process = None
                raise BackendError(
                    f"the LanguageTool in {JAR_DIR_ENV}={self.settings.jar_dir} "
                    f"exited with code {code} on start (it needs Java 17)"
                )
            try:
                transport.request("GET", url + "v2/languages", None, timeout=2)
                return url
            except transport.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise BackendError(
                    f"the LanguageTool in {JAR_DIR_ENV}={self.settings.jar_dir} did "
                    f"not start within {self.settings.startup_timeout:g} s"
                )
            time.sleep(0.2)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
