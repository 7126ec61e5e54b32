"""A hung cell and a hung build: items 5 and 6 of the safety issue.

A cell that runs longer than its timeout (default 600 s; `cell_timeout` in briefs.yml, or
--cell-timeout) fails the build fast, naming brief, notebook and cell, with its kernel killed.
SIGINT and SIGTERM stop a build within 5 s, kill its kernels and Chromium, remove its staging
folder and leave every published edition byte-identical."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from tests.faults.conftest import run_cli, tree_hash
from tests.faults.proc_tools import (
    add_long_brief,
    add_sleeping_brief,
    build_argv,
    gone,
    kernels_under,
    start,
    wait_for,
)

pytestmark = pytest.mark.slow
EDITION = "2000-01-01"


def build_cli(root: Path, *args):
    return run_cli(
        "build", "--build-file", root / "briefs.yml", "--reports-dir", root / "reports", "--no-pdf", *args
    )


def assert_timed_out(outcome, root: Path, marker: Path, seconds: int, before: dict, elapsed: float):
    assert outcome.code == 1, outcome
    text = outcome.text
    assert "FAILED brief 'slow'" in text and "slow.ipynb, cell 2" in text, text
    assert f"still running after {seconds} s" in text and "--cell-timeout" in text, text
    assert "Traceback" not in text and "Timeout waiting for execute reply" not in text
    assert elapsed < 30, f"a 60 s cell with a {seconds} s timeout took {elapsed:.0f} s"
    assert tree_hash(root / "reports" / EDITION, root / "reports" / "latest") == before
    assert not list((root / "reports").glob(".staging-*"))
    assert gone(int(marker.read_text())), "the timed-out kernel is still running"
    assert kernels_under(os.getpid()) == []


def test_cell_timeout_flag_fails_the_build_fast_naming_brief_notebook_and_cell(published, tmp_path):
    marker = tmp_path / "kernel.pid"
    add_sleeping_brief(published, marker)
    before = tree_hash(published / "reports" / EDITION, published / "reports" / "latest")
    t0 = time.monotonic()
    outcome = build_cli(published, "--edition", EDITION, "--brief", "slow", "--cell-timeout", "2")
    assert_timed_out(outcome, published, marker, 2, before, time.monotonic() - t0)
    # The executed notebook kept for debugging records the timeout on the cell it hit.
    failed = next((published / "reports" / "_failed").glob(f"{EDITION}-failed-*"))
    executed = (failed / "slow" / "notebooks" / "01_slow.ipynb").read_text()
    assert "CellTimeoutError" in executed


@pytest.mark.parametrize("where", ["brief", "top level"])
def test_cell_timeout_from_the_build_file(published, tmp_path, where):
    marker = tmp_path / "kernel.pid"
    if where == "brief":
        add_sleeping_brief(published, marker, extra="cell_timeout: 3")
    else:
        add_sleeping_brief(published, marker)
        build_file = published / "briefs.yml"
        build_file.write_text("cell_timeout: 3\n" + build_file.read_text())
    before = tree_hash(published / "reports" / EDITION, published / "reports" / "latest")
    t0 = time.monotonic()
    outcome = build_cli(published, "--edition", EDITION, "--brief", "slow")
    assert_timed_out(outcome, published, marker, 3, before, time.monotonic() - t0)


@pytest.mark.parametrize("value", ["0", "-5", "ten", "2.5"])
def test_a_bad_cell_timeout_is_refused_before_any_kernel(published, value):
    before = tree_hash(published / "reports")
    build_file = published / "briefs.yml"
    build_file.write_text(f"cell_timeout: {value}\n" + build_file.read_text())
    outcome = build_cli(published, "--edition", EDITION)
    assert outcome.code == 2, outcome
    assert "briefs.yml: cell_timeout" in outcome.err and "whole number of seconds" in outcome.err
    assert len(outcome.err.strip().splitlines()) == 1, outcome.err
    flag = build_cli(published, "--edition", EDITION, "--cell-timeout", value)
    assert flag.code == 2 and "--cell-timeout" in flag.err and "whole number" in flag.err, flag
    assert tree_hash(published / "reports") == before


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _stop_and_check(build: subprocess.Popen, sig: int, root: Path, before: dict, log: Path) -> None:
    """Send `sig`; the build must end within 5 s, by the convention's exit code, leaving nothing."""
    children = _descendants(build.pid)
    assert children, "the build had started no kernel or browser yet"
    t0 = time.monotonic()
    build.send_signal(sig)
    try:
        code = build.wait(timeout=5)
    except subprocess.TimeoutExpired:
        build.kill()
        build.wait()
        pytest.fail(f"the build did not stop within 5 s of {signal.Signals(sig).name}")
    elapsed = time.monotonic() - t0
    text = log.read_text()
    assert code == 128 + sig, (code, text)
    assert elapsed < 5
    assert f"stopped by {signal.Signals(sig).name}" in text and "nothing was published" in text, text
    assert "Traceback" not in text, text
    assert not list((root / "reports").glob(".staging-*")), "staging folder left behind"
    assert not list((root / "reports").glob(".build.lock*")), "lock left behind"
    assert tree_hash(root / "reports") == before
    wait_for(lambda: all(gone(c.pid) for c in children), timeout=3, what="the build's children to die")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_stops_a_hung_build_within_5_s(published, tmp_path, sig):
    marker = tmp_path / "kernel.pid"
    add_sleeping_brief(published, marker)
    before = tree_hash(published / "reports")
    log = tmp_path / "build.log"
    build = start(build_argv(published, "--edition", EDITION, "--no-pdf"), log)
    try:
        wait_for(marker.exists, what="the sleeping cell to start")
        kernel = int(marker.read_text())
        _stop_and_check(build, sig, published, before, log)
        assert gone(kernel), "the kernel outlived the build"
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()


