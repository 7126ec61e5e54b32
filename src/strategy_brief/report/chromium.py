"""A small client of Chromium's DevTools protocol over `--remote-debugging-pipe` (fd 3: commands in,
fd 4: replies and events out, NUL-separated JSON), so that PDFs print without Playwright's Node
driver. `Browser` is thread-safe: any thread (a Jupyter kernel's included, whose own thread runs an
event loop) prints with `print_page`, several threads at once, each page in a browser context of its
own. A reader thread dispatches replies and events; every wait is bounded by the caller's deadline."""

from __future__ import annotations

import base64
import concurrent.futures
import contextlib
import fcntl
import itertools
import json
import os
import queue
import select
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

ENV_VAR = "STRATEGY_BRIEF_CHROMIUM"
# Debian's headless shell first: the same engine as the desktop browser, half its memory.
CANDIDATES = (
    "chromium-headless-shell",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
)
# What a windowless browser on a pipe needs; the caller adds its own flags (export.CHROMIUM_ARGS).
# --headless: the desktop chromium needs it, the headless shell ignores it.
PIPE_ARGS = [
    "--headless", "--remote-debugging-pipe", "--no-startup-window", "--disable-extensions",
    "--disable-default-apps", "--disable-dev-shm-usage", "--disable-breakpad", "--mute-audio",
    "--hide-scrollbars", "--no-default-browser-check", "--force-color-profile=srgb",
]  # fmt: skip
# Playwright's paper sizes (inches) and units, so that a page breaks where page.pdf() broke it.
PAPER_INCHES = {
    "letter": (8.5, 11), "legal": (8.5, 14), "tabloid": (11, 17), "ledger": (17, 11),
    "a0": (33.1, 46.8), "a1": (23.4, 33.1), "a2": (16.54, 23.4), "a3": (11.7, 16.54),
    "a4": (8.27, 11.7), "a5": (5.83, 8.27), "a6": (4.13, 5.83),
}  # fmt: skip
_PX_PER_UNIT = {"px": 1, "in": 96, "cm": 37.8, "mm": 3.78}
_GONE = object()  # put on a page's event queue when the browser goes away


def locate() -> tuple[str, str] | None:
    """Where Chromium is, without running it: ($STRATEGY_BRIEF_CHROMIUM, ENV_VAR), else (the first of
    CANDIDATES on PATH, "PATH"); None if neither."""
    if override := os.environ.get(ENV_VAR):
        return override, ENV_VAR
    for name in CANDIDATES:
        if found := shutil.which(name):
            return found, "PATH"
    return None


def paper_inches(page_format: str) -> tuple[float, float]:
    try:
        return PAPER_INCHES[page_format.lower()]
    except KeyError:
        raise ValueError(f"page_format {page_format!r} is not one of {', '.join(PAPER_INCHES)}") from None


def inches(length: str) -> float:
    """A CSS length such as "16mm" in inches, converted as Playwright converts it."""
    unit = length[-2:] if length[-2:] in _PX_PER_UNIT else "px"
    return float(length.removesuffix(unit)) * _PX_PER_UNIT[unit] / 96


