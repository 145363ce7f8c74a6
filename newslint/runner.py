"""One check run from start to finish, as ``newslint check`` and ``lint_paths`` perform it.

    request ─► plugins ─► configs (per folder) ─► inputs ─► Linter ─► filters ─► outcome
                                                              │      (changed lines,
                                                              │       baseline)
                                                              └─► --fix, then check again

The CLI only turns options into a CheckRequest and an outcome into output and an exit code,
so every front end gets the same behaviour.
"""

from __future__ import annotations

import dataclasses
import errno
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from newslint.config import Config, ConfigError, ConfigResolver, validate
from newslint.engine import Linter, SelectionError, check_selectors
from newslint.exclusion import Exclusion
from newslint.inputs import (
    STDIN,
    InputError,
    InputStream,
    Skipped,
    Source,
    discover,
    hidden,
    read_path,
    read_stdin,
)
from newslint.model import Edit, FileResult, Finding
from newslint.output import Report, Tally
from newslint.plugins import BuildOptions, Registry, build_registry
from newslint.urls import is_url

if TYPE_CHECKING:
    from newslint.baseline import Baseline
    from newslint.changes import ChangedLines
    from newslint.engine import RunFingerprint
    from newslint.rule import Rule

STDIN_NAME = "<stdin>"


class RunAborted(Exception):
    """A problem that stops the run before any file is checked (usage, config, git); its
    message is the one line the user sees."""


@dataclass
class CheckRequest:
    """One check run as a front end asks for it: paths, selection, config, fixes, output."""

    paths: Sequence[str]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    config_path: Path | None = None  # one config file for every checked file
    config: Config | None = None  # a config object for every checked file (the API)
    no_config: bool = False
    stdin: InputStream | None = None
    stdin_filename: str | None = None
    entry_points: bool = True
    disabled_plugins: tuple[str, ...] = ()
    changed_since: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False  # with fix: apply unsafe fixes too
    baseline: Path | None = None
    write_baseline: Path | None = None
    # The report's own file (--output): a folder walk that meets it (the last run's
    # report.html) does not read it as a story.
    output: Path | None = None
    # Leave out files named in ``paths`` that the config's exclude keys cover (ruff's
    # --force-exclude), as a folder walk leaves out those it finds.
    force_exclude: bool = False
    # Processes checking files at once; None: every core when more than a handful of files
    # are named (one with --fix, a baseline or stdin, which stay in this process).
    jobs: int | None = 1
    # A Dask scheduler's address (tcp://HOST:8786): the cluster's workers check the files.
    dask: str | None = None
    # Keep each checked text on its FileResult (the HTML report shows the story); off, a run
    # keeps only findings, and memory stays flat in the number of files.
    keep_sources: bool = True
    # Keep every file's result on the outcome (the API returns them; a format that renders
    # at the end reads them). Off, the outcome keeps only the run's tally: a format that
    # printed each result as it came needs no more, and memory stays flat in the number of
    # files.
    keep_results: bool = True
    # Told the number of files once they are found, then handed each file's final result
    # as soon as it is known, in run order (streaming output, a progress bar).
    on_start: Callable[[int], None] | None = field(default=None, compare=False, repr=False)
    on_result: Callable[[FileResult], None] | None = field(default=None, compare=False, repr=False)

    @property
    def stdin_name(self) -> str:
        return self.stdin_filename or STDIN_NAME


@dataclass
class CheckOutcome:
    """What a check run found and did, for a front end to print and to turn into an exit code."""

    results: list[FileResult]  # empty unless the request kept them
    rules: dict[str, Rule]
    fail_on: str
    fail_on_for: Callable[[str], str]
    tally: Tally  # every result counted, kept or not
    problems: list[str] = field(default_factory=list)  # errors, one line each: exit code 2
    notes: list[str] = field(default_factory=list)  # what the run did (fixes, baseline)
    # With --fix on '-': the text to print on stdout, fixed (or as read, if nothing could be
    # fixed); None when stdin was not read as text.
    fixed_stdin: bytes | None = None

    def report(self, *, color: bool = False) -> Report:
        return Report(
            self.results,
            rules=self.rules,
            color=color,
            fail_on=self.fail_on,
            fail_on_for=self.fail_on_for,
            tally=self.tally,
        )

    @property
    def exit_code(self) -> int:
        return 2 if self.problems else self.report().exit_code()