def _catch_chromium_printing(build: subprocess.Popen, log: Path) -> list[psutil.Process]:
    """Wait until the build's Chromium is printing the long brief (not the `--version` check at the
    start); its processes."""

    def printing() -> bool:
        if build.poll() is not None:
            raise AssertionError(f"the build ended before printing: {log.read_text()}")
        if "long.ipynb: ok" not in log.read_text():
            return False
        return any(_is_chromium(p) and "--type=renderer" in _cmdline(p) for p in _descendants(build.pid))

    wait_for(printing, timeout=180, what="Chromium to print")
    return [p for p in _descendants(build.pid) if _is_chromium(p)]


def test_a_signal_while_printing_the_pdf_kills_chromium(published, tmp_path, chromium_executable):
    brief = add_long_brief(published)
    before = tree_hash(published / "reports")
    log = tmp_path / "build.log"
    build = start(build_argv(published, "--edition", EDITION, "--brief", brief), log)
    try:
        browsers = _catch_chromium_printing(build, log)
        # Driven over its DevTools pipe: Chromium is the build's own child, no driver process between.
        assert any(p.ppid() == build.pid for p in browsers), browsers
        assert not [p for p in _descendants(build.pid) if _name(p) == "node"], "a Playwright driver runs"
        _stop_and_check(build, signal.SIGTERM, published, before, log)
        assert all(gone(p.pid) for p in browsers), "Chromium outlived the build"
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()


def test_a_build_killed_outright_while_printing_leaves_no_chromium(published, tmp_path, chromium_executable):
    """SIGKILL runs no handler: Chromium quits by itself when the build's end of its pipe closes."""
    brief = add_long_brief(published)
    log = tmp_path / "build.log"
    build = start(build_argv(published, "--edition", EDITION, "--brief", brief), log)
    family: list[psutil.Process] = []
    try:
        browsers = _catch_chromium_printing(build, log)
        family = _descendants(build.pid)
        build.kill()
        build.wait()
        wait_for(lambda: all(gone(p.pid) for p in browsers), timeout=15, what="Chromium to quit")
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
        for process in family:  # the kernel, which has no pipe to notice the build is gone by
            with contextlib.suppress(psutil.Error):
                process.kill()


def _is_chromium(process: psutil.Process) -> bool:
    return "chrom" in _name(process).lower()


def _name(process: psutil.Process) -> str:
    with contextlib.suppress(psutil.Error):
        return process.name()
    return ""


def _cmdline(process: psutil.Process) -> list[str]:
    with contextlib.suppress(psutil.Error):
        return process.cmdline()
    return []
