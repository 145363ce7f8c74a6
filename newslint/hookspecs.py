"""The plugin author's reference: every hook newslint calls, when, with what, and what it
expects back.

A plugin is a module (or an object) with functions named after the hooks below, each marked
with ``newslint.hookimpl``; a function with a hook's name but without the marker is not
called. The built-in parsers (``newslint/parsers/``), output formats (``newslint/output/``)
and rules (``newslint/rules/``) are plugins of exactly this kind. Outside plugins are found
through the ``newslint`` entry-point group of their package::

    [project.entry-points.newslint]
    acme = "acme_newslint.plugin"

An implementation takes any subset of its hook's arguments, by name (pluggy's rule), and
pluggy refuses, when the plugin loads, one that names an argument its hook does not have.

Order: built-in plugins in a fixed order, then entry points sorted by name, then plugin
objects handed to the Python API. Each hook is called plugin by plugin in that order, so a
plugin that raises is named (one line on stderr, exit code 2) and the others still run.
Two plugins providing one rule id, parser name, file extension or output format name is an
error naming both (exit code 2); the first keeps it.

No hook is ``firstresult``: every plugin's answer counts. Every hook may be called in any
process of a run (``--jobs``), so what crosses between hooks (a fingerprint, a run index)
must be picklable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.document import Document
    from newslint.model import Finding
    from newslint.output import OutputFormat
    from newslint.parsers import Parser
    from newslint.rule import Rule

hookspec = pluggy.HookspecMarker("newslint")


# --- what a plugin provides: called once, when the plugins are loaded ---------------------


@hookspec
def newslint_rules() -> list[Rule] | None:
    """Return the :class:`newslint.rule.Rule` objects this plugin provides.

    Called once when the plugins are loaded (``newslint check``, ``newslint rules``, the
    language server, the Python API), before any config is read.

    Rule ids are stable and unique across the plugins of a run; a third-party plugin prefixes
    its ids (``acme/slammed``) so they never collide with built-in ones; ``house/...`` is
    taken by the ``[[house-style]]`` rules of a config. A rule whose ``plugin`` is left at
    its default is shown as this plugin's (its entry-point name).

    A rule's ``options`` is a frozen dataclass of :func:`newslint.options.option` fields,
    each with a kind (``Flag``, ``Integer``, ``Text``, ``Choice``, ``Strings``, ``Words``,
    ``Patterns``, ``Items``, ``FilePath``), a default and a one-line doc; the config key is
    the field's name in kebab-case. ``[rules.<id>]`` is checked against it when the config
    loads, ``newslint rules ID`` lists it, and the check receives an instance, values
    converted and defaults applied. An option named ``vocabulary`` (``Words()``) also holds
    the names the house accepts (the config's ``vocabulary``).

    :return: a list of rules (empty, or None, for none).
    """


@hookspec
def newslint_parsers() -> list[Parser] | None:
    """Return the :class:`newslint.parsers.Parser` objects for the input types this plugin
    reads: a name (what ``--stdin-filename`` and the API's ``format=`` select), the file
    extensions it claims (lower case, with the dot: ``(".adoc",)``) and ``parse(path, text)``
    returning a :class:`newslint.document.Document`.

    Called once when the plugins are loaded. A folder given to ``newslint check`` is searched
    for the files whose extension some parser claims; a file named on the command line with
    an extension no parser claims is read as plain text.

    :return: a list of parsers (empty, or None, for none).
    """


@hookspec
def newslint_output_formats() -> list[OutputFormat] | None:
    """Return the :class:`newslint.output.OutputFormat` records of the report formats this
    plugin writes: a name (what ``--format`` takes), ``render(report) -> str``, a one-line
    description, and optionally ``live`` (print file by file as the run goes) and
    ``needs_sources`` (the report shows each story's text).

    Called once when the plugins are loaded; ``newslint check --format`` accepts the names
    of every format of the run's plugins, and ``newslint formats`` lists them. ``render``
    receives a :class:`newslint.output.Report` and must escape whatever it prints (file
    names, messages and suggestions come from the stories checked; see
    ``newslint.output.printable``). A format whose functions raise stops the run with one
    line naming it and this plugin, exit code 2.

    :return: a list of formats (empty, or None, for none).
    """


# --- a run: configure, per-document fingerprints, check, unconfigure ----------------------


@hookspec
def newslint_configure(config: Config) -> None:
    """Called at the start of each run (and of each batch of documents a long run checks),
    before any document of it is checked.

    :param config: the run's :class:`newslint.config.Config` (of the current folder); read
        this plugin's own settings with ``config.section(name)``.
    """


@hookspec
def newslint_fingerprint(document: Document, config: Config) -> Any:
    """For a plugin whose rule compares the stories of a run (a story filed twice): a compact,
    picklable summary of one document (digests, line numbers; never the document or its
    text).

    Called once for each document of the run, in run order, before any document is checked
    and in any process; a run keeps only these summaries, so memory stays flat in the number
    of files. Implementing this hook makes a run fingerprint every file first, but only when
    one of this plugin's rules is on.

    :param document: the parsed story.
    :param config: the document's config (found from its file's folder, as its check's is).
    :return: the summary, or None to leave this document out.
    """


@hookspec
def newslint_reduce_fingerprints(fingerprints: Sequence[tuple[str, Any]], config: Config) -> Any:
    """Turn every document's fingerprint into this plugin's run index, once per run.

    Called after ``newslint_fingerprint`` has seen every document. Without this hook the
    index is the list of fingerprints itself.

    :param fingerprints: ``(path, summary)`` of each document this plugin summarised, in run
        order.
    :param config: the run's config.
    :return: a picklable value: it reaches ``newslint_check_documents`` as ``index`` with
        every batch of documents.
    """


@hookspec
def newslint_check_documents(
    documents: Sequence[Document],
    config: Config,
    findings: Mapping[str, tuple[Finding, ...]],
    index: Any,
    config_for: Callable[[str], Config],
) -> Iterable[tuple[Document, Finding]] | None:
    """See several documents at once: for rules across stories and for batching backends
    (a grammar server).

    Called once for each batch of documents (a few dozen; a short run is one batch), after
    every per-document rule has checked them. Compare stories across the whole run through
    ``newslint_fingerprint`` and ``index``, never by keeping documents.

    :param documents: the batch's parsed documents, in run order.
    :param config: the run's config.
    :param findings: what the per-document rules reported, ``{document.path: (finding,
        ...)}`` with prose offsets, e.g. to drop a duplicate of a core finding.
    :param index: what this plugin's ``newslint_reduce_fingerprints`` returned (``{}`` when
        it fingerprints nothing).
    :param config_for: the config of each document, ``config_for(document.path)``: the one
        found from its file's folder, as every setting of a file is (``config`` is the
        current folder's). Read a plugin's own table from it (``section("name")``).
    :return: ``(document, finding)`` pairs, findings built with prose offsets like any
        rule's. A finding's rule id need not be a registered rule (a backend reports
        ``languagetool/<ID>``): --select/--ignore and ``[rules."<id>"]`` then apply to it by
        its id, an id prefix ending in ``/``, its category and the plugin's name.

    An exception raised here becomes an ``internal`` finding on each document of the batch
    and exit code 2; the other rules still report. A backend that cannot serve the run at
    all (a server down) raises ``newslint.engine.BackendError``: its message is printed once
    for the run, the plugin is not called again in that run, and the exit code is 2.
    """


@hookspec
def newslint_unconfigure() -> None:
    """Called at the end of each run (and of each batch of a long run), even when checking
    raised: close connections, flush caches."""


# --- ``newslint rules`` ------------------------------------------------------------------


@hookspec
def newslint_notes(config: Config) -> list[str] | None:
    """One-line notes that ``newslint rules`` prints on stderr about this plugin's state,
    e.g. a backend with no server configured.

    Called only by ``newslint rules``.

    :param config: the config ``newslint check`` would use in the current folder.
    :return: the notes; empty (or None) when all is well.
    """
