"""Where notebook runs execute: threads of this process (each run's kernel is its own process), or
tasks on Dask distributed workers (`strategy-brief build --executor dask [--scheduler ADDRESS]`).

Both take the same `RunJob` and give a `concurrent.futures.Future` of an `execute.NotebookRun`, so
the build schedules, reports failures and publishes the same way whichever runs the notebooks: a
failed run is a NotebookRun with status "failed" and the same message, never an exception.

A Dask task given a `RunJob.render` (a one-notebook brief) also renders its brief where the notebook
ran (`outputs.render_brief`: the merged document, the HTML and the figure records), so that the
machine running the build only writes files; `exported(job)` hands that over, or the export's error."""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import json
import logging
import os
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strategy_brief.build import cache, processes

EXECUTORS = ("local", "dask")

# The LocalCluster a build starts lives for one build on the build's own machine, whose cores its
# workers keep busy: Dask's defaults poll for a long-running shared cluster (each server's event-loop
# tick every 20 ms, each nanny's and worker's memory every 100 ms, system metrics every 500 ms). Polled
# less, the scheduler and nannies (in the build's process) spent 3.8 s of CPU instead of 5.2 s on the
# 103-brief country set; a runaway worker is still stopped within a second. Stealing is off: tasks
# are queued at the scheduler and handed to whichever worker frees up first. A cluster given with
# --scheduler keeps its own configuration.
LOCAL_CLUSTER_CONFIG = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,
}


@dataclass(frozen=True)
class RunJob:
    """One notebook run of one brief: `position` from 1 in the brief, `output` in the staging folder."""

    brief_id: str
    position: int
    notebook: Path
    output: Path
    parameters: dict[str, Any]
    kernel_name: str
    cwd: Path
    cell_timeout: int
    # A one-notebook brief on Dask: what its task needs to render the brief too (`render_request`).
    render: dict[str, Any] | None = None

    @property
    def label(self) -> str:
        return f"{self.brief_id} · {self.notebook.name}"


def render_request(
    meta: dict[str, Any], earlier: list[dict] | None, previous: str | None, pdf: bool
) -> dict[str, Any]:
    """What a task needs to render its brief (`outputs.render_brief`) besides the executed notebook: the
    brief's metadata and the previous edition's key figures, which a remote worker cannot read (it may
    have no reports/), and whether the build prints PDFs (then the merged notebook comes back too)."""
    return {"meta": meta, "earlier": earlier, "previous": previous, "pdf": pdf}


@dataclass(frozen=True)
class TaskExport:
    """A brief rendered in its Dask task: `rendered` (an `outputs.RenderedBrief`), or the export's
    `error` ("TypeName: message"); `seconds` the rendering took on the worker."""

    rendered: Any = None
    error: str | None = None
    seconds: float = 0.0


class LocalRunner:
    """Runs notebooks in worker threads of this process, `jobs` kernels at a time. Briefs are
    rendered by the build itself (`exports_in_task` False): `RunJob.render` is not used."""

    name = "local"
    exports_in_task = False

    def __init__(
        self, jobs: int, on_start: Callable[[RunJob], None] | None = None, *, warm: bool = True
    ) -> None:
        from strategy_brief.build import kernels

        self.jobs = jobs
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="notebook")
        self._on_start = on_start
        self._warm = kernels.WarmKernels() if warm else None  # one kernel per worker thread
        self._waiting = 0  # runs submitted and not yet started
        self._count = threading.Lock()

    def submit(self, job: RunJob) -> concurrent.futures.Future:
        with self._count:
            self._waiting += 1
        return self._pool.submit(self._run, job)

    def _run(self, job: RunJob):
        from strategy_brief.build import execute

        with self._count:
            self._waiting -= 1
        if processes.stopping():  # a signal came: start no more kernels
            return None
        if self._on_start:
            self._on_start(job)
        try:
            return execute.run_notebook(
                job.notebook,
                job.output,
                job.parameters,
                job.kernel_name,
                job.cwd,
                cell_timeout=job.cell_timeout,
                warm=self._warm,
            )
        finally:
            with self._count:
                idle = self._waiting == 0
            if idle and self._warm is not None:  # no run left for this worker: free its memory now,
                self._warm.release_this_thread()  # while the last briefs are exported and printed

    def cancel(self, future: concurrent.futures.Future) -> None:
        future.cancel()  # a run already started goes on; one still queued never starts

    def exported(self, job: RunJob) -> TaskExport | None:
        return None

    def close(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=not wait)
        if self._warm is not None:
            self._warm.close()


