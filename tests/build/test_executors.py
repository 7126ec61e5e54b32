"""Where notebook runs execute (strategy_brief.build.executors): threads here, or tasks on Dask workers,
with the same outcome: the same published brief, the same named error when a notebook fails, and
nothing published then. On Dask a one-notebook brief is rendered (merged, HTML, figures) in its task:
the same bytes as the build renders, and an export failure there fails the brief as one here does."""

from __future__ import annotations

import io
import json
import pickle
import shutil
import threading
from pathlib import Path

import nbformat
import pytest

from strategy_brief.build import cache, executors, outputs
from strategy_brief.build import edition as build
from strategy_brief.report import export, record
from tests.conftest import make_notebook
from tests.faults.conftest import run_cli

EDITION = "2000-01-01"
NEXT_EDITION = "2000-02-01"
# A brief of one notebook beside the tiny project's two-notebook briefs (tests/conftest.py).
SOLO_BRIEF = """
  - id: solo-global
    title: "Solo: Global"
    notebooks: [ok.ipynb]
    parameters: {region: Global}
"""


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


def test_a_brief_rendered_in_its_task_is_what_the_build_renders(tmp_path):
    """render_in_task (on a worker) against outputs.render_brief (here), from the same executed
    notebook and previous key figures, through pickling as Dask sends the reply."""
    executed = nbformat.v4.new_notebook()
    executed.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = nbformat.v4.new_code_cell("")
    figure = {"name": "answer", "label": "The answer", "unit": "count", "value": 42, "as_of": "2025"}
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/markdown": "Forty-two **is** the answer."}),
        nbformat.v4.new_output("display_data", data={record.KEY_FIGURE_MIME: figure}),
    ]
    executed.cells = [nbformat.v4.new_markdown_cell("# Solo brief"), cell]
    meta = {
        "series": "S",
        "title": "Solo: Global",
        "brief": "solo-global",
        "edition": EDITION,
        "region": "Global",
    }
    earlier = [{**figure, "value": 41, "as_of": "2024"}]
    here = outputs.render_brief([executed], meta, earlier, "1999-12-01")
    data = nbformat.writes(executed).encode()
    for pdf in (False, True):
        reply = pickle.loads(
            pickle.dumps(
                executors.render_in_task(data, executors.render_request(meta, earlier, "1999-12-01", pdf))
            )
        )
        task = executors._export_from_reply(reply)
        assert task is not None and task.error is None and task.seconds > 0
        rendered = task.rendered
        assert rendered.html == here.html and "Key figures against edition 1999-12-01" in rendered.html
        assert rendered.rows == here.rows and rendered.rows[0]["status"] == "changed"
        assert rendered.previous == "1999-12-01" and rendered.figures == here.figures
        # The PDF is printed from the merged notebook's footer: sent back only when PDFs are printed.
        assert (rendered.merged is not None) is pdf
        if pdf:
            assert (
                export.pdf_footer(rendered.merged)
                == export.pdf_footer(here.merged)
                == "Solo: Global · Edition 2000-01-01"
            )
    # A first edition (the previous one did not have this brief) compares with nothing.
    first = executors._export_from_reply(
        executors.render_in_task(data, executors.render_request(meta, None, "1999-12-01", False))
    )
    assert first.rendered.previous is None and first.rendered.rows[0]["status"] == "new"
    # What the build writes from it is what it writes after rendering itself.
    for name, rendered in (("task", task.rendered), ("here", here)):
        (tmp_path / name).mkdir()
        outputs.write_brief(rendered, "solo-global", EDITION, tmp_path / name, False, print)
    for name in ("changes.json", f"solo-global_{EDITION}.html"):
        assert (tmp_path / "task" / name).read_bytes() == (tmp_path / "here" / name).read_bytes()


def test_an_export_that_fails_in_its_task_is_the_export_error_not_a_lost_task():
    reply = executors.render_in_task(b"{not a notebook", executors.render_request({}, None, None, False))
    task = executors._export_from_reply(reply)
    assert task is not None and task.rendered is None
    kind, _, message = task.error.partition(": ")
    assert kind.isidentifier() and message, task.error
    # No render request, or a run that failed: nothing was rendered, and the build renders itself.
    assert executors._export_from_reply({"status": "ok", "seconds": 1.0}) is None


def build_cli(root: Path, *args: str):
    return run_cli(
        "build", "--build-file", root / "briefs.yml", "--reports-dir", root / "reports", "--no-pdf", *args
    )


