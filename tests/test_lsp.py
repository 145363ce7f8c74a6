"""``newslint lsp`` driven as an editor drives it: a JSON-RPC exchange over the stdio of a
real subprocess (initialize, initialized, didOpen, publishDiagnostics, didChange, didSave,
codeAction, didChangeWatchedFiles, shutdown, exit), with a client written here from the
protocol, not from pygls.

The findings must be the ones ``newslint check FILE --format json`` gives, at the UTF-16
positions the protocol counts in, and a quick fix applied as a client applies it must give
the text ``newslint check --fix`` writes.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO, run_in_process

EXAMPLES = sorted(p for p in (REPO / "examples").rglob("*") if p.suffix in (".txt", ".md", ".html"))
LANGUAGE = {".txt": "plaintext", ".md": "markdown", ".html": "html"}
WAIT = 20.0  # seconds; generous: the suite shares two cores with other work


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Client:
    """The smallest LSP client: Content-Length frames on the server's stdin and stdout."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newslint", "lsp"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "XDG_CACHE_HOME": str(cwd / ".cache")},
        )
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        self.diagnostics: dict[str, list] = {}
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict | None) -> object:
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, "params": params})
        message = self.wait(lambda m: m.get("id") == wanted and "method" not in m)
        assert "error" not in message, message
        return message["result"]

    def wait(self, matches, timeout: float = WAIT) -> dict:
        """The next message that ``matches``; others are handled as an editor would."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            assert message is not None, self.process.stderr.read().decode()
            if message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
            elif "method" in message and "id" in message:  # a request of the server's
                self.send({"id": message["id"], "result": None})
            if matches(message):
                return message

    def published(self, uri: str, version: int | None = None) -> list:
        message = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and (version is None or m["params"].get("version") == version)
            )
        )
        return message["params"]["diagnostics"]

    def open(self, path: Path, text: str, version: int = 1) -> list:
        uri = path.resolve().as_uri()
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": LANGUAGE.get(path.suffix, "plaintext"),
                    "version": version,
                    "text": text,
                }
            },
        )
        return self.published(uri, version)

    def change(self, path: Path, text: str, version: int) -> list:
        uri = path.resolve().as_uri()
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )
        return self.published(uri, version)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """One server for the module (as an editor keeps one), shut down and exited at the end."""
    folder = tmp_path_factory.mktemp("lsp")
    client = Client(folder)
    result = client.request(
        "initialize",
        {
            "processId": None,
            "rootUri": folder.as_uri(),
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}},
                "textDocument": {"publishDiagnostics": {"versionSupport": True}},
            },
        },
    )
    capabilities = result["capabilities"]
    assert capabilities.get("positionEncoding", "utf-16") == "utf-16"
    assert "quickfix" in capabilities["codeActionProvider"]["codeActionKinds"]
    client.notify("initialized", {})
    client.wait(lambda m: m.get("method") == "client/registerCapability")  # config watchers
    yield client
    assert client.request("shutdown", None) is None
    client.notify("exit", None)
    assert client.process.wait(timeout=WAIT) == 0
    client.process.stdout.close()
    client.process.stderr.close()


def check_json(*arguments, cwd: Path = REPO) -> dict:
    # In this process: what is compared is the command's findings, not a process of its own.
    done = run_in_process("check", "--format", "json", *map(str, arguments), cwd=cwd)
    return json.loads(done.stdout)


def expected_diagnostics(path: Path, findings: list[dict]) -> list[tuple]:
    lines = path.read_text(encoding="utf-8").split("\n")

    def position(line: int, column: int) -> tuple[int, int]:
        if line > len(lines):
            return len(lines) - 1, utf16(lines[-1])
        return line - 1, utf16(lines[line - 1][: column - 1])

    severity = {"error": 1, "warning": 2, "info": 3}
    return sorted(
        (
            f["rule"],
            severity[f["severity"]],
            position(f["line"], f["column"]),
            position(f["end_line"], f["end_column"]),
        )
        for f in findings
    )


def shown(diagnostics: list) -> list[tuple]:
    return sorted(
        (
            d["code"],
            d["severity"],
            (d["range"]["start"]["line"], d["range"]["start"]["character"]),
            (d["range"]["end"]["line"], d["range"]["end"]["character"]),
        )
        for d in diagnostics
    )


def apply(text: str, edits: list[dict]) -> str:
    """Apply LSP TextEdits as a client does: UTF-16 positions on lines ended by CRLF, CR or LF,
    every edit against the original text."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def offset(position: dict) -> int:
        at, units = starts[position["line"]], 0
        while units < position["character"]:
            units += utf16(text[at])
            at += 1
        return at

    spans = sorted(
        (offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits
    )
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


def fixed_by_cli(path: Path, tmp_path: Path, *extra: str, newline: str | None = None) -> str:
    copy = tmp_path / "fixed" / path.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(path, copy)
    run_in_process("check", "--fix", *extra, str(copy), cwd=REPO)
    with copy.open(encoding="utf-8", newline=newline) as stream:
        return stream.read()


def test_every_example_story_gets_the_findings_of_check(client):
    # One run for every story; duplicate-across-stories compares the stories of a run, and an
    # editor's server sees one story at a time (as 'newslint check FILE' does).
    report = check_json("--ignore", "duplicate-across-stories", *EXAMPLES)
    by_path = {Path(entry["path"]): entry["findings"] for entry in report["files"]}
    for path in EXAMPLES:
        findings = by_path[path]
        diagnostics = client.open(path, path.read_text(encoding="utf-8"))
        assert shown(diagnostics) == expected_diagnostics(path, findings), path
        for diagnostic in diagnostics:
            assert diagnostic["source"] == "newslint"
            href = diagnostic["codeDescription"]["href"]
            assert href.startswith("file://")
            documentation = Path(href[len("file://") :]).read_text(encoding="utf-8")
            assert diagnostic["code"].split("/")[-1] in documentation  # the rule's own page
    assert any(
        d["code"].startswith("house/")
        for d in client.diagnostics[(REPO / "examples/house-style/story.md").as_uri()]
    )  # examples/newslint.toml was read


STORY = (
    "\u201cThe quay\u2019s shut,\u201d she said. \U0001f30a\U0001f6a2 Boats  moor at the the west quay.\n"
    "\n"
    "Ferry fares rise on Monday, the board said on Monday.\n"
)


def test_utf16_ranges_on_a_story_with_emoji_and_curly_quotes(client, tmp_path):
    path = tmp_path / "quay.txt"
    path.write_text(STORY, encoding="utf-8")
    diagnostics = {d["code"]: d["range"] for d in client.open(path, STORY)}
    first = STORY.split("\n")[0]
    # Two emoji before the doubled space: two UTF-16 units each, one code point each.
    at = first.index("  ")
    assert diagnostics["doubled-space"]["start"] == {"line": 0, "character": at + 2}
    at = first.index("the the")
    assert diagnostics["doubled-word"]["start"]["character"] == at + 2
    assert shown(client.diagnostics[path.as_uri()]) == expected_diagnostics(
        path, check_json(path)["files"][0]["findings"]
    )


def test_change_save_and_quick_fixes_match_check_fix(client, tmp_path):
    path = tmp_path / "quay.txt"
    path.write_text(STORY, encoding="utf-8")
    uri = path.as_uri()
    client.open(path, "A clean line.\n")
    assert client.diagnostics[uri] == []
    diagnostics = client.change(path, STORY, 2)  # debounced, then published for version 2
    assert {"doubled-space", "doubled-word", "repeated-attribution"} <= {
        d["code"] for d in diagnostics
    }
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert shown(client.published(uri)) == shown(diagnostics)

    everything = {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}}
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": everything,
            "context": {"diagnostics": diagnostics},
        },
    )
    fix_all = [a for a in actions if a["kind"] == "source.fixAll.newslint"]
    assert len(fix_all) == 1
    assert apply(STORY, fix_all[0]["edit"]["changes"][uri]) == fixed_by_cli(path, tmp_path)
    quick = {a["diagnostics"][0]["code"]: a for a in actions if a["kind"] == "quickfix"}
    assert quick["doubled-word"]["isPreferred"] is True  # a safe fix
    # One quick fix applied alone gives what --fix gives when it is the only finding.
    word = quick["doubled-word"]
    assert word["edit"]["changes"][uri]
    single = tmp_path / "single.txt"
    single.write_text("Boats moor at the the west quay.\n", encoding="utf-8")
    only = client.open(single, single.read_text(encoding="utf-8"))
    assert [d["code"] for d in only] == ["doubled-word"]
    [action] = list(
        client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": single.as_uri()},
                "range": only[0]["range"],
                "context": {"diagnostics": only, "only": ["quickfix"]},
            },
        )
    )
    assert apply(
        single.read_text(encoding="utf-8"), action["edit"]["changes"][single.as_uri()]
    ) == fixed_by_cli(single, tmp_path)


