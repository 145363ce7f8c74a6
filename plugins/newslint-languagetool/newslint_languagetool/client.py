"""Talking to a LanguageTool server through language-tool-python's remote-server client.

Why the remote-server client, always: started without ``remote_server``, language-tool-python
downloads LanguageTool (about 250 MB) into the user's home and spawns Java, and its 3.x
local mode looks for the jar in its own download folder, not in ``LTP_JAR_DIR_PATH``.
newslint must never download anything, so:

- a configured URL (``[languagetool] url`` or ``NEWSLINT_LANGUAGETOOL_URL``) is used as is;
- a local install (``LTP_JAR_DIR_PATH``) is started here, with the user's own ``java``
  (``NEWSLINT_LANGUAGETOOL_JAVA``, else the one on PATH; never a program a config file
  names), as LanguageTool's HTTP server on a free port of 127.0.0.1, and then reached the
  same way; it is stopped at the end of the run.

The library builds the requests (``/v2/languages`` once, ``/v2/check`` per text) and parses
the matches; sending them is ours (``_query_server`` overridden, see transport.py): one
deadline of ``[languagetool] timeout`` seconds for each whole request, no retry, the HTTP
status checked and the answer capped.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from newslint.engine import BackendError

from newslint_languagetool import transport
from newslint_languagetool.mapping import DUPLICATES, span_in_code_points
from newslint_languagetool.settings import JAR_DIR_ENV, JAVA_ENV, Settings

JAR_NAMES = ("languagetool-server.jar", "languagetool.jar")

# language-tool-python's Match converts offsets to code points with a cache kept on the
# class (the last text and its astral positions): two threads checking at once could read
# each other's. Requests are serialised per process for that.
_MATCH_LOCK = threading.Lock()


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


def _query_server(tool, url: str, params=None, num_tries: int = 2, method: str = "get"):
    """language-tool-python's ``_query_server``, sent through transport.request: one
    deadline for the whole request (the library's timeout is per socket read), no retry,
    the status checked (an error page with a JSON body is still an error) and the answer
    capped. ``num_tries`` is the library's and ignored: a request that ran out of time
    would only run out of it again."""
    answer = transport.request(method.upper(), url, params, timeout=tool._TIMEOUT)
    if answer.status != 200:
        raise ServerAnswerError(answer.status, answer.text())
    try:
        return json.loads(answer.body)
    except ValueError:  # not JSON (or not UTF-8)
        raise ServerAnswerError(answer.status, answer.text()) from None


class Connection:
    """One run's link to LanguageTool: opened on the first text, closed at the end."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url = base_url(settings.url) if settings.url else ""
        self._tool = None
        self._local: LocalServer | None = None

    def _open(self):
        if self._tool is not None:
            return self._tool
        if not self.url:
            self._local = LocalServer(self.settings)
            self.url = self._local.start()
        import language_tool_python

        client = type(
            "BoundedLanguageTool",
            (language_tool_python.LanguageTool,),
            {"_TIMEOUT": self.settings.timeout, "_query_server": _query_server},
        )
        try:
            self._tool = client(language=self.settings.language, remote_server=self.url)
        except ValueError as exc:  # the language tag is not among the server's languages
            raise BackendError(
                f"LanguageTool at {self.url} does not offer language "
                f"{self.settings.language!r} ({exc})"
            ) from None
        except Exception as exc:
            raise BackendError(self.explain(exc)) from None
        tool = self._tool
        s = self.settings
        tool.enabled_rules = set(s.enabled_rules)
        # A built-in rule does these rules' job, with newsroom exceptions of its own
        # ("had had", two spaces after a full stop): leave it to that rule unless asked.
        tool.disabled_rules = set(s.disabled_rules) | (set(DUPLICATES) - set(s.enabled_rules))
        tool.enabled_categories = set(s.enabled_categories)
        tool.disabled_categories = set(s.disabled_categories)
        tool.enabled_rules_only = s.enabled_only
        tool.picky = s.picky
        return tool

    def check(self, text: str) -> list[LTMatch]:
        """LanguageTool's matches on ``text``; BackendError when the server fails."""
        tool = self._open()
        try:
            with _MATCH_LOCK:
                matches = tool.check(text)
            return [self._convert(m, text) for m in matches]
        except Exception as exc:
            raise BackendError(self.explain(exc)) from None

    @staticmethod
    def _convert(match, text: str) -> LTMatch:
        # language-tool-python gives the offset in code points already, the length still in
        # LanguageTool's UTF-16 units.
        start, end = span_in_code_points(text, int(match.offset), int(match.error_length))
        return LTMatch(
            start,
            end,
            safe_id(match.rule_id),
            safe_id(match.category),
            safe_id(match.rule_issue_type),
            _one_line(match.message),
            tuple(_one_line(r) for r in match.replacements),
        )

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
        self._tool = None
        if self._local is not None:
            self._local.stop()
            self._local = None


# What a LanguageTool rule, category or issue-type id may hold: it becomes part of a rule id
# (``languagetool/<ID>``) printed in every output format and matched by --select.
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.\-]")
MAX_ID_LENGTH = 100


def safe_id(value) -> str:
    """A server's id reduced to letters, digits, ``_``, ``.`` and ``-`` (anything else,
    a newline or a ``/`` say, becomes ``_``), at most MAX_ID_LENGTH long."""
    return _UNSAFE_ID.sub("_", str(value))[:MAX_ID_LENGTH] or "UNKNOWN"


def _one_line(value) -> str:
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
        return sock.getsockname()[1]


class LocalServer:
    """LanguageTool's HTTP server from the user's own install, for one run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.process: subprocess.Popen | None = None

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
