"""Regenerate examples/report.png: the HTML report of the examples/ stories, as a browser shows it.

    python tools/make_report_screenshot.py            # writes examples/report.png
    python tools/make_report_screenshot.py --out x.png --height 3000

Runs ``newslint check examples --format html --output ...`` (the real command line), opens
the page in headless Chromium (Debian's ``chromium`` package, driven over the DevTools
protocol on a pipe: no port, no driver, no download) and saves a screenshot. The report's
tests drive the browser through the same ``Chromium`` class (click the filters, open
stories, watch for dialogs), so the picture and the tests come from one way of rendering.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BROWSERS = ("chromium", "chromium-browser")


class BrowserMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class RenderedPage:
    dom: str  # the document after its scripts ran
    screenshot: Path


def find_chromium() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserMissing(
        "headless Chromium not found (install Debian's 'chromium' package: "
        "apt-get install -y chromium)"
    )


class Chromium:
    """One headless Chromium driven over the DevTools protocol on a pipe (no port opened):
    load a page, run expressions in it, see its dialogs, take screenshots.

        with Chromium() as browser:
            browser.load(Path("report.html"))
            browser.evaluate("document.title")
    """

    def __init__(self, *, width: int = 1400, height: int = 1800, timeout: float = 60) -> None:
        self.width, self.height, self.timeout = width, height, timeout
        self.dialogs: list[str] = []  # alert/confirm/prompt messages the pages opened
        self._next_id = 0
        self._buffer = b""

    def __enter__(self) -> Chromium:
        self._profile = tempfile.TemporaryDirectory(prefix="newslint-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        command = [
            find_chromium(),
            "--headless",
            "--disable-gpu",
            "--hide-scrollbars",
            "--mute-audio",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-sync",
            "--disable-component-update",
            f"--user-data-dir={self._profile.name}",
            f"--window-size={self.width},{self.height}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        if os.geteuid() == 0:  # Chromium refuses to run as root with its sandbox (CI runs as root)
            command.insert(2, "--no-sandbox")

        # The protocol's pipe is the browser's fds 3 (commands in) and 4 (answers out).
        # Either end may already sit on fd 3 or 4: move both out of the way first.
        def wire():
            high_in = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            high_out = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        self.process = subprocess.Popen(
            command,
            preexec_fn=wire,
            pass_fds=(3, 4),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "HOME": self._profile.name},
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.send("Page.enable", session=True)
        self.send("Runtime.enable", session=True)
        return self

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(Exception):  # already gone: nothing to close
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._profile.cleanup()

    # --- the protocol: JSON messages ended by NUL ----------------------------------------
    def send(self, method: str, session: bool = False, **params) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode("utf-8") + b"\0")
        answer = self._until(lambda m: m.get("id") == self._next_id)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def _until(self, wanted) -> dict:
        deadline = time.monotonic() + self.timeout
        while True:
            while b"\0" not in self._buffer:
                if time.monotonic() > deadline:
                    raise TimeoutError("chromium did not answer")
                ready, _, _ = select.select([self._from_browser], [], [], 0.5)
                if ready:
                    chunk = os.read(self._from_browser, 1 << 20)
                    if not chunk:
                        raise RuntimeError("chromium closed the pipe")
                    self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            message = json.loads(raw)
            if message.get("method") == "Page.javascriptDialogOpening":
                self.dialogs.append(message["params"].get("message", ""))
                self.send("Page.handleJavaScriptDialog", session=True, accept=False)
            if wanted(message):
                return message

    # --- what the tests and the screenshot need -------------------------------------------
    def load(self, page: Path | str) -> None:
        url = page if isinstance(page, str) else page.resolve().as_uri()
        self.send("Page.navigate", session=True, url=url)
        self._until(lambda m: m.get("method") == "Page.loadEventFired")

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (JSON-able values)."""
        result = self.send(
            "Runtime.evaluate",
            session=True,
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r} raised: {result['exceptionDetails']}")
        return result["result"].get("value")

    def dom(self) -> str:
        return self.evaluate("document.documentElement.outerHTML")

    def screenshot(self, target: Path) -> Path:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=self.width,
            height=self.height,
            deviceScaleFactor=1,
            mobile=False,
        )
        data = self.send("Page.captureScreenshot", session=True, format="png")["data"]
        target.write_bytes(base64.b64decode(data))
        return target


def render_in_chromium(
    page: Path, screenshot: Path, *, width: int = 1400, height: int = 1800
) -> RenderedPage:
    """Load ``page`` in one headless Chromium: the DOM once loaded, and a screenshot."""
    with Chromium(width=width, height=height) as browser:
        browser.load(page)
        return RenderedPage(browser.dom(), browser.screenshot(screenshot))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "examples" / "report.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=2000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newslint-report-") as folder:
        page = Path(folder) / "report.html"
        # Relative paths, as an editor running it in the repository would see them.
        subprocess.run(
            [
                sys.executable,
                "-m",
                "newslint",
                "check",
                "examples",
                "--format",
                "html",
                "--output",
                str(page),
            ],
            cwd=REPO,
            check=False,
        )
        if not page.exists():
            print("newslint wrote no report", file=sys.stderr)
            return 1
        render_in_chromium(page, args.out.resolve(), width=args.width, height=args.height)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
