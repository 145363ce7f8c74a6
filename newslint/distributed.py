"""``--dask ADDRESS``: files checked by the workers of a Dask cluster, and archives read
through fsspec URLs (``s3://bucket/archive/``, ``file:///srv/archive``).

The shape is ``--jobs``'s (newslint/parallel.py), on other machines: the client finds the
files and loads their configs (a bad config stops the run before any work is sent); each
worker builds its registry and linter once a run, checks chunks of files and sends back
only their results. Chunks are taken in run order, so the output is the same, byte for
byte, as a one-process run. A run-wide rule (duplicate-across-stories) has the workers
fingerprint every file first; the client reduces the fingerprints and broadcasts the run's
index to the workers once.

Workers must reach the files: a path they share with the client (paths are sent absolute),
or an fsspec URL. Files are never sent through the scheduler.

The baseline and ``--changed-since`` stay on the client. ``--changed-since`` works on results
alone; a baseline matches findings by the sentence they sit in, so the client parses again
the stories that have findings (parsing is a small share of a check) and applies it there.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from newslint.exclusion import Exclusion
from newslint.inputs import MAX_BYTES, InputError, Source, decode_raw, read_path
from newslint.urls import is_url

# Files a task checks: enough to amortise a round trip to the scheduler, few enough that
# every worker stays busy to the end.
CHUNK = 32

# Chunks sent ahead of the one the client is waiting for, per worker: results come back in
# run order, and the client holds at most this many chunks' findings at once.
AHEAD_PER_WORKER = 4

# How long to wait for the scheduler to answer before the run stops with one line.
CONNECT_TIMEOUT = "10s"

INSTALL_HINT = "pip install 'newslint[dask]'"


class DaskError(Exception):
    """A problem that stops a --dask run (no dask, no scheduler); one line for the user."""


def _fsspec() -> Any:
    try:
        import fsspec
    except ImportError:
        raise DaskError(f"reading URLs needs fsspec: {INSTALL_HINT}") from None
    return fsspec


def find_url_inputs(
    url: str, extensions: Sequence[str], exclusion: Exclusion | None = None
) -> list[str | InputError]:
    """The files an fsspec URL names: itself if it is a file, or every file under it with a
    known extension that ``exclusion`` (the config's exclude keys; by default hidden names)
    leaves in, its patterns relative to the URL as a local walk's are to the config's
    folder, sorted, as URLs."""
    fsspec = _fsspec()
    left_out = (exclusion or Exclusion()).walk_test()
    try:
        fs, root = fsspec.core.url_to_fs(url)
        if not fs.isdir(root):
            return [url] if fs.exists(root) else [InputError(url, "no such file or directory")]
        prefix = len(root.rstrip("/"))
        found = sorted(
            path
            for path in fs.find(root)
            if path.lower().endswith(tuple(extensions)) and not left_out(path[prefix:].lstrip("/"))
        )
    except DaskError:
        raise
    except Exception as exc:  # a backend's own errors: a missing bucket, no credentials
        return [InputError(url, f"cannot list it ({type(exc).__name__}: {exc})")]
    if not found:
        return [InputError(url, "holds no files to check")]
    return [fs.unstrip_protocol(path) for path in found]


# URLs of the local file system: read by the project's bounded reader, which refuses a FIFO
# or a device without blocking on it (fsspec's open would wait on a FIFO for ever) and takes
# the rest as a path (fsspec reads '::' in a file's name as a chain of file systems).
_LOCAL_PREFIXES = ("file://", "local://")


def read_url(url: str) -> Source | InputError:
    """Read one file named by an fsspec URL: never more than the size limit plus one byte."""
    if url.startswith(_LOCAL_PREFIXES):
        try:
            return read_path(Path(url.split("://", 1)[1]), url)
        except InputError as exc:
            return exc
    fsspec = _fsspec()
    try:
        with fsspec.open(url, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return InputError(url, "no such file or directory")
    except IsADirectoryError:
        return InputError(url, "is a directory")
    except Exception as exc:
        return InputError(url, f"cannot read it ({type(exc).__name__}: {exc})")
    if len(data) > MAX_BYTES:
        return InputError(url, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; not checked")
    try:
        return Source.from_decoded(url, decode_raw(url, data))
    except InputError as exc:
        return exc


class WorkItem(NamedTuple):
    """One file for a worker: the name the report shows, and where the worker reads it."""

    shown: str
    location: str


def work_items(items: Sequence[str | InputError]) -> list[WorkItem | InputError]:
    """The run's items as workers on other machines need them: local paths made absolute."""
    return [
        item
        if isinstance(item, InputError)
        else WorkItem(item, item if is_url(item) else os.path.abspath(item))
        for item in items
    ]


def read_item(item: WorkItem | InputError) -> Source | InputError:
    if isinstance(item, InputError):
        return item
    if is_url(item.location):
        return read_url(item.location)
    try:
        return read_path(Path(item.location), item.shown)
    except InputError as exc:
        return exc


@dataclasses.dataclass(frozen=True)
class WorkerSetup:
    """What a worker needs to build the run's linter: the request (absolute paths, no
    streams or callbacks) and the config that fsspec URLs take (the client's folder's)."""

    token: str
    request: Any  # a CheckRequest
    url_config: Path | None


_local = threading.local()  # this worker thread's (token, linter, url_linter)


def _linters(setup: WorkerSetup) -> tuple[Any, Any]:
    cached = getattr(_local, "linters", None)
    if cached is not None and cached[0] == setup.token:
        return cached[1], (cached[2], cached[3])
    from newslint.plugins import build_registry
    from newslint.runner import prepare

    request = setup.request
    registry = build_registry(entry_points=request.entry_points, disabled=request.disabled_plugins)
    linter, resolver = prepare(request, registry)
    _url_linter, url_resolver = prepare(
        dataclasses.replace(
            request,
            config_path=setup.url_config or request.config_path,
            no_config=request.no_config or (setup.url_config is None and not request.config_path),
        ),
        registry,
    )
    _local.linters = (setup.token, linter, resolver, url_resolver)
    return linter, (resolver, url_resolver)


def _config_for(setup: WorkerSetup, chunk: Sequence[WorkItem | InputError]) -> Callable[[str], Any]:
    """Each file's config, found from where the worker reads it (its folder upward, as the
    client would), or the client's folder's config for a URL."""
    _linter, (resolver, url_resolver) = _linters(setup)
    where = {i.shown: i.location for i in chunk if isinstance(i, WorkItem)}

    def config_for(shown: str) -> Any:
        location = where.get(shown, shown)
        return url_resolver.for_path(location) if is_url(location) else resolver.for_path(location)

    return config_for


def fingerprint_chunk(setup: WorkerSetup, chunk: list[WorkItem | InputError]) -> list[Any]:
    """A task: the fingerprints of a chunk's readable files, in order."""
    from newslint.runner import _fingerprints

    linter, _resolvers = _linters(setup)
    linter.config_for = _config_for(setup, chunk)
    return list(_fingerprints(linter, chunk, read_item))


def check_chunk(
    setup: WorkerSetup,
    index: dict[str, Any],
    chunk: list[WorkItem | InputError],
    keep_sources: bool,
) -> tuple[list[Any], list[str]]:
    """A task: a chunk's results (findings, never documents) and the run's problems."""
    linter, _resolvers = _linters(setup)
    problems: list[str] = []
    results = linter.run(
        [read_item(item) for item in chunk],
        config_for=_config_for(setup, chunk),
        problems=problems,
        index=index,
        keep_sources=keep_sources,
    )
    return results, problems


def connect(address: str, timeout: str = CONNECT_TIMEOUT) -> Any:
    """A client of the scheduler at ``address`` (tcp://HOST:8786), or DaskError."""
    try:
        from distributed import Client
        from distributed.comm.addressing import parse_address, parse_host_port
    except ImportError:
        raise DaskError(f"--dask needs dask's distributed scheduler: {INSTALL_HINT}") from None
    try:  # checked first: a Client given a bad address fails late, from its finaliser
        _scheme, location = parse_address(address)
        parse_host_port(location)
    except (ValueError, TypeError) as exc:
        raise DaskError(
            f"--dask {address}: not a scheduler address (like tcp://HOST:8786): {exc}"
        ) from None
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise DaskError(f"--dask {address}: cannot reach the scheduler ({exc})") from None


def _client_setup(request: Any) -> WorkerSetup:
    """The request a worker can use on another machine: absolute paths for every file it
    reads, nothing that lives only in this process."""
    from newslint.config import find_config

    def absolute(path: Path | None) -> Path | None:
        return Path(os.path.abspath(path)) if path is not None else None

    url_config = None
    if not request.no_config and request.config_path is None:
        url_config = absolute(find_config(Path.cwd().resolve(), []))
    shipped = dataclasses.replace(
        request,
        paths=(),
        stdin=None,
        on_start=None,
        on_result=None,
        baseline=None,
        write_baseline=None,
        changed_since=None,
        output=None,
        config_path=absolute(request.config_path),
    )
    return WorkerSetup(uuid.uuid4().hex, shipped, url_config)


def check_on_cluster(
    client: Any,
    linter: Any,
    request: Any,
    items: Sequence[str | InputError],
    problems: list[str],
    *,
    needs_index: bool,
    keep_sources: bool,
) -> Iterator[Any]:
    """Each item's FileResult, in the order of ``items``, checked by the workers of the
    cluster ``client`` is connected to (closed at the end). Problems the workers report once
    a run are added to ``problems`` once."""
    # The client's document filters (a baseline) need the story: workers send its text.
    filtered = bool(linter.document_filters)
    try:
        # Scattered once, in a list (a bare dict would be scattered value by value).
        [setup] = client.scatter([_client_setup(request)], broadcast=True)
        work = work_items(items)
        chunks = [work[i : i + CHUNK] for i in range(0, len(work), CHUNK)]
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        index: Any = {}
        if needs_index:  # reduced here, from the workers' fingerprints in run order
            futures = client.map(fingerprint_chunk, [setup] * len(chunks), chunks, pure=False)
            index = linter.reduce(f for future in futures for f in future.result())
        [index] = client.scatter([index], broadcast=True)
        ahead = workers * AHEAD_PER_WORKER
        pending = [
            client.submit(check_chunk, setup, index, chunk, keep_sources or filtered, pure=False)
            for chunk in chunks[:ahead]
        ]
        for number in range(len(chunks)):
            if number + ahead < len(chunks):
                pending.append(
                    client.submit(
                        check_chunk,
                        setup,
                        index,
                        chunks[number + ahead],
                        keep_sources or filtered,
                        pure=False,
                    )
                )
            results, found = pending[number].result()
            pending[number] = None  # its findings are the caller's now
            problems.extend(p for p in found if p not in problems)
            for result in results:
                if filtered:
                    result = apply_document_filters(linter, result)
                    if not keep_sources:
                        result.source = None
                yield result
    finally:
        client.close()


def apply_document_filters(linter: Any, result: Any) -> Any:
    """Run the client's document filters (the baseline) on a result a worker checked: the
    story is parsed again from the text the worker sent back."""
    if result.error is not None or not result.findings or not linter.document_filters:
        return result
    document = linter.parse(Source(result.path, result.source))
    findings = result.findings
    for keep in linter.document_filters:
        findings = keep(document, findings)
    result.findings = findings
    return result
