"""nbconvert exporters for briefs: no code, no prompts, house template; PDF through Debian's Chromium (one
browser for a whole build, `Printer`), printed once, with the contents' page numbers then written in
from the printed PDF's named destinations (`report.pdf_contents`). The document they export is assembled by
`report.assemble`."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import html as html_lib
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

import nbformat
import psutil
from nbconvert.exporters import HTMLExporter, WebPDFExporter
from traitlets import Any as AnyTrait
from traitlets import Float, Unicode, default

from strategy_brief import config
from strategy_brief.report import pdf_contents, safe_html

TEMPLATE_NAME = "brief"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Chromium must not try the network (closed here, and a brief is rendered from local files only).
# Seconds one brief may take to print (a few seconds is normal; the full report about ten).
PRINT_TIMEOUT = float(os.environ.get("STRATEGY_BRIEF_PRINT_TIMEOUT", "300"))
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class _BriefTemplate:
    """Defaults shared by both exporters: our template, and nothing but the outputs and prose."""

    @default("template_name")
    def _template_name_default(self) -> str:
        return TEMPLATE_NAME

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(config.TEMPLATES_DIR)]

    @default("exclude_input")
    def _exclude_input_default(self) -> bool:
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self) -> bool:
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self) -> bool:
        return True

    def _init_resources(self, resources):
        resources = super()._init_resources(resources)
        resources["content_security_policy"] = safe_html.CONTENT_SECURITY_POLICY
        return resources


class BriefHTMLExporter(_BriefTemplate, HTMLExporter):
    """HTML brief: house template, inline SVG charts, no code; sanitized before it is written."""

    export_from_notebook = "Strategy brief (HTML)"

    def from_notebook_node(self, nb, resources=None, **kw):
        page, resources = super().from_notebook_node(nb, resources=resources, **kw)
        return safe_html.sanitize_document(page), resources


def find_chromium() -> str:
    """The Chromium to print with: $STRATEGY_BRIEF_CHROMIUM, else the first one on PATH; checked
    to run, so that a build stops before any kernel starts rather than after every notebook."""
    override = os.environ.get("STRATEGY_BRIEF_CHROMIUM")
    if override:
        return _chromium_runs(override, "STRATEGY_BRIEF_CHROMIUM")
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return _chromium_runs(found, "PATH")
    raise RuntimeError(
        "No Chromium found to print the PDF brief (looked for "
        f"{', '.join(CHROMIUM_CANDIDATES)} on PATH). Run `make setup`, which installs "
        "Debian's chromium, or set STRATEGY_BRIEF_CHROMIUM to a Chromium executable."
    )


@functools.lru_cache(maxsize=8)  # a failure raises, so only a working Chromium is remembered
def _chromium_runs(path: str, origin: str) -> str:
    fix = (
        "set STRATEGY_BRIEF_CHROMIUM to a Chromium executable, install Debian's chromium "
        "(make setup), or build with --no-pdf"
    )
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise RuntimeError(f"Chromium {path} (from {origin}) is not an executable file; {fix}")
    try:
        run = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"Chromium {path} (from {origin}) does not run: {exc}; {fix}") from exc
    if run.returncode != 0:
        raise RuntimeError(
            f"Chromium {path} (from {origin}) failed `--version` (exit {run.returncode}); {fix}"
        )
    return path


class BriefPDFExporter(_BriefTemplate, WebPDFExporter):
    """PDF brief: the same HTML printed to A4 by the system Chromium (no browser download), through
    the build's shared `Printer` when given one, else a Chromium started for this PDF alone."""

    export_from_notebook = "Strategy brief (PDF)"
    executable_path = Unicode("", help="Chromium executable; empty means find_chromium().").tag(config=True)
    page_format = Unicode("A4", help="Paper size passed to Chromium's printer.").tag(config=True)
    # A hung Chromium must not hang an unattended build: printing a brief takes seconds.
    print_timeout = Float(PRINT_TIMEOUT, help="Seconds one brief may take to print.").tag(config=True)
    printer = AnyTrait(None, allow_none=True, help="A Printer shared by the build (one Chromium).")
    footer_text = Unicode("", help="The page footer when printing HTML given as it is (export_pdf).")

    def from_notebook_node(self, nb, resources=None, **kw):
        self._footer = pdf_footer(nb)
        return super().from_notebook_node(nb, resources=resources, **kw)

    def run_playwright(self, html: str) -> bytes:
        html = safe_html.sanitize_document(html)  # the same gate as the HTML brief
        footer = getattr(self, "_footer", "") or self.footer_text
        if self.printer is not None:
            return self.printer.print_pdf(html, footer, self.page_format, timeout=self.print_timeout)
        sandbox = self.disable_sandbox
        with Printer(self.executable_path or None, self.browser_args, sandbox, self.print_timeout) as printer:
            return printer.print_pdf(html, footer, self.page_format)


