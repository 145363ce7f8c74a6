"""Start-up: patterns compiled on first use, plugins found without importlib.metadata, and a
single-file run that imports only what it runs (timings: benchmarks/bench.py --archive)."""

from __future__ import annotations

import importlib.metadata
import json
import os
import pickle
import re
import subprocess
import sys
import textwrap

import pytest

from newslint import entrypoints
from newslint.lazy import LazyPattern, lazy_compile


def test_lazy_pattern_compiles_on_first_use_and_then_is_the_compiled_pattern():
    built = []

    def source():
        built.append(1)
        return r"(?P<word>b\w+)"

    pattern = lazy_compile(source, re.IGNORECASE)
    assert isinstance(pattern, LazyPattern) and not built
    assert [m.group() for m in pattern.finditer("Big bad wolf")] == ["Big", "bad"]
    assert pattern.sub("x", "a Bee") == "a x"
    assert pattern.groupindex["word"] == 1
    assert pattern.flags & re.IGNORECASE
    assert pattern.pattern == r"(?P<word>b\w+)" and built == [1]
    # Later calls go to the compiled pattern's own methods, not through a wrapper.
    assert pattern.search == pattern.compiled.search


def test_lazy_pattern_survives_pickling_and_builds_from_its_pattern():
    word = lazy_compile(r"\w+")
    composed = lazy_compile(r"<(" + word.pattern + r")>")
    copy = pickle.loads(pickle.dumps(composed))
    assert copy.fullmatch("<abc>").group(1) == "abc"
    assert lazy_compile(rb"^@@ (\d+)").match(b"@@ 12 @@").group(1) == b"12"
    with pytest.raises(AttributeError):
        copy.no_such_method  # noqa: B018 (the lookup is the test)


def _as_tuples(points):
    return [(ep.name, ep.value, ep.group) for ep in points]


@pytest.mark.parametrize("group", ["newslint", "console_scripts", "pytest11", "no.such.group"])
def test_entry_points_are_importlib_metadatas(group):
    assert _as_tuples(entrypoints.entry_points(group)) == _as_tuples(
        importlib.metadata.entry_points(group=group)
    )


def _distribution(folder, name, text):
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(textwrap.dedent(text))


