"""Where notebook runs execute (strategy_brief.build.executors): threads here, or tasks on Dask workers,
with the same outcome: the same published brief, the same named error when a notebook fails, and
nothing published then."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from strategy_brief.build import cache, executors
from strategy_brief.build import edition as build
from tests.conftest import make_notebook
from tests.faults.conftest import run_cli

EDITION = "2000-01-01"


def test_an_unknown_executor_or_a_scheduler_without_dask_is_refused(tiny_project):
    for kwargs, needle in (
        ({"executor": "ray"}, "--executor ray: expected one of local, dask"),
        ({"scheduler": "tcp://127.0.0.1:8786"}, "only with --executor dask"),
    ):
        with pytest.raises(build.BuildError, match=needle):
            build.build(
                build_file=tiny_project / "briefs.yml",
                edition=EDITION,
                reports_dir=tiny_project / "reports",
                root=tiny_project,
                pdf=False,
                out=io.StringIO(),
                **kwargs,
            )
    assert not (tiny_project / "reports" / EDITION).exists()


def payload(root: Path, notebook: Path, inputs: dict[str, str]) -> dict:
    return {
        "root": str(root),
        "inputs": inputs,
        "notebook": notebook.read_bytes(),
        "name": notebook.name,
        "parameters": {"edition": EDITION},
        "kernel": "strategy-brief",
        "cwd": str(root / "notebooks"),
        "cell_timeout": 30,
    }


def test_a_worker_without_the_project_fails_the_run_naming_the_root(tiny_project, tmp_path):
    missing = tmp_path / "elsewhere"
    reply = executors.run_remote(payload(missing, tiny_project / "notebooks" / "ok.ipynb", {}))
    assert reply["status"] == "failed" and reply["executed"] is None
    assert f"project root {missing} not found" in reply["error"]


def test_a_worker_whose_data_differs_fails_the_run_naming_what_differs(tiny_project):
    inputs = cache.project_inputs(tiny_project)
    (tiny_project / "data" / "raw" / "input.csv").write_text("a,b\n9,9\n")  # the worker's copy moved on
    reply = executors.run_remote(payload(tiny_project, tiny_project / "notebooks" / "ok.ipynb", inputs))
    assert reply["status"] == "failed"
    assert "differs from the build's in data/raw" in reply["error"] and "package" not in reply["error"]


def test_a_run_that_failed_remotely_is_reported_like_a_local_one(tmp_path):
    job = executors.RunJob(
        "b", 2, tmp_path / "x.ipynb", tmp_path / "out" / "02_x.ipynb", {}, "k", tmp_path, 5
    )
    reply = {
        "status": "failed",
        "seconds": 1.5,
        "cell_index": 3,
        "error": "ValueError: bad",
        "cell_source": "raise ValueError('bad')",
        "executed": b"{}",
    }
    run = executors._run_from_reply(job, reply)
    assert run.where() == "x.ipynb, cell 3 `raise ValueError('bad')`" and run.error == "ValueError: bad"
    assert job.output.read_bytes() == b"{}"


def build_cli(root: Path, *args: str):
    return run_cli(
        "build", "--build-file", root / "briefs.yml", "--reports-dir", root / "reports", "--no-pdf", *args
    )


@pytest.mark.slow  # a LocalCluster of 2 worker processes, and kernels
def test_dask_local_cluster_publishes_the_same_briefs_as_the_local_build(tiny_project, tmp_path, monkeypatch):
    # The briefs are keyed with a copy of the package taken now, so that an edit of the working tree
    # while the test runs does not count as a change (the kernels run the package itself).
    frozen = tmp_path / "package"
    shutil.copytree(cache.PACKAGE_DIR, frozen, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE_DIR", frozen)
    monkeypatch.setattr(cache, "TEMPLATES_DIR", frozen / "report" / "templates")
    local = build_cli(tiny_project, "--edition", EDITION, "--reports-dir", tmp_path / "local")
    assert local.code == 0, local.text
    dask = build_cli(tiny_project, "--edition", EDITION, "--executor", "dask", "-j", "2")
    assert dask.code == 0, dask.text
    assert "4 notebook run(s), 2 at a time (Dask scheduler tcp://" in dask.out
    for brief in ("hello-global", "hello-europe"):
        html = f"{brief}/{brief}_{EDITION}.html"
        published = tiny_project / "reports" / EDITION / html
        assert published.read_bytes() == (tmp_path / "local" / EDITION / html).read_bytes()
        assert (tiny_project / "reports" / EDITION / brief / "notebooks" / "02_second.ipynb").exists()
    # The cache works the same: nothing changed, nothing runs, on either executor.
    again = build_cli(tiny_project, "--edition", EDITION, "--executor", "dask")
    assert again.code == 0 and "2 unchanged and reused, 0 to build" in again.out, again.text


@pytest.mark.slow
def test_a_failing_notebook_on_a_dask_worker_names_brief_notebook_and_cell_and_publishes_nothing(
    tiny_project,
):
    make_notebook(
        tiny_project / "notebooks" / "second.ipynb",
        'edition: str = "2000-01-01"\nregion: str = "Global"',
        "x = 1",
        "raise ValueError('the analyst\\'s bug')",
    )
    outcome = build_cli(tiny_project, "--edition", EDITION, "--executor", "dask", "-j", "2")
    assert outcome.code == 1, outcome.text
    assert (
        "FAILED brief 'hello-global', notebook second.ipynb, cell 3 "
        "`raise ValueError('the analyst\\'s bug')`: ValueError: the analyst's bug" in outcome.out
    ), outcome.out
    assert "Build FAILED; nothing published" in outcome.out and "Traceback" not in outcome.text
    assert not (tiny_project / "reports" / EDITION).exists()
    assert not (tiny_project / "reports" / "latest").exists()
    failed = next((tiny_project / "reports" / "_failed").glob(f"{EDITION}-failed-*"))
    assert "the analyst" in (failed / "hello-global" / "notebooks" / "02_second.ipynb").read_text()