def prepare(request: CheckRequest, registry: Registry) -> tuple[Linter, ConfigResolver]:
    """The run's linter and config resolver (each file gets the nearest config from its
    folder upward, see newslint/config.py; --select/--ignore/--fail-on apply on top)."""
    resolver = ConfigResolver(
        explicit=request.config_path,
        disabled=request.no_config,
        fixed=request.config,
        check=_validator(registry),
        adjust=lambda c: c.narrowed(
            select=request.select, ignore=request.ignore, fail_on=request.fail_on
        ),
    )
    linter = Linter(Config(), registry)
    try:
        linter.config = resolver.for_cwd()
    except ConfigError as exc:
        raise RunAborted(str(exc)) from exc
    linter.config_for = resolver.for_path
    return linter, resolver


def run_check(request: CheckRequest, registry: Registry | None = None) -> CheckOutcome:
    """Check what ``request`` names. Raises RunAborted for a problem that stops the run.

    Files are read, checked and reported one batch at a time (``Linter.stream``); the run
    keeps findings, never documents. A run-wide rule (duplicate-across-stories) first sees
    every file through compact fingerprints (``Linter.fingerprint``), reduced once."""
    if not request.paths:
        raise RunAborted("no paths given; name files or directories, or '-' to read stdin")
    if registry is None:
        registry = build_registry(
            entry_points=request.entry_points, disabled=request.disabled_plugins
        )
    # Other processes build their own registry from the request: only one built the same way.
    rebuildable = registry.built_with == BuildOptions(
        request.entry_points, frozenset(request.disabled_plugins)
    )
    linter, resolver = prepare(request, registry)
    problems = list(registry.errors)
    notes: list[str] = []

    # The baseline sees every finding before --changed-since drops those on untouched lines:
    # its entries match the whole story (and are not counted stale for being out of the diff).
    baseline = _open_baseline(request)
    if baseline is not None:
        ran_by_config: dict[int, tuple[Config, Callable[[str], bool]]] = {}

        def rules_ran_for(path: str) -> Callable[[str], bool]:
            config = resolver.for_path(path)  # one answer per config, which many files share
            if id(config) not in ran_by_config:
                ran_by_config[id(config)] = (config, linter.rule_ran(config))
            return ran_by_config[id(config)][1]

        baseline.rules_ran_for = rules_ran_for
        linter.document_filters.append(
            baseline.record_and_filter if request.write_baseline else baseline.filter
        )
    keep_changed = _changed_lines_filter(request)

    stdin_copy = None
    if request.fix and STDIN in request.paths and request.stdin is not None:
        stdin_copy = _RecordedStream(request.stdin)
        request = dataclasses.replace(request, stdin=stdin_copy)
    walked_from: dict[str, str] = {}  # only --fix asks (a symlink out of a walked folder)
    items = find_inputs(request, registry, walked_from if request.fix else None, notes, resolver)
    try:  # every file's config is loaded and checked before any is linted
        configs = {
            id(c): c
            for c in (
                resolver.for_path(request.stdin_name if i == STDIN else i)
                for i in items
                if isinstance(i, str)
            )
        }
        # --select/--ignore may name any rule of the run, house rules of any folder included.
        check_selectors(
            request.select + request.ignore,
            [*registry.rules.values(), *resolver.house_rules().values()],
        )
    except (ConfigError, SelectionError) as exc:
        raise RunAborted(str(exc)) from exc
    notes.extend(resolver.notes)  # configs the search skipped, named on stderr
    if request.on_start is not None:
        request.on_start(len(items))

    read = _Reader(request)
    client = _dask_client(request)
    jobs = effective_jobs(request, items) if rebuildable else 1
    fixer = (
        _Fixer(linter, request, walked_from, problems, read, keep_changed) if request.fix else None
    )
    keep_sources = request.keep_sources or fixer is not None
    needs_index = linter.needs_index([linter.config, *configs.values()])
    if client is not None:
        from newslint.distributed import check_on_cluster

        stream = check_on_cluster(
            client,
            linter,
            request,
            items,
            problems,
            needs_index=needs_index,
            keep_sources=keep_sources,
        )
    elif jobs > 1:
        from newslint.parallel import check_in_processes

        stream = check_in_processes(
            linter,
            request,
            items,
            jobs,
            problems,
            needs_index=needs_index,
            keep_sources=keep_sources,
        )
    else:
        index = linter.reduce(_fingerprints(linter, items, read)) if needs_index else {}
        if fixer is not None:
            fixer.index = index
        stream = linter.stream(
            map(read, items), index=index, problems=problems, keep_sources=keep_sources
        )

    def fail_on_for(path: str) -> str:
        try:
            return resolver.for_path(path).fail_on
        except ConfigError:  # a file that could not be read: the current folder's
            return linter.config.fail_on

    results: list[FileResult] = []
    tally = Tally()
    for result in stream:
        result = keep_changed(result)
        if fixer is not None:
            result = fixer.fix(result)
            if not request.keep_sources:
                result.source = None
        if result.error:
            problems.append(f"{result.path}: {result.error}")
        if request.on_result is not None:
            request.on_result(result)
        tally.add(result, fail_on_for)
        collect_cycles(tally.files - 1, tally.files)
        if request.keep_results:
            results.append(result)
    fixed_stdin = None
    if fixer is not None:
        fixed_stdin = fixer.fixed_stdin
        notes.extend(fixer.notes())
    if baseline is not None:
        checked = {_file_identity(i) for i in items if isinstance(i, str) and i != STDIN}
        _close_baseline(baseline, request.write_baseline, problems, notes, checked=checked)

    return CheckOutcome(
        results,
        rules=registry.rules,
        fail_on=linter.config.fail_on,
        fail_on_for=fail_on_for,
        tally=tally,
        problems=problems,
        notes=notes,
        fixed_stdin=fixed_stdin,
    )


