"""The DevTools-pipe client (strategy_brief.report.chromium) and the Printer on top of it: lookups and
unit conversions without a browser; with Debian's Chromium, concurrent prints from several threads in
one browser, a killed browser or a crashed page that fails clearly, and no process left behind."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import threading
import time

import psutil
import pytest

from strategy_brief.build import cache
from strategy_brief.report import chromium, export

HUNG_PAGE = "<html><body><p>Loading forever</p><script>for (;;) {}</script></body></html>"


def fake_executable(folder, name: str, body: str = 'echo "Chromium 1.2.3"'):
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


def test_the_headless_shell_is_preferred_the_variable_overrides_and_the_cache_looks_where_the_build_does(
    tmp_path, monkeypatch
):
    for name in ("chromium", "chromium-headless-shell", "google-chrome"):
        fake_executable(tmp_path, name)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv(chromium.ENV_VAR, raising=False)
    shell = str(tmp_path / "chromium-headless-shell")
    assert export.find_chromium() == shell == cache.chromium_path()
    (tmp_path / "chromium-headless-shell").unlink()
    assert export.find_chromium() == str(tmp_path / "chromium") == cache.chromium_path()
    other = fake_executable(tmp_path, "my-chrome")
    monkeypatch.setenv(chromium.ENV_VAR, str(other))
    assert export.find_chromium() == str(other) == cache.chromium_path()
    assert chromium.locate() == (str(other), chromium.ENV_VAR)


def test_nothing_on_path_names_every_candidate_and_make_setup(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv(chromium.ENV_VAR, raising=False)
    assert cache.chromium_path() is None
    with pytest.raises(RuntimeError, match=r"chromium-headless-shell, chromium, .*make setup"):
        export.find_chromium()


def test_lengths_and_paper_sizes_convert_as_playwright_converts_them():
    assert chromium.inches("96px") == 1 and chromium.inches("96") == 1
    assert chromium.inches("1in") == 1 and chromium.inches("2.54cm") == pytest.approx(2.54 * 37.8 / 96)
    assert chromium.inches("18mm") == pytest.approx(18 * 3.78 / 96)
    assert chromium.paper_inches("a4") == chromium.paper_inches("A4") == (8.27, 11.7)
    with pytest.raises(ValueError, match="page_format 'A7' is not one of letter"):
        chromium.paper_inches("A7")


def test_a_missing_executable_fails_to_start_clearly(tmp_path):
    with pytest.raises(RuntimeError, match=r"Chromium .*nope could not be started"):
        chromium.Browser(str(tmp_path / "nope"))


def test_a_browser_that_exits_at_once_gives_a_clear_error_and_no_zombie(tmp_path):
    fake = fake_executable(tmp_path, "chromium", "exit 3")
    printer = export.Printer(str(fake), timeout=20)
    before = {p.pid for p in psutil.Process().children(recursive=True)}  # earlier tests' workers
    with pytest.raises(RuntimeError, match=r"Chromium at .*chromium failed to start: .*exited or crashed"):
        printer.print_pdf("<p>x</p>")
    assert printer.launches == 1
    left = [p for p in psutil.Process().children(recursive=True) if p.pid not in before]
    assert not left, left  # reaped, not a zombie


def chromium_processes() -> list[psutil.Process]:
    found = []
    for process in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):  # one that ends as we look is no Chromium left behind
            if "chrom" in process.name().lower():
                found.append(process)
    return found


def pdf_text(pdf: bytes, tmp_path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.slow
def test_two_threads_print_at_once_with_one_browser_each_its_own_page(chromium_executable, tmp_path):
    pages = {i: f"<h1>Page {i}</h1>" + f"<p>Body of page {i}. </p>" * 400 for i in range(2)}
    results, errors, go = {}, [], threading.Barrier(2)
    with export.Printer(chromium_executable) as printer:

        def print_one(i: int) -> None:
            go.wait()
            try:
                results[i] = printer.print_pdf(pages[i], footer=f"Footer {i}")
            except Exception as exc:  # reported below, with the thread's index
                errors.append((i, exc))

        threads = [threading.Thread(target=print_one, args=(i,)) for i in pages]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert not errors, errors
        assert printer.launches == 1
        browsers = chromium_processes()
    for i, pdf in results.items():
        text = pdf_text(pdf, tmp_path, f"{i}.pdf")
        assert f"Page {i}" in text and f"Footer {i}" in text
        assert f"Page {1 - i}" not in text and f"Footer {1 - i}" not in text
    _, alive = psutil.wait_procs(browsers, timeout=5)
    assert browsers and not alive, "closing the printer left Chromium running"


@pytest.mark.slow
def test_the_browser_evaluates_the_expression_on_the_loaded_page_in_print_media(chromium_executable):
    browser = chromium.Browser(chromium_executable, export.CHROMIUM_ARGS)
    try:
        page = "<style>@media print { p { color: rgb(1, 2, 3); } }</style><p>x</p><p>y</p>"
        expression = (
            "[document.readyState, document.querySelectorAll('p').length,"
            " getComputedStyle(document.querySelector('p')).color]"
        )
        pdf, value = browser.print_page(page, {}, expression, deadline=time.monotonic() + 30)
        assert pdf.startswith(b"%PDF") and value == ["complete", 2, "rgb(1, 2, 3)"]
        with pytest.raises(RuntimeError, match="the page's script failed"):
            browser.print_page(page, {}, "undefinedName.x", deadline=time.monotonic() + 30)
        assert browser.alive  # a failing script is the page's problem, not the browser's
    finally:
        browser.close()
    assert not browser.alive and not chromium_processes()


def wait_for(predicate, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def spinning_renderers() -> list[psutil.Process]:
    """Renderers busy running the hung page's endless loop (not the spare one Chromium keeps idle)."""
    found = []
    for process in chromium_processes():
        try:
            if "--type=renderer" in process.cmdline() and process.cpu_percent(interval=0.2) > 50:
                found.append(process)
        except psutil.Error:
            continue
    return found


