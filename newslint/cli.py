"""The command line: ``newslint check`` and ``newslint rules``.

Exit codes (docs/output.md): 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage,
config, input or internal error, with one line per problem on stderr naming file and cause.
Interrupted: 130 for Ctrl-C (SIGINT), 143 for SIGTERM, 129 for SIGHUP (the shell's 128 + the
signal number), with nothing half-written (see newslint/writing.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import click

from newslint import __version__

if TYPE_CHECKING:
    from types import FrameType

    from newslint.model import FileResult
    from newslint.plugins import Registry
    from newslint.progress import ProgressBar

EXIT_ERROR = 2  # usage, config, input or internal error (0 and 1 come from the report)
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def _error(message: str) -> None:
    _say(f"error: {message}")


def _say(message: str) -> None:
    """One line on stderr; a file name in it cannot drive the terminal or add a line."""
    from newslint.output import printable

    click.echo(f"newslint: {printable(message)}", err=True)


def _use_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


class _Program(click.Group):
    """Every command runs with SIGTERM and SIGHUP turned into exceptions (as Python does with
    Ctrl-C), so cleanups run and the exit code says what happened; and every failure of ours
    is one line and exit 2, never a traceback (NEWSLINT_DEBUG=1 shows it)."""

    def invoke(self, ctx: click.Context) -> Any:
        import signal

        from newslint.writing import Interrupted

        def interrupt(signum: int, frame: FrameType | None) -> NoReturn:
            raise Interrupted(signum)

        previous: dict[int, Any] = {}
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
                previous[signum] = signal.signal(signum, interrupt)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _error("interrupted (SIGINT); no file was left half-written")
            sys.exit(EXIT_INTERRUPTED)
        except Interrupted as exc:
            _error(f"interrupted ({exc}); no file was left half-written")
            sys.exit(exc.exit_code)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug of ours: one line, not a traceback
            if os.environ.get("NEWSLINT_DEBUG") or _broken_pipe(exc):
                raise  # click reports a closed stdout (| head) itself
            from newslint.output import FormatError

            if isinstance(exc, FormatError):  # a plugin's format, named; not a bug of ours
                _error(f"{exc} (set NEWSLINT_DEBUG=1 for the traceback)")
                sys.exit(EXIT_ERROR)
            _error(
                f"internal error: {type(exc).__name__}: {exc} (set NEWSLINT_DEBUG=1 for the traceback)"
            )
            sys.exit(EXIT_ERROR)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):  # one of them does not exist (stdin's name...)
        return False


def _broken_pipe(exc: Exception) -> bool:
    import errno

    return isinstance(exc, OSError) and exc.errno == errno.EPIPE


# The options that name a file share one type: making each looks up the translation of
# its name ("file") in the locale's catalogues, which costs a few file-system calls.
_FILE = click.Path(dir_okay=False)


class _FormatName(click.ParamType):  # type: ignore[type-arg]  # generic in click >= 8.2
    """--format: a name among the output formats of the run's plugins. The names come from
    the registry; the value is checked against the registry the run builds (--no-plugins and
    --disable-plugin decide which formats exist), so only --help builds one to list them."""

    name = "format"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        from newslint.plugins import build_registry

        return "[" + "|".join(build_registry().formats) + "]"

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[click.shell_completion.CompletionItem]:
        from click.shell_completion import CompletionItem

        from newslint.plugins import build_registry

        return [
            CompletionItem(name, help=fmt.description)
            for name, fmt in build_registry().formats.items()
            if name.startswith(incomplete)
        ]


@click.group(cls=_Program, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """A linter for news copy: duplicated paragraphs, repeated attributions, grammar slips,
    inconsistent names and web or CMS debris."""
    import gc

    # A short-lived process building many small objects (words, sentences) spends a large
    # share of its time in the cyclic collector at the default thresholds.
    gc.set_threshold(100_000, 50, 100)


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "output_format",
    default="text",
    show_default=True,
    type=_FormatName(),
    help="Output format: one of the run's plugins' formats ('newslint formats' lists them).",
)
@click.option(
    "--output",
    "output_path",
    type=_FILE,
    default=None,
    metavar="FILE",
    help="Write the report to FILE (atomically) instead of stdout.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Only these rule ids or categories (comma-separated, repeatable).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="RULES",
    help="Skip these rule ids or categories (comma-separated, repeatable).",
)
@click.option(
    "--config",
    "config_path",
    type=_FILE,
    default=None,
    help="Use this config file instead of searching for one.",
)
@click.option("--no-config", is_flag=True, help="Ignore every config file.")
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Leave out files named on the command line that the config's exclude keys cover too.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="Lowest severity that makes the exit code 1 (default: warning).",
)
@click.option(
    "--stdin-filename",
    default=None,
    metavar="NAME",
    help="Name (and so format) of the text read from '-'.",
)
@click.option(
    "--disable-plugin",
    multiple=True,
    metavar="NAME",
    help="Do not load this plugin (entry-point name; repeatable).",
)
@click.option("--no-plugins", is_flag=True, help="Load no outside plugins, only built-in rules.")
@click.option(
    "--fix",
    is_flag=True,
    help="Write the safe fixes (whitespace, debris lines, doubled words...) into the files, "
    "atomically, then report what is left.",
)
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="With --fix, also apply unsafe fixes (wording: articles, house-style substitutions).",
)
@click.option(
    "--changed-since",
    metavar="REV",
    default=None,
    help="Report only findings on lines added or changed since git revision REV.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=_FILE,
    default=None,
    metavar="FILE",
    help="Hide the findings recorded in this baseline file; report only new ones.",
)
@click.option(
    "--write-baseline",
    "write_baseline",
    type=_FILE,
    default=None,
    metavar="FILE",
    help="Record today's findings in this baseline file (and hide them).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Check files in N processes (default: every core for more than a handful of files; "
    "one with --fix, a baseline or stdin).",
)
@click.option(
    "--dask",
    "dask_scheduler",
    envvar="NEWSLINT_DASK_SCHEDULER",
    default=None,
    metavar="ADDRESS",
    help="Check files on the workers of a Dask cluster (tcp://HOST:8786; needs "
    "newslint[dask]). The workers must reach the files: a shared path or an fsspec URL.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar on a terminal.")
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: str | None,
    no_config: bool,
    fail_on: str | None,
    stdin_filename: str | None,
    disable_plugin: tuple[str, ...],
    no_plugins: bool,
    changed_since: str | None = None,
    fix: bool = False,
    baseline_path: str | None = None,
    write_baseline: str | None = None,
    unsafe_fixes: bool = False,
    output_path: str | None = None,
    jobs: int | None = None,
    dask_scheduler: str | None = None,
    quiet: bool = False,
    force_exclude: bool = False,
) -> None:
    """Check files, directories (recursively) or '-' (stdin) for problems in news copy."""
    from newslint.plugins import build_registry
    from newslint.runner import CheckRequest, RunAborted, run_check

    if unsafe_fixes and not fix:
        _error("--unsafe-fixes applies fixes only together with --fix")
        sys.exit(EXIT_ERROR)
    registry = build_registry(entry_points=not no_plugins, disabled=disable_plugin)
    report_format = registry.formats.get(output_format)
    if report_format is None:
        _error(
            f"unknown output format {output_format!r} "
            f"(choose from: {', '.join(registry.formats)}; see 'newslint formats')"
        )
        sys.exit(EXIT_ERROR)
    from newslint.output import guarded

    report_format = guarded(report_format)  # one that raises is named, with its plugin

    if (fix or "-" in paths) and click.get_current_context().get_parameter_source(
        "dask_scheduler"
    ) is click.core.ParameterSource.ENVIRONMENT:
        # NEWSLINT_DASK_SCHEDULER is a machine's default for archive runs: a --fix or an
        # editor's stdin run there checks here (--dask given on the command line is refused).
        dask_scheduler = None
    request = CheckRequest(
        paths=paths,
        select=_split(select),
        ignore=_split(ignore),
        fail_on=fail_on,
        config_path=Path(config_path) if config_path else None,
        no_config=no_config,
        stdin=sys.stdin.buffer,
        stdin_filename=stdin_filename,
        entry_points=not no_plugins,
        disabled_plugins=disable_plugin,
        changed_since=changed_since,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        baseline=Path(baseline_path) if baseline_path else None,
        write_baseline=Path(write_baseline) if write_baseline else None,
        output=Path(output_path) if output_path else None,
        jobs=jobs,
        dask=dask_scheduler or None,
        force_exclude=force_exclude,
        keep_sources=report_format.needs_sources,
    )
    # --fix on '-' works as a filter (like ruff): stdout is the text, fixed, and nothing else;
    # the report, in the format asked for, goes to stderr.
    text_out = fix and "-" in paths
    report_stream = sys.stderr if text_out else sys.stdout
    color = _use_color(report_stream)
    # Text, GitHub annotations and JSON are printed file by file as the run goes (stdout
    # only: --output writes the whole report at the end, and --fix on stdin prints the text
    # first); the run then keeps no file's result, only its tally.
    live = None if output_path or text_out else report_format.live
    request.keep_results = live is None
    progress = _Progress(quiet)
    request.on_start = progress.start
    printed = 0  # files whose part of the report is out

    def on_result(result: FileResult) -> None:
        nonlocal printed
        if live is not None:
            part = live.part(result, color, printed)
            printed += 1
            if part:
                progress.clear()
                _echo_report(part)
        progress.advance()

    request.on_result = on_result
    try:
        outcome = run_check(request, registry)
    except RunAborted as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)
    finally:
        progress.clear()
    for problem in outcome.problems:
        _error(problem)
    for note in outcome.notes:
        _say(note)
    if text_out and outcome.fixed_stdin is not None:
        sys.stdout.buffer.write(outcome.fixed_stdin)
        sys.stdout.flush()
    if output_path:
        _write_report(
            output_path,
            report_format.render(outcome.report(color=False)),
            checked=[r.path for r in outcome.results],
        )
    elif live is not None:
        _echo_report(live.render_end(outcome.report(color=color)))
    else:
        report = outcome.report(color=color)
        # A part at a time where the format writes in parts (JSON: a file at a time), so an
        # archive's report is never held whole.
        parts = (
            report_format.render_parts(report)
            if report_format.render_parts is not None
            else [report_format.render(report)]
        )
        for part in parts:
            _echo_report(part, err=text_out)
    sys.exit(outcome.exit_code)


def _echo_report(text: str, *, err: bool = False) -> None:
    """Print a part of the report. A stream that cannot take it (a full disk, a device
    that refuses) is one line naming it, exit 2, not an 'internal error'; a closed pipe
    (``| head``) is still click's to report."""
    try:
        click.echo(text, nl=False, err=err)
    except OSError as exc:
        if _broken_pipe(exc):
            raise
        stream = "standard error" if err else "standard output"
        _error(f"{stream}: cannot write the report ({exc.strerror or exc})")
        sys.exit(EXIT_ERROR)


