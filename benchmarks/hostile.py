#!/usr/bin/env python3
"""Time and peak memory of newslint on each hostile input (tests/hostile), one fresh
process per input and format, with the standard library only.

    python benchmarks/hostile.py [--size 200000] [--only NAME ...] [--limit-seconds 10]

Each input is built at about ``--size`` characters and checked with every built-in rule
through ``lint_text``. Prints one line per input and format: seconds, peak resident memory
of the process, the same over the process's size before the check (what the input cost),
and that as a multiple of the input's size. A run past the time limit is stopped and
reported. Exit code 1 when any input takes more than ``--limit-seconds`` or 1 GB (the
acceptance bound of issue 9), else 0.

    python benchmarks/hostile.py --long-story 4 [--corpora DIR] [--ignore RULE]

instead checks one long story of published copy, ``--long-story`` MB of the dev corpora's
stories one after another (``DIR/bbc-dev`` and ``DIR/outlets-dev``, default
``../shared/corpora``; read at run time, never stored), as text, Markdown and HTML, and
prints the same line for each format: issue 9 wants at most 20x the input's size. Exit code
1 when a format costs more than that. ``--ignore RULE`` leaves one rule out, to see its share.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIMIT_BYTES = 1 << 30

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from hostile import HOSTILE_INPUTS, SUFFIX
import newslint
name, fmt, size = sys.argv[2], sys.argv[3], int(sys.argv[4])
config = {"select": ["newslint"], "rules": {"duplicate-across-stories": {"enabled": True}}}
config["ignore"] = [rule for rule in sys.argv[5:6] if rule]
newslint.lint_text("Warm up the the lexicons.", filename=SUFFIX[fmt], config=config)
if name.startswith("file:"):  # a long story, built by the parent: read in one piece
    with open(name[len("file:"):], encoding="utf-8") as story:
        text = story.read()
else:
    text = next(h for h in HOSTILE_INPUTS if h.name == name).build(size)

def status(key):  # Linux: the current (VmRSS) or peak (VmHWM) resident size, in bytes
    with open("/proc/self/status") as lines:
        return next(int(line.split()[1]) * 1024 for line in lines if line.startswith(key))

try:  # reset the peak to the current size, so the peak is the check's own
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    before = status("VmRSS:")
except OSError:  # elsewhere: the peak so far (start-up included) is the best there is
    before = None
started = time.perf_counter()
findings = newslint.lint_text(text, filename=SUFFIX[fmt], config=config)
seconds = time.perf_counter() - started
if before is None:
    peak = before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
else:
    peak = status("VmHWM:")
print(json.dumps({"seconds": seconds, "peak": peak, "before": before,
                  "bytes": len(text.encode("utf-8", "surrogatepass")), "findings": len(findings),
                  "internal": sum(f.rule == "internal-error" for f in findings)}))
"""


def measure(name: str, fmt: str, size: int, timeout: float, ignore: str = "") -> dict:
    """One input checked in a fresh process: ``name`` is a hostile input's, or
    ``file:PATH`` for a long story of published copy (hostile_story.py) written there, so
    that building it leaves no freed memory behind in the measured process."""
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                CHILD,
                str(REPO / "tests"),
                name,
                fmt,
                str(size),
                ignore,
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"stopped after {timeout:g} s"}
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]}
    return json.loads(proc.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=200_000, help="characters per input")
    parser.add_argument("--only", nargs="*", default=(), help="input names to run")
    parser.add_argument("--limit-seconds", type=float, default=10.0)
    parser.add_argument(
        "--long-story", type=float, metavar="MB", help="one long story of published copy instead"
    )
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument(
        "--ignore", default="", metavar="RULE", help="with --long-story: leave it out"
    )
    args = parser.parse_args()
    if args.long_story:
        return long_story(args.corpora, int(args.long_story * 1e6), args.ignore)
    sys.path.insert(0, str(REPO / "tests"))
    from hostile import HOSTILE_INPUTS

    print(
        f"{'input':24} {'format':9} {'seconds':>8} {'peak MB':>8} {'cost MB':>8} {'x input':>8} findings"
    )
    failed = 0
    for hostile in HOSTILE_INPUTS:
        if args.only and hostile.name not in args.only:
            continue
        for fmt in hostile.formats:
            result = measure(
                hostile.name, fmt, args.size, timeout=max(60.0, 3 * args.limit_seconds)
            )
            if "error" in result:
                failed += 1
                print(f"{hostile.name:24} {fmt:9} FAILED: {result['error']}", flush=True)
                continue
            cost = max(0, result["peak"] - result["before"])
            over = (
                result["seconds"] > args.limit_seconds
                or result["peak"] > LIMIT_BYTES
                or result["internal"]
            )
            failed += bool(over)
            print(
                f"{hostile.name:24} {fmt:9} {result['seconds']:8.2f} {result['peak'] / 1e6:8.0f} "
                f"{cost / 1e6:8.1f} {cost / result['bytes']:8.1f} {result['findings']}"
                f"{'  OVER THE LIMIT' if over else ''}",
                flush=True,
            )
    print(
        f"{failed} input(s) over {args.limit_seconds:g} s or 1 GB, failed, or with an internal error"
    )
    return 1 if failed else 0


# Issue 9's bound on a story's memory: its peak at most this many times its size.
LIMIT_TIMES_INPUT = 20


def long_story(corpora: Path, size: int, ignore: str = "") -> int:
    """Peak memory of one long story of published copy, in each format, as x input."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import hostile_story

    print(
        f"{'long story':24} {'format':9} {'seconds':>8} {'peak MB':>8} {'cost MB':>8} {'x input':>8} findings"
    )
    failed = 0
    for fmt in ("text", "markdown", "html"):
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".story") as story:
            story.write(hostile_story.long_story(str(corpora), fmt, size))
            story.flush()
            result = measure(f"file:{story.name}", fmt, size, timeout=1200.0, ignore=ignore)
        if "error" in result:
            failed += 1
            print(
                f"{result.get('bytes', size) / 1e6:.1f} MB {'':15} {fmt:9} FAILED: {result['error']}"
            )
            continue
        cost = max(0, result["peak"] - result["before"])
        times = cost / result["bytes"]
        failed += times > LIMIT_TIMES_INPUT or bool(result["internal"])
        print(
            f"{result['bytes'] / 1e6:4.1f} MB of dev stories {fmt:9} {result['seconds']:8.2f} "
            f"{result['peak'] / 1e6:8.0f} {cost / 1e6:8.1f} {times:8.1f} {result['findings']}"
            f"{'  OVER ' + str(LIMIT_TIMES_INPUT) + 'x' if times > LIMIT_TIMES_INPUT else ''}",
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