class DaskRunner:
    """Runs each notebook as a task on Dask distributed workers: an existing cluster's scheduler
    (`tcp://HOST:8786`), or a LocalCluster of `jobs` worker processes started for this build.

    A worker needs the project installed (package, kernel `strategy-brief`) and the project root at
    the same path as this machine; each task checks that the package, templates, data and locked
    versions it sees hash as they do here, and fails naming what differs otherwise. A job with a
    `render` request is also rendered in its task (`exports_in_task`); `exported(job)` gives it."""

    name = "dask"
    exports_in_task = True

    def __init__(
        self,
        jobs: int,
        root: Path,
        inputs: dict[str, str],
        scheduler: str | None = None,
        *,
        warm: bool = True,
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - distributed is a dependency
            raise RuntimeError("--executor dask needs the `distributed` package (make setup)") from exc
        self.root = Path(root)
        self.inputs = inputs
        self.warm = warm
        self.cluster = None
        self._remote: dict[concurrent.futures.Future, Any] = {}
        self._exports: dict[tuple[str, int], TaskExport] = {}  # (brief id, position) → rendered in task
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=30)
            except OSError as exc:
                raise RuntimeError(
                    f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc}); check the address "
                    "(tcp://HOST:8786) and that the scheduler is running"
                ) from exc
        else:
            import dask

            # Read as the scheduler, nannies and workers start (a nanny hands its config to its worker).
            with dask.config.set(LOCAL_CLUSTER_CONFIG):
                self.cluster = LocalCluster(
                    n_workers=jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            self.client = Client(self.cluster)
        self.address = self.client.scheduler.address
        self.jobs = len(self.client.scheduler_info().get("workers", {})) or jobs
        self._order = 0

    def submit(self, job: RunJob) -> concurrent.futures.Future:
        payload = {
            "root": str(self.root),
            "inputs": self.inputs if self.cluster is None else None,
            "notebook": job.notebook.read_bytes(),
            "name": job.notebook.name,
            "parameters": job.parameters,
            "kernel": job.kernel_name,
            "cwd": str(job.cwd),
            "cell_timeout": job.cell_timeout,
            "warm": self.warm,
            "render": job.render,
        }
        self._order += 1
        remote = self.client.submit(
            run_remote,
            payload,
            key=f"notebook-{job.brief_id}-{job.position:02d}-{uuid.uuid4().hex[:8]}",
            pure=False,
            priority=-self._order,  # in the order submitted: the critical path first
        )
        local: concurrent.futures.Future = concurrent.futures.Future()
        local.set_running_or_notify_cancel()
        self._remote[local] = remote

        def done(finished) -> None:
            try:
                if finished.cancelled():
                    local.set_result(None)
                    return
                reply = finished.result()
                run = _run_from_reply(job, reply)
                export = _export_from_reply(reply)
                if export is not None:  # before the run is seen as done, which is when it is asked for
                    self._exports[(job.brief_id, job.position)] = export
                local.set_result(run)
            except Exception as exc:  # a lost worker, a task the scheduler gave up on
                local.set_result(_failed_run(job, f"dask task failed: {type(exc).__name__}: {exc}"))

        remote.add_done_callback(done)
        return local

    def cancel(self, future: concurrent.futures.Future) -> None:
        remote = self._remote.get(future)
        if remote is not None and not remote.done():
            remote.cancel()

    def exported(self, job: RunJob) -> TaskExport | None:
        """The brief its task rendered after running `job` (once: it is handed over), if it did."""
        return self._exports.pop((job.brief_id, job.position), None)

    def close(self, wait: bool = True) -> None:
        """Close the client and any LocalCluster started for the build. After a signal (`wait` False)
        the workers are already killed and may not answer: closing goes on in the background."""

        def close_all() -> None:
            # The warm kernels of the LocalCluster's workers, stopped now rather than when their worker
            # dies. An existing cluster's may serve another build: they stay, keyed by the project's state.
            if self.warm and self.cluster is not None:
                with contextlib.suppress(Exception):
                    self.client.run(close_worker_kernels)
            for closing in (self.client, self.cluster):
                if closing is not None:
                    with contextlib.suppress(Exception):
                        closing.close(timeout=10)

        if wait:
            close_all()
        else:
            threading.Thread(target=close_all, name="dask-close", daemon=True).start()


def _failed_run(job: RunJob, error: str):
    from strategy_brief.build import execute

    return execute.NotebookRun(job.notebook, job.output, job.parameters, 0.0, "failed", error=error)


def _run_from_reply(job: RunJob, reply: dict[str, Any]):
    """The NotebookRun of a remote run, its executed notebook written where a local run writes it."""
    from strategy_brief.build import execute

    if reply.get("executed") is not None:
        job.output.parent.mkdir(parents=True, exist_ok=True)
        job.output.write_bytes(reply["executed"])
    return execute.NotebookRun(
        job.notebook,
        job.output,
        job.parameters,
        reply["seconds"],
        reply["status"],
        cell_index=reply.get("cell_index"),
        error=reply.get("error"),
        cell_source=reply.get("cell_source"),
    )


def _export_from_reply(reply: dict[str, Any]) -> TaskExport | None:
    """The brief a task rendered (or failed to), as the build writes it."""
    from strategy_brief.build import outputs

    seconds = reply.get("export_seconds") or 0.0
    if reply.get("export_error") is not None:
        return TaskExport(error=reply["export_error"], seconds=seconds)
    done = reply.get("export")
    if done is None:
        return None
    return TaskExport(rendered=outputs.RenderedBrief(**done), seconds=seconds)


def render_in_task(executed: bytes, request: dict[str, Any]) -> dict[str, Any]:
    """A task's brief rendered from its executed notebook (`outputs.render_brief`, as the build renders
    it), for the reply: the merged notebook only for a build that prints PDFs. An exception here is
    the export's error, as the build reports it ("export: TypeName: message")."""
    import nbformat

    from strategy_brief.build import outputs

    t0 = time.perf_counter()
    try:
        notebook = nbformat.reads(executed.decode("utf-8"), as_version=4)
        rendered = outputs.render_brief([notebook], request["meta"], request["earlier"], request["previous"])
    except Exception as exc:  # fails the brief, not the task: the build names it
        return {"export_error": f"{type(exc).__name__}: {exc}", "export_seconds": time.perf_counter() - t0}
    done = {field.name: getattr(rendered, field.name) for field in dataclasses.fields(rendered)}
    if not request.get("pdf"):
        done["merged"] = None  # only the PDF prints from it: not sent back
    return {"export": done, "export_seconds": time.perf_counter() - t0}


# A Dask worker's warm kernels, kept between its tasks (a kernel dies with the worker process that
# started it: ipykernel polls its parent).
_WORKER_KERNELS = None


def _worker_kernels():
    global _WORKER_KERNELS
    if _WORKER_KERNELS is None:
        from strategy_brief.build import kernels

        _WORKER_KERNELS = kernels.WarmKernels()
    return _WORKER_KERNELS


def close_worker_kernels() -> None:
    """Run on each Dask worker when a build ends: stop the warm kernels its tasks started."""
    global _WORKER_KERNELS
    kernels, _WORKER_KERNELS = _WORKER_KERNELS, None
    if kernels is not None:
        kernels.close()


def run_remote(payload: dict[str, Any]) -> dict[str, Any]:
    """The Dask task: run one notebook on this worker and return its outcome and executed notebook,
    and with a `render` request (a one-notebook brief), the brief rendered from it (`render_in_task`).

    The project must be at the same path as on the machine that submitted it, with the same package,
    templates, data and locked versions; otherwise the run fails naming what differs."""
    from strategy_brief.build import execute

    host = socket.gethostname()
    root = Path(payload["root"])

    def failed(error: str) -> dict[str, Any]:
        return {"status": "failed", "seconds": 0.0, "error": error, "executed": None, "worker": host}

    if not (root / "notebooks").is_dir():
        return failed(
            f"worker {host}: project root {root} not found; every Dask worker needs the project (and its "
            "data) at the same path as the machine that runs the build"
        )
    # Workers of a LocalCluster share this machine's files, as the local executor's kernels do; a
    # remote worker checks that what it would run is what the build keyed its briefs with.
    expected = payload.get("inputs") or {}
    seen = cache.project_inputs(root) if expected else {}
    differ = [name for name, digest in expected.items() if seen.get(name) != digest]
    if differ:
        return failed(
            f"worker {host}: the project at {root} differs from the build's in {', '.join(differ)}; "
            "install the same checkout, data and locked versions on every worker"
        )
    os.environ["STRATEGY_BRIEF_ROOT"] = str(root)
    with tempfile.TemporaryDirectory(prefix="strategy-brief-task-") as tmp:
        notebook = Path(tmp) / payload["name"]
        notebook.write_bytes(payload["notebook"])
        output = Path(tmp) / "executed" / payload["name"]
        run = execute.run_notebook(
            notebook,
            output,
            payload["parameters"],
            payload["kernel"],
            Path(payload["cwd"]),
            cell_timeout=payload["cell_timeout"],
            warm=_worker_kernels() if payload.get("warm") else None,
            inputs=json.dumps(expected, sort_keys=True),
        )
        executed = output.read_bytes() if output.exists() else None
    reply = {
        "status": run.status,
        "seconds": run.seconds,
        "cell_index": run.cell_index,
        "error": run.error,
        "cell_source": run.cell_source,
        "executed": executed,
        "worker": host,
    }
    if payload.get("render") is not None and run.status == "ok" and executed is not None:
        reply.update(render_in_task(executed, payload["render"]))
    return reply


def make_runner(
    kind: str,
    jobs: int,
    *,
    root: Path,
    inputs: dict[str, str],
    scheduler: str | None = None,
    on_start: Callable[[RunJob], None] | None = None,
    warm: bool = True,
):
    """The runner for `--executor KIND`; `warm`: reuse one kernel per worker (build.kernels)."""
    if kind == "local":
        if scheduler:
            raise ValueError("--scheduler needs --executor dask")
        return LocalRunner(jobs, on_start, warm=warm)
    if kind == "dask":
        return DaskRunner(jobs, root, inputs, scheduler, warm=warm)
    raise ValueError(f"--executor {kind}: expected one of {', '.join(EXECUTORS)}")
