"""The plugin manager of a run: which plugins, in which order, and what they provide.

Order, the same in every run whatever PYTHONHASHSEED is: the built-in parsers, output
formats and rules in the fixed order of ``BUILTIN_MODULES``; then the plugins of the
``newslint`` entry-point group sorted by entry-point name; then ``extra_plugins`` in the
order given. Hooks run, rules are listed and problems are reported in that order, and when
two plugins claim one rule id, file extension, parser or output format name, the first one
keeps it and the run ends with exit code 2 and one line naming both.

Every hook is called through pluggy's hook caller, so only functions marked with
``newslint.hookimpl`` run and pluggy checks their arguments against ``newslint.hookspecs``
when a plugin is registered. A hook is called one plugin at a time (a pluggy subset hook
caller per plugin, ``Registry.call``), not for all plugins at once, for two reasons: a
plugin that raises is named and the others still run, and what a plugin returns is known
to be its own (to name both plugins of a clash, to hand each its own run index).
"""

from __future__ import annotations

import importlib
import types
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import pluggy

from newslint import hookspecs
from newslint.output import OutputFormat
from newslint.parsers import Parser
from newslint.rule import Rule
from newslint.rules import BUILTIN_RULE_MODULES

ENTRY_POINT_GROUP = "newslint"
BUILTIN_PARSER_MODULES = (
    "newslint.parsers.plain",
    "newslint.parsers.markdown",
    "newslint.parsers.html",
)
BUILTIN_OUTPUT_MODULES = (
    "newslint.output.text",
    "newslint.output.json",
    "newslint.output.github",
    "newslint.output.sarif",
    "newslint.output.junit",
    "newslint.output.html_format",  # the page itself is imported when rendered
)
BUILTIN_MODULES = BUILTIN_PARSER_MODULES + BUILTIN_OUTPUT_MODULES + BUILTIN_RULE_MODULES
# The parser of a file whose extension no parser claims.
FALLBACK_PARSER = "text"


class BuildOptions(NamedTuple):
    """How a registry was built, so another process (``--jobs``) can build the same one."""

    entry_points: bool
    disabled: frozenset[str]


@dataclass
class Registry:
    """What the plugins of one run provide, each thing by name, in plugin order."""

    manager: pluggy.PluginManager
    rules: dict[str, Rule] = field(default_factory=dict)
    parsers: dict[str, Parser] = field(default_factory=dict)
    formats: dict[str, OutputFormat] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # one line per plugin problem: exit code 2
    # The plugin that provided each rule id, each file extension (".md" -> "markdown" parser).
    rule_plugins: dict[str, str] = field(default_factory=dict)
    by_extension: dict[str, Parser] = field(default_factory=dict)
    # None when plugin objects were registered directly: no other process can rebuild it.
    built_with: BuildOptions | None = None
    _callers: dict[tuple[str, str], pluggy.HookCaller] = field(
        default_factory=dict, repr=False, compare=False
    )

    def parser_for(self, path: str) -> Parser:
        lower = path.lower()
        for extension, parser in self.by_extension.items():
            if lower.endswith(extension):
                return parser
        return self.parsers[FALLBACK_PARSER]

    @property
    def extensions(self) -> tuple[str, ...]:
        return tuple(self.by_extension)

    def plugins(self) -> list[tuple[str, object]]:
        """(name, plugin) in registration order (see the module docstring)."""
        return [
            (name, plugin) for name, plugin in self.manager.list_name_plugin() if plugin is not None
        ]

    def implementers(self, hook_name: str) -> list[str]:
        """The names of the plugins with a marked implementation of ``hook_name``, in
        registration order (pluggy itself calls the last registered first)."""
        order = {name: index for index, (name, _plugin) in enumerate(self.plugins())}
        impls = getattr(self.manager.hook, hook_name).get_hookimpls()
        return sorted((impl.plugin_name for impl in impls), key=order.__getitem__)

    def call(self, plugin_name: str, hook_name: str, **kwargs: Any) -> Any:
        """What plugin ``plugin_name``'s implementation of ``hook_name`` returns, called
        through pluggy's hook caller (so with the arguments it names); None when it has none
        or returns None."""
        key = (plugin_name, hook_name)
        caller = self._callers.get(key)
        if caller is None:
            others = [plugin for name, plugin in self.plugins() if name != plugin_name]
            caller = self.manager.subset_hook_caller(hook_name, remove_plugins=others)
            self._callers[key] = caller
        results = caller(**kwargs)
        return results[0] if results else None


class _PluginManager(pluggy.PluginManager):
    """pluggy's manager, quicker at registering a module. pluggy looks at every name in a
    plugin with ``inspect.getattr_static`` (so no property runs), and a module's names are
    mostly its imports and helpers: some 900 look-ups, about 3 ms of a single-file run. A
    module's attribute is what its ``__dict__`` holds; only a function (or a static, class
    or bound method) can be a hook, and a plain function only with pluggy's mark on it
    (``newslint_impl``), so anything else is passed over at once. The rest is pluggy's own
    test, as before."""

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        if isinstance(plugin, types.ModuleType):
            value = vars(plugin).get(name)
            if not isinstance(value, _HOOKABLE):
                return None
            if isinstance(value, types.FunctionType) and not hasattr(value, self._mark):
                return None
        return super().parse_hookimpl_opts(plugin, name)

    @property
    def _mark(self) -> str:
        return self.project_name + "_impl"


