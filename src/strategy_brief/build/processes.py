"""The processes a build starts (Jupyter kernels and Chromium), and stopping them all when the build
gets SIGINT (Ctrl-C) or SIGTERM.

Kernels and Chromium run in sessions of their own (jupyter_client starts kernels so; `report.chromium`
starts the browser so), so a Ctrl-C in the terminal never reaches them, and a build blocked on a
sleeping kernel would wait for it. The signal handler therefore kills every child itself, then raises
`Interrupted` in the main thread. (Chromium also quits by itself when its DevTools pipe closes, so
even a build killed with SIGKILL leaves no browser behind.)"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import psutil

_lock = threading.RLock()  # re-entrant: a second signal may arrive inside the handler
_kernels: set[subprocess.Popen] = set()
_stopping = threading.Event()
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """The build got SIGINT or SIGTERM. A KeyboardInterrupt, so no `except Exception` eats it."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.workers_left = False  # worker threads still running after the grace period
        self.detail = "nothing was published"  # what state the build left, set by the build

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 130 for SIGINT, 143 for SIGTERM


def stopping() -> bool:
    """True once a signal asked the build to stop: start nothing new."""
    return _stopping.is_set()


def track_kernel(process: subprocess.Popen) -> None:
    with _lock:
        _kernels.add(process)
    if stopping():  # started while the handler was killing the others
        kill_kernel(process)


def forget_kernel(process: subprocess.Popen) -> None:
    with _lock:
        _kernels.discard(process)


def kill_kernel(process: subprocess.Popen) -> bool:
    """Kill a kernel and its process group (it leads its own session); True if it was alive."""
    if process.poll() is not None:
        return False
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        with suppress(OSError):
            process.kill()
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=2)  # reap it, so no zombie is left either
    return True


def kill_children() -> int:
    """Kill every kernel and every other process this one started (Chromium, a direct child of the
    build, and its renderers and helpers below it); returns how many were alive."""
    with _lock:
        kernels = list(_kernels)
    killed = sum(kill_kernel(k) for k in kernels)
    try:
        others = psutil.Process().children(recursive=True)  # listed before any dies and is reparented
    except psutil.Error:
        others = []
    for process in others:
        with suppress(psutil.Error):
            process.kill()
            killed += 1
    psutil.wait_procs(others, timeout=2)
    return killed


class SignalGuard:
    """SIGINT/SIGTERM: kill the children at once, then raise Interrupted in the main thread,
    except inside `critical()` (publishing), which finishes first."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._critical = 0
        self._pending: int | None = None

    def _handle(self, signum, frame) -> None:
        _stopping.set()
        kill_children()
        if self.signum is not None:  # a second Ctrl-C while stopping: already on our way out
            return
        if self._critical:
            self._pending = signum
            return
        self.signum = signum
        raise Interrupted(signum)

    @contextmanager
    def critical(self) -> Iterator[None]:
        """Renames that must not be cut in half (publishing an edition)."""
        self._critical += 1
        try:
            yield
        finally:
            self._critical -= 1
        if not self._critical and self._pending is not None and self.signum is None:
            self.signum = self._pending
            raise Interrupted(self._pending)


@contextmanager
def stop_on_signals() -> Iterator[SignalGuard]:
    """Install the guard's handler for the duration (main thread only; elsewhere a no-op)."""
    guard = SignalGuard()
    if threading.current_thread() is not threading.main_thread():
        yield guard
        return
    previous = {s: signal.signal(s, guard._handle) for s in SIGNALS}
    try:
        yield guard
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)
        _stopping.clear()