def fix_all_action(client, path: Path, diagnostics: list) -> dict:
    """The one fix-all action the server offers for the story at ``path``."""
    [action] = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": path.as_uri()},
            "range": diagnostics[0]["range"],
            "context": {"diagnostics": diagnostics, "only": ["source.fixAll"]},
        },
    )
    return action


def test_crlf_story_positions_and_fix_all(client, tmp_path):
    text = STORY.replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    diagnostics = client.open(path, text)
    assert shown(diagnostics) == expected_diagnostics(
        path, check_json(path)["files"][0]["findings"]
    )
    fix_all = fix_all_action(client, path, diagnostics)
    fixed = apply(text, fix_all["edit"]["changes"][path.as_uri()])
    assert "\r\n" in fixed and fixed == fixed_by_cli(path, tmp_path, newline="")


def test_fix_all_settles_as_check_fix_does(client, tmp_path):
    # Fixing the doubled "drill" makes the first paragraph the nearer original of the last,
    # which releases the held fix of the doubled "crew" for a second pass.
    plain = "The lifeboat crew will hold a drill on the estuary every Tuesday until the end of May."
    story = (
        "\n\n".join(
            [
                "Soon the lifeboat crew will hold a drill drill" + plain.split("drill", 1)[1],
                plain.replace("crew", "crew crew"),
                plain,
            ]
        )
        + "\n"
    )
    path = tmp_path / "chain.txt"
    path.write_text(story, encoding="utf-8")
    diagnostics = client.open(path, story)
    fix_all = fix_all_action(client, path, diagnostics)
    fixed = apply(story, fix_all["edit"]["changes"][path.as_uri()])
    assert fixed == fixed_by_cli(path, tmp_path) and "crew crew" not in fixed
    assert "(2)" in fix_all["title"]


