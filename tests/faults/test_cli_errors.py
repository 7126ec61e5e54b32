"""Errors that came late or as tracebacks: items 11 and 12 of the safety issue.

A failing cell is named by its number as the analyst counts cells in JupyterLab (from 1, top to
bottom, markdown included; papermill's injected cell is not counted). A missing Chromium, an
unusable reports folder, a bad notebook for `params` and bad YAML for `list` each give one line
naming the path and the fix, exit 2, before any kernel starts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from strategy_brief import config
from strategy_brief.build import execute
from tests.faults.conftest import Outcome, run_cli, tree_hash

PUBLISHED = "2000-01-01"
PARAMS = 'edition: str = "2000-01-01"\nregion: str = "Global"'
RAISE = 'raise ValueError("the analyst\'s bug")'


def build_cli(root: Path, *args: str):
    return run_cli("build", "--build-file", root / "briefs.yml", "--reports-dir", root / "reports", *args)


def one_error_line(outcome, *names: str) -> None:
    assert outcome.code == 2, outcome
    assert "Traceback" not in outcome.text
    assert len(outcome.err.strip().splitlines()) == 1, outcome.err
    for needle in names:
        assert needle in outcome.err, (needle, outcome.err)


@pytest.fixture
def no_kernel(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("a kernel was started for a build that should have been refused")

    monkeypatch.setattr(execute, "run_notebook", forbidden)


# Item 11: the failing cell's number.


def write_cells(path: Path, cells: list[tuple[str, str]]) -> None:
    """A notebook of (kind, source) cells; kind is 'params', 'code' or 'markdown'."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": config.KERNEL_NAME, "display_name": "sb", "language": "python"}
    for kind, source in cells:
        if kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(source))
        else:
            cell = nbformat.v4.new_code_cell(source)
            if kind == "params":
                cell.metadata["tags"] = ["parameters"]
            nb.cells.append(cell)
    nbformat.write(nb, path)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ([("params", PARAMS), ("code", RAISE)], 2),  # the case: 2nd cell of a 2-cell notebook
        ([("markdown", "# Title"), ("params", PARAMS), ("code", "x = 1"), ("code", RAISE)], 4),
        ([("code", RAISE), ("params", PARAMS)], 1),  # before the parameters cell
    ],
    ids=["after-parameters", "after-markdown-and-code", "before-parameters"],
)
def test_failing_cell_is_numbered_as_the_analyst_sees_it(published, cells, expected):
    write_cells(published / "notebooks" / "broken.ipynb", cells)
    with (published / "briefs.yml").open("a") as f:
        f.write("  - {id: broken, title: Broken, notebooks: [broken.ipynb]}\n")
    edition = published / "reports" / PUBLISHED
    before = tree_hash(edition, published / "reports" / "latest", published / "data")
    outcome = build_cli(published, "--no-pdf", "--edition", PUBLISHED, "--brief", "broken")
    assert outcome.code == 1, outcome
    assert f"broken.ipynb, cell {expected} " in outcome.text, outcome.text
    assert "ValueError: the analyst's bug" in outcome.text
    assert tree_hash(edition, published / "reports" / "latest", published / "data") == before


# Item 12: a missing Chromium, found before any notebook runs.


@pytest.mark.parametrize("kind", ["missing", "not-executable", "fails"])
def test_unusable_chromium_stops_the_build_before_any_kernel(published, no_kernel, monkeypatch, kind):
    chromium = published / "fake-chromium"
    if kind == "missing":
        chromium = Path("/nonexistent/chromium")
    elif kind == "not-executable":
        chromium.write_text("not a program\n")
    else:
        chromium.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n")
        chromium.chmod(0o755)
    monkeypatch.setenv("STRATEGY_BRIEF_CHROMIUM", str(chromium))
    before = tree_hash(published / "reports", published / "data")
    outcome = build_cli(published, "--edition", "2000-01-02")  # with the PDF
    one_error_line(outcome, str(chromium), "STRATEGY_BRIEF_CHROMIUM", "--no-pdf")
    assert tree_hash(published / "reports", published / "data") == before


# Item 12: a reports folder that cannot hold editions.


def test_reports_dir_that_is_a_file_is_refused(published, no_kernel):
    target = published / "reports.txt"
    target.write_text("not a folder\n")
    outcome = run_cli("build", "--build-file", published / "briefs.yml", "--reports-dir", target, "--no-pdf")
    one_error_line(outcome, str(target), "--reports-dir")
    assert target.read_text() == "not a folder\n"


def test_reports_dir_under_a_file_is_refused(published, no_kernel):
    parent = published / "reports.txt"
    parent.write_text("not a folder\n")
    target = parent / "reports"
    outcome = run_cli("build", "--build-file", published / "briefs.yml", "--reports-dir", target, "--no-pdf")
    one_error_line(outcome, str(target), str(parent), "--reports-dir")


@pytest.mark.slow
def test_read_only_reports_dir_is_refused(published, no_kernel):
    """Root ignores permission bits, so as root the reports folder is made a real read-only
    mount, in a private mount namespace that only the build's subprocess sees."""
    reports = published / "reports"
    args = ["build", "--build-file", published / "briefs.yml", "--reports-dir", reports, "--no-pdf"]
    args += ["--edition", "2000-01-02"]
    before = tree_hash(reports, published / "data")
    if os.geteuid() != 0:
        reports.chmod(0o555)
        try:
            outcome = run_cli(*args)
        finally:
            reports.chmod(0o755)
    else:
        unshare = shutil.which("unshare")
        if unshare is None:
            pytest.skip("running as root without `unshare`: no way to make the folder read-only for root")
        script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
        cli = [sys.executable, "-m", "strategy_brief.cli", *map(str, args)]
        done = subprocess.run(
            [unshare, "--mount", "--propagation", "private", "sh", "-c", script, "sh", str(reports), *cli],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if "mount:" in done.stderr or "unshare:" in done.stderr:
            pytest.skip(f"running as root and cannot make a read-only mount here: {done.stderr.strip()}")
        outcome = Outcome(done.returncode, done.stdout, done.stderr)
    one_error_line(outcome, str(reports), "not writable", "--reports-dir")
    assert tree_hash(reports, published / "data") == before


# Item 12: `params` and `list` on bad input.


def test_params_on_a_missing_notebook(tmp_path):
    missing = tmp_path / "notebooks" / "nope.ipynb"
    one_error_line(run_cli("params", missing), str(missing), "not found", "check the path")


def test_params_on_an_invalid_notebook(tmp_path):
    bad = tmp_path / "bad.ipynb"
    bad.write_text('{"cells": [\n')
    one_error_line(run_cli("params", bad), str(bad), "not a readable notebook", "restore it")


def test_list_on_invalid_yaml(published):
    path = published / "briefs.yml"
    path.write_text("title: Tiny\nbriefs:\n  - id: a\n   title: b\n")
    outcome = run_cli("list", "--build-file", path)
    one_error_line(outcome, str(path), "not valid YAML at line 4", "fix the YAML")
