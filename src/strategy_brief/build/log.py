"""A build's log, fit for cron: every line timestamped, one file per build under reports/_logs/, the
console quiet unless asked, and a notification (a command or a webhook) when a build does not succeed."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import urllib.request
from pathlib import Path
from typing import TextIO

LOGS = "_logs"
NOTIFY_TIMEOUT = 10  # seconds a failure command or webhook may take; a build never hangs on it
EXIT_MEANINGS = {0: "ok", 1: "a brief failed", 2: "bad input", 75: "locked by another build"}


def stamp() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def log_path(reports_dir: Path, edition: str | None) -> Path:
    """reports/_logs/<edition>_<UTC start>_<pid>.log: one file per build, never overwritten."""
    now = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(reports_dir) / LOGS / f"{edition or 'today'}_{now}_{os.getpid()}.log"


class BuildLog(io.TextIOBase):
    """A text stream that stamps each line with the UTC time and writes it to the log file, and to the
    console unless `quiet`. A log file that cannot be created leaves the console alone (and says so)."""

    def __init__(self, path: Path | None, console: TextIO, *, quiet: bool = False):
        super().__init__()
        self.console, self.quiet, self.path, self._pending = console, quiet, None, ""
        self._file = None
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._file = path.open("a", encoding="utf-8")
                self.path = path
            except OSError as exc:
                print(f"{stamp()} warning: no log file ({exc})", file=console)

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            self._line(line)
        return len(text)

    def _line(self, line: str, *, problem: bool = False) -> None:
        stamped = f"{stamp()} {line}"
        if self._file is not None:
            self._file.write(stamped + "\n")
            self._file.flush()
        if not self.quiet or problem:
            print(stamped, file=self.console, flush=True)

    def problem(self, line: str, stderr: TextIO) -> None:
        """A problem: always on stderr (cron mails it), and in the log file; each of its lines stamped."""
        for part in str(line).splitlines() or [""]:
            if self._file is not None:
                self._file.write(f"{stamp()} {part}\n")
                self._file.flush()
            print(f"{stamp()} {part}", file=stderr, flush=True)

    def flush(self) -> None:
        if self._pending:
            self._line(self._pending)
            self._pending = ""
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        self.flush()
        if self._file is not None:
            self._file.close()
            self._file = None
        super().close()


def notify(
    exit_code: int,
    *,
    edition: str | None,
    log: Path | None,
    failed: list[str],
    command: str | None = None,
    url: str | None = None,
) -> list[str]:
    """Tell someone a build did not succeed: run `command` (a shell command; the build's facts in
    STRATEGY_BRIEF_* variables) and/or POST a JSON summary to `url`. Returns the problems notifying
    met (they never change the build's exit code)."""
    summary = {
        "exit_code": exit_code,
        "meaning": EXIT_MEANINGS.get(exit_code, "stopped"),
        "edition": edition or "",
        "failed_briefs": failed,
        "log": str(log or ""),
    }
    problems = []
    if command:
        env = os.environ | {
            "STRATEGY_BRIEF_EXIT": str(exit_code),
            "STRATEGY_BRIEF_EDITION": summary["edition"],
            "STRATEGY_BRIEF_LOG": summary["log"],
            "STRATEGY_BRIEF_FAILED": " ".join(failed),
        }
        try:
            done = subprocess.run(command, shell=True, env=env, timeout=NOTIFY_TIMEOUT, check=False)
            if done.returncode:
                problems.append(f"--on-failure command exited {done.returncode}: {command}")
        except subprocess.TimeoutExpired:
            problems.append(f"--on-failure command took over {NOTIFY_TIMEOUT} s and was stopped: {command}")
    if url:
        request = urllib.request.Request(
            url,
            data=json.dumps(summary).encode(),
            headers={"Content-Type": "application/json", "User-Agent": "strategy-brief"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=NOTIFY_TIMEOUT) as response:
                response.read()
        except (OSError, ValueError) as exc:  # URLError, HTTPError, timeouts, a malformed URL
            problems.append(f"--notify-url {url}: {exc}")
    return problems