# A full collection of cyclic garbage after this many files. A checked story leaves
# reference cycles (its document, parse and rule state) that outlive the young
# generations when it is still in use as they are collected; they then wait for a full
# collection, which the thresholds ``newslint.cli.main`` sets for speed make rare. Over an
# archive they piled up: 41 MiB at 1,000 files, 50 MiB at 10,000; with this, 39 and 42. A
# collection costs about 12 ms (a 1,000-file run takes some 20 s).
FILES_PER_COLLECTION = 500


def collect_cycles(checked_before: int, checked_now: int) -> None:
    """A full collection when the files a process has checked pass a multiple of
    FILES_PER_COLLECTION (one file, or a worker's chunk, at a time)."""
    if checked_before // FILES_PER_COLLECTION != checked_now // FILES_PER_COLLECTION:
        gc.collect()


# More files than this and a run uses every core (starting processes costs more than it
# saves on a few stories).
HANDFUL = 8


def _dask_client(request: CheckRequest) -> Any:
    """A client of the --dask scheduler, connected before any work (None without --dask)."""
    if not request.dask:
        return None
    if request.fix or STDIN in request.paths:
        raise RunAborted(
            "--dask checks files the cluster's workers can read; "
            "--fix and standard input run without it"
        )
    from newslint.distributed import DaskError, connect

    try:
        return connect(request.dask)
    except DaskError as exc:
        raise RunAborted(str(exc)) from exc


def effective_jobs(request: CheckRequest, items: Sequence[str | InputError]) -> int:
    """How many processes check ``items``: --jobs, or every core for more than a handful of
    files; one for --fix, a baseline or stdin, whose state lives in this process."""
    if request.fix or request.baseline or request.write_baseline or STDIN in request.paths:
        return 1
    if request.config is not None:  # an API config object is not sent to other processes
        return 1
    files = sum(1 for i in items if isinstance(i, str))
    jobs = (
        request.jobs if request.jobs is not None else (available_cores() if files > HANDFUL else 1)
    )
    return max(1, min(jobs, files))


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# One input as a reader takes it: a path here, a WorkItem on a Dask worker.
Item = TypeVar("Item")


def _fingerprints(
    linter: Linter,
    items: Iterable[Item],
    read: Callable[[Item], Source | InputError],
) -> Iterator[RunFingerprint]:
    """Each readable file's fingerprints, in run order (the first pass of a run-wide rule)."""
    for item in items:
        source = read(item)
        if isinstance(source, InputError):
            continue
        try:
            yield linter.fingerprint(linter.parse(source))
        except Exception:  # the checking pass reports what is wrong with the file
            continue