class Printer:
    """One Chromium that prints many PDFs, each page in its own browser context: a build starts it once
    (on its first PDF) instead of once per brief. Playwright's async API runs on an event loop in a
    thread of its own, so that any thread (and a Jupyter kernel, whose thread has a running loop) can
    print. A print that overruns its timeout fails, and the browser is stopped so that it cannot hang
    the next one (which starts a new browser)."""

    def __init__(
        self,
        executable: str | None = None,
        browser_args=(),
        disable_sandbox: bool = False,
        timeout: float = PRINT_TIMEOUT,
    ) -> None:
        self.executable = executable
        self.browser_args = list(browser_args)
        self.disable_sandbox = disable_sandbox
        self.timeout = timeout
        self.launches = 0  # how many Chromiums this printer started (one, unless a print hung)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._playwright = None
        self._browser = None
        self._launching: asyncio.Lock | None = None
        self._driver: psutil.Process | None = None

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def print_pdf(self, html: str, footer: str = "", page_format: str = "A4", timeout: float | None = None):
        """The page as an A4 PDF with the footer, printed once; its contents' page numbers are then
        written in from the PDF's own named destinations (report.pdf_contents)."""
        timeout = self.timeout if timeout is None else timeout
        loop = self._start()
        future = asyncio.run_coroutine_threadsafe(self._print(html, footer, page_format), loop)
        try:
            pdf, contents = future.result(timeout=timeout)
        except concurrent.futures.TimeoutError as exc:
            future.cancel()
            self._stop_browser()
            raise RuntimeError(
                f"Chromium did not finish printing the PDF within {timeout:g} s; "
                "it was stopped (set STRATEGY_BRIEF_PRINT_TIMEOUT to allow longer)"
            ) from exc
        if not contents:  # no contents to number: the print is the brief
            return pdf
        # Here, in the caller's thread, so that the printing loop goes on with other briefs.
        style = pdf_contents.Style.from_css(contents)
        numbered, _ = pdf_contents.number_contents(pdf, contents["targets"], style)
        return numbered

    def close(self, wait: bool = True) -> None:
        """Stop the browser, the Playwright driver and the printing thread; without `wait` (a build
        stopping on a signal) kill them at once rather than ask them to close."""
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None:
            return
        if wait:
            self._stop_browser(loop)
        elif self._driver is not None:
            _kill_tree(self._driver)
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(timeout=5)
        if not loop.is_running():
            loop.close()

    def _start(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                self._thread = threading.Thread(
                    target=self._loop.run_forever, name="pdf-printer", daemon=True
                )
                self._thread.start()
            return self._loop

    async def _ready_browser(self):
        if self._launching is None:
            self._launching = asyncio.Lock()
        async with self._launching:
            if self._browser is not None and self._browser.is_connected():
                return self._browser
            from playwright.async_api import async_playwright

            executable = self.executable or find_chromium()
            args = list(CHROMIUM_ARGS) + self.browser_args
            if self.disable_sandbox or (hasattr(os, "geteuid") and os.geteuid() == 0):
                args.append("--no-sandbox")  # Chromium refuses to start as root with its sandbox
            if self._playwright is None:
                self._playwright = await async_playwright().start()
                self._driver = _driver_process(self._playwright)
            try:
                self._browser = await self._playwright.chromium.launch(
                    executable_path=executable,
                    args=args,
                    handle_sigint=False,
                    handle_sigterm=False,
                    handle_sighup=False,
                )
            except Exception as exc:
                raise RuntimeError(f"Chromium at {executable} failed to start: {exc}") from exc
            self.launches += 1
            return self._browser

    async def _print(self, html: str, footer: str, page_format: str) -> bytes:
        browser = await self._ready_browser()
        context = await browser.new_context()
        try:
            with tempfile.TemporaryDirectory(prefix="strategy-brief-pdf-") as tmp:
                page_file = Path(tmp) / "brief.html"
                page_file.write_text(html, encoding="utf-8")
                page = await context.new_page()
                await page.emulate_media(media="print")
                await page.goto(page_file.as_uri(), wait_until="load")
                await page.evaluate("document.fonts.ready.then(() => true)")
                options = _pdf_options(page_format, html_lib.escape(footer))
                contents = await page.evaluate(_CONTENTS_BOXES)
                return await page.pdf(**options), contents
        finally:
            with contextlib.suppress(Exception):  # a browser stopped after a timeout is already gone
                await context.close()

    async def _close_browser(self) -> None:
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = None
        with contextlib.suppress(Exception):
            if browser is not None:
                await browser.close()
        with contextlib.suppress(Exception):
            if playwright is not None:
                await playwright.stop()

    def _stop_browser(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Close the browser and the driver; kill what is left of them if they do not answer."""
        loop = loop or self._loop
        if loop is not None and loop.is_running():
            done = asyncio.run_coroutine_threadsafe(self._close_browser(), loop)
            with contextlib.suppress(Exception):
                done.result(timeout=10)
        driver, self._driver = self._driver, None
        if driver is not None:
            _kill_tree(driver)


# The contents' page-number boxes (assemble._contents), and the style their numbers are written in.
_CONTENTS_BOXES = """() => {
  const boxes = document.querySelectorAll('.sb-contents a.sb-contents-page');
  if (!boxes.length) return null;
  const style = getComputedStyle(boxes[0]);
  return {targets: Array.from(boxes, a => a.getAttribute('href')),
          family: style.fontFamily, weight: style.fontWeight, color: style.color,
          size: parseFloat(style.fontSize), width: boxes[0].getBoundingClientRect().width};
}"""


def _pdf_options(page_format: str, footer: str) -> dict[str, Any]:
    return {
        "format": page_format,
        "print_background": True,
        "prefer_css_page_size": False,
        "display_header_footer": True,
        "header_template": "<span></span>",
        "footer_template": (
            "<div style=\"font-family:'Noto Sans','Noto Sans CJK SC',sans-serif;font-size:7pt;"
            "color:#595959;width:100%;margin:0 18mm;display:flex;"
            'justify-content:space-between">'
            f"<span>{footer}</span>"
            '<span><span class="pageNumber"></span> / '
            '<span class="totalPages"></span></span></div>'
        ),
        "margin": {"top": "16mm", "bottom": "18mm", "left": "18mm", "right": "18mm"},
        "outline": True,  # bookmarks from the headings
        "tagged": True,  # an accessible (tagged) PDF: reading order, headings, tables, alt text
    }


def _driver_process(playwright) -> psutil.Process | None:
    """The Playwright driver (Node) this printer started: Chromium runs under it, so killing its tree
    stops a browser that no longer answers."""
    try:
        pid = playwright._impl_obj._connection._transport._proc.pid  # no public API gives it
        return psutil.Process(pid)
    except (AttributeError, psutil.Error):
        return None


def _kill_tree(process: psutil.Process) -> None:
    with contextlib.suppress(psutil.Error):
        family = [*process.children(recursive=True), process]
        for member in family:
            with contextlib.suppress(psutil.Error):
                member.kill()
        psutil.wait_procs(family, timeout=3)


def _edition_label(edition: Any) -> str:
    return f"Edition {edition}" if edition else ""


def pdf_footer(nb: nbformat.NotebookNode) -> str:
    """The footer of every PDF page: the brief's title and edition."""
    meta = nb.metadata.get("strategy_brief", {})
    return " · ".join(x for x in (meta.get("title", ""), _edition_label(meta.get("edition"))) if x)


_exporters = threading.local()


def _html_exporter() -> BriefHTMLExporter:
    """This thread's HTML exporter. nbconvert compiles the Jinja template once per exporter, which took
    most of a short brief's export; one exporter per thread (they are not thread-safe) and per state
    of the templates folder compiles it once."""
    folder = Path(config.TEMPLATES_DIR)
    files = sorted((str(f), f.stat().st_mtime_ns) for f in folder.rglob("*") if f.is_file())
    state = (str(folder), tuple(files))
    cached = getattr(_exporters, "html", None)
    if cached is None or cached[0] != state:
        cached = _exporters.html = (state, BriefHTMLExporter())
    return cached[1]


def export_html(nb: nbformat.NotebookNode) -> str:
    body, _ = _html_exporter().from_notebook_node(nb)
    return body


def export_pdf(nb: nbformat.NotebookNode, printer: Printer | None = None, html: str | None = None) -> bytes:
    """The PDF brief of `nb`. `html`: the HTML brief already exported from `nb` (`export_html`), which
    is the page the PDF prints (a test checks they are the same); given, it is printed as it is rather
    than rendered again."""
    if html is None:
        body, _ = BriefPDFExporter(printer=printer).from_notebook_node(nb)
        return body
    return BriefPDFExporter(printer=printer, footer_text=pdf_footer(nb)).run_playwright(html)
