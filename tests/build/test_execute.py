"""Running one notebook (strategy_brief.build.execute): a kernel that failed to start is started again,
a notebook whose cells ran is never run twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_brief.build import execute

DIED = "RuntimeError: Kernel died before replying to kernel_info"


def fake_attempts(monkeypatch, outcomes):
    """Replace one attempt by the next of `outcomes`: (status, error, cell index sent or None)."""
    calls = []

    def attempt(notebook, output, parameters, kernel_name, cwd, cell_timeout, run, warm=None, inputs=""):
        status, error, index = outcomes[len(calls)]
        calls.append(index)
        run.index = index
        return execute.NotebookRun(notebook, output, parameters, 0.1, status, error=error)

    monkeypatch.setattr(execute, "_execute", attempt)
    return calls


def run(tmp_path: Path) -> execute.NotebookRun:
    return execute.run_notebook(tmp_path / "a.ipynb", tmp_path / "out.ipynb", {}, "k", tmp_path)


def test_a_kernel_that_died_before_any_cell_is_started_again(monkeypatch, tmp_path):
    calls = fake_attempts(monkeypatch, [("failed", DIED, None), ("failed", DIED, None), ("ok", None, None)])
    assert run(tmp_path).status == "ok" and len(calls) == 3


def test_it_gives_up_after_the_last_attempt(monkeypatch, tmp_path):
    calls = fake_attempts(monkeypatch, [("failed", DIED, None)] * execute.KERNEL_START_ATTEMPTS)
    result = run(tmp_path)
    assert result.status == "failed" and DIED in result.error
    assert len(calls) == execute.KERNEL_START_ATTEMPTS


@pytest.mark.parametrize(
    "outcome",
    [
        ("failed", DIED, 3),  # a cell had been sent: running again could repeat its effects
        ("failed", "ZeroDivisionError: division by zero", None),  # the notebook's own error
    ],
    ids=["after-a-cell", "other-error"],
)
def test_other_failures_are_not_retried(monkeypatch, tmp_path, outcome):
    calls = fake_attempts(monkeypatch, [outcome, ("ok", None, None)])
    assert run(tmp_path).status == "failed" and len(calls) == 1
