"""Tools for the fault tests that need real processes: builds run as `strategy-brief`
subprocesses, a notebook whose cell sleeps, lock holders, and PIDs of processes that are gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil

from tests.conftest import make_notebook

CLI = Path(sys.executable).with_name("strategy-brief")
PARAMS = 'edition: str = "2000-01-01"\nregion: str = "Global"'


def build_argv(root: Path, *args: str) -> list[str]:
    return [
        str(CLI),
        "build",
        "--build-file",
        str(root / "briefs.yml"),
        "--reports-dir",
        str(root / "reports"),
        *map(str, args),
    ]


def start(argv: list[str], log: Path, env: dict | None = None) -> subprocess.Popen:
    """Start a command with its stdout and stderr in `log` (readable while it runs)."""
    handle = log.open("w")
    return subprocess.Popen(argv, stdout=handle, stderr=subprocess.STDOUT, env=env, text=True)


def wait_for(predicate, timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def add_sleeping_brief(root: Path, marker: Path, brief: str = "slow", extra: str = "") -> str:
    """A brief whose second cell writes its kernel's PID to `marker`, then sleeps for a minute."""
    make_notebook(
        root / "notebooks" / "slow.ipynb",
        PARAMS,
        # Written aside and renamed, so a reader never sees the file before its PID is in it.
        "import os, pathlib, time\n"
        f"part = pathlib.Path({str(marker) + '.part'!r})\n"
        "part.write_text(str(os.getpid()))\n"
        f"os.replace(part, {str(marker)!r})\n"
        "time.sleep(60)",
    )
    entry = f"""
      - id: {brief}
        title: Slow
        notebooks: [slow.ipynb]
    """
    entry = textwrap.indent(textwrap.dedent(entry).strip("\n"), "  ") + "\n"
    if extra:
        entry += textwrap.indent(extra.strip("\n") + "\n", "    ")
    build_file = root / "briefs.yml"
    build_file.write_text(build_file.read_text().rstrip("\n") + "\n" + entry)
    return brief


def add_long_brief(root: Path, brief: str = "long", paragraphs: int = 1500) -> str:
    """A brief whose one cell writes some hundred pages of prose: Chromium takes seconds to print it, long
    enough for a test to catch it printing (a tiny brief prints in a fraction of a second)."""
    make_notebook(
        root / "notebooks" / "long.ipynb",
        PARAMS,
        "from strategy_brief.report import record\n"
        f"for i in range({paragraphs}):\n"
        "    record.narrate(f'Paragraph {i}. ' + 'A long brief to print. ' * 40)",
    )
    entry = f"""
      - id: {brief}
        title: Long
        notebooks: [long.ipynb]
    """
    build_file = root / "briefs.yml"
    build_file.write_text(
        build_file.read_text().rstrip("\n")
        + "\n"
        + textwrap.indent(textwrap.dedent(entry).strip("\n"), "  ")
        + "\n"
    )
    return brief


def gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def dead_pid() -> int:
    """The PID of a process that has exited and been reaped."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def kernels_under(pid: int) -> list[psutil.Process]:
    """Jupyter kernels among a process's descendants."""
    found = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            if any("ipykernel" in part for part in child.cmdline()) and child.status() != "zombie":
                found.append(child)
        except psutil.Error:
            continue
    return found


HOLD = """
import sys, time
from pathlib import Path
from strategy_brief.build import lock as buildlock
with buildlock.hold(Path(sys.argv[1]), sys.argv[2]):
    print("held", flush=True)
    time.sleep(120)
"""


def hold_lock(folder: Path, what: str = "build") -> subprocess.Popen:
    """Another process holding the folder's lock, as a running build or refresh would."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder), what], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
