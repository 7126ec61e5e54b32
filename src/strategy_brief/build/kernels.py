"""Warm kernels: each worker keeps one kernel and runs its notebook runs on it, one after another.

A new kernel costs about a second to start and more to import pandas, matplotlib and the package;
a build makes 16 runs, a country edition over a hundred. A warm kernel pays that once. Before each
run the kernel is put back as a new kernel would be (`build.kernel_state`): namespace, execution
counter, figures, rcParams, folder, environment, warnings. Modules stay imported, so module-level
caches of curated files stay warm too; they are keyed by the files, which a build does not change.

A kernel whose run failed, timed out or was interrupted is never reused: it is killed, and the next
run starts a new one. A kernel is also replaced after `max_runs` runs, to bound what it accumulates.
`--cold-kernels` (or STRATEGY_BRIEF_COLD_KERNELS=1) starts a new kernel for every run instead."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_core.utils import run_sync

from strategy_brief.build import processes

# What every notebook imports first (see notebooks/): imported once per kernel, before its first run.
PRELOAD = [
    "pandas",
    "matplotlib.pyplot",
    "strategy_brief.report.record",
    "strategy_brief.report.style",
    "strategy_brief.analysis.findings",
    "strategy_brief.data.provenance",
]
# A replacement costs about 5 s of CPU (start, imports, and parsing the curated files again); over
# a 103-brief country edition on one worker its resident memory stayed between 160 and 170 MiB. At 50,
# that edition replaced its kernel twice: 10 s of CPU of its 88 s.
MAX_RUNS = 250
HISTORY = "--HistoryManager.hist_file=:memory:"  # as nbclient starts kernels: no shared history file
SETUP_TIMEOUT = 120  # seconds to start a kernel and import PRELOAD, or to reset it


def cold_by_default() -> bool:
    return os.environ.get("STRATEGY_BRIEF_COLD_KERNELS", "") not in ("", "0")


class KernelSetupError(RuntimeError):
    """A warm kernel could not be started, warmed or reset."""


class ReusableClient(AsyncKernelClient):
    """The one client of a warm kernel, open for all its runs. nbclient starts a client and waits for
    its kernel on every run (a fifth of a second of waiting each time); once this one is `settled`,
    both are no-ops."""

    settled = False

    def start_channels(self, *args, **kwargs) -> None:
        if not self.settled:
            super().start_channels(*args, **kwargs)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        if not self.settled:
            await super()._async_wait_for_ready(timeout=timeout)


class WarmKernel:
    """One kernel, started on first use, its one client, and the runs it has made."""

    def __init__(self, kernel_name: str, cwd: Path, manager_class: type) -> None:
        self.kernel_name, self.cwd, self.manager_class = kernel_name, Path(cwd), manager_class
        self.km = None
        self.client: ReusableClient | None = None
        self.runs = 0

    def ready(self):
        """The kernel manager, its kernel started and warmed, or reset to a new kernel's state."""
        if self.km is None:
            self.km = self.manager_class(
                kernel_name=self.kernel_name, client_class=f"{__name__}.ReusableClient"
            )
            try:
                run_sync(self.km.start_kernel)(cwd=str(self.cwd), extra_arguments=[HISTORY])
                self.client = self.km.client()
                self.client.start_channels()
                run_sync(self.client.wait_for_ready)(timeout=SETUP_TIMEOUT)
                self.client.settled = True
                self.km.warm = self  # from now on the manager hands out this client
                self._run_code(
                    f"from strategy_brief.build import kernel_state as _ks\n_ks.record({PRELOAD!r})\ndel _ks",
                )
            except Exception as exc:
                self.kill()
                raise KernelSetupError(f"warm kernel: could not start and warm it: {exc}") from exc
        try:
            self._run_code("from strategy_brief.build import kernel_state as _ks\n_ks.restore()")
        except Exception as exc:
            self.kill()
            raise KernelSetupError(f"warm kernel: could not reset it between runs: {exc}") from exc
        self.runs += 1
        return self.km

    def _run_code(self, code: str) -> None:
        """Run `code` silently and wait for its reply on the shell channel (no output is needed)."""
        client = self.client

        async def go() -> dict:
            msg_id = client.execute(code, silent=True, store_history=False, allow_stdin=False)
            while True:
                reply = await client.get_shell_msg(timeout=SETUP_TIMEOUT)
                if reply.get("parent_header", {}).get("msg_id") == msg_id:
                    return reply

        content = run_sync(go)().get("content", {})
        if content.get("status") != "ok":
            raise KernelSetupError(f"{content.get('ename', 'error')}: {content.get('evalue', '')}")

    def kill(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            with contextlib.suppress(Exception):  # channels of a dead kernel
                client.stop_channels()
        km, self.km = self.km, None
        if km is None:
            return
        km.warm = None
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None:
            processes.kill_kernel(process)
            processes.forget_kernel(process)
        with contextlib.suppress(Exception):  # files of a killed kernel may already be gone
            run_sync(km._async_cleanup_resources)()  # its connection file and ports


class WarmKernels:
    """One warm kernel per thread that runs notebooks (the local executor's workers, a Dask worker)."""

    def __init__(self, max_runs: int = MAX_RUNS) -> None:
        self.max_runs = max_runs
        self._lock = threading.Lock()
        self._kernels: dict[tuple[int, str, str, str], WarmKernel] = {}

    def lease(self, kernel_name: str, cwd: Path, manager_class: type, inputs: str = "") -> WarmKernel:
        """This thread's kernel for `kernel_name` in `cwd`. `inputs` names the project's state (a digest
        of its package, data and locked versions): a worker that outlives a build never runs the next
        one's notebooks with modules imported from an older checkout."""
        key = (threading.get_ident(), kernel_name, str(Path(cwd).resolve()), inputs)
        with self._lock:
            stale = [k for k in self._kernels if k[:3] == key[:3] and k != key]  # an older project state
            retired = [self._kernels.pop(k) for k in stale]
            warm = self._kernels.get(key)
            if warm is None:
                warm = self._kernels[key] = WarmKernel(kernel_name, cwd, manager_class)
        for old in retired:
            old.kill()
        if warm.km is not None and warm.runs >= self.max_runs:
            warm.kill()
            warm.runs = 0
        return warm

    def release_this_thread(self) -> None:
        """Stop the calling thread's kernels (a worker with no run left)."""
        me = threading.get_ident()
        with self._lock:
            mine = [self._kernels.pop(k) for k in list(self._kernels) if k[0] == me]
        for warm in mine:
            warm.kill()

    def close(self) -> None:
        with self._lock:
            kernels, self._kernels = list(self._kernels.values()), {}
        for warm in kernels:
            warm.kill()