def test_unsafe_fix_is_offered_but_not_preferred(client, tmp_path):
    path = tmp_path / "hour.txt"
    path.write_text("The council met for a hour on Monday.\n", encoding="utf-8")
    diagnostics = client.open(path, path.read_text(encoding="utf-8"))
    [diagnostic] = [d for d in diagnostics if d["code"] == "a-an"]
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": path.as_uri()},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]},
        },
    )
    [action] = [a for a in actions if a["kind"] == "quickfix"]
    assert not action.get("isPreferred") and "unsafe" in action["title"]
    assert apply(
        path.read_text(encoding="utf-8"), action["edit"]["changes"][path.as_uri()]
    ) == fixed_by_cli(path, tmp_path, "--unsafe-fixes")
    assert not [a for a in actions if a["kind"] == "source.fixAll.newslint"]  # --fix leaves it


def test_config_is_honoured_and_reloaded(client, tmp_path):
    path = tmp_path / "quay.txt"
    path.write_text(STORY, encoding="utf-8")
    assert "doubled-space" in {d["code"] for d in client.open(path, STORY)}
    config = tmp_path / "newslint.toml"
    config.write_text('ignore = ["doubled-space"]\n', encoding="utf-8")
    client.notify(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 1}]}
    )
    codes = {d["code"] for d in client.published(path.as_uri())}
    assert "doubled-space" not in codes and "doubled-word" in codes
    config.write_text('ignore = ["doubled-space"\n', encoding="utf-8")  # broken: said, not crashed
    client.notify(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]}
    )
    [problem] = client.published(path.as_uri())
    assert problem["severity"] == 1 and "newslint.toml" in problem["message"]


def test_lsp_without_the_extra_says_how_to_install_it(tmp_path):
    blocker = tmp_path / "pygls"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('no pygls here', name='pygls')\n")
    done = subprocess.run(
        [sys.executable, "-m", "newslint", "lsp"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert done.returncode == 2
    assert "pip install 'newslint[lsp]'" in done.stderr and "Traceback" not in done.stderr
