"""Run one notebook with papermill, in this process, on the project's named kernel."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import papermill
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError
from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines
from papermill.exceptions import PapermillExecutionError
from papermill.execute import ERROR_MARKER_TAG
from traitlets import default

from strategy_brief.build import kernels, processes


class _TimeoutNoise(logging.Filter):
    """Drop what a cell timeout or a stopped build makes nbclient print (a log line, and a
    warning about a task it leaves pending): the build reports both itself, in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if text.startswith("Timeout waiting for execute reply"):
            return False
        if processes.stopping() and text.startswith("Kernel died"):  # we killed it
            return False
        return not ("Task was destroyed but it is pending" in text and "_async_poll_output_msg" in text)


for _name in ("papermill", "asyncio"):
    logging.getLogger(_name).addFilter(_TimeoutNoise())


class EncryptedKernelManager(AsyncKernelManager):
    """Provision CurveZMQ keys when the kernelspec supports them (ipykernel does): the
    kernel's sockets are then encrypted, and it does not warn about plain-text TCP."""

    @default("transport_encryption")
    def _transport_encryption_default(self) -> str:
        return "auto"

    # Set on a per-run subclass (see _tracking), or per run on a warm kernel's manager: what this
    # run's kernel is doing.
    run: _KernelRun | None = None
    warm: Any = None  # the kernels.WarmKernel this manager's kernel serves, if it is a warm one

    def client(self, **kwargs):
        if self.warm is not None:  # a warm kernel's one client, kept open across its runs
            return self.warm.client
        return super().client(**kwargs)

    async def _async_launch_kernel(self, kernel_cmd, **kw) -> None:
        await super()._async_launch_kernel(kernel_cmd, **kw)
        process = getattr(self.provisioner, "process", None)
        if process is not None:  # recorded so a timeout or a signal can kill it
            processes.track_kernel(process)
            if self.run is not None:
                self.run.launched.append(process)

    async def shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
        # A kernel still busy in a cell (a timeout) cannot answer a polite shutdown: kill it now,
        # rather than wait for it and print its traceback.
        busy = self.run is not None and self.run.busy
        await super()._async_shutdown_kernel(now=now or busy, restart=restart)


class _SaveAtEnd(NotebookExecutionManager):
    """Writes the executed notebook when the run ends, also after an error or a timeout, but not at
    every cell's start and end as papermill does: those writes grow with the outputs so far, and
    took a fifth of a long section's run. A run that is killed has nothing to keep anyway."""

    _ended = False

    def save(self, **kwargs) -> None:
        if self._ended:
            super().save(**kwargs)

    def notebook_complete(self, **kwargs) -> None:
        self._ended = True
        super().notebook_complete(**kwargs)


class _Engine(NBClientEngine):
    """papermill's nbclient engine, with the executed notebook written once (`_SaveAtEnd`)."""

    @classmethod
    def execute_notebook(
        cls,
        nb,
        kernel_name,
        output_path=None,
        progress_bar=True,
        log_output=False,
        autosave_cell_every=30,
        **kw,
    ):
        manager = _SaveAtEnd(
            nb,
            output_path=output_path,
            progress_bar=progress_bar,
            log_output=log_output,
            autosave_cell_every=autosave_cell_every,
        )
        manager.notebook_start()
        try:
            cls.execute_managed_notebook(manager, kernel_name, log_output=log_output, **kw)
        finally:
            manager.cleanup_pbar()
            manager.notebook_complete()
        return manager.nb


ENGINE = "strategy-brief"
papermill_engines.register(ENGINE, _Engine)


@dataclass
class _KernelRun:
    launched: list = field(default_factory=list)
    busy: bool = False  # a cell was sent and its reply has not come
    index: int | None = None  # the cell running or last run, in the executed notebook
    source: str = ""

    def on_cell_start(self, cell, cell_index, **_) -> None:
        self.busy, self.index, self.source = True, cell_index, cell.source

    def on_cell_executed(self, **_) -> None:
        self.busy = False


def _tracking(run: _KernelRun) -> type[EncryptedKernelManager]:
    """A kernel manager class whose kernels this run records."""
    return type("TrackedKernelManager", (EncryptedKernelManager,), {"run": run})


class KernelMissingError(RuntimeError):
    """The named Jupyter kernel is not registered where this Python looks for kernels."""


@dataclass
class NotebookRun:
    notebook: Path
    output: Path
    parameters: dict[str, Any]
    seconds: float
    status: str  # "ok" | "failed"
    cell_index: int | None = None  # from 1 in the source notebook (see _source_index)
    error: str | None = None
    cell_source: str | None = None  # first line of the failing cell, for the log

    def where(self) -> str:
        if self.cell_index is None:
            return self.notebook.name
        line = f" `{self.cell_source}`" if self.cell_source else ""
        return f"{self.notebook.name}, cell {self.cell_index}{line}"


def require_kernel(name: str) -> str:
    """Fail early, and helpfully, when the project kernel is not installed (papermill#251)."""
    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel as exc:
        raise KernelMissingError(
            f"Jupyter kernel '{name}' is not registered for this environment. Run `make setup` "
            f"(it calls `python -m ipykernel install --sys-prefix --name {name}`)."
        ) from exc
    return spec.argv[0]


DEFAULT_CELL_TIMEOUT = 600  # seconds one cell may run (briefs.yml `cell_timeout`, --cell-timeout)


# A kernel that dies before answering its first request never ran a cell: most often another process
# took the TCP port the kernel was given between its choice and its bind. Starting it again is safe.
KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Address already in use")
KERNEL_START_ATTEMPTS = 3