class _ChangedFilter:
    """--changed-since: a result keeps only findings on lines changed since the revision
    (stdin, which git does not know, keeps all; without the option, all are kept)."""

    def __init__(self, changes: ChangedLines | None = None, exempt: str | None = None) -> None:
        self.changes = changes
        self.exempt = exempt

    def lines(self, path: str) -> set[int] | None:
        """The changed lines of ``path`` in the file as it was read (None: every line)."""
        if self.changes is None or path == self.exempt:
            return None
        return self.changes.lines(path)

    def __call__(self, result: FileResult) -> FileResult:
        """``result`` with only the findings on the lines changed in the file as read."""
        return self.keep(result, self.lines(result.path))

    def keep(self, result: FileResult, changed: set[int] | None) -> FileResult:
        """``result`` with only the findings on the ``changed`` lines (None: all kept);
        --fix gives the lines it carried through its passes (``carry_changed_lines``)."""
        if changed is not None and result.error is None:
            from newslint.changes import touches

            result.findings = [f for f in result.findings if touches(changed, f)]
        return result


def _changed_lines_filter(request: CheckRequest) -> _ChangedFilter:
    """The --changed-since filter of a run (keeps everything without the option)."""
    if not request.changed_since:
        return _ChangedFilter()
    from newslint.changes import ChangesError, changed_lines

    for path in request.paths:
        if path != STDIN and is_url(path):  # git cannot say what changed: all would be dropped
            raise RunAborted(
                f"{path}: --changed-since compares with git, which knows only local paths; "
                "name the files by their paths"
            )
    try:
        changes = changed_lines(request.changed_since, [p for p in request.paths if p != STDIN])
    except ChangesError as exc:
        raise RunAborted(str(exc)) from exc
    return _ChangedFilter(changes, request.stdin_name if STDIN in request.paths else None)


def find_inputs(
    request: CheckRequest,
    registry: Registry,
    walked_from: dict[str, str] | None = None,
    notes: list[str] | None = None,
    resolver: ConfigResolver | None = None,
) -> list[str | InputError]:
    """Each file once, under the first name given (``a.txt ./a.txt``, a symlink and its
    target, two hard links: one file), directories expanded; stdin as '-'. ``walked_from``
    is filled with the folder each file found inside a folder came from. FIFOs, devices and
    sockets found in a folder are skipped with a line in ``notes``. Nothing is read.

    With a ``resolver``, a folder walk leaves out what the config of each folder excludes
    (``exclude`` / ``extend-exclude``, newslint/exclusion.py); a path named in ``request``
    is left out only under --force-exclude (or the config's ``force-exclude``), as in ruff,
    and a folder named there that the patterns cover is walked whole."""
    items: list[str | InputError] = []
    seen: set[FileIdentity | str] = set()  # STDIN counts once, by name
    report = _file_identity(str(request.output)) if request.output else None
    excluded = _exclusion_test(resolver) if resolver is not None else None
    for raw in request.paths:
        if raw != STDIN and is_url(raw):  # an fsspec URL: object storage, a cluster's share
            from newslint.distributed import DaskError, find_url_inputs

            try:
                # The config its files take (the current folder's) says what its walk leaves out.
                exclusion = resolver.for_path(raw).exclusion if resolver is not None else None
                items.extend(find_url_inputs(raw, registry.extensions, exclusion))
            except (DaskError, ConfigError) as exc:
                raise RunAborted(str(exc)) from exc
            continue
        walk_test = excluded or hidden
        if excluded is not None and resolver is not None and raw != STDIN:
            is_dir = os.path.isdir(raw)
            try:
                named_excluded = excluded(raw, is_dir)
                forced = request.force_exclude or resolver.for_folder(_folder_of(raw)).force_exclude
            except ConfigError as exc:
                raise RunAborted(str(exc)) from exc
            if named_excluded:
                if forced:
                    continue
                walk_test = hidden  # named on purpose: walked whole (hidden files aside)
        try:
            found = list(discover([raw], registry.extensions, excluded=walk_test))
        except ConfigError as exc:  # a config met on the way down is broken
            raise RunAborted(str(exc)) from exc
        for item in found:
            if isinstance(item, Skipped):
                if notes is not None:
                    notes.append(str(item))
                continue
            if isinstance(item, InputError):
                items.append(item)
                continue
            identity = item if item == STDIN else _file_identity(item)
            if identity in seen or (item != raw and identity == report):
                continue
            seen.add(identity)
            if item != raw and walked_from is not None:
                walked_from[item] = raw
            items.append(item)
    return items