def freeze_package(tmp_path: Path, monkeypatch) -> None:
    """Key the briefs with a copy of the package taken now, so that an edit of the working tree while
    the test runs does not count as a change (the kernels run the package itself)."""
    frozen = tmp_path / "package"
    shutil.copytree(cache.PACKAGE_DIR, frozen, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE_DIR", frozen)
    monkeypatch.setattr(cache, "TEMPLATES_DIR", frozen / "report" / "templates")


def spy_on_rendering(monkeypatch) -> list[tuple[str, str]]:
    """(brief, thread) of every brief rendered in this process (not in a LocalCluster's worker
    processes); outputs.render_brief still renders."""
    calls: list[tuple[str, str]] = []
    real = outputs.render_brief

    def render_brief(executed, meta, earlier, previous):
        calls.append((meta["brief"], threading.current_thread().name))
        return real(executed, meta, earlier, previous)

    monkeypatch.setattr(outputs, "render_brief", render_brief)
    return calls


@pytest.mark.slow  # a LocalCluster of 2 worker processes, and kernels
def test_dask_local_cluster_publishes_the_same_briefs_as_the_local_build(tiny_project, tmp_path, monkeypatch):
    freeze_package(tmp_path, monkeypatch)
    with (tiny_project / "briefs.yml").open("a") as build_file:
        build_file.write(SOLO_BRIEF)
    rendered_here = spy_on_rendering(monkeypatch)
    # A previous edition, the same for both builds, so that the changes section compares with it.
    local = build_cli(tiny_project, "--edition", EDITION, "--reports-dir", tmp_path / "local")
    assert local.code == 0, local.text
    shutil.copytree(tmp_path / "local", tiny_project / "reports", symlinks=True)
    local = build_cli(tiny_project, "--edition", NEXT_EDITION, "--reports-dir", tmp_path / "local")
    assert local.code == 0, local.text
    assert {brief for brief, _ in rendered_here} == {"hello-global", "hello-europe", "solo-global"}
    rendered_here.clear()
    dask = build_cli(tiny_project, "--edition", NEXT_EDITION, "--executor", "dask", "-j", "2")
    assert dask.code == 0, dask.text
    assert "5 notebook run(s), 2 at a time (Dask scheduler tcp://" in dask.out
    # The one-notebook brief was rendered in its task (on a worker process), the others here.
    assert sorted(brief for brief, _ in rendered_here) == ["hello-europe", "hello-global"]
    ours, theirs = tiny_project / "reports" / NEXT_EDITION, tmp_path / "local" / NEXT_EDITION
    for brief in ("hello-global", "hello-europe", "solo-global"):
        files = sorted(p.relative_to(theirs) for p in (theirs / brief).rglob("*") if p.is_file())
        for name in (f"{brief}/{brief}_{NEXT_EDITION}.html", f"{brief}/changes.json"):
            assert Path(name) in files
        for name in files:
            if name.parts[1] not in ("notebooks", "manifest.json"):  # executed notebooks carry timings
                assert (ours / name).read_bytes() == (theirs / name).read_bytes(), name
        manifests = [json.loads((where / brief / "manifest.json").read_text()) for where in (ours, theirs)]
        assert manifests[0]["files"] == manifests[1]["files"]
        assert [nb["key_figures"] for nb in manifests[0]["notebooks"]] == [
            nb["key_figures"] for nb in manifests[1]["notebooks"]
        ]
    assert (ours / "hello-global" / "notebooks" / "02_second.ipynb").exists()
    assert list((ours / "solo-global" / "figures").glob("figure-01.*"))
    changes = json.loads((ours / "solo-global" / "changes.json").read_text())
    assert changes["previous_edition"] == EDITION and changes["key_figures"][0]["status"] == "unchanged"
    # The cache works the same: nothing changed, nothing runs, on either executor.
    again = build_cli(tiny_project, "--edition", NEXT_EDITION, "--executor", "dask")
    assert again.code == 0 and "3 unchanged and reused, 0 to build" in again.out, again.text


@pytest.mark.slow  # kernels, and a LocalCluster of 2 in-process workers
def test_an_export_failure_in_a_dask_task_fails_the_brief_as_one_in_the_build_does(
    tiny_project, tmp_path, monkeypatch
):
    """The same named error and nothing published, whether the brief was rendered here (local) or in
    its task. The LocalCluster's workers are threads of this process here, so that the failure can be
    injected into the task."""
    import distributed

    real_cluster = distributed.LocalCluster
    monkeypatch.setattr(distributed, "LocalCluster", lambda **kw: real_cluster(**{**kw, "processes": False}))
    monkeypatch.setenv("STRATEGY_BRIEF_ROOT", str(tiny_project))  # a task sets it in its process
    with (tiny_project / "briefs.yml").open("a") as build_file:
        build_file.write(SOLO_BRIEF)
    threads: list[str] = []

    def render_brief(executed, meta, earlier, previous):
        threads.append(threading.current_thread().name)
        raise RuntimeError("the template broke")

    monkeypatch.setattr(outputs, "render_brief", render_brief)
    failed = "FAILED brief 'solo-global' while exporting: export: RuntimeError: the template broke"
    for executor in ("local", "dask"):
        threads.clear()
        outcome = build_cli(
            tiny_project, "--edition", EDITION, "--brief", "solo-global", "--executor", executor
        )
        assert outcome.code == 1, outcome.text
        assert failed in outcome.out and "Build FAILED; nothing published" in outcome.out, outcome.out
        assert "Traceback" not in outcome.text
        assert not (tiny_project / "reports" / EDITION).exists()
        assert not (tiny_project / "reports" / "latest").exists()
        assert len(threads) == 1
        # Rendered by the build's exporting threads (local), or in the task on a Dask worker's thread.
        assert threads[0].startswith("export") is (executor == "local"), threads


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


def _dask_settings() -> dict:
    import dask
    import distributed  # noqa: F401 - its defaults join Dask's config when it is imported

    return {key: dask.config.get(key) for key in executors.LOCAL_CLUSTER_CONFIG}


@pytest.mark.slow  # a LocalCluster of 2 worker processes
def test_the_local_cluster_polls_less_and_leaves_the_callers_dask_config_alone(tiny_project):
    before = _dask_settings()
    assert before != executors.LOCAL_CLUSTER_CONFIG  # Dask's defaults: the test would prove nothing
    runner = executors.DaskRunner(2, tiny_project, {})
    try:
        on_workers = runner.client.run(_dask_settings)
        assert len(on_workers) == 2
        assert all(seen == executors.LOCAL_CLUSTER_CONFIG for seen in on_workers.values()), on_workers
        scheduler = runner.cluster.scheduler
        assert "stealing" not in scheduler.extensions
        assert all(
            nanny.memory_manager.memory_monitor_interval == 1.0 for nanny in runner.cluster.workers.values()
        )
    finally:
        runner.close()
    assert _dask_settings() == before