def run_notebook(
    notebook: Path,
    output: Path,
    parameters: dict[str, Any],
    kernel_name: str,
    cwd: Path,
    *,
    cell_timeout: int | None = DEFAULT_CELL_TIMEOUT,
    warm: kernels.WarmKernels | None = None,
    inputs: str = "",
) -> NotebookRun:
    """Execute `notebook` into `output`; a failing or timed-out cell is reported, never raised.
    Whatever happens, the kernel this run started is dead when it returns, unless it is a warm kernel
    (`warm`, see build.kernels) whose run succeeded. A kernel that failed to start (no cell ran) is
    started again, up to KERNEL_START_ATTEMPTS times."""
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        run = _KernelRun()
        result = _execute(notebook, output, parameters, kernel_name, cwd, cell_timeout, run, warm, inputs)
        retry = (
            result.status != "ok"
            and run.index is None  # no cell was sent: nothing ran twice
            and any(text in (result.error or "") for text in KERNEL_START_FAILURES)
            and not processes.stopping()
        )
        if not retry or attempt == KERNEL_START_ATTEMPTS:
            return result
    return result


def _execute(
    notebook: Path,
    output: Path,
    parameters: dict[str, Any],
    kernel_name: str,
    cwd: Path,
    cell_timeout: int | None,
    run: _KernelRun,
    warm: kernels.WarmKernels | None = None,
    inputs: str = "",
) -> NotebookRun:
    """One attempt at running the notebook, its kernel recorded in `run`; `inputs` as `kernels.lease`
    takes it."""
    output.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    kernel: kernels.WarmKernel | None = None
    engine: dict[str, Any] = {"kernel_manager_class": _tracking(run)}
    succeeded = False
    try:
        if warm is not None:
            kernel = warm.lease(kernel_name, cwd, EncryptedKernelManager, inputs)
            km = kernel.ready()
            km.run = run
            engine = {"km": km}
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=kernel_name,
            cwd=str(cwd),
            progress_bar=False,
            log_output=False,
            execution_timeout=cell_timeout,
            on_cell_start=run.on_cell_start,
            on_cell_executed=run.on_cell_executed,
            engine_name=ENGINE,
            **engine,
        )
        succeeded = True
    except CellTimeoutError:
        message = (
            f"CellTimeoutError: the cell was still running after {cell_timeout} s and was stopped; "
            "if it needs longer, raise `cell_timeout` in briefs.yml or pass --cell-timeout SECONDS"
        )
        index = run.index
        _mark_timeout(output, index, message)
        source = [line.strip() for line in run.source.splitlines() if line.strip()]
        return NotebookRun(
            notebook,
            output,
            parameters,
            time.perf_counter() - start,
            "failed",
            cell_index=None if index is None else _source_index(output, index),
            error=message,
            cell_source=source[0][:100] if source else None,
        )
    except PapermillExecutionError as exc:
        index = _source_index(output, exc.cell_index)
        return NotebookRun(
            notebook,
            output,
            parameters,
            time.perf_counter() - start,
            "failed",
            cell_index=index,
            error=f"{exc.ename}: {exc.evalue}",
            cell_source=_failing_line(exc.traceback),
        )
    except Exception as exc:  # kernel died, timeout, unreadable notebook
        return NotebookRun(
            notebook,
            output,
            parameters,
            time.perf_counter() - start,
            "failed",
            error=f"{type(exc).__name__}: {exc}",
        )
    finally:
        if kernel is not None:  # a warm kernel is reused only after a run that went right
            if succeeded and not processes.stopping():
                if kernel.km is not None:
                    kernel.km.run = None
            else:
                kernel.kill()
        for process in run.launched:  # papermill shuts kernels down; this makes sure of it
            processes.kill_kernel(process)
            processes.forget_kernel(process)
    return NotebookRun(notebook, output, parameters, time.perf_counter() - start, "ok")


def _mark_timeout(output: Path, index: int | None, message: str) -> None:
    """Record the timeout in the executed notebook (the record of the run) on the cell it hit."""
    if index is None:
        return
    try:
        nb = nbformat.read(output, as_version=4)
        cell = nb.cells[index]
    except (OSError, ValueError, IndexError):
        return
    name, _, value = message.partition(": ")
    cell.outputs.append(nbformat.v4.new_output("error", ename=name, evalue=value, traceback=[message]))
    cell.metadata.setdefault("papermill", {}).update(status="failed", exception=True)
    nbformat.write(nb, output)


def _source_index(executed: Path, executed_index: int) -> int:
    """The failing cell's position in the notebook the analyst edits, counted from 1 as they
    read it top to bottom in JupyterLab (markdown cells included).

    `executed_index` counts from 0 in papermill's executed notebook, which has the
    injected-parameters cell right after the parameters cell; the file written on failure also
    has papermill's two error-marker cells (one at the top), which shift nothing for papermill."""
    try:
        cells = nbformat.read(executed, as_version=4).cells
    except (OSError, ValueError):
        return executed_index + 1
    cells = [c for c in cells if ERROR_MARKER_TAG not in c.metadata.get("tags", [])]
    injected = sum(1 for c in cells[:executed_index] if "injected-parameters" in c.metadata.get("tags", []))
    return executed_index - injected + 1


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _failing_line(traceback: list[str]) -> str | None:
    """The source line IPython marks with an arrow in the innermost frame of the traceback."""
    for block in reversed(traceback or []):
        for line in _ANSI.sub("", block).splitlines():
            if line.lstrip().startswith("---->"):
                return line.split("---->", 1)[1].strip().lstrip("0123456789 ").strip()[:100]
    return None
