"""One HTTP request to LanguageTool, bounded in time and size.

Why not requests (which language-tool-python uses): its timeout applies to each socket
operation, so a server that trickles its answer a byte at a time holds a run for as long as
it likes; and its answer is read whole, however large. Here one deadline covers the whole
request (connecting, sending, the status line, the headers and the body): when it passes, a
watchdog shuts the socket down, which wakes any read blocked on it. The answer is read in
pieces and refused as soon as it passes ``limit`` bytes (or says in advance that it will).
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

# The largest answer read: LanguageTool's JSON for the longest text a request carries is a
# small fraction of this.
MAX_ANSWER_BYTES = 10 * 1024 * 1024
READ_SIZE = 64 * 1024


class TransportError(Exception):
    """The request failed; the message is one line for the user."""


class RequestTimeout(TransportError):
    """The whole request took longer than its deadline."""


class Unreachable(TransportError):
    """No connection to the server (refused, no route, unknown host)."""


class AnswerTooLarge(TransportError):
    """The answer is larger than the limit; it was not read whole."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request(
    method: str,
    url: str,
    fields: dict[str, str] | None,
    *,
    timeout: float,
    limit: int = MAX_ANSWER_BYTES,
) -> Answer:
    """Send ``fields`` (a form, by POST; query parameters, by GET) and return the answer.

    Raises RequestTimeout when the whole exchange takes more than ``timeout`` seconds,
    Unreachable when no connection can be made, AnswerTooLarge past ``limit`` bytes and
    TransportError for anything else that goes wrong on the wire.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Unreachable(f"not an http(s) URL: {url!r}")
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    deadline = time.monotonic() + timeout
    connection = kind(parts.hostname, parts.port, timeout=timeout)
    watchdog = _Watchdog(connection, deadline)
    path = parts.path or "/"
    body = None
    headers = {"Accept": "application/json"}
    form = urlencode(fields or {})
    if method == "POST":
        body = form.encode("ascii")
        headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
    elif form:
        path += "?" + form
    try:
        try:
            connection.connect()
        except (socket.gaierror, ConnectionError, OSError) as exc:
            if time.monotonic() >= deadline or isinstance(exc, socket.timeout):
                raise RequestTimeout(f"no connection within {timeout:g} s") from None
            refused = isinstance(exc, ConnectionRefusedError)
            raise Unreachable("connection refused" if refused else "cannot connect") from None
        watchdog.start()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        stated = response.getheader("Content-Length")
        if stated and stated.strip().isdigit() and int(stated) > limit:
            raise AnswerTooLarge(_too_large(limit))
        body = _read_capped(response, limit, deadline)
        if watchdog.fired:  # the socket was shut down under the read: the body is cut short
            raise RequestTimeout("the answer did not end in time")
        if response.length:  # what Content-Length promised and never came
            raise TransportError("the answer ended before its stated length")
        return Answer(response.status, body)
    except TransportError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if watchdog.fired or time.monotonic() >= deadline:
            raise RequestTimeout(f"no complete answer within {timeout:g} s") from None
        raise TransportError(f"the connection failed ({type(exc).__name__}: {exc})") from None
    finally:
        watchdog.cancel()
        connection.close()


def _read_capped(response: http.client.HTTPResponse, limit: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        # read1 returns what has arrived (at most READ_SIZE) instead of waiting for a full
        # buffer, so the deadline is looked at between the pieces of a trickling answer.
        chunk = response.read1(READ_SIZE)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise AnswerTooLarge(_too_large(limit))
        chunks.append(chunk)
        if time.monotonic() >= deadline:
            raise RequestTimeout("the answer did not end in time")


def _too_large(limit: int) -> str:
    return f"an answer larger than {limit / (1 << 20):g} MiB (not read)"


class _Watchdog:
    """Shuts the connection's socket down at the deadline, ending any read blocked on it."""

    def __init__(self, connection: http.client.HTTPConnection, deadline: float) -> None:
        self.connection = connection
        self.deadline = deadline
        self.fired = False
        self._lock = threading.Lock()
        self._done = False
        self._timer: threading.Timer | None = None

    def start(self) -> None:
        self._timer = threading.Timer(max(0.0, self.deadline - time.monotonic()), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.fired = True
            sock = self.connection.sock
            if sock is not None:
                with contextlib.suppress(OSError):  # already closed: nothing to wake
                    sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        with self._lock:
            self._done = True
        if self._timer is not None:
            self._timer.cancel()
