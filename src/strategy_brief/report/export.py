"""nbconvert exporters for briefs: no code, no prompts, house template; PDF through Debian's Chromium
headless shell (one browser for a whole build, `Printer`, driven over its DevTools pipe by
`report.chromium`), printed once, with the contents' page numbers then written in from the printed
PDF's named destinations (`report.pdf_contents`). The document they export is assembled by
`report.assemble`."""

from __future__ import annotations

import functools
import html as html_lib
import os
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.exporters import HTMLExporter, WebPDFExporter
from traitlets import Any as AnyTrait
from traitlets import Float, Unicode, default

from strategy_brief import config
from strategy_brief.report import chromium, pdf_contents, safe_html

TEMPLATE_NAME = "brief"
# Seconds one brief may take to print (a few seconds is normal; the full report about ten).
PRINT_TIMEOUT = float(os.environ.get("STRATEGY_BRIEF_PRINT_TIMEOUT", "300"))
# Chromium must not try the network (closed here, and a brief is rendered from local files only).
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--enable-low-end-device-mode",  # smaller caches and heaps: less than half the memory, same PDF
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
    """The Chromium to print with: $STRATEGY_BRIEF_CHROMIUM, else the first of
    `chromium.CANDIDATES` on PATH (Debian's headless shell first); checked to run, so that a build
    stops before any kernel starts rather than after every notebook."""
    found = chromium.locate()
    if found is None:
        raise RuntimeError(
            "No Chromium found to print the PDF brief (looked for "
            f"{', '.join(chromium.CANDIDATES)} on PATH). Run `make setup`, which installs "
            "Debian's chromium-headless-shell, or set STRATEGY_BRIEF_CHROMIUM to a Chromium executable."
        )
    return _chromium_runs(*found)


@functools.lru_cache(maxsize=8)  # a failure raises, so only a working Chromium is remembered
def _chromium_runs(path: str, origin: str) -> str:
    fix = (
        "set STRATEGY_BRIEF_CHROMIUM to a Chromium executable, install Debian's "
        "chromium-headless-shell (make setup), or build with --no-pdf"
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
        """WebPDFExporter's hook (the name is nbconvert's): print over the DevTools pipe, no Playwright."""
        html = safe_html.sanitize_document(html)  # the same gate as the HTML brief
        footer = getattr(self, "_footer", "") or self.footer_text
        if self.printer is not None:
            return self.printer.print_pdf(html, footer, self.page_format, timeout=self.print_timeout)
        sandbox = self.disable_sandbox
        with Printer(self.executable_path or None, self.browser_args, sandbox, self.print_timeout) as printer:
            return printer.print_pdf(html, footer, self.page_format)


class Printer:
    """One Chromium that prints many PDFs, each page in its own browser context: a build starts it once
    (on its first PDF) instead of once per brief. It is driven over its DevTools pipe
    (`report.chromium`), which any thread can use (a Jupyter kernel's, whose thread runs an event loop,
    included), several at once. A print that overruns its timeout fails, and the browser is stopped so
    that it cannot hang the next one (which starts a new browser)."""

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
        self._browser: chromium.Browser | None = None

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def print_pdf(self, html: str, footer: str = "", page_format: str = "A4", timeout: float | None = None):
        """The page as an A4 PDF with the footer, printed once; its contents' page numbers are then
        written in from the PDF's own named destinations (report.pdf_contents)."""
        timeout = self.timeout if timeout is None else timeout
        options = _pdf_options(page_format, html_lib.escape(footer))
        deadline = time.monotonic() + timeout
        browser = None
        try:
            browser = self._ready_browser(deadline)
            pdf, contents = browser.print_page(html, options, f"({_CONTENTS_BOXES})()", deadline)
        except TimeoutError as exc:
            self._stop(browser)
            raise RuntimeError(
                f"Chromium did not finish printing the PDF within {timeout:g} s; "
                "it was stopped (set STRATEGY_BRIEF_PRINT_TIMEOUT to allow longer)"
            ) from exc
        except RuntimeError:
            if browser is not None and not browser.alive:
                self._stop(browser)  # crashed or killed: the next print starts a new one
            raise
        if not contents:  # no contents to number: the print is the brief
            return pdf
        # Here, in the caller's thread, so that the browser goes on printing other briefs.
        style = pdf_contents.Style.from_css(contents)
        numbered, _ = pdf_contents.number_contents(pdf, contents["targets"], style)
        return numbered

    def close(self, wait: bool = True) -> None:
        """Stop the browser; without `wait` (a build stopping on a signal) kill it at once rather than
        ask it to close."""
        with self._lock:
            browser, self._browser = self._browser, None
        if browser is not None and wait:
            browser.close()
        elif browser is not None:
            browser.kill()

    def _ready_browser(self, deadline: float) -> chromium.Browser:
        """The running browser, or a new one (started within the print's deadline)."""
        if not self._lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise TimeoutError("another print was starting Chromium")
        try:
            if self._browser is not None and self._browser.alive:
                return self._browser
            executable = self.executable or find_chromium()
            args = [*CHROMIUM_ARGS, *self.browser_args]
            browser = chromium.Browser(executable, args, no_sandbox=self.disable_sandbox)
            self.launches += 1
            try:
                browser.send("Browser.getVersion", deadline=deadline)
            except RuntimeError as exc:
                browser.kill()
                raise RuntimeError(f"Chromium at {executable} failed to start: {exc}") from exc
            except TimeoutError:
                browser.kill()
                raise
            self._browser = browser
            return browser
        finally:
            self._lock.release()

    def _stop(self, browser: chromium.Browser | None) -> None:
        """Kill a browser that hung or died, and forget it if it is still the printer's."""
        if browser is None:
            return
        with self._lock:
            if self._browser is browser:
                self._browser = None
        browser.kill()


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
    """Page.printToPDF's parameters: paper and margins in inches, as Playwright's page.pdf() converts
    "A4" and "16mm", so that the page breaks where they always did."""
    width, height = chromium.paper_inches(page_format)
    margins = {"Top": "16mm", "Bottom": "18mm", "Left": "18mm", "Right": "18mm"}
    return {
        "paperWidth": width,
        "paperHeight": height,
        **{f"margin{side}": chromium.inches(length) for side, length in margins.items()},
        "scale": 1,
        "landscape": False,
        "pageRanges": "",
        "printBackground": True,
        "preferCSSPageSize": False,
        "displayHeaderFooter": True,
        "headerTemplate": "<span></span>",
        "footerTemplate": (
            "<div style=\"font-family:'Noto Sans','Noto Sans CJK SC',sans-serif;font-size:7pt;"
            "color:#595959;width:100%;margin:0 18mm;display:flex;"
            'justify-content:space-between">'
            f"<span>{footer}</span>"
            '<span><span class="pageNumber"></span> / '
            '<span class="totalPages"></span></span></div>'
        ),
        "generateDocumentOutline": True,  # bookmarks from the headings
        "generateTaggedPDF": True,  # an accessible (tagged) PDF: reading order, headings, tables, alt text
    }


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
