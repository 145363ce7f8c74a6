"""Regenerate examples/report.png: the HTML report of the examples/ stories, as a browser shows it.

    python tools/make_report_screenshot.py            # writes examples/report.png
    python tools/make_report_screenshot.py --out x.png --height 3000

Runs ``newslint check examples --format html --output ...`` (the real command line), opens
the page in headless Chromium (Debian's ``chromium`` package) and saves a screenshot. The
test suite uses ``render_in_chromium`` from here too, so the picture and the tests come from
one way of driving the browser.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BROWSERS = ("chromium", "chromium-browser")


class BrowserMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class RenderedPage:
    dom: str  # the document after its scripts ran (chromium --dump-dom)
    screenshot: Path


def find_chromium() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserMissing("headless Chromium not found (install Debian's 'chromium' package: "
                         "apt-get install -y chromium)")


def render_in_chromium(page: Path, screenshot: Path, *, width: int = 1400, height: int = 1800,
                       timeout: float = 90) -> RenderedPage:
    """Load ``page`` in one headless Chromium: the DOM once loaded, and a screenshot."""
    with tempfile.TemporaryDirectory(prefix="newslint-chromium-") as profile:
        command = [
            find_chromium(), "--headless", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-sync", "--disable-component-update",
            f"--user-data-dir={profile}", f"--window-size={width},{height}",
            "--dump-dom", f"--screenshot={screenshot}", page.resolve().as_uri(),
        ]
        if os.geteuid() == 0:  # Chromium refuses to run as root with its sandbox (CI runs as root)
            command.insert(2, "--no-sandbox")
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "HOME": profile})
    if done.returncode != 0 or not screenshot.exists():
        raise RuntimeError(f"chromium failed (exit {done.returncode}): {done.stderr[-2000:]}")
    return RenderedPage(done.stdout, screenshot)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "examples" / "report.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=2600)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newslint-report-") as folder:
        page = Path(folder) / "report.html"
        # Relative paths, as an editor running it in the repository would see them.
        subprocess.run([sys.executable, "-m", "newslint", "check", "examples", "--format", "html",
                        "--output", str(page)], cwd=REPO, check=False)
        if not page.exists():
            print("newslint wrote no report", file=sys.stderr)
            return 1
        render_in_chromium(page, args.out.resolve(), width=args.width, height=args.height)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