class _Progress:
    """The progress bar of a run (newslint/progress.py), when stderr is a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: ProgressBar | None = None

    def start(self, files: int) -> None:
        from newslint import progress

        if progress.wanted(sys.stderr, files, self.quiet):
            self.bar = progress.ProgressBar(sys.stderr, files)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance()

    def clear(self) -> None:
        if self.bar is not None:
            self.bar.clear()


def _write_report(path: str, report: str, *, checked: list[str]) -> None:
    """The report into ``path`` through a temporary file and a rename (newslint/writing.py):
    a browser or CI step reading it sees the previous report or the new one, never half. A
    device or FIFO is written into, never replaced; a file of ``checked`` (a story this run
    read) is never overwritten."""
    import errno

    from newslint.writing import write_output

    try:
        if any(_same_file(path, story) for story in checked):
            raise OSError(errno.EEXIST, "it is a file being checked; not overwritten")
        write_output(path, report.encode("utf-8"))
    except OSError as exc:
        _error(f"{path}: cannot write the report ({exc.strerror or exc})")
        sys.exit(EXIT_ERROR)


@main.command()
def lsp() -> None:
    """Run the language server (LSP over stdin/stdout) for editors: diagnostics as you type,
    quick fixes. Needs the 'lsp' extra: pip install 'newslint[lsp]'."""
    try:
        from newslint.lsp import serve
    except ImportError as exc:
        _error(
            f"'newslint lsp' needs the lsp extra ({exc.name} is not installed): "
            "pip install 'newslint[lsp]'"
        )
        sys.exit(EXIT_ERROR)
    serve()


def _plugin_notes(registry: Registry) -> None:
    """Print the plugins' ``newslint_notes`` (a backend with no server, say) on stderr."""
    from newslint.config import Config, ConfigError, ConfigResolver

    try:
        config = ConfigResolver().for_cwd()
    except ConfigError:
        config = Config()  # 'newslint check' reports a bad config; here it only mutes notes
    for name in registry.implementers("newslint_notes"):
        try:
            notes = list(registry.call(name, "newslint_notes", config=config) or ())
        except Exception as exc:  # a broken plugin must not take 'rules' down
            notes = [f"newslint_notes raised {type(exc).__name__}: {exc}"]
        for note in notes:
            click.echo(f"newslint: note: plugin {name}: {note}", err=True)