def _folder_of(path: str) -> Path:
    return Path(os.path.dirname(os.path.abspath(path)))


def _exclusion_test(resolver: ConfigResolver) -> Callable[[str, bool], bool]:
    """Whether a file or folder is excluded by the config of the folder that holds it (one
    config look-up per folder)."""
    by_folder: dict[str, Exclusion] = {}

    def excluded(path: str, is_dir: bool) -> bool:
        folder = os.path.dirname(os.path.abspath(path))
        exclusion = by_folder.get(folder)
        if exclusion is None:
            exclusion = by_folder[folder] = resolver.for_folder(Path(folder)).exclusion
        return exclusion.excludes(path, is_dir=is_dir)

    return excluded


class _Reader:
    """Reads one input at a time; standard input once (a run-wide rule's first pass and
    the check both see it)."""

    def __init__(self, request: CheckRequest) -> None:
        self.request = request
        self.stdin: Source | InputError | None = None

    def __call__(self, item: str | InputError) -> Source | InputError:
        if isinstance(item, InputError):
            return item
        if item != STDIN:
            return _read_file(item)
        if self.stdin is None:
            self.stdin = _read(self.request, item)
        return self.stdin


# A file as the file system knows it: (device, inode), or ('path', its real path).
FileIdentity = tuple[int, int] | tuple[str, str]


def _file_identity(path: str) -> FileIdentity:
    try:
        info = os.stat(path)
    except OSError:  # reading it will say what is wrong
        return ("path", os.path.realpath(path))
    return (info.st_dev, info.st_ino)


def _read(request: CheckRequest, item: str) -> Source | InputError:
    if item != STDIN:
        return _read_file(item)
    try:
        if request.stdin is None:
            raise InputError(request.stdin_name, "no standard input to read")
        return read_stdin(request.stdin_name, request.stdin)
    except InputError as exc:
        return exc


def _read_file(path: str) -> Source | InputError:
    if is_url(path):
        from newslint.distributed import read_url

        return read_url(path)
    try:
        return read_path(Path(path), path)
    except InputError as exc:  # missing, unreadable, binary...: the report says so for this file
        return exc


class _RecordedStream:
    """Standard input that keeps the bytes read from it: with --fix, stdout is the whole text."""

    def __init__(self, stream: InputStream) -> None:
        self.stream = stream
        self.data = bytearray()

    def read(self, *size: int) -> bytes | str:
        chunk = self.stream.read(*size)
        self.data += chunk.encode("utf-8", "surrogateescape") if isinstance(chunk, str) else chunk
        return chunk


def _validator(registry: Registry) -> Callable[[Config], None]:
    """Validate a loaded config against this run's rules and plugins (a ConfigError if not)."""
    tables = [name for name, _ in registry.plugins()]
    return lambda config: validate(config, registry.rules, [t for t in tables if t])


def _open_baseline(request: CheckRequest) -> Baseline | None:
    if not (request.write_baseline or request.baseline):
        return None
    from newslint.baseline import Baseline, BaselineError

    if request.write_baseline:
        return Baseline.empty(Path(request.write_baseline))
    if request.baseline:
        try:
            return Baseline.load(Path(request.baseline))
        except BaselineError as exc:
            raise RunAborted(str(exc)) from exc
    return None


def _close_baseline(
    baseline: Baseline,
    write_baseline: Path | None,
    problems: list[str],
    notes: list[str],
    *,
    checked: AbstractSet[FileIdentity] = frozenset(),
) -> None:
    """Write a new baseline, or say how many entries of the old one no longer match.
    ``checked`` holds the identities of the files checked: a baseline never replaces one."""
    if write_baseline:
        try:
            if _file_identity(str(write_baseline)) in checked:
                raise OSError(errno.EEXIST, "it is a file being checked; not overwritten")
            count = baseline.write()
        except OSError as exc:
            problems.append(f"{write_baseline}: cannot write the baseline ({exc.strerror or exc})")
            return
        notes.append(
            f"wrote {count} finding{'s' if count != 1 else ''} to the baseline {write_baseline}"
        )
        return
    stale = baseline.stale_count()
    if stale:
        notes.append(
            f"{stale} baseline entr{'ies' if stale != 1 else 'y'} no longer match "
            f"(fixed findings); rewrite {baseline.path} with --write-baseline to drop them"
        )


