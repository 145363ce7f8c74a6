"""--dask (issue 13): a real scheduler and two worker processes on 127.0.0.1 give the same
report as a one-process run; fsspec URLs are read like folders."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from test_archive_scale import write_stories

from newslint.cli import main
from newslint.distributed import DaskError, connect, find_url_inputs, is_url
from newslint.output import render
from newslint.runner import CheckRequest, run_check


@pytest.fixture(scope="module")
def scheduler():
    """A scheduler and two single-threaded worker processes on loopback, for the module.
    (distributed is imported here, not when the module is collected: every test worker
    collects every module, one runs these.)"""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        # The scheduler's HTTP server (health, metrics) starts without a dashboard too, on
        # 8787 unless told: any free port, so a cluster of someone else's (or another test
        # run's) on this machine is no clash.
        scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("archive") / "stories"
    write_stories(folder, 70)  # three chunks of 32; a shared paragraph in every third story
    return folder


def report(paths, **options) -> tuple[str, list[str], int]:
    outcome = run_check(CheckRequest(list(paths), entry_points=False, **options))
    return render("json", outcome.report()), outcome.notes, outcome.exit_code


def test_cluster_run_matches_one_process_with_a_run_wide_rule(scheduler, archive):
    alone, _, code = report([str(archive)], jobs=1, keep_sources=False)
    on_cluster, _, cluster_code = report([str(archive)], dask=scheduler, keep_sources=False)
    assert on_cluster == alone and cluster_code == code
    rules = {f["rule"] for file in json.loads(alone)["files"] for f in file["findings"]}
    assert "duplicate-across-stories" in rules and "doubled-word" in rules


def test_relative_paths_are_read_by_workers_and_shown_as_given(scheduler, archive, monkeypatch):
    monkeypatch.chdir(archive.parent)
    alone, _, _ = report(["stories"], jobs=1)
    on_cluster, _, _ = report(["stories"], dask=scheduler)
    assert on_cluster == alone
    assert json.loads(on_cluster)["files"][0]["path"].startswith("stories" + os.sep)


def test_a_baseline_hides_and_counts_on_the_cluster_as_in_one_process(scheduler, archive, tmp_path):
    stories = tmp_path / "stories"
    stories.mkdir()
    for story in sorted(archive.glob("*"))[:40]:
        (stories / story.name).write_bytes(story.read_bytes())
    baseline = tmp_path / "baseline.json"
    _, notes, _ = report([str(stories)], dask=scheduler, write_baseline=baseline)
    written = baseline.read_text()
    report([str(stories)], jobs=1, write_baseline=baseline)
    assert baseline.read_text() == written and any("wrote" in n for n in notes)

    # One story changed since: its new slip shows, its old ones stay hidden, and a story
    # whose slip was fixed makes an entry stale.
    first = min(stories.glob("*.txt"))
    second = next(p for p in sorted(stories.glob("*.txt"))[1:] if "that that" in p.read_text())
    first.write_text(first.read_text() + "\nThe ferry was was late.\n")
    second.write_text(second.read_text().replace("that that", "that"))
    alone, alone_notes, _ = report([str(stories)], jobs=1, baseline=baseline)
    on_cluster, cluster_notes, _ = report([str(stories)], dask=scheduler, baseline=baseline)
    assert on_cluster == alone and cluster_notes == alone_notes
    shown = [f for file in json.loads(on_cluster)["files"] for f in file["findings"]]
    assert [f["rule"] for f in shown] == ["doubled-word"]
    assert any("no longer match" in n for n in cluster_notes)


def test_file_urls_on_the_cluster_match_one_process(scheduler, archive):
    url = archive.as_uri()
    alone, _, _ = report([url], jobs=1)
    on_cluster, _, _ = report([url], dask=scheduler)
    assert on_cluster == alone
    paths = [f["path"] for f in json.loads(alone)["files"]]
    assert len(paths) == 70 and all(p.startswith("file://") for p in paths)


def test_cli_takes_the_scheduler_from_the_environment(scheduler, archive):
    runner = CliRunner()
    plain = runner.invoke(main, ["check", "--format", "json", "--no-plugins", str(archive)])
    clustered = runner.invoke(
        main,
        ["check", "--format", "json", "--no-plugins", str(archive)],
        env={"NEWSLINT_DASK_SCHEDULER": scheduler},
    )
    assert clustered.output == plain.output and clustered.exit_code == plain.exit_code == 1


def test_memory_file_system_reads_like_a_folder(archive):
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    for story in sorted(archive.glob("*.txt"))[:5]:
        fs.pipe(f"/newsroom/{story.name}", story.read_bytes())
    fs.pipe("/newsroom/.hidden/draft.txt", b"Ignored ignored.\n")
    fs.pipe("/newsroom/notes.bin", b"\x00\x01")
    items = find_url_inputs("memory://newsroom", [".txt", ".md", ".html"])
    assert items == [f"memory:///newsroom/{s.name}" for s in sorted(archive.glob("*.txt"))[:5]]
    from_memory = json.loads(report(["memory://newsroom"], no_config=True)[0])["files"]
    local_paths = [str(p) for p in sorted(archive.glob("*.txt"))[:5]]
    local = json.loads(report(local_paths, no_config=True)[0])["files"]
    assert [f["findings"] for f in from_memory] == [f["findings"] for f in local]


def test_missing_url_is_one_error_line():
    result = CliRunner().invoke(main, ["check", "--no-plugins", "memory://nowhere/at/all"])
    assert result.exit_code == 2
    assert "memory://nowhere/at/all: no such file or directory" in result.output


def test_a_local_file_that_looks_like_a_url_stays_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert is_url("odd://x.txt")
    (tmp_path / "odd:").mkdir()
    (tmp_path / "odd:" / "x.txt").write_text("Fine.\n")
    assert not is_url("odd://x.txt")  # the file 'odd:/x.txt' is there
    assert is_url("s3://bucket/archive/") and not is_url("stories/a.txt")


@pytest.mark.parametrize(
    "address, cause",
    [("nonsense", "not a scheduler address"), ("tcp://[::1", "not a scheduler address")],
)
def test_bad_scheduler_address_is_one_line(address, cause, tmp_path):
    (tmp_path / "a.txt").write_text("Fine.\n")
    result = CliRunner().invoke(main, ["check", "--dask", address, str(tmp_path / "a.txt")])
    assert result.exit_code == 2 and cause in result.output
    assert "Traceback" not in result.output


def test_unreachable_scheduler_is_an_error_not_a_hang():
    with pytest.raises(DaskError, match="cannot reach the scheduler"):
        connect("tcp://127.0.0.1:9", timeout="0.3s")


@pytest.mark.parametrize("extra", [["--fix"], ["-"]])
def test_fix_and_stdin_stay_local(extra, tmp_path):
    (tmp_path / "a.txt").write_text("Fine.\n")
    args = ["check", "--dask", "tcp://127.0.0.1:9", *extra]
    if extra != ["-"]:
        args.append(str(tmp_path / "a.txt"))
    result = CliRunner().invoke(main, args, input="Fine.\n")
    assert result.exit_code == 2 and "--fix and standard input run without it" in result.output


def test_changed_since_filters_a_cluster_run_as_it_does_one_process(
    scheduler, archive, tmp_path, monkeypatch
):
    from test_changed_since import git

    repo = tmp_path / "repo"
    repo.mkdir()
    for story in sorted(archive.glob("*.txt"))[:40]:
        (repo / story.name).write_bytes(story.read_bytes())
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "copy as filed")
    edited = min(repo.glob("*.txt"))
    edited.write_text(edited.read_text() + "\nThe the ferry was late.\n")
    monkeypatch.chdir(repo)
    alone, _, _ = report(["."], jobs=1, changed_since="HEAD", no_config=True)
    on_cluster, _, _ = report(["."], dask=scheduler, changed_since="HEAD", no_config=True)
    assert on_cluster == alone
    shown = [
        (file["path"], f["rule"])
        for file in json.loads(on_cluster)["files"]
        for f in file["findings"]
    ]
    assert shown == [(os.path.join(".", edited.name), "doubled-word")]


def test_file_urls_are_read_by_the_bounded_local_reader(tmp_path):
    """A FIFO named by a file:// URL is refused, not waited on; a file whose name holds
    '::' (fsspec's chaining mark) is read like any other."""
    os.mkfifo(tmp_path / "wire.txt")
    (tmp_path / "a::b.txt").write_text("The the cat sat.\n")
    result = CliRunner().invoke(
        main, ["check", "--no-plugins", "--no-config", f"file://{tmp_path}/"]
    )
    assert "wire.txt: is a FIFO, not a regular file" in result.output
    assert "a::b.txt:1:1: warning [doubled-word]" in result.output
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_changed_since_with_a_url_is_one_error_line_not_every_finding_dropped(
    tmp_path, monkeypatch
):
    from test_changed_since import git

    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "a.txt").write_text("Fine.\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "filed")
    (tmp_path / "a.txt").write_text("The the cat sat.\n")  # a changed line with a slip
    monkeypatch.chdir(tmp_path)
    url = f"file://{tmp_path}/a.txt"
    result = CliRunner().invoke(main, ["check", "--no-plugins", "--changed-since", "HEAD", url])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{url}: --changed-since" in result.output


@pytest.mark.parametrize("extra", [["--fix"], ["-"]])
def test_fix_and_stdin_run_here_when_the_scheduler_comes_from_the_environment(extra, tmp_path):
    """The variable is a machine's default for archive runs: a --fix or an editor's stdin
    run on that machine checks here (only --dask on the command line asks for the cluster)."""
    story = tmp_path / "a.txt"
    story.write_text("The the cat sat.\n")
    args = ["check", "--no-plugins", "--no-config", *extra]
    if extra != ["-"]:
        args.append(str(story))
    result = CliRunner().invoke(
        main, args, input="The the cat sat.\n", env={"NEWSLINT_DASK_SCHEDULER": "tcp://127.0.0.1:9"}
    )
    assert result.exit_code in (0, 1) and "--dask" not in result.output, result.output
    if extra == ["--fix"]:
        assert story.read_text() == "The cat sat.\n"
    else:
        assert "<stdin>:1:1: warning [doubled-word]" in result.output