def print_in_thread(printer: export.Printer, page: str) -> dict:
    outcome: dict = {}

    def run() -> None:
        started = time.monotonic()
        try:
            outcome["pdf"] = printer.print_pdf(page, timeout=60)
        except RuntimeError as exc:
            outcome["error"] = exc
        outcome["seconds"] = time.monotonic() - started

    outcome["thread"] = threading.Thread(target=run)
    outcome["thread"].start()
    return outcome


@pytest.mark.slow
def test_a_browser_killed_mid_print_fails_clearly_and_the_next_print_starts_a_new_one(chromium_executable):
    with export.Printer(chromium_executable) as printer:
        outcome = print_in_thread(printer, HUNG_PAGE)
        wait_for(spinning_renderers)  # the page is loading
        browser = printer._browser
        os.killpg(browser.pid, 9)  # as the OOM killer or a user would
        outcome["thread"].join(20)
        assert "pdf" not in outcome and outcome["seconds"] < 10  # at once, not at the 60 s timeout
        assert re.search(r"Chromium .* exited or crashed|was stopped", str(outcome["error"])), outcome
        assert printer.print_pdf("<p>again</p>").startswith(b"%PDF")
        assert printer.launches == 2
    assert not chromium_processes()


@pytest.mark.slow
def test_a_crashed_page_fails_its_print_but_the_browser_prints_on(chromium_executable):
    with export.Printer(chromium_executable) as printer:
        outcome = print_in_thread(printer, HUNG_PAGE)
        wait_for(spinning_renderers)
        for renderer in spinning_renderers():
            renderer.kill()
        outcome["thread"].join(20)
        assert outcome["seconds"] < 10 and "page crashed while printing" in str(outcome["error"]), outcome
        assert printer.print_pdf("<p>again</p>").startswith(b"%PDF")
        assert printer.launches == 1  # the browser itself was fine


@pytest.mark.slow
def test_a_deadline_fails_with_timeout_error_and_kill_leaves_no_process(chromium_executable):
    browser = chromium.Browser(chromium_executable, export.CHROMIUM_ARGS)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        browser.print_page(HUNG_PAGE, {}, deadline=time.monotonic() + 1)
    assert time.monotonic() - started < 5
    family = chromium_processes()
    browser.kill()
    _, alive = psutil.wait_procs(family, timeout=3)
    assert family and not alive, alive
    with pytest.raises(RuntimeError, match="was stopped"):
        browser.send("Browser.getVersion", deadline=time.monotonic() + 5)


@pytest.mark.slow
def test_chromium_quits_when_the_process_that_drives_it_dies(chromium_executable, tmp_path):
    script = (
        "import os, sys, time\n"
        "from strategy_brief.report import chromium\n"
        "b = chromium.Browser(sys.argv[1])\n"
        "b.send('Browser.getVersion', deadline=time.monotonic() + 30)\n"
        "print(b.pid, flush=True)\n"
        "os._exit(0)\n"  # no close(), no kill(): as a build killed with SIGKILL
    )
    driver = subprocess.run(
        [sys.executable, "-c", script, chromium_executable], capture_output=True, text=True
    )
    pid = int(driver.stdout.split()[0])

    def group_gone() -> bool:  # no live process left in the browser's process group
        return not [
            p for p in psutil.process_iter(["status"]) if _pgid(p.pid) == pid and p.info["status"] != "zombie"
        ]

    wait_for(group_gone, timeout=15)


def _pgid(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None
