"""``newslint lsp``: a Language Server over stdio, so an editor shows findings as you type.

What it does, and why:

- **Same findings as ``newslint check``.** Each lint is one ``run_check`` on the editor's
  text, read as standard input named after the file (``--stdin-filename``): the same reader
  (size limit, binary refused), the same parser by extension (or by the editor's language
  id for an unsaved buffer), the same config discovery from the file's folder upward, the
  same rules. A run-wide rule that compares stories (``duplicate-across-stories``) sees one
  story here, as ``newslint check FILE`` does.
- **Config reloaded.** Every lint resolves the config afresh, so an edited ``newslint.toml``
  counts at the next keystroke; the server also asks the client to watch config files and
  lints every open story again when one changes. A broken config is one diagnostic at the
  top of the story, naming the file and the key, as ``check`` prints it.
- **When**: on open and save at once; on change after ``DEBOUNCE_SECONDS`` of quiet.
- **Positions**: findings count Unicode code points per line; LSP counts UTF-16 code units
  unless the client and server agree on another encoding (UTF-8 or UTF-32, which pygls
  negotiates). Each line is converted on its own.
- **Documentation**: each diagnostic's code links (``codeDescription.href``) to the rule's
  documentation, the text ``newslint rules ID`` prints, written once per version as a
  Markdown file in the user's cache folder (``$XDG_CACHE_HOME/newslint/docs/<version>/``) so
  that it opens offline in the editor itself; no web site is assumed.
- **Quick fixes**: a finding with a fix offers it as a ``quickfix`` code action (safe fixes
  marked preferred, unsafe ones titled so); ``source.fixAll.newslint`` applies what
  ``newslint check --fix`` would, through the same code, as one edit of the changed span.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from newslint import __version__
from newslint.lazy import lazy_compile
from newslint.model import Finding

if TYPE_CHECKING:
    from collections.abc import Callable

    from newslint.plugins import Registry
    from newslint.rule import Rule

SERVER_NAME = "newslint"
DEBOUNCE_SECONDS = 0.3
FIX_ALL_KIND = "source.fixAll.newslint"
CONFIG_GLOBS = ("**/newslint.toml", "**/.newslint.toml", "**/pyproject.toml")
# An unsaved buffer has no extension: its language id picks the parser.
LANGUAGE_SUFFIX = {"markdown": ".md", "html": ".html", "plaintext": ".txt", "text": ".txt"}
_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
_LINE_BREAK = lazy_compile(r"\r\n|\r|\n")
_SAFE_NAME = lazy_compile(r"[^A-Za-z0-9._-]")


# --- positions ------------------------------------------------------------------------------
def client_units(text: str, encoding: str = types.PositionEncodingKind.Utf16) -> int:
    """How many of the client's position units ``text`` spans."""
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass(frozen=True)
class LineIndex:
    """A story's lines, to turn 1-based line and code-point column into LSP positions."""

    lines: tuple[str, ...]
    encoding: str = types.PositionEncodingKind.Utf16

    @classmethod
    def of(cls, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> LineIndex:
        return cls(tuple(_LINE_BREAK.split(text)), encoding)

    def position(self, line: int, column: int) -> types.Position:
        if line > len(self.lines):  # just past the last line (a span taking the final newline)
            return types.Position(
                line=len(self.lines) - 1, character=client_units(self.lines[-1], self.encoding)
            )
        text = self.lines[max(line, 1) - 1]
        return types.Position(
            line=max(line, 1) - 1, character=client_units(text[: max(column, 1) - 1], self.encoding)
        )

    def range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        return types.Range(
            start=self.position(line, column), end=self.position(end_line, end_column)
        )

    def offset_position(self, text: str, offset: int) -> types.Position:
        """The position of a code-point offset into ``text`` (the story these lines split)."""
        before = text[:offset]
        last_break = max(before.rfind("\n"), before.rfind("\r"))
        line = len(_LINE_BREAK.findall(before))
        return types.Position(
            line=line, character=client_units(before[last_break + 1 :], self.encoding)
        )


# --- linting ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lint:
    """One lint of one version of a story: its findings, or the one line saying why not."""

    version: int | None
    text: str
    findings: tuple[Finding, ...] = ()
    problem: str | None = None


def path_of(uri: str) -> Path | None:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return Path(unquote(parsed.path))


def lint_text(text: str, uri: str, language_id: str | None, registry: Registry) -> Lint:
    """``newslint check --stdin-filename FILE -`` on the editor's text (see the module doc)."""
    from newslint.runner import CheckRequest, RunAborted, run_check

    path = path_of(uri)
    if path is not None:
        name = str(path)
    else:  # an unsaved buffer: the folder the server runs in, a name of the right kind
        name = "untitled" + LANGUAGE_SUFFIX.get(language_id or "", ".txt")
    request = CheckRequest(
        paths=["-"], stdin=io.BytesIO(text.encode("utf-8", "surrogatepass")), stdin_filename=name
    )
    try:
        outcome = run_check(request, registry)
    except RunAborted as exc:
        return Lint(None, text, problem=str(exc))
    result = outcome.results[0]
    if result.error:
        return Lint(None, text, problem=f"{name}: {result.error}")
    problem = "; ".join(p for p in outcome.problems if not p.startswith(f"{name}: ")) or None
    findings = result.findings
    if text.startswith("\ufeff"):  # read as a file's BOM; the editor shows it as a character
        from newslint.api import counting_leading_feff

        findings = [counting_leading_feff(f) for f in findings]
    return Lint(None, text, tuple(findings), problem)


def diagnostics(
    lint: Lint, index: LineIndex, docs: RuleDocs, story: Path | None = None
) -> list[types.Diagnostic]:
    from newslint.output import message_with_suggestions

    out = []
    for number, finding in enumerate(lint.findings):
        href = docs.href(finding.rule, story)
        out.append(
            types.Diagnostic(
                range=index.range(
                    finding.line, finding.column, finding.end_line, finding.end_column
                ),
                severity=_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
                code=finding.rule,
                code_description=types.CodeDescription(href=href) if href else None,
                source=SERVER_NAME,
                message=message_with_suggestions(finding),
                data={"finding": number},
            )
        )
    if lint.problem:
        out.append(
            types.Diagnostic(
                range=index.range(1, 1, 1, 1),
                severity=types.DiagnosticSeverity.Error,
                source=SERVER_NAME,
                message=f"newslint could not check this story: {lint.problem}",
            )
        )
    return out


def quick_fixes(
    uri: str,
    lint: Lint,
    index: LineIndex,
    diagnostics_: list[types.Diagnostic],
    wanted: types.Range,
) -> list[types.CodeAction]:
    """A code action per finding with a fix whose words touch ``wanted``."""
    actions = []
    for finding, diagnostic in zip(lint.findings, diagnostics_):
        if finding.fix is None or not _touches(diagnostic.range, wanted):
            continue
        fix = finding.fix
        edits = [
            types.TextEdit(
                range=index.range(e.line, e.column, e.end_line, e.end_column), new_text=e.text
            )
            for e in fix.edits
        ]
        what = fix.description or finding.message
        title = (
            f"newslint: {what}" if fix.is_safe else f"newslint (unsafe, changes wording): {what}"
        )
        actions.append(
            types.CodeAction(
                title=title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=fix.is_safe,
                edit=types.WorkspaceEdit(changes={uri: edits}),
            )
        )
    return actions


def fix_all(
    uri: str, lint: Lint, index: LineIndex, recheck: Callable[[str], Lint]
) -> types.CodeAction | None:
    """What ``newslint check --fix`` does to this story (fixed, checked with ``recheck`` and
    fixed again until nothing applies), as one edit over the changed span."""
    from newslint.fixes import fix_until_settled, fixes_to_apply

    if not fixes_to_apply(lint.findings):
        return None
    text = lint.text  # edits index it, a leading U+FEFF included (see lint_text)
    settled = fix_until_settled(
        text, list(lint.findings), lambda fixed: list(recheck(fixed).findings)
    )
    fixed, applied = settled.text, settled.applied
    if not applied:
        return None
    prefix = 0
    limit = min(len(text), len(fixed))
    while prefix < limit and text[prefix] == fixed[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and text[-1 - suffix] == fixed[-1 - suffix]:
        suffix += 1
    # Never cut a CRLF in two: an editor keeps the two as one line break.
    if prefix and text[prefix - 1] == "\r" and text[prefix : prefix + 1] == "\n":
        prefix -= 1
    end = len(text) - suffix
    if suffix and text[end - 1 : end] == "\r" and text[end] == "\n":
        suffix -= 1
    edit = types.TextEdit(
        range=types.Range(
            start=index.offset_position(text, prefix),
            end=index.offset_position(text, len(text) - suffix),
        ),
        new_text=fixed[prefix : len(fixed) - suffix],
    )
    return types.CodeAction(
        title=f"newslint: fix all safe problems ({applied})",
        kind=FIX_ALL_KIND,
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def _touches(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


# --- rule documentation ------------------------------------------------------------------------
class RuleDocs:
    """``file://`` links to each rule's documentation, written on first use to the cache."""

    def __init__(self, registry: Registry, folder: Path | None = None) -> None:
        self.registry = registry
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        self.folder = folder or cache / "newslint" / "docs" / __version__
        # (rule id,) for a registered rule; (rule id, story's folder) for a house rule
        self.known: dict[tuple[str] | tuple[str, Path | None], str | None] = {}

    def href(self, rule_id: str, story: Path | None = None) -> str | None:
        rules = self.registry.rules
        # A backend's sub-id (languagetool/SOME_RULE) is documented by its rule (languagetool).
        rule = rules.get(rule_id) or rules.get(rule_id.split("/", 1)[0])
        key: tuple[str] | tuple[str, Path | None] = (rule_id,)
        if rule is None:  # a house rule: its story's config documents it
            key = (rule_id, story.parent if story else None)
            if key not in self.known:
                rule = self._house_rule(rule_id, story)
        if key not in self.known:
            self.known[key] = self._write(rule) if rule is not None else None
        return self.known[key]

    @staticmethod
    def _house_rule(rule_id: str, story: Path | None) -> Rule | None:
        from newslint.config import ConfigError, ConfigResolver

        resolver = ConfigResolver()
        try:
            config = resolver.for_path(str(story)) if story else resolver.for_cwd()
        except ConfigError:
            return None
        return next((r for r in config.house_rules if r.id == rule_id), None)

    def _write(self, rule: Rule) -> str | None:
        from newslint.rule import documentation
        from newslint.writing import write_atomically

        text = documentation(rule)
        name = _SAFE_NAME.sub("_", rule.id)
        if name != rule.id or rule.id not in self.registry.rules:
            # Odd ids, and house rules (one id, a table per config), get a file each.
            name += "-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        target = self.folder / f"{name}.md"
        try:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                self.folder.mkdir(parents=True, exist_ok=True)
                write_atomically(target, text.encode("utf-8", "surrogatepass"))
        except OSError:
            return None  # no cache to write to: diagnostics without a link
        return target.resolve().as_uri()


# --- the server ---------------------------------------------------------------------------------
def build_server() -> LanguageServer:
    server = LanguageServer(SERVER_NAME, __version__)
    from newslint.plugins import build_registry

    registry = build_registry()
    docs = RuleDocs(registry)
    lints: dict[str, Lint] = {}
    pending: dict[str, asyncio.TimerHandle] = {}

    def encoding() -> str:
        return server.server_capabilities.position_encoding or types.PositionEncodingKind.Utf16

    def lint(uri: str) -> Lint | None:
        """Lint the document's current text (unless this version was linted) and publish."""
        pending.pop(uri, None)
        document = server.workspace.get_text_document(uri)
        known = lints.get(uri)
        if (
            known is not None
            and known.version == document.version
            and known.text == document.source
        ):
            return known
        found = lint_text(document.source, uri, document.language_id, registry)
        found = Lint(document.version, found.text, found.findings, found.problem)
        lints[uri] = found
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=document.version,
                diagnostics=diagnostics(
                    found, LineIndex.of(found.text, encoding()), docs, path_of(uri)
                ),
            )
        )
        return found

    def relint_all() -> None:
        for uri in list(lints):
            lints.pop(uri, None)
            lint(uri)

    def later(uri: str) -> None:
        handle = pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        pending[uri] = asyncio.get_running_loop().call_later(DEBOUNCE_SECONDS, lint, uri)

    @server.feature(types.INITIALIZED)
    def initialized(ls: LanguageServer, params: types.InitializedParams) -> None:
        capabilities = ls.client_capabilities
        watched = capabilities.workspace and capabilities.workspace.did_change_watched_files
        if watched and watched.dynamic_registration:
            ls.client_register_capability(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="newslint-config",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[
                                    types.FileSystemWatcher(glob_pattern=g) for g in CONFIG_GLOBS
                                ]
                            ),
                        )
                    ]
                )
            )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        lints.pop(params.text_document.uri, None)  # saved: a config beside it may have changed
        lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        handle = pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        lints.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: LanguageServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        relint_all()  # a config changed: every open story may read it

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        current = lint(uri)  # the actions must index the text the client holds now
        if current is None:
            return []
        index = LineIndex.of(current.text, encoding())
        only = params.context.only
        actions: list[types.CodeAction] = []
        if not only or any(k == types.CodeActionKind.QuickFix for k in only):
            actions += quick_fixes(
                uri, current, index, diagnostics(current, index, docs, path_of(uri)), params.range
            )
        if not only or any(FIX_ALL_KIND.startswith(k) for k in only):
            language_id = server.workspace.get_text_document(uri).language_id
            action = fix_all(
                uri, current, index, lambda text: lint_text(text, uri, language_id, registry)
            )
            actions += [action] if action else []
        return actions

    return server


def serve() -> None:
    build_server().start_io()
