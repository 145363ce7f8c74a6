#!/usr/bin/env python3
"""Measure newslint's speed on a directory of articles, with the standard library only.

    python benchmarks/bench.py ../shared/corpora/bbc-dev [--runs 7] [--profile]

Reports, for the structural checks alone and for all built-in rules:
- throughput of one process (articles/s and words/s) running the whole check pipeline on the
  directory (discover, read, decode, parse, check), median over fresh processes;
- single-file latency of the whole CLI process (start-up included), median of --runs runs;
and, with --profile, where the time goes (cProfile, top functions by cumulative time).
With --startup, only the single-file start-up ratio against a bare interpreter (CPU and wall
time, the minimum of --startup-runs interleaved runs), which --archive prints first.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
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


def one_pass(directory: Path, select: str | None) -> float:
    """Seconds for one whole ``newslint check DIR`` pipeline (discover, read, decode, parse,
    check, filter) in this process, after a warm-up on a few files loads the lexicons and
    compiles the patterns; nothing else cached. Output rendering and start-up excluded."""
    from newslint.runner import CheckRequest, run_check

    def request(paths):
        return CheckRequest(
            paths,
            select=tuple(select.split(",")) if select else (),
            no_config=True,
            entry_points=False,
        )

    warm = sorted(str(p) for p in directory.rglob("*.txt"))[:20] or [str(directory)]
    run_check(request(warm))
    start = time.perf_counter()
    run_check(request([str(directory)]))
    return time.perf_counter() - start


def throughput(directory: Path, select: str | None, repeat: int) -> float:
    """Median seconds of ``repeat`` passes, each in a fresh process (as a CLI run is)."""
    times = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, __file__, str(directory), "--one-pass", select or "all"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        times.append(float(out))
    return statistics.median(times)


def latency(path: Path, select: str | None, runs: int) -> float:
    cmd = [
        sys.executable,
        "-m",
        "newslint",
        "check",
        "--no-plugins",
        "--fail-on",
        "never",
        str(path),
    ]
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

    linter = Linter.create(
        Config(select=tuple(select.split(",")) if select else ()), entry_points=False
    )
    profiler = cProfile.Profile()
    profiler.enable()
    linter.run(sources)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    return out.getvalue()


def scaling(sources) -> str:
    """Every rule must stay linear in the length of one story: check the corpus joined into
    one file, and a quarter of it, and compare words per second."""
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.inputs import Source

    linter = Linter.create(Config(), entry_points=False)
    whole = "\n\n".join(s.text for s in sources)
    rates = []
    for text in (whole[: len(whole) // 4], whole):
        start = time.perf_counter()
        linter.run([Source("joined.txt", text)])
        rates.append((len(text), len(text.split()) / (time.perf_counter() - start)))
    (small, small_rate), (big, big_rate) = rates
    return (
        f"one long story: {small / 1e6:.1f} MB at {small_rate:,.0f} words/s, {big / 1e6:.1f} MB at "
        f"{big_rate:,.0f} words/s (linear cost keeps these close)"
    )


def run_measured(cmd: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB; the largest of the process and, with
    --jobs, of its workers) of one command, its output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return time.perf_counter() - start, usage.ru_maxrss


def copies(sources_dir: list[Path], count: int, target: Path) -> Path:
    """``count`` stories copied from the corpora under new names (story-000001.txt ...), in
    one fixed shuffled order, so a small and a large archive hold the same mix of outlets."""
    import random

    files = sorted(
        p for d in sources_dir for p in d.rglob("*") if p.suffix in (".txt", ".md", ".html")
    )
    random.Random(13).shuffle(files)
    target.mkdir(parents=True)
    for number in range(count):
        original = files[number % len(files)]
        (target / f"story-{number:06d}{original.suffix}").write_bytes(original.read_bytes())
    return target


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def json_check(*paths: Path, config: Path | None = None) -> list[str]:
    """A whole CLI run with JSON out and every built-in rule: no outside plugins, the given
    config or none, exit 0 whatever it finds."""
    chosen = ["--config", str(config)] if config else ["--no-config"]
    rest = ["--no-plugins", "--format", "json", "--fail-on", "never", *map(str, paths)]
    return [sys.executable, "-m", "newslint", "check", *chosen, *rest]


def archive_scale(corpora: list[Path], small: int, large: int) -> list[str]:
    """Peak memory of a whole run on ``small`` and ``large`` copies of the corpora (JSON
    output, all built-in rules, one process): streaming keeps it flat."""
    import tempfile

    lines = [
        "peak memory: the largest resident set (ru_maxrss) of one `newslint check --no-config "
        "--format json -j 1` run, JSON printed as it goes to /dev/null, every rule on by default"
    ]
    with tempfile.TemporaryDirectory(prefix="newslint-bench-") as tmp:
        peaks = {}
        for count in (small, large):
            folder = copies(corpora, count, Path(tmp) / f"n{count}")
            took, peak = run_measured([*json_check(folder), "-j", "1"])
            peaks[count] = peak
            lines.append(
                f"{count:>6} files: peak memory {peak / 1024:6.1f} MiB, {took:6.1f} s ({load_note()})"
            )
        lines.append(
            f"peak memory {large:,} files / {small:,} files: {peaks[large] / peaks[small]:.2f}x (target <= 1.3x)"
        )
    return lines


def jobs_speedup(directory: Path) -> list[str]:
    """--jobs 2 against --jobs 1 on the directory (whole CLI runs, JSON compared)."""
    cmd = json_check(directory)
    outputs, times = [], {}
    before = load_note()
    for jobs in ("1", "2"):
        times[jobs], _ = run_measured([*cmd, "-j", jobs])
        outputs.append(subprocess.run([*cmd, "-j", jobs], capture_output=True).stdout)
    same = "same JSON byte for byte" if outputs[0] == outputs[1] else "JSON DIFFERS"
    return [
        f"--jobs 1: {times['1']:.1f} s, --jobs 2: {times['2']:.1f} s: {times['1'] / times['2']:.2f}x "
        f"the throughput (target >= 1.6x); {same} (before: {before})"
    ]


def dask_equivalence(corpora: list[Path]) -> list[str]:
    """A --dask run against a scheduler and two workers started here on 127.0.0.1, and a
    one-process run, on the corpora with duplicate-across-stories on: JSON compared."""
    import socket
    import tempfile

    try:
        import distributed  # noqa: F401
    except ImportError:
        return ["--dask: not measured (pip install 'newslint[dask]')"]
    with socket.socket() as probe:  # a free port for the scheduler
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "distributed.cli.dask_scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--dashboard-address",
            ":0",
        ],
        **quiet,
    )
    workers = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "distributed.cli.dask_worker",
            address,
            "--nworkers",
            "2",
            "--nthreads",
            "1",
            "--host",
            "127.0.0.1",
            "--dashboard-address",
            ":0",
        ],
        **quiet,
    )
    try:
        with tempfile.TemporaryDirectory(prefix="newslint-dask-") as tmp:
            config = Path(tmp) / "newslint.toml"
            config.write_text("[rules.duplicate-across-stories]\nenabled = true\n")
            cmd = json_check(*corpora, config=config)
            wait_for_workers(address, 2)
            start = time.perf_counter()
            alone = subprocess.run([*cmd, "-j", "1"], capture_output=True).stdout
            took_alone = time.perf_counter() - start
            start = time.perf_counter()
            clustered = subprocess.run([*cmd, "--dask", address], capture_output=True).stdout
            took_cluster = time.perf_counter() - start
    finally:
        workers.terminate()
        scheduler.terminate()
        workers.wait()
        scheduler.wait()
    files = len(json.loads(alone)["files"])
    same = "same JSON byte for byte" if alone == clustered else "JSON DIFFERS"
    return [
        f"--dask (scheduler + 2 workers on 127.0.0.1), {files} files, duplicate-across-stories "
        f"on: {took_cluster:.1f} s vs one process {took_alone:.1f} s; {same} ({load_note()})"
    ]


def wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    with Client(address, timeout="30s") as client:
        client.wait_for_workers(count, timeout=60)


def startup_ratio(path: Path, runs: int) -> str:
    """``newslint check FILE`` as a user runs it (the console script, config search, the
    installed plugins) against a bare ``python -c pass``: the minimum of ``runs`` interleaved
    runs of each, in wall time and in CPU time (the machine is shared: the least disturbed
    run is the one that says what start-up costs; CPU time is less disturbed than wall).
    The bytecode is compiled first, as an install compiles it: an editable install under
    PYTHONDONTWRITEBYTECODE would compile every module on every run."""
    compile_bytecode()
    script = Path(sys.executable).with_name("newslint")
    program = [str(script)] if script.exists() else [sys.executable, "-m", "newslint"]
    bare_cmd = [sys.executable, "-c", "pass"]
    one_cmd = [*program, "check", "--fail-on", "never", str(path)]
    bare, one = [], []
    for _ in range(runs):
        bare.append(wall_and_cpu(bare_cmd, path.parent))
        one.append(wall_and_cpu(one_cmd, path.parent))
    bare_wall, bare_cpu = (min(times) for times in zip(*bare))
    one_wall, one_cpu = (min(times) for times in zip(*one))
    return (
        f"single file (newslint check FILE): {one_wall * 1000:.0f} ms wall, {one_cpu * 1000:.0f} ms "
        f"CPU; bare python -c pass: {bare_wall * 1000:.0f} ms wall, {bare_cpu * 1000:.0f} ms CPU: "
        f"{one_wall / bare_wall:.1f}x wall, {one_cpu / bare_cpu:.1f}x CPU (target <= 5x; minimum "
        f"of {runs} interleaved runs each; {load_note()})"
    )


def wall_and_cpu(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one command, its output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def compile_bytecode() -> None:
    """Write the bytecode of newslint and of its plugins' packages, as pip does on install."""
    import compileall
    import importlib.util

    from newslint.entrypoints import entry_points

    packages = {
        "newslint",
        *(ep.value.split(":")[0].split(".")[0] for ep in entry_points("newslint")),
    }
    for name in sorted(packages):
        spec = importlib.util.find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            compileall.compile_dir(folder, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("directory", type=Path)
    parser.add_argument("--runs", type=int, default=7, help="runs for the latency median")
    parser.add_argument(
        "--repeat", type=int, default=5, help="passes over the corpus, each in a fresh process"
    )
    parser.add_argument(
        "--startup-runs", type=int, default=30, help="runs of each for the start-up minimum"
    )
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--startup",
        action="store_true",
        help="only the single-file start-up ratio, CPU and wall (the first line of --archive)",
    )
    parser.add_argument("--one-pass", nargs=1, metavar="SELECT", help=argparse.SUPPRESS)
    parser.add_argument(
        "--archive",
        nargs="*",
        type=Path,
        metavar="CORPUS",
        help="archive scale instead: peak memory on 1,000 vs 10,000 copies of these corpora "
        "(default: DIR), --jobs 2 vs --jobs 1 on DIR, single-file start-up ratio",
    )
    parser.add_argument(
        "--sizes", type=int, nargs=2, default=(1000, 10000), metavar=("SMALL", "LARGE")
    )
    args = parser.parse_args()
    if args.archive is not None or args.startup:
        print(
            f"newslint {'start-up' if args.startup else 'archive scale'}, python "
            f"{platform.python_version()} on {platform.machine()}, "
            f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
        )
        sample = sorted(p for p in args.directory.rglob("*.txt"))
        print(startup_ratio(sample[len(sample) // 2], args.startup_runs))
        if args.startup:
            return
        for line in jobs_speedup(args.directory):
            print(line)
        for line in archive_scale(args.archive or [args.directory], *args.sizes):
            print(line)
        for line in dask_equivalence(args.archive or [args.directory]):
            print(line)
        return

    import gc

    gc.set_threshold(100_000, 50, 100)  # as the CLI does (newslint/cli.py)
    if args.one_pass:
        print(one_pass(args.directory, None if args.one_pass[0] == "all" else args.one_pass[0]))
        return
    sources = load(args.directory)
    words = sum(len(s.text.split()) for s in sources)
    sizes = sorted(sources, key=lambda s: len(s.text))
    median_file = args.directory / Path(sizes[len(sizes) // 2].path).relative_to(args.directory)
    print(f"newslint benchmark: {len(sources)} articles, {words} words in {args.directory}")
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; one process"
    )
    seconds = {}
    for label, select in (("structural", STRUCTURAL), ("all rules", None)):
        seconds[label] = took = throughput(args.directory, select, args.repeat)
        lat = latency(median_file, select, args.runs)
        print(
            f"{label:>11}: {len(sources) / took:8.1f} articles/s  {words / took:10.0f} words/s  "
            f"({took:.2f} s a pass, median of {args.repeat} fresh processes)  "
            f"single-file latency {lat * 1000:6.1f} ms (median of {args.runs}, start-up included)"
        )
    structural_s, all_s = seconds["structural"], seconds["all rules"]
    print(
        f"all rules take {all_s / structural_s:.2f}x the structural checks' time; the language checks "
        f"add {all_s - structural_s:.2f} s, {(all_s - structural_s) / structural_s:.2f}x the structural checks' cost"
    )
    print(scaling(sources))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import newslint.cli"], check=True)
    print(
        f"start-up (python -c 'import newslint.cli'): {(time.perf_counter() - start) * 1000:.1f} ms"
    )
    if args.profile:
        print("\nprofile, all rules, sorted by own time:")
        print(profile(sources, None))


if __name__ == "__main__":
    main()