@main.command()
@click.argument("rule_id", required=False)
@click.option("--format", "output_format", default="text", type=click.Choice(["text", "json"]))
@click.option(
    "--config",
    "config_path",
    type=_FILE,
    default=None,
    help="Also list the house-style rules ([[house-style]]) of this config file.",
)
def rules(rule_id: str | None, output_format: str, config_path: str | None = None) -> None:
    """List every rule, or print one rule's documentation."""
    import json

    from newslint.options import declared
    from newslint.plugins import build_registry
    from newslint.rule import documentation

    registry = build_registry()
    for problem in registry.errors:
        _error(problem)
    _plugin_notes(registry)
    known = dict(registry.rules)
    if config_path:
        from newslint.config import ConfigError, load_config

        try:
            known.update((r.id, r) for r in load_config(Path(config_path)).house_rules)
        except ConfigError as exc:
            _error(str(exc))
            sys.exit(EXIT_ERROR)
    if rule_id:
        rule = known.get(rule_id)
        if rule is None:
            _error(f"unknown rule {rule_id!r} (see 'newslint rules')")
            sys.exit(EXIT_ERROR)
        click.echo(documentation(rule), nl=False)
        _exit_for(registry)
    ordered = sorted(known.values(), key=lambda r: (r.plugin != "newslint", r.category, r.id))
    if output_format == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "category": r.category,
                        "severity": r.severity,
                        "plugin": r.plugin,
                        "summary": r.summary,
                        "enabled_by_default": getattr(r, "enabled_by_default", True),
                        "options": [o.to_dict() for o in declared(r.options)],
                    }
                    for r in ordered
                ],
                indent=2,
            )
        )
        _exit_for(registry)
    width = max((len(r.id) for r in ordered), default=10)
    for r in ordered:
        off = "" if getattr(r, "enabled_by_default", True) else " (off by default)"
        click.echo(
            f"{r.id:<{width}}  {r.category:<11}  {r.severity:<7}  {r.plugin:<10}  {r.summary}{off}"
        )
    _exit_for(registry)


@main.command()
def formats() -> None:
    """List the output formats --format takes (the built-in ones and the plugins')."""
    from newslint.output import printable
    from newslint.plugins import build_registry

    registry = build_registry()
    for problem in registry.errors:
        _error(problem)
    width = max((len(name) for name in registry.formats), default=4)
    for name, fmt in registry.formats.items():
        click.echo(f"{printable(name):<{width}}  {printable(fmt.description)}")
    _exit_for(registry)


def _exit_for(registry: Registry) -> NoReturn:
    """Exit 2 when plugins clash or one broke (each problem already printed, one line), as
    ``check`` does; else 0. The listing is still printed: it shows which plugin won."""
    sys.exit(EXIT_ERROR if registry.errors else 0)
