"""Does a safe --fix ever remove a word that no finding names? Measured on published copy.

Builds stories from the articles of a corpus folder (headline, blank line, paragraphs; see
../shared/corpora/README.md) in three layouts, with web debris between paragraphs
("Advertisement", a "Share on Facebook" div, "Read more"...):

- html: one line, minified, as a CMS export: ``<h1>..</h1><p>..</p><p>Advertisement</p>..``
- html-lines: a paragraph a line, the debris on the line of the paragraph before it
  (``<p>..</p> <div class="share">Share on Facebook</div>``), as templates often emit it
- md:   ``# headline`` then paragraphs, debris lines between them
- txt:  the same as plain text

and runs newslint's fix on each (the findings' safe fixes applied, as ``check --fix`` does).
It counts, per layout: stories that lost a word that was not part of a finding the fix
fixed (compared as the reader sees the prose, markup left out), the words lost, the debris
removed, stories a second fix would change again, and stories where a removed line left
its blank lines behind (three newlines in a row that were not there). ``--against REV`` runs the same
measurement on another git revision (in a temporary worktree) and prints both, so a change
can be compared with the code before it:

    python benchmarks/fix_safety.py --against 7c6e660 ../shared/corpora/outlets-dev

The corpus is read at run time and nothing of it is written anywhere.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEBRIS_PARAGRAPHS = ("Advertisement", "Share this post", "Read more", "Skip to main content")
DEBRIS_HTML = (
    "<p>Advertisement</p>",
    '<div class="share">Share on Facebook</div>',
    "<p>Read more</p>",
    '<div class="ad">Advertisement</div>',
)
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def articles(folder: Path, count: int) -> list[tuple[str, list[str]]]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        parts = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        if len(parts) >= 3:
            out.append((parts[0], parts[1:]))
        if len(out) == count:
            break
    return out


def build(layout: str, headline: str, paragraphs: list[str], rng: random.Random) -> str:
    """One story in ``layout``, a piece of debris after about every third paragraph."""
    pieces = []
    markup = layout.startswith("html")
    for index, paragraph in enumerate(paragraphs):
        if markup:
            pieces.append(f"<p>{html.escape(paragraph, quote=False)}</p>")
        else:
            pieces.append(paragraph)
        if index == 0 or rng.random() < 0.34:
            debris = rng.choice(DEBRIS_HTML if markup else DEBRIS_PARAGRAPHS)
            if layout == "html-lines":
                pieces[-1] += " " + debris
            else:
                pieces.append(debris)
    if layout == "html":
        return f"<h1>{html.escape(headline, quote=False)}</h1>" + "".join(pieces)
    if layout == "html-lines":
        return f"<h1>{html.escape(headline, quote=False)}</h1>\n" + "\n".join(pieces) + "\n"
    if layout == "md":
        return f"# {headline}\n\n" + "\n\n".join(pieces) + "\n"
    return f"{headline}\n\n" + "\n\n".join(pieces) + "\n"


def measure(folder: Path, count: int, seed: int) -> dict:
    import newslint
    from newslint.fixes import apply_edits
    from newslint.parsers import html as html_parser
    from newslint.parsers import markdown, plain

    parsers = {
        "html": html_parser.parse,
        "html-lines": html_parser.parse,
        "md": markdown.parse,
        "txt": plain.parse,
    }
    extension = {"html-lines": "html"}

    def prose(layout: str, text: str) -> str:
        return parsers[layout](f"story.{extension.get(layout, layout)}", text).text

    def safe_edits(findings):
        """The edits --fix applies: safe fixes (before fixes had an applicability: all)."""
        for f in findings:
            fix = f.fix
            if not fix:
                continue
            if hasattr(fix, "edits"):
                if fix.is_safe:
                    yield f, fix.edits
            else:
                yield f, fix

    def fix_once(layout: str, text: str):
        findings = newslint.lint_text(text, filename=f"story.{extension.get(layout, layout)}")
        chosen = list(safe_edits(findings))
        fixed, _ = apply_edits(text, [e for _, edits in chosen for e in edits])
        return fixed, [f for f, _ in chosen]

    results = {}
    stories = articles(folder, count)
    for layout in ("html", "html-lines", "md", "txt"):
        rng = random.Random(seed)
        losing = lost_words = unstable = debris_in = debris_left = blank_left = 0
        started = time.perf_counter()
        for headline, paragraphs in stories:
            text = build(layout, headline, paragraphs, rng)
            before = prose(layout, text)
            fixed, applied = fix_once(layout, text)
            after = prose(layout, fixed)
            named = Counter(
                w.lower() for f in applied for w in WORD_RE.findall(before[f.start : f.end])
            )
            lost = Counter(w.lower() for w in WORD_RE.findall(before))
            lost -= Counter(w.lower() for w in WORD_RE.findall(after))
            lost -= named
            if lost:
                losing += 1
                lost_words += sum(lost.values())
            debris_in += sum(
                before.count(d)
                for d in (
                    "Advertisement",
                    "Share on Facebook",
                    "Share this post",
                    "Read more",
                    "Skip to main content",
                )
            )
            debris_left += sum(
                after.count(d)
                for d in (
                    "Advertisement",
                    "Share on Facebook",
                    "Share this post",
                    "Read more",
                    "Skip to main content",
                )
            )
            if "\n\n\n" in fixed and "\n\n\n" not in text:  # a removed line left its blank lines
                blank_left += 1
            if fix_once(layout, fixed)[0] != fixed:
                unstable += 1
        results[layout] = {
            "stories": len(stories),
            "stories_losing_words": losing,
            "words_lost": lost_words,
            "debris_injected_or_found": debris_in,
            "debris_left": debris_left,
            "changed_by_second_fix": unstable,
            "extra_blank_lines": blank_left,
            "seconds": round(time.perf_counter() - started, 1),
        }
    return results


def run_at(revision: str, folder: Path, count: int, seed: int) -> dict:
    """The same measurement with the code of another git revision (a temporary worktree)."""
    with tempfile.TemporaryDirectory(prefix="newslint-fix-safety-") as temp:
        tree = Path(temp) / "tree"
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), revision],
            check=True,
            capture_output=True,
        )
        try:
            env = {**os.environ, "PYTHONPATH": str(tree)}
            done = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--json",
                    "--count",
                    str(count),
                    "--seed",
                    str(seed),
                    str(folder),
                ],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            return json.loads(done.stdout)
        finally:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                capture_output=True,
            )


def show(title: str, results: dict) -> None:
    print(title)
    print(
        f"  {'layout':<10} {'stories':>7} {'losing words':>13} {'words lost':>11} {'debris left':>12} "
        f"{'2nd fix changes':>16} {'blank lines left':>17} {'seconds':>8}"
    )
    for layout, r in results.items():
        print(
            f"  {layout:<10} {r['stories']:>7} {r['stories_losing_words']:>13} {r['words_lost']:>11} "
            f"{r['debris_left']:>5}/{r['debris_injected_or_found']:<6} {r['changed_by_second_fix']:>16} "
            f"{r['extra_blank_lines']:>17} {r['seconds']:>8}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folder", nargs="?", default=str(REPO.parent / "shared" / "corpora" / "outlets-dev")
    )
    parser.add_argument(
        "--count", type=int, default=300, help="articles to build stories from (default 300)"
    )
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument(
        "--against", metavar="REV", help="also measure this git revision, for before/after"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        sys.exit(f"fix_safety: no corpus folder {folder}")
    results = measure(folder, args.count, args.seed)
    if args.json:
        print(json.dumps(results))
        return
    if args.against:
        show(f"{args.against} (before)", run_at(args.against, folder, args.count, args.seed))
    show("this checkout", results)


if __name__ == "__main__":
    main()
