"""``--jobs N``: files checked by N worker processes on this machine.

The parent finds the files and loads their configs (so a bad config stops the run before any
work); each worker builds its own registry, configs and linter once, then checks chunks of
files and sends back only their results (findings, never documents). Chunks go out in run
order and their results are taken in that order, so the output is the same, byte for byte,
as a one-process run. A run-wide rule (duplicate-across-stories) first has the workers
fingerprint every file; the parent reduces the fingerprints into the run's index, which goes
out with each chunk of the checking pass.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from newslint.inputs import InputError, Source
from newslint.model import FileResult

if TYPE_CHECKING:
    from newslint.engine import Linter, RunFingerprint
    from newslint.runner import CheckRequest

# Files a worker takes at once: enough to amortise sending them, few enough that the
# cores stay busy to the end and results come back steadily.
CHUNK = 16

_worker: Linter | None = None  # this worker process's linter
_checked = 0  # files this worker has checked (runner.collect_cycles)


def _start_worker(request: CheckRequest) -> None:
    global _worker
    from newslint.plugins import build_registry
    from newslint.runner import prepare

    registry = build_registry(entry_points=request.entry_points, disabled=request.disabled_plugins)
    linter, _resolver = prepare(request, registry)
    _worker = linter


def _linter() -> Linter:
    if _worker is None:
        raise RuntimeError("not in a worker process started by check_in_processes")
    return _worker


def _read(item: str | InputError) -> Source | InputError:
    """A worker reads files only: standard input is never checked in worker processes."""
    from newslint.runner import _read_file

    return item if isinstance(item, InputError) else _read_file(item)


def _fingerprint_chunk(items: list[str | InputError]) -> list[RunFingerprint]:
    from newslint.runner import _fingerprints

    return list(_fingerprints(_linter(), items, _read))


def _check_chunk(
    job: tuple[list[str | InputError], dict[str, object], bool],
) -> tuple[list[FileResult], list[str]]:
    global _checked
    from newslint.runner import collect_cycles

    items, index, keep_sources = job
    problems: list[str] = []
    results = _linter().run(
        list(map(_read, items)), problems=problems, index=index, keep_sources=keep_sources
    )
    collect_cycles(_checked, _checked + len(items))
    _checked += len(items)
    return results, problems


def _context() -> multiprocessing.context.BaseContext:
    # fork starts a worker with newslint already imported (a fraction of a second each);
    # where it is not available, the platform's default.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context(
        "fork" if "fork" in methods and sys.platform != "darwin" else None
    )


def check_in_processes(
    linter: Linter,
    request: CheckRequest,
    items: Sequence[str | InputError],
    jobs: int,
    problems: list[str],
    *,
    needs_index: bool,
    keep_sources: bool,
) -> Iterator[FileResult]:
    """Each item's FileResult, in the order of ``items``, checked by ``jobs`` processes.
    Problems the workers report once a run (a backend down) are added to ``problems`` once."""
    setup = dataclasses.replace(request, stdin=None, on_start=None, on_result=None)
    chunks = [list(items[i : i + CHUNK]) for i in range(0, len(items), CHUNK)]
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(), initializer=_start_worker, initargs=(setup,)
    ) as pool:
        index: dict[str, object] = {}
        if needs_index:  # reduced here, from the workers' fingerprints in run order
            index = linter.reduce(
                f for prints in pool.map(_fingerprint_chunk, chunks) for f in prints
            )
        for results, found in pool.map(
            _check_chunk, [(chunk, index, keep_sources) for chunk in chunks]
        ):
            problems.extend(p for p in found if p not in problems)
            yield from results