def test_entry_points_first_distribution_on_the_path_wins(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    _distribution(first, "Acme.Plugin", "[newslint]\nacme = acme_first:plugin\n")
    _distribution(second, "acme_plugin", "[newslint]\nacme = acme_second:plugin\n")
    _distribution(
        second,
        "other",
        """
        # a comment
        [console_scripts]
        tool = other:main

        [newslint]
        other = other_mod:hooks.plugin [extra]
        """,
    )
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    found = _as_tuples(entrypoints.entry_points("newslint"))
    assert ("acme", "acme_first:plugin", "newslint") in found
    assert ("acme", "acme_second:plugin", "newslint") not in found
    assert ("other", "other_mod:hooks.plugin [extra]", "newslint") in found
    assert found == _as_tuples(importlib.metadata.entry_points(group="newslint"))


def test_entry_points_in_a_zip_on_the_path_are_asked_of_importlib_metadata(tmp_path, monkeypatch):
    import zipfile

    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
        bundle.writestr("zipped-1.0.dist-info/entry_points.txt", "[newslint]\nz = zipped:p\n")
    monkeypatch.syspath_prepend(str(archive))
    assert ("z", "zipped:p", "newslint") in _as_tuples(entrypoints.entry_points("newslint"))


def test_entry_point_load_follows_module_and_attributes(tmp_path, monkeypatch):
    (tmp_path / "acme_hooks.py").write_text("class hooks:\n    plugin = 'the plugin'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert entrypoints.EntryPoint("a", "acme_hooks:hooks.plugin", "g").load() == "the plugin"
    assert entrypoints.EntryPoint("a", "acme_hooks", "g").load().__name__ == "acme_hooks"
    with pytest.raises(ValueError):
        entrypoints.EntryPoint("a", "not a value!", "g").load()


# What a single-file run on a text story must not import: each costs milliseconds that a
# short run pays in full (the HTML report's templates, Markdown's parser, the metadata scan,
# the `regex` module that only users' patterns need, OpenSSL's hashes that only the run-wide
# rule and the LanguageTool plugin's requests use, the baseline's machinery, difflib that
# only a misspelt rule name in a comment needs, pkgutil that data files are read without,
# tempfile that finding the temp folder does without, json that only JSON and SARIF output
# write, the URL and Dask machinery that only a run given a URL or --dask needs).
NOT_IMPORTED = (
    "importlib.metadata",
    "importlib.resources",
    "jinja2",
    "markdown_it",
    "regex",
    "html.entities",
    "hashlib",
    "newslint.baseline",
    "newslint.output.html",
    "difflib",
    "pkgutil",
    "tempfile",
    "json",
    "newslint.distributed",
)


def test_a_single_text_file_run_imports_only_what_it_runs(tmp_path):
    from newslint.text.wordlist import _cached_bytes

    _cached_bytes()  # the word list unpacked into the cache, as after a first run
    story = tmp_path / "story.txt"
    story.write_text("Council backs plan\n\nThe council approved the plan on Tuesday.\n")
    probe = textwrap.dedent(
        f"""
        import sys
        from newslint.__main__ import main  # the console script's entry point
        sys.argv = ["newslint", "check", {str(story)!r}]
        try:
            main()
        except SystemExit:
            pass
        imported = sorted(sys.modules)
        from newslint.lazy import LazyPattern
        from newslint.rules import debris, repeated_attribution
        from newslint.text import furniture
        compiled = {{
            "furniture": [
                name for name, value in vars(furniture).items()
                if isinstance(value, LazyPattern) and value._compiled is not None
            ],
            "triggers": repeated_attribution._trigger_re.cache_info().currsize,
            "debris": sorted(set(debris._BUILTIN._compiled) - set(debris._BUILTIN._always)),
        }}
        import json  # only now: json is one of the modules the run must not import
        print(json.dumps(compiled), file=sys.stderr)
        print(json.dumps(imported), file=sys.stderr)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    imported = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "newslint.rules.debris" in imported  # the probe did run a check
    assert sorted(imported.intersection(NOT_IMPORTED)) == []
    # Nor does it compile patterns that plain copy cannot match: the furniture detectors'
    # (no address, colon, capitals or lower-case line opening here), the trigger words'
    # trie, any debris pattern led by words these lines do not start with.
    compiled = json.loads(done.stderr.strip().splitlines()[-2])
    assert sorted(set(compiled["furniture"]).intersection(PLAIN_COPY_SKIPS)) == []
    assert compiled["triggers"] == 0
    assert compiled["debris"] == []


PLAIN_COPY_SKIPS = (
    "_URL_RE",
    "_EMAIL_RE",
    "_HANDLE_RE",
    "_HASHTAG_RE",
    "_DATELINE_RE",
    "_POST_LINE_RE",
    "_SIGNATURE_RE",
    "_LOWER_LABEL_RE",
    "_CAPS_LABEL_RE",
    "_SUBHEAD_RE",
    "_PROMO_LINE_RE",
)


def test_the_console_script_runs_the_entry_point_that_tends_the_collector(tmp_path):
    (script,) = [ep for ep in entrypoints.entry_points("console_scripts") if ep.name == "newslint"]
    assert script.value == "newslint.__main__:main"
    story = tmp_path / "story.txt"
    story.write_text("The council approved the plan on Tuesday.\n")
    probe = textwrap.dedent(
        f"""
        import gc, sys
        import newslint.__main__ as entry
        states = [gc.isenabled()]
        gc.disable()
        del sys.modules["newslint.__main__"]
        import newslint.__main__ as entry
        states += [gc.isenabled(), gc.get_freeze_count()]
        gc.enable()
        built = len(gc.get_objects())
        sys.argv = ["newslint", "check", {str(story)!r}]
        try:
            entry.main()  # a program running the command in its own process
        except SystemExit:
            pass
        print(*states, built, gc.get_freeze_count())
        """
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    on, off, frozen_by_import, built, frozen = map(eval, done.stdout.splitlines()[-1].split())
    # Importing it leaves the collector as it was (off only while the CLI's modules load)
    # and freezes nothing of the program's; the command freezes what was built before it
    # ran, out of its collections' way, and not what the run built (the run's garbage is
    # still collected in a program that goes on).
    assert (on, off, frozen_by_import) == (True, False, 0)
    assert 1000 < frozen <= built + 100


def test_every_common_word_is_known_without_building_the_common_set(monkeypatch):
    from newslint.rules import spelling
    from newslint.text import wordlist

    blob = wordlist._cached_bytes()
    common = sorted(wordlist.WordList(blob).common())[::7]
    words = wordlist.WordList(blob)
    monkeypatch.setattr(spelling, "_word_list", lambda: words)
    speller = spelling.Speller(frozenset())
    assert len(common) > 3000
    assert all(speller.known(word) for word in common)
    assert not speller.known("qzxvbn")
    # The set (some 5 ms to build) is left for suggestions, which only a real slip needs.
    assert words._common is None


def test_registering_a_module_finds_the_hooks_pluggy_finds():
    import importlib
    import types

    import pluggy

    from newslint import hookspecs, plugins

    extra = types.ModuleType("extra_hooks")
    exec(
        "import newslint\nfrom newslint.lazy import lazy_compile\nPATTERN = lazy_compile('a+')\n"
        "@newslint.hookimpl\ndef newslint_rules():\n    return []\n"
        "@newslint.hookimpl(specname='newslint_notes')\ndef other_name(config):\n    return []\n"
        "def newslint_parsers():\n    return []\n",
        extra.__dict__,
    )
    modules = [importlib.import_module(name) for name in plugins.BUILTIN_MODULES] + [extra]

    def found(manager):
        manager.add_hookspecs(hookspecs)
        for module in modules:
            manager.register(module, name=module.__name__)
        return sorted(
            (impl.plugin_name, impl.function.__name__, caller.name)
            for module in modules
            for caller in manager.get_hookcallers(module) or ()
            for impl in caller.get_hookimpls()
            if impl.plugin is module
        )

    quick = found(plugins._PluginManager("newslint"))
    assert quick == found(pluggy.PluginManager("newslint"))
    assert ("extra_hooks", "other_name", "newslint_notes") in quick
    assert extra.PATTERN._compiled is None  # looking for hooks ran nothing of the module's


@pytest.mark.parametrize("tmpdir", [None, "own", "missing", "file", ""])
def test_the_temp_folder_is_the_one_tempfile_names_without_importing_it(tmp_path, tmpdir):
    env = {k: v for k, v in os.environ.items() if k not in ("TMPDIR", "TEMP", "TMP")}
    if tmpdir is not None:
        target = tmp_path / tmpdir if tmpdir else ""
        if tmpdir == "own":
            target.mkdir()
        elif tmpdir == "file":
            target.write_text("not a folder")
        env["TMPDIR"] = str(target)
    probe = (
        "import sys\nfrom newslint.config import _temp_folder\nfound = _temp_folder()\n"
        "assert 'tempfile' not in sys.modules\nimport tempfile\n"
        "print(found == tempfile.gettempdir(), found)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split()[0] == "True", done.stdout
