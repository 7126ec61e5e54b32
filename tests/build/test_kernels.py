"""Warm kernels (strategy_brief.build.kernels): one kernel per worker runs notebook after notebook, each
from the state a new kernel has; a kernel whose run failed or timed out is never reused."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from strategy_brief import config
from strategy_brief.build import execute, kernels

pytestmark = pytest.mark.slow  # real kernels

# Leaves behind everything a notebook can leave in its kernel.
DIRTY = """
import os, sys, warnings
import matplotlib
import matplotlib.pyplot as plt
leak = 42
os.chdir('/')
os.environ['STRATEGY_BRIEF_TEST_LEAK'] = '1'
sys.path.insert(0, '/nowhere')
matplotlib.rcParams['lines.linewidth'] = 9.5
plt.figure()
warnings.simplefilter('ignore')
"""
# Reports what it finds; a new kernel and a reset warm one must report the same.
PROBE = """
import os, sys, warnings, json
import matplotlib
import matplotlib.pyplot as plt
found = {
    'leak': 'leak' in globals(),
    'cwd': os.getcwd(),
    'env': os.environ.get('STRATEGY_BRIEF_TEST_LEAK'),
    'path': '/nowhere' in sys.path,
    'linewidth': matplotlib.rcParams['lines.linewidth'],
    'figures': len(plt.get_fignums()),
    'ignore_all': any(f[0] == 'ignore' and f[2] is Warning for f in warnings.filters),
}
print(json.dumps(found, sort_keys=True))
"""
PID = "import os\nprint(os.getpid())"


def notebook(tmp_path: Path, name: str, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 0", metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    nb.metadata["kernelspec"] = {"name": config.KERNEL_NAME, "display_name": "", "language": "python"}
    path = tmp_path / name
    nbformat.write(nb, path)
    return path


def run(tmp_path, path, warm, name=None, **kw) -> execute.NotebookRun:
    out = tmp_path / "out" / (name or path.name)
    return execute.run_notebook(path, out, {"x": 1}, config.KERNEL_NAME, tmp_path, warm=warm, **kw)


def printed(result: execute.NotebookRun, source: str = PID) -> str:
    """What the cell with `source` printed in the executed notebook."""
    cell = next(c for c in nbformat.read(result.output, as_version=4).cells if c.source == source)
    return "".join(o.get("text", "") for o in cell.outputs).strip()


@pytest.fixture
def warm():
    pool = kernels.WarmKernels()
    yield pool
    pool.close()


def test_a_warm_kernel_is_reused_and_reset_between_runs(tmp_path, warm):
    dirty = notebook(tmp_path, "dirty.ipynb", PID, DIRTY)
    probe = notebook(tmp_path, "probe.ipynb", PID, PROBE)
    fresh = run(tmp_path, probe, None, "fresh.ipynb")
    first = run(tmp_path, dirty, warm)
    second = run(tmp_path, probe, warm)
    assert (fresh.status, first.status, second.status) == ("ok", "ok", "ok")
    # The same kernel process ran both notebooks ...
    assert printed(first) == printed(second)
    # ... and the probe saw what it sees in a new kernel: nothing the dirty notebook left.
    assert json.loads(printed(second, PROBE)) == json.loads(printed(fresh, PROBE))
    assert json.loads(printed(second, PROBE))["leak"] is False
    # Execution counts restart at 1, as in a new kernel.
    counts = [c.execution_count for c in nbformat.read(second.output, as_version=4).cells]
    assert counts == [c.execution_count for c in nbformat.read(fresh.output, as_version=4).cells]


def test_a_kernel_whose_run_failed_is_not_reused(tmp_path, warm):
    ok = notebook(tmp_path, "ok.ipynb", PID)
    failing = notebook(tmp_path, "failing.ipynb", PID, "1 / 0")
    first = run(tmp_path, ok, warm, "1.ipynb")
    broken = run(tmp_path, failing, warm)
    after = run(tmp_path, ok, warm, "2.ipynb")
    assert broken.status == "failed" and "ZeroDivisionError" in broken.error and broken.cell_index == 3
    assert printed(first) == printed(broken)  # the failing run had the warm kernel ...
    assert printed(after) != printed(first)  # ... and the next run got a new one


def test_a_kernel_that_timed_out_is_killed_and_replaced(tmp_path, warm):
    slow = notebook(tmp_path, "slow.ipynb", PID, "import time\ntime.sleep(30)")
    ok = notebook(tmp_path, "ok.ipynb", PID)
    timed_out = run(tmp_path, slow, warm, cell_timeout=2)
    assert timed_out.status == "failed" and "CellTimeoutError" in timed_out.error
    old = int(printed(timed_out))
    after = run(tmp_path, ok, warm)
    assert after.status == "ok" and int(printed(after)) != old
    with pytest.raises(ProcessLookupError):
        import os

        os.kill(old, 0)


def test_a_kernel_is_replaced_after_max_runs(tmp_path):
    pool = kernels.WarmKernels(max_runs=2)
    try:
        ok = notebook(tmp_path, "ok.ipynb", PID)
        pids = [printed(run(tmp_path, ok, pool, f"{i}.ipynb")) for i in range(3)]
    finally:
        pool.close()
    assert pids[0] == pids[1] != pids[2]


def test_closing_the_pool_kills_its_kernels(tmp_path):
    import os

    pool = kernels.WarmKernels()
    pid = int(printed(run(tmp_path, notebook(tmp_path, "ok.ipynb", PID), pool)))
    os.kill(pid, 0)  # alive between runs
    pool.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_kernel_is_not_reused_once_the_project_changed(tmp_path, warm):
    """A Dask worker outlives builds: its kernel must not run a newer checkout with older modules."""
    ok = notebook(tmp_path, "ok.ipynb", PID)
    pids = [
        printed(run(tmp_path, ok, warm, f"{i}.ipynb", inputs=state))
        for i, state in enumerate(["state-1", "state-1", "state-2"])
    ]
    assert pids[0] == pids[1] != pids[2]


def test_a_worker_with_no_run_left_stops_its_kernel_before_the_build_ends(tmp_path):
    """The last briefs are exported and printed while the runner is still open: an idle kernel would
    only hold memory."""
    import os

    from strategy_brief.build import executors

    path = notebook(tmp_path, "ok.ipynb", PID)
    runner = executors.LocalRunner(1)
    try:
        jobs = [
            executors.RunJob(
                "b", i, path, tmp_path / "out" / f"{i}.ipynb", {"x": 1}, config.KERNEL_NAME, tmp_path, 60
            )
            for i in (1, 2)
        ]
        results = [f.result(timeout=120) for f in [runner.submit(job) for job in jobs]]
        pids = [int(printed(r)) for r in results]
        assert pids[0] == pids[1]  # the queued run reused the warm kernel ...
        with pytest.raises(ProcessLookupError):  # ... which stopped once no run was left
            os.kill(pids[1], 0)
    finally:
        runner.close()
