"""Overlapping builds: item 4 of the safety issue.

Two builds of different briefs of one edition used to both say "Published" while the second
swap dropped the first one's brief. A build now holds a lock on its reports folder from before
it stages until it has published: a second build exits 75 naming the holder's PID and start
time, or with --wait starts once the first is done, from what the first published."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import nbformat
import pytest

from tests.faults.conftest import run_cli, tree_hash
from tests.faults.proc_tools import CLI, build_argv, hold_lock, start, stop, wait_for

NEW_EDITION = "2000-01-02"  # not published yet: a lost brief cannot be hidden by a copy of the old one


def build_cli(root: Path, *args):
    return run_cli(
        "build", "--build-file", root / "briefs.yml", "--reports-dir", root / "reports", "--no-pdf", *args
    )


@pytest.mark.slow
def test_two_builds_of_one_edition_with_wait_publish_both_briefs(published, tmp_path):
    reports = published / "reports"
    # Each build holds the lock for a few seconds more than the other needs to start, even on a busy
    # machine, so the second one really waits.
    notebook = published / "notebooks" / "second.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import time\ntime.sleep(6)"))
    nbformat.write(nb, notebook)
    logs = [tmp_path / "global.log", tmp_path / "europe.log"]
    argv = build_argv(published, "--edition", NEW_EDITION, "--no-pdf", "--wait", "--brief")
    first = start([*argv, "hello-global"], logs[0])
    second = None
    try:
        # The second starts while the first holds the lock (it is staging or running kernels).
        wait_for(lambda: (reports / ".build.lock.json").exists() or first.poll() is not None, what="the lock")
        assert first.poll() is None, logs[0].read_text()
        second = start([*argv, "hello-europe"], logs[1])
        codes = [first.wait(timeout=300), second.wait(timeout=300)]
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                stop(process)
    texts = [log.read_text() for log in logs]
    assert codes == [0, 0], texts
    assert all(f"Published edition {NEW_EDITION}" in t for t in texts), texts
    waited = f"Waiting for the build holding {reports / '.build.lock'}: process {first.pid}"
    assert waited in texts[1], texts[1]
    index = json.loads((reports / NEW_EDITION / "edition.json").read_text())
    assert index["briefs"] == ["hello-europe", "hello-global"], index
    for brief in index["briefs"]:
        manifest = json.loads((reports / NEW_EDITION / brief / "manifest.json").read_text())
        assert manifest["status"] == "ok" and manifest["edition"] == NEW_EDITION
    assert not list(reports.glob(".build.lock*")), "the lock outlived the builds"


def test_a_second_build_without_wait_exits_75_naming_the_holder_and_changes_nothing(published):
    reports = published / "reports"
    holder = hold_lock(reports)
    try:
        info = json.loads((reports / ".build.lock.json").read_text())
        before = tree_hash(reports, published / "data")
        outcome = build_cli(published, "--edition", "2000-01-01", "--brief", "hello-global")
        after = tree_hash(reports, published / "data")
    finally:
        stop(holder)
    assert outcome.code == 75, outcome
    assert f"process {holder.pid}" in outcome.err and info["started"] in outcome.err, outcome.err
    assert str(reports) in outcome.err and "--wait" in outcome.err, outcome.err
    assert len(outcome.err.strip().splitlines()) == 1 and "Traceback" not in outcome.text
    assert "Edition 2000-01-01" not in outcome.out, "the build started anyway"
    assert after == before


@pytest.mark.slow
def test_a_lock_left_by_a_killed_build_does_not_block_the_next(published):
    reports = published / "reports"
    holder = hold_lock(reports)
    stop(holder)  # SIGKILL: its lock file and holder file stay, the OS lock goes with it
    assert (reports / ".build.lock").exists() and (reports / ".build.lock.json").exists()
    outcome = build_cli(published, "--edition", "2000-01-01", "--brief", "hello-global")
    assert outcome.code == 0, outcome
    assert not list(reports.glob(".build.lock*")), "a finished build leaves no lock files"


@pytest.mark.slow
def test_a_build_waiting_for_the_lock_stops_on_sigint(published, tmp_path):
    reports = published / "reports"
    holder = hold_lock(reports)
    log = tmp_path / "waiting.log"
    waiting = None
    try:
        before = tree_hash(reports)
        waiting = start(build_argv(published, "--edition", "2000-01-01", "--no-pdf", "--wait"), log)
        wait_for(lambda: "Waiting for the build" in log.read_text(), what="the build to wait")
        t0 = time.monotonic()
        waiting.send_signal(signal.SIGINT)
        code = waiting.wait(timeout=5)
        assert time.monotonic() - t0 < 5
        assert tree_hash(reports) == before
    finally:
        stop(holder)
        if waiting is not None and waiting.poll() is None:
            stop(waiting)
    assert code == 130, log.read_text()
    assert "stopped by SIGINT" in log.read_text() and "Traceback" not in log.read_text()


@pytest.mark.slow
def test_a_second_refresh_exits_75_naming_the_holder(published, tmp_path):
    data = published / "data"
    holder = hold_lock(data, "refresh")
    try:
        before = tree_hash(data)
        env = {**os.environ, "STRATEGY_BRIEF_ROOT": str(published)}
        run = subprocess.run(
            [str(CLI), "data", "refresh"], capture_output=True, text=True, env=env, timeout=120
        )
        after = tree_hash(data)
    finally:
        stop(holder)
    assert run.returncode == 75, run
    assert f"process {holder.pid}" in run.stderr and "another refresh" in run.stderr, run.stderr
    assert str(data) in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert after == before
