"""Run one notebook with papermill, in this process, on the project's named kernel."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import papermill
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import AsyncKernelManager
from papermill.exceptions import PapermillExecutionError
from traitlets import default


class EncryptedKernelManager(AsyncKernelManager):
    """Provision CurveZMQ keys when the kernelspec supports them (ipykernel does): the
    kernel's sockets are then encrypted, and it does not warn about plain-text TCP."""

    @default("transport_encryption")
    def _transport_encryption_default(self) -> str:
        return "auto"


class KernelMissingError(RuntimeError):
    """The named Jupyter kernel is not registered where this Python looks for kernels."""


@dataclass
class NotebookRun:
    notebook: Path
    output: Path
    parameters: dict[str, Any]
    seconds: float
    status: str  # "ok" | "failed"
    cell_index: int | None = None  # in the source notebook (papermill's injected cell not counted)
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


def run_notebook(
    notebook: Path, output: Path, parameters: dict[str, Any], kernel_name: str, cwd: Path
) -> NotebookRun:
    """Execute `notebook` into `output`; a failing cell is reported, never raised."""
    output.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=kernel_name,
            cwd=str(cwd),
            progress_bar=False,
            log_output=False,
            kernel_manager_class=EncryptedKernelManager,
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
    return NotebookRun(notebook, output, parameters, time.perf_counter() - start, "ok")


def _source_index(executed: Path, executed_index: int) -> int:
    """Map a cell index in the executed notebook back to the notebook the analyst edits."""
    try:
        cells = nbformat.read(executed, as_version=4).cells
    except (OSError, ValueError):
        return executed_index
    return executed_index - sum(
        1 for c in cells[:executed_index] if "injected-parameters" in c.metadata.get("tags", [])
    )


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _failing_line(traceback: list[str]) -> str | None:
    """The source line IPython marks with an arrow in the innermost frame of the traceback."""
    for block in reversed(traceback or []):
        for line in _ANSI.sub("", block).splitlines():
            if line.lstrip().startswith("---->"):
                return line.split("---->", 1)[1].strip().lstrip("0123456789 ").strip()[:100]
    return None
