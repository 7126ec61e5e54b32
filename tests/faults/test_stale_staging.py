"""Leftovers of killed builds and refreshes: item 7 of the safety issue.

A build killed with SIGKILL (or a power cut) leaves `reports/.staging-*` (up to 17 MB) and a
refresh `data/external/.staging-*` or `data/.processed-*`. The next build (or refresh) removes
those whose process is gone, one line each, and leaves those of a process still running."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from strategy_brief.build import lock as buildlock
from tests.faults.conftest import run_cli, tree_hash
from tests.faults.proc_tools import CLI, dead_pid, stop

STAMP = "20000101T000000000000"


def build_cli(root: Path, *args):
    return run_cli(
        "build", "--build-file", root / "briefs.yml", "--reports-dir", root / "reports", "--no-pdf", *args
    )


def leftover(path: Path, size: int = 1000) -> Path:
    (path / "hello-global").mkdir(parents=True)
    (path / "hello-global" / "hello-global.html").write_bytes(b"x" * size)
    return path


@pytest.fixture
def live_process():
    """A running process whose PID a leftover can carry."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield process
    stop(process)


@pytest.mark.slow
def test_a_build_removes_staging_of_dead_builds_and_keeps_a_live_ones(published, live_process):
    reports = published / "reports"
    dead = dead_pid()
    stale = leftover(reports / f".staging-2000-01-01-{STAMP}-{dead}", size=2_000_000)
    latest_tmp = reports / f".latest.tmp-{dead}"
    latest_tmp.symlink_to("2000-01-01")
    live = leftover(reports / f".staging-2000-01-01-{STAMP}-{live_process.pid}")
    untouched = leftover(reports / ".staging-by-hand")  # no PID: not ours to judge
    outcome = build_cli(published, "--edition", "2000-01-01", "--brief", "hello-global")
    assert outcome.code == 0, outcome
    removed = [line for line in outcome.out.splitlines() if line.startswith("Removed stale")]
    assert len(removed) == 2, outcome.out
    assert any(str(stale) in line and "2.0 MB" in line and f"process {dead}" in line for line in removed)
    assert any(str(latest_tmp) in line for line in removed)
    assert not stale.exists() and not latest_tmp.is_symlink()
    assert live.exists() and untouched.exists()
    assert f"Left {live} in place: process {live_process.pid}" in outcome.out
    assert sorted(p.name for p in reports.glob(".staging-*")) == sorted([live.name, untouched.name])


@pytest.mark.slow
def test_an_edition_retired_by_a_build_killed_while_publishing_is_put_back(published):
    reports = published / "reports"
    before = tree_hash(reports / "2000-01-01")
    dead = dead_pid()
    # Killed between publish's two renames: the old edition is aside and the new one never came.
    retired = reports / f".retired-.staging-2000-01-01-{STAMP}-{dead}"
    os.replace(reports / "2000-01-01", retired)
    outcome = build_cli(published, "--edition", "2000-01-02", "--brief", "hello-global")
    assert outcome.code == 0, outcome
    assert f"Restored edition 2000-01-01 from {retired.name}" in outcome.out, outcome.out
    assert not retired.exists()
    assert tree_hash(reports / "2000-01-01") == before


@pytest.mark.slow
def test_a_retired_edition_whose_replacement_arrived_is_removed(published):
    reports = published / "reports"
    before = tree_hash(reports / "2000-01-01")
    dead = dead_pid()
    retired = leftover(reports / f".retired-.staging-2000-01-01-{STAMP}-{dead}")
    outcome = build_cli(published, "--edition", "2000-01-02", "--brief", "hello-global")
    assert outcome.code == 0, outcome
    assert f"Removed stale {retired}" in outcome.out, outcome.out
    assert not retired.exists()
    assert tree_hash(reports / "2000-01-01") == before


@pytest.mark.slow
def test_a_refresh_removes_what_a_killed_refresh_left_in_data(published, live_process):
    data = published / "data"
    dead = dead_pid()
    external = data / "external"
    stale = [
        leftover(external / f".staging-{dead}-{time.time_ns()}"),
        leftover(data / f".processed-new-{dead}-1"),
        leftover(data / f".processed-old-{dead}-2"),
    ]
    live = leftover(external / f".staging-{live_process.pid}-3")
    kept = tree_hash(data / "raw")
    env = {**os.environ, "STRATEGY_BRIEF_ROOT": str(published)}
    # No source by that name: the refresh fails after its start-up cleanup, changing nothing else.
    run = subprocess.run(
        [str(CLI), "data", "refresh", "--source", "no_such_source"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    removed = [line for line in run.stdout.splitlines() if line.startswith("Removed stale")]
    assert len(removed) == 3, run
    for path in stale:
        assert not path.exists() and any(str(path) in line for line in removed), (path, removed)
    assert live.exists() and f"process {live_process.pid}, which made it, is still running" in run.stdout
    assert tree_hash(data / "raw") == kept
    assert not list(data.glob(".refresh.lock*"))


def test_a_pid_reused_by_a_newer_process_does_not_keep_a_leftover(tmp_path, live_process):
    # The leftover is older than the process now carrying its PID, so its own process is gone.
    old = leftover(tmp_path / f".staging-2000-01-01-{STAMP}-{live_process.pid}")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    lines: list[str] = []
    removed = buildlock.clean_stale(tmp_path, buildlock.REPORTS_LEFTOVERS, lines.append)
    assert removed == [old] and not old.exists()
    assert lines == [f"Removed stale {old} (0.0 MB), left by process {live_process.pid}, which is gone."]