class Browser:
    """One Chromium on a DevTools pipe, started at once, in a session of its own (so a Ctrl-C in the
    terminal does not reach it); it quits by itself if this process dies. `close()` or `kill()` it."""

    def __init__(self, executable: str, args=(), no_sandbox: bool = False) -> None:
        self.executable = executable
        self._profile = tempfile.TemporaryDirectory(prefix="strategy-brief-chromium-")
        argv = [executable, *PIPE_ARGS, f"--user-data-dir={self._profile.name}", *args]
        if (no_sandbox or os.geteuid() == 0) and "--no-sandbox" not in argv:
            argv.append("--no-sandbox")  # Chromium refuses to start as root with its sandbox
        to_child, self._write = _pipe()
        self._read, from_child = _pipe()
        null = _high(os.open(os.devnull, os.O_RDWR | os.O_CLOEXEC))
        actions = [(os.POSIX_SPAWN_DUP2, fd, to) for fd, to in ((to_child, 3), (from_child, 4))]
        actions += [(os.POSIX_SPAWN_DUP2, null, to) for to in (0, 1, 2)]
        try:  # posix_spawn, not fork: safe from a thread of a process that runs others (a kernel)
            self.pid = os.posix_spawn(executable, argv, os.environ, file_actions=actions, setsid=True)
        except OSError as exc:
            os.close(self._read)
            os.close(self._write)
            self._profile.cleanup()
            raise RuntimeError(f"Chromium {executable} could not be started: {exc}") from exc
        finally:
            for fd in (to_child, from_child, null):
                os.close(fd)
        os.set_blocking(self._write, False)
        self.error: str | None = None  # why the browser is gone, once it is
        self._ids = itertools.count(1)
        self._lock = threading.Lock()  # guards error, _pending, _pages
        self._write_lock = threading.Lock()  # one message at a time on the pipe
        self._pending: dict[int, tuple[concurrent.futures.Future, str | None]] = {}
        self._pages: dict[str, queue.Queue] = {}  # a printing page's events, by session
        self._reader = threading.Thread(target=self._read_replies, name="chromium-pipe", daemon=True)
        self._reader.start()

    @property
    def alive(self) -> bool:
        return self.error is None

    @property
    def _exited(self) -> str:
        return f"Chromium {self.executable} (pid {self.pid}) exited or crashed: its pipe closed"

    def send(self, method: str, params: dict | None = None, session: str | None = None, deadline=None):
        """Run one command (in a page's session if given) and return its result, by `deadline` (a
        time.monotonic()) or TimeoutError; RuntimeError if Chromium refuses it or is gone."""
        message = {"id": next(self._ids), "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        future: concurrent.futures.Future = concurrent.futures.Future()
        with self._lock:
            if self.error:
                raise RuntimeError(self.error)
            self._pending[message["id"]] = (future, session)
        try:
            with self._write_lock:
                self._write_message(json.dumps(message).encode() + b"\0", deadline)
            return future.result(timeout=_left(deadline))
        except concurrent.futures.TimeoutError:
            raise TimeoutError(f"Chromium did not answer {method} in time") from None
        finally:
            with self._lock:
                self._pending.pop(message["id"], None)

    def print_page(self, html: str, pdf_params: dict, expression: str | None = None, deadline=None):
        """Print `html` (Page.printToPDF with `pdf_params`) in a new browser context, with print media,
        once loaded and its fonts ready; returns (the PDF, the value of `expression` evaluated just
        before printing, or None)."""

        def browser(method: str, params: dict, until=deadline) -> dict:
            return self.send(method, params, deadline=until)

        with tempfile.TemporaryDirectory(prefix="strategy-brief-pdf-") as tmp:
            page_file = Path(tmp) / "brief.html"
            page_file.write_text(html, encoding="utf-8")
            context = browser("Target.createBrowserContext", {"disposeOnDetach": True})["browserContextId"]
            try:
                target = browser("Target.createTarget", {"url": "about:blank", "browserContextId": context})
                attach = {"targetId": target["targetId"], "flatten": True}
                session, events = browser("Target.attachToTarget", attach)["sessionId"], queue.Queue()
                with self._lock:
                    self._pages[session] = events
                try:
                    return self._print(session, events, page_file.as_uri(), pdf_params, expression, deadline)
                finally:
                    with self._lock:
                        self._pages.pop(session, None)
            finally:  # what is left of the deadline, at least a moment: a hung browser is killed after
                until = time.monotonic() + (5 if deadline is None else max(0.5, _left(deadline)))
                with contextlib.suppress(RuntimeError, TimeoutError):
                    browser("Target.disposeBrowserContext", {"browserContextId": context}, until)

    def _print(self, session, events, url, pdf_params, expression, deadline) -> tuple[bytes, object]:
        def page(method: str, params: dict | None = None) -> dict:
            return self.send(method, params, session, deadline)

        def evaluate(source: str, wait: bool = False):
            reply = page(
                "Runtime.evaluate", {"expression": source, "returnByValue": True, "awaitPromise": wait}
            )
            if "exceptionDetails" in reply:
                raise RuntimeError(f"the page's script failed: {reply['exceptionDetails'].get('text')}")
            return reply["result"].get("value")

        page("Page.enable")
        page("Page.setLifecycleEventsEnabled", {"enabled": True})
        page("Emulation.setEmulatedMedia", {"media": "print"})
        navigation = page("Page.navigate", {"url": url})
        if navigation.get("errorText"):
            raise RuntimeError(f"Chromium could not open {url}: {navigation['errorText']}")
        while True:  # the load event of this navigation (not of the blank page before it)
            try:
                event = events.get(timeout=_left(deadline))
            except queue.Empty:
                raise TimeoutError("Chromium did not finish loading the page in time") from None
            if event is _GONE:
                raise RuntimeError(self.error or "Chromium's page crashed while printing")
            found = event["params"]
            if found.get("name") == "load" and found.get("loaderId") == navigation.get("loaderId"):
                break
        evaluate("document.fonts.ready.then(() => true)", wait=True)
        value = evaluate(expression) if expression else None
        stream = page("Page.printToPDF", {**pdf_params, "transferMode": "ReturnAsStream"})["stream"]
        parts, chunk = [], {}
        while not chunk.get("eof"):
            chunk = page("IO.read", {"handle": stream, "size": 1 << 20})
            data = chunk.get("data", "")
            parts.append(base64.b64decode(data) if chunk.get("base64Encoded") else data.encode("latin-1"))
        page("IO.close", {"handle": stream})
        return b"".join(parts), value

    def close(self, timeout: float = 5) -> None:
        """Ask Chromium to quit; kill it if it has not within `timeout` s."""
        with contextlib.suppress(RuntimeError, TimeoutError):
            self.send("Browser.close", deadline=time.monotonic() + timeout)
        self._reader.join(timeout)  # ends when Chromium closes its end of the pipe
        self.kill()

    def kill(self) -> None:
        """Kill Chromium at once, with its process group (its session: the Debian wrapper script, the
        browser and every helper it started), and reap it."""
        with self._lock:
            if self._write < 0:
                return
            write, self._write = self._write, -1
        self._fail(f"Chromium {self.executable} was stopped")
        with contextlib.suppress(OSError):  # a group's id is not reused while any member lives
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):  # already reaped (a build's signal handler)
            os.waitpid(self.pid, 0)
        os.close(write)
        self._reader.join(3)  # the pipe closed with the browser
        if not self._reader.is_alive():
            os.close(self._read)
        self._profile.cleanup()

    def _write_message(self, data: bytes, deadline) -> None:
        while data:  # a non-blocking pipe: a Chromium that stopped reading cannot hang the caller
            try:
                data = data[os.write(self._write, data) :]
            except BlockingIOError:
                if not select.select([], [self._write], [], _left(deadline))[1]:
                    raise TimeoutError("Chromium stopped reading its DevTools pipe") from None
            except OSError as exc:  # EPIPE or a closed pipe: it is gone
                self._fail(self._exited)
                raise RuntimeError(self.error) from exc

    def _read_replies(self) -> None:
        buffer = bytearray()
        while chunk := _read_some(self._read):
            buffer += chunk
            while (end := buffer.find(b"\0")) >= 0:
                message = json.loads(buffer[:end])
                del buffer[: end + 1]
                self._dispatch(message)
        self._fail(self._exited)

    def _dispatch(self, message: dict) -> None:
        if "id" not in message:  # an event: to the page it is about; a crashed page fails its commands
            session = message.get("sessionId")
            with self._lock:
                events = self._pages.get(session)
            if message.get("method") == "Inspector.targetCrashed" and session:
                self._fail("Chromium's page crashed while printing", session)
            elif events is not None and message.get("method") == "Page.lifecycleEvent":
                events.put(message)
            return
        with self._lock:
            future, _ = self._pending.pop(message["id"], (None, None))
        if future is None or future.done():
            return
        if "error" in message:
            future.set_exception(RuntimeError(f"Chromium refused a command: {message['error']}"))
        else:
            future.set_result(message.get("result", {}))

    def _fail(self, reason: str, session: str | None = None) -> None:
        """Fail the commands and waits of one page (its renderer crashed), or all (the browser is gone)."""
        with self._lock:
            if session is None and self.error is None:
                self.error = reason
            ids = [i for i, (_, s) in self._pending.items() if session is None or s == session]
            futures = [self._pending.pop(i)[0] for i in ids]
            pages = [q for s, q in self._pages.items() if session is None or s == session]
        for future in futures:
            if not future.done():
                future.set_exception(RuntimeError(reason if session else self.error))
        for events in pages:
            events.put(_GONE)


def _read_some(fd: int) -> bytes:
    try:
        return os.read(fd, 1 << 20)
    except OSError:
        return b""


def _pipe() -> tuple[int, int]:
    read, write = os.pipe()
    return _high(read), _high(write)


def _high(fd: int) -> int:
    """`fd` moved to a number >= 10 (close-on-exec), so that the child's dup2 onto 0-4 cannot clobber it."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


def _left(deadline: float | None) -> float | None:
    return None if deadline is None else max(0.0, deadline - time.monotonic())