class _Fixer:
    """--fix, one file at a time as its result comes in: apply the file's fixes, check the
    fixed text again in memory (through the same filters) and fix again until nothing
    applies (``fix_until_settled``), then write the file once (stdin: into the text returned
    for stdout); the result reported is the last check's, what is left. A file that cannot
    be fixed or read again is one line in ``problems``; one whose fixes did not settle, a
    note in ``settle_notes``."""

    def __init__(
        self,
        linter: Linter,
        request: CheckRequest,
        walked_from: dict[str, str],
        problems: list[str],
        read: _Reader,
        keep_changed: _ChangedFilter,
    ) -> None:
        self.linter = linter
        self.unsafe = request.unsafe_fixes
        self.walked_from = walked_from
        self.problems = problems
        self.read = read
        self.keep_changed = keep_changed
        self.stdin_name = request.stdin_name if STDIN in request.paths else None
        self.index: dict[str, object] = {}
        self.fixed_stdin: bytes | None = None
        self.applied = 0
        self.files = 0
        self.settle_notes: list[str] = []

    def _stdin_data(self) -> bytes | None:
        stream = self.read.request.stdin
        return bytes(stream.data) if isinstance(stream, _RecordedStream) else None

    def fix(self, result: FileResult) -> FileResult:
        from newslint.fixes import (
            SettledBytes,
            carry_changed_lines,
            fix_file,
            fixed_bytes,
            unsettled_note,
        )
        from newslint.writing import outside

        is_stdin = self.stdin_name is not None and result.path == self.stdin_name
        if is_stdin and result.error is None:
            self.fixed_stdin = self._stdin_data()
        fixable = [
            f for f in result.findings if f.fix is not None and (self.unsafe or f.fix.is_safe)
        ]
        if not fixable or result.source is None:
            return result
        last = result  # the check of the text as the last pass left it
        # --changed-since: the changed lines, renumbered after each pass's edits
        changed = self.keep_changed.lines(result.path)

        def carry(text: str, edits: list[Edit]) -> None:
            nonlocal changed
            if changed is not None:
                changed = carry_changed_lines(text, edits, changed)

        def recheck(text: str) -> list[Finding]:
            nonlocal last
            again = self.linter.run([Source.from_decoded(result.path, text)], index=self.index)[0]
            last = self.keep_changed.keep(again, changed)
            return last.findings

        fixed: SettledBytes
        try:
            if is_stdin:
                data = self._stdin_data()
                if data is None:
                    return result
                fixed = fixed_bytes(
                    result.path,
                    data,
                    result.source,
                    fixable,
                    unsafe=self.unsafe,
                    recheck=recheck,
                    on_pass=carry,
                )
                self.fixed_stdin = fixed.data
            else:
                root = self.walked_from.get(result.path)
                if root is not None and outside(result.path, root):
                    raise InputError(
                        result.path, f"is a symlink to a file outside {root}; not fixed"
                    )
                fixed = fix_file(
                    result.path,
                    result.source,
                    fixable,
                    unsafe=self.unsafe,
                    recheck=recheck,
                    on_pass=carry,
                )
        except InputError as exc:
            self.problems.append(str(exc))
            return result
        except OSError as exc:  # deleted or made unreadable since it was checked
            self.problems.append(
                f"{result.path}: cannot be fixed ({exc.strerror or exc}); not fixed"
            )
            return result
        self.applied += fixed.applied
        if not fixed.applied:
            return result
        self.files += 1
        if not fixed.settled:
            self.settle_notes.append(unsettled_note(result.path))
        return last

    def notes(self) -> list[str]:
        if not self.files:
            return []
        return [
            *self.settle_notes,
            f"fixed {self.applied} problem{'s' if self.applied != 1 else ''} "
            f"in {self.files} file{'s' if self.files != 1 else ''}",
        ]
