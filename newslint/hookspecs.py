"""The plugin author's reference: every hook newslint calls.

A plugin is a module or object with functions named after these specs and marked with
``newslint.hookimpl``. Built-in rules and parsers are plugins of exactly this kind (see
``newslint/rules/``); outside plugins are found through the ``newslint`` entry-point group::

    [project.entry-points.newslint]
    my_rules = "my_package.newslint_plugin"
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("newslint")


@hookspec
def newslint_rules():
    """Return a list of :class:`newslint.rule.Rule` this plugin provides.

    Rule ids are stable and unique; a third-party plugin should prefix its ids
    (``languagetool/...``) so they never collide with built-in ones; ``house/...`` is taken
    by the ``[[house-style]]`` rules of a config.

    A rule's ``options`` is a frozen dataclass of :func:`newslint.options.option` fields,
    each with a kind (``Flag``, ``Integer``, ``Text``, ``Choice``, ``Strings``, ``Words``,
    ``Patterns``, ``Items``, ``FilePath``), a default and a one-line doc; the config key is
    the field's name in kebab-case. ``[rules.<id>]`` is checked against it when the config
    loads, ``newslint rules ID`` lists it, and the check receives an instance, values
    converted and defaults applied. An option named ``vocabulary`` (``Words()``) also holds
    the names the house accepts (the config's ``vocabulary``).
    """


@hookspec
def newslint_parsers():
    """Return a list of :class:`newslint.parsers.Parser` for further input formats."""


@hookspec
def newslint_configure(config):
    """Called once per run, before any document is checked, with the run's
    :class:`newslint.config.Config`. Read your own settings from ``config.section(name)``."""


@hookspec
def newslint_fingerprint(document, config):
    """For a rule that compares the stories of a run (a story filed twice): return a compact,
    picklable summary of one document (digests, line numbers; never the document or its
    text). A run over many files sees each document once in a first pass, in run order,
    on any process, and keeps only these summaries."""


@hookspec
def newslint_reduce_fingerprints(fingerprints, config):
    """Turn ``fingerprints`` (``(path, summary)`` of every document of the run, in run
    order) into this plugin's run index, a picklable value; it reaches
    ``newslint_check_documents`` as ``index`` with every batch of documents."""


@hookspec
def newslint_check_documents(documents, config, findings, index):
    """See every document of a run at once: for cross-document rules and batching backends.

    Return an iterable of ``(document, finding)`` pairs, findings built with prose offsets
    like any rule's. A finding's rule id need not be a registered rule (a backend reports
    ``languagetool/<ID>``): --select/--ignore and ``[rules."<id>"]`` then apply to it by its
    id, an id prefix ending in ``/``, its category and the plugin's name. Take ``findings``
    (optional, like every hook argument) to see what the per-document rules reported:
    ``{document.path: (finding, ...)}`` with prose offsets, e.g. to drop a duplicate.
    A run over many files calls this hook once for each batch of documents (a few dozen):
    batch requests, but compare stories across the run through ``newslint_fingerprint``
    and ``index`` (what your ``newslint_reduce_fingerprints`` returned), never by keeping
    documents.
    An exception raised here becomes an ``internal`` finding on each document and exit
    code 2; the other rules still report. A backend that cannot serve
    the run at all (a server down) raises ``newslint.engine.BackendError``: its message is
    printed once for the run, not once per file, and the exit code is 2.
    """


@hookspec
def newslint_notes(config):
    """Return one-line notes that ``newslint rules`` shows about this plugin's state, e.g. a
    backend with no server configured. ``config`` is the config ``newslint check`` would use
    here. Called only by ``newslint rules``; return nothing when all is well."""


@hookspec
def newslint_unconfigure():
    """Called once at the end of a run: close connections, flush caches."""
