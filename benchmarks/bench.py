#!/usr/bin/env python3
"""Measure newslint's speed on a directory of articles, with the standard library only.

    python benchmarks/bench.py ../shared/corpora/bbc-dev [--runs 7] [--profile]

Reports, for the structural checks alone and for all built-in rules:
- throughput in one process (articles/s and words/s), parsing and checking every file;
- single-file latency of the whole CLI process (start-up included), median of --runs runs;
and, with --profile, where the time goes (cProfile, top functions by cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

STRUCTURAL = "duplication,debris,whitespace"


def load(directory: Path):
    from newslint.inputs import read_path

    paths = sorted(p for p in directory.rglob("*") if p.suffix in (".txt", ".md", ".html"))
    return [read_path(p) for p in paths]


def throughput(sources, select: str | None, repeat: int) -> tuple[float, float]:
    from newslint.config import Config
    from newslint.engine import Linter

    config = Config(select=tuple(select.split(",")) if select else ())
    linter = Linter.create(config, entry_points=False)
    words = sum(len(s.text.split()) for s in sources)
    linter.run(sources[:20])  # warm caches (lexicons, compiled patterns) once
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        linter.run(sources)
        best = min(best, time.perf_counter() - start)
    return len(sources) / best, words / best


def latency(path: Path, select: str | None, runs: int) -> float:
    cmd = [sys.executable, "-m", "newslint", "check", "--no-plugins", "--fail-on", "never", str(path)]
    if select:
        cmd[4:4] = ["--select", select]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def profile(sources, select: str | None) -> str:
    from newslint.config import Config
    from newslint.engine import Linter

    linter = Linter.create(Config(select=tuple(select.split(",")) if select else ()), entry_points=False)
    profiler = cProfile.Profile()
    profiler.enable()
    linter.run(sources)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--runs", type=int, default=7, help="runs for the latency median")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the corpus (best is kept)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    import gc

    gc.set_threshold(100_000, 50, 100)  # as the CLI does (newslint/cli.py)
    sources = load(args.directory)
    words = sum(len(s.text.split()) for s in sources)
    sizes = sorted(sources, key=lambda s: len(s.text))
    median_file = args.directory / Path(sizes[len(sizes) // 2].path).relative_to(args.directory)
    print(f"newslint benchmark: {len(sources)} articles, {words} words in {args.directory}")
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; one process")
    rows = []
    for label, select in (("structural", STRUCTURAL), ("all rules", None)):
        arts, wps = throughput(sources, select, args.repeat)
        lat = latency(median_file, select, args.runs)
        rows.append((label, arts, wps, lat))
        print(f"{label:>11}: {arts:8.1f} articles/s  {wps:10.0f} words/s  "
              f"single-file latency {lat * 1000:6.1f} ms (median of {args.runs}, start-up included)")
    structural_s, all_s = len(sources) / rows[0][1], len(sources) / rows[1][1]
    print(f"time for the corpus: structural {structural_s:.2f} s, all rules {all_s:.2f} s "
          f"({all_s / structural_s:.2f}x); the language checks add {all_s - structural_s:.2f} s, "
          f"{(all_s - structural_s) / structural_s:.2f}x the structural checks' cost")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import newslint.cli"], check=True)
    print(f"start-up (python -c 'import newslint.cli'): {(time.perf_counter() - start) * 1000:.1f} ms")
    if args.profile:
        print("\nprofile, all rules, sorted by own time:")
        print(profile(sources, None))


if __name__ == "__main__":
    main()