_HOOKABLE = (types.FunctionType, staticmethod, classmethod, types.MethodType)


def build_registry(
    *,
    entry_points: bool = True,
    disabled: Iterable[str] = (),
    extra_plugins: Iterable[object] = (),
    builtins: Sequence[str] = BUILTIN_MODULES,
) -> Registry:
    """Register the built-in plugins, the entry points and ``extra_plugins``; collect what
    they provide. ``disabled`` names entry points (or built-in module names) to leave out."""
    manager = _PluginManager("newslint")
    manager.add_hookspecs(hookspecs)
    disabled = frozenset(disabled)
    extra_plugins = list(extra_plugins)
    registry = Registry(
        manager, built_with=None if extra_plugins else BuildOptions(entry_points, disabled)
    )
    for name in builtins:
        if name not in disabled:
            manager.register(importlib.import_module(name), name=name)
    if entry_points:
        _load_entry_points(registry, disabled)
    for plugin in extra_plugins:
        manager.register(plugin, name=_object_name(manager, plugin))

    claims = _Claims(registry.errors)
    for plugin_name, parsers in _collect(registry, "newslint_parsers"):
        for parser in parsers:
            if claims.take("parser", parser.name, plugin_name):
                registry.parsers[parser.name] = parser
                for extension in parser.extensions:
                    if claims.take("file extension", extension.lower(), plugin_name):
                        registry.by_extension[extension.lower()] = parser
    for plugin_name, formats in _collect(registry, "newslint_output_formats"):
        for output_format in formats:
            if claims.take("output format", output_format.name, plugin_name):
                if plugin_name not in builtins:
                    output_format = replace(output_format, plugin=plugin_name)
                registry.formats[output_format.name] = output_format
    for plugin_name, rules in _collect(registry, "newslint_rules"):
        for rule in rules:
            if not claims.take("rule id", rule.id, plugin_name):
                continue
            if rule.plugin == "newslint" and plugin_name not in builtins:
                rule = replace(rule, plugin=plugin_name)
            registry.rules[rule.id] = rule
            registry.rule_plugins[rule.id] = plugin_name
    return registry


class _Claims:
    """Who took each name; a second claim is one error line naming both plugins."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        self.owners: dict[tuple[str, str], str] = {}

    def take(self, kind: str, name: str, plugin_name: str) -> bool:
        owner = self.owners.get((kind, name))
        if owner is None:
            self.owners[kind, name] = plugin_name
            return True
        if owner == plugin_name:
            self.errors.append(f"plugin {owner} provides {kind} {name!r} twice; the first is used")
        else:
            self.errors.append(
                f"plugins {owner} and {plugin_name} both provide {kind} {name!r}; "
                f"{owner}'s is used (turn one off with --disable-plugin)"
            )
        return False


def _collect(registry: Registry, hook_name: str) -> Iterator[tuple[str, list[Any]]]:
    """What each plugin returns from a hook returning a list, plugin by plugin: one that
    raises is named in ``registry.errors`` and the rest still count."""
    for name in registry.implementers(hook_name):
        try:
            provided = list(registry.call(name, hook_name) or ())
        except Exception as exc:  # a broken plugin must not take the run down
            registry.errors.append(f"plugin {name}: {hook_name} raised {type(exc).__name__}: {exc}")
            continue
        yield name, provided


def _load_entry_points(registry: Registry, disabled: frozenset[str]) -> None:
    from newslint.entrypoints import entry_points  # importlib.metadata's answer, quicker

    manager = registry.manager
    # By name, then value: the order importlib finds distributions in is the file system's.
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: (ep.name, ep.value)):
        if ep.name in disabled:
            continue
        if manager.has_plugin(ep.name):
            registry.errors.append(
                f"plugin {ep.name}: two installed packages use this entry-point name; "
                f"{ep.value} is not loaded"
            )
            continue
        try:
            plugin = ep.load()
            manager.register(plugin, name=ep.name)
        except Exception as exc:  # an import error, or pluggy refusing a hook's arguments
            registry.errors.append(
                f"plugin {ep.name}: failed to load ({type(exc).__name__}: {_one_line(exc)})"
            )
            continue
        for caller in manager.get_hookcallers(plugin) or ():
            if not caller.has_spec():  # a marked function no hook is named after: a typo?
                registry.errors.append(
                    f"plugin {ep.name}: {caller.name} is not a newslint hook "
                    "(see newslint/hookspecs.py)"
                )


def _object_name(manager: pluggy.PluginManager, plugin: object) -> str:
    """A plugin object's name: its module's or class's (pluggy's default, ``id()``, changes
    from run to run), numbered when taken (``Plugin``, ``Plugin-2``)."""
    base = getattr(plugin, "__name__", None) or type(plugin).__name__
    name, number = base, 1
    while manager.has_plugin(name) or manager.is_blocked(name):
        number += 1
        name = f"{base}-{number}"
    return name


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


_FORMATS_ONLY: Registry | None = None


def builtin_formats() -> dict[str, OutputFormat]:
    """The built-in output formats alone (for ``newslint.output.render``), built once."""
    global _FORMATS_ONLY
    if _FORMATS_ONLY is None:
        _FORMATS_ONLY = build_registry(entry_points=False, builtins=BUILTIN_OUTPUT_MODULES)
    return _FORMATS_ONLY.formats
