"""One build per reports folder and one refresh per data folder at a time, and the cleanup of the
staging folders that a killed build or refresh leaves behind.

The lock is an OS file lock (`filelock`), so it is released when its holder dies, however it
dies. Beside the lock file the holder writes who it is (PID, start time, command), which a second
build prints when it finds the folder taken."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import psutil
from filelock import FileLock, Timeout

EXIT_BUSY = 75  # EX_TEMPFAIL (sysexits.h): the folder is busy, try again later


class Busy(RuntimeError):
    """Another build or refresh holds the folder's lock; the message names its PID and start time."""


def lock_paths(folder: Path, what: str) -> tuple[Path, Path]:
    """The lock file and its sidecar (who holds it) for a folder."""
    return folder / f".{what}.lock", folder / f".{what}.lock.json"


def holder(folder: Path, what: str) -> str:
    """Who holds the folder's lock, as its holder wrote it ('process PID, started TIME, `cmd`')."""
    _, info = lock_paths(folder, what)
    for _ in range(20):  # the holder writes it just after taking the lock
        try:
            data = json.loads(info.read_text(encoding="utf-8"))
            return f"process {data['pid']}, started {data['started']} (`{data['command']}`)"
        except (OSError, ValueError, KeyError, TypeError):
            time.sleep(0.05)
    return "an unknown process (it wrote no holder file)"


@contextmanager
def hold(
    folder: Path, what: str = "build", *, wait: bool = False, say: Callable[[str], None] = print
) -> Iterator[None]:
    """Hold `folder`'s lock for a build (or refresh); raise Busy at once, or wait with `wait`."""
    folder = Path(os.path.abspath(folder))  # papermill may change the working directory meanwhile
    folder.mkdir(parents=True, exist_ok=True)
    path, info = lock_paths(folder, what)
    lock = FileLock(path, thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        who = holder(folder, what)
        if not wait:
            raise Busy(
                f"{folder} is in use by another {what}: {who}. Nothing was changed. Wait for it to "
                f"finish, or run again with --wait to start as soon as it does"
            ) from None
        say(f"Waiting for the {what} holding {path}: {who} …")
        lock.acquire()
    try:
        record = {
            "pid": os.getpid(),
            "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "command": " ".join(["strategy-brief", *sys.argv[1:]])[:300],
        }
        tmp = info.with_name(f"{info.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(record) + "\n", encoding="utf-8")
        os.replace(tmp, info)  # a reader never sees half a file
        yield
    finally:
        # Unlinked while still held: a waiter that opened the old file finds it gone (filelock
        # checks the link count) and locks a fresh one, and no lock file stays between runs.
        for leftover in (info, path):
            with suppress(OSError):
                leftover.unlink()
        lock.release()


# Leftovers of a killed build or refresh, each named with the PID of the process that made it.
REPORTS_LEFTOVERS = (
    re.compile(r"\.staging-.+-(?P<pid>\d+)"),  # publish.new_staging
    re.compile(r"\.retired-\.staging-(?P<edition>.+)-\d{8}T\d+-(?P<pid>\d+)"),  # publish.publish
    re.compile(r"\.latest\.tmp-(?P<pid>\d+)"),  # publish.point_latest
    re.compile(r"\.pruned-.+-(?P<pid>\d+)"),  # retention.prune
)
EXTERNAL_LEFTOVERS = (re.compile(r"\.staging-(?P<pid>\d+)-\d+"),)  # snapshot.Staging
DATA_LEFTOVERS = (re.compile(r"\.processed-(new|old)-(?P<pid>\d+)-\d+"),)  # processed.write_all


def owner_alive(pid: int, made_at: float) -> bool:
    """Whether the process that made a folder at `made_at` (epoch seconds) still runs. A PID
    reused by a process started after the folder was made does not count."""
    if pid == os.getpid():
        return True
    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        return process.create_time() <= made_at + 1
    except psutil.NoSuchProcess:
        return False
    except psutil.Error:  # exists, but we may not look at it: assume it is alive
        return True


def _size(path: Path) -> int:
    if path.is_symlink() or path.is_file():
        return 0
    total = 0
    for item in path.rglob("*"):
        with suppress(OSError):
            if item.is_file() and not item.is_symlink():
                total += item.stat().st_size
    return total


def clean_stale(folder: Path, patterns, say: Callable[[str], None] = print) -> list[Path]:
    """Remove the leftovers in `folder` whose process is gone; one line per folder removed.
    Call with the folder's lock held. A retired edition whose replacement never arrived (a
    build killed between its two renames) is put back instead of removed."""
    folder = Path(os.path.abspath(folder))
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for child in sorted(folder.iterdir()):
        match = next((m for p in patterns if (m := p.fullmatch(child.name))), None)
        if match is None:
            continue
        pid = int(match["pid"])
        try:
            made_at = child.lstat().st_mtime
        except OSError:
            continue
        if owner_alive(pid, made_at):
            say(f"Left {child} in place: process {pid}, which made it, is still running.")
            continue
        edition = match.groupdict().get("edition")
        if edition and not (folder / edition).exists():
            os.replace(child, folder / edition)
            say(
                f"Restored edition {edition} from {child.name}: process {pid} was stopped while "
                "publishing it."
            )
            continue
        size = _size(child)
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            with suppress(OSError):
                child.unlink()
        removed.append(child)
        say(f"Removed stale {child} ({size / 1e6:.1f} MB), left by process {pid}, which is gone.")
    return removed


def clean_stale_data(data_dir: Path, say: Callable[[str], None] = print) -> list[Path]:
    """A refresh's leftovers: staged snapshots in data/external, processed-table swaps in data/."""
    data_dir = Path(data_dir)
    return clean_stale(data_dir / "external", EXTERNAL_LEFTOVERS, say) + clean_stale(
        data_dir, DATA_LEFTOVERS, say
    )
