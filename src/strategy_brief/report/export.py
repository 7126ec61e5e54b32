"""nbconvert exporters for briefs: no code, no prompts, house template; PDF through Debian's Chromium, with
the contents' page numbers read back from the printed PDF. The document they export is assembled by
`report.assemble`."""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import html as html_lib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.exporters import HTMLExporter, WebPDFExporter
from traitlets import Float, Unicode, default

from strategy_brief import config
from strategy_brief.report import safe_html

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
    """PDF brief: the same HTML printed to A4 by the system Chromium (no browser download)."""

    export_from_notebook = "Strategy brief (PDF)"
    executable_path = Unicode("", help="Chromium executable; empty means find_chromium().").tag(config=True)
    page_format = Unicode("A4", help="Paper size passed to Chromium's printer.").tag(config=True)
    # A hung Chromium must not hang an unattended build: printing a brief takes seconds.
    print_timeout = Float(PRINT_TIMEOUT, help="Seconds one brief may take to print.").tag(config=True)

    def from_notebook_node(self, nb, resources=None, **kw):
        meta = nb.metadata.get("strategy_brief", {})
        self._footer = " · ".join(
            x for x in (meta.get("title", ""), _edition_label(meta.get("edition"))) if x
        )
        return super().from_notebook_node(nb, resources=resources, **kw)

    def run_playwright(self, html: str) -> bytes:
        html = safe_html.sanitize_document(html)  # the same gate as the HTML brief
        with tempfile.TemporaryDirectory(prefix="strategy-brief-pdf-") as tmp:
            page_file = Path(tmp) / "brief.html"
            page_file.write_text(html, encoding="utf-8")
            # Playwright's async API in a worker thread works whether or not an event loop runs
            # in this thread (as it does inside a Jupyter kernel).
            with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
                return pool.submit(asyncio.run, self._print_within(page_file)).result()

    async def _print_within(self, page_file: Path) -> bytes:
        try:
            return await asyncio.wait_for(self._print(page_file), timeout=self.print_timeout)
        except TimeoutError as exc:  # wait_for cancels _print, whose finally closes the browser
            raise RuntimeError(
                f"Chromium did not finish printing the PDF within {self.print_timeout:g} s; "
                "it was stopped (set STRATEGY_BRIEF_PRINT_TIMEOUT to allow longer)"
            ) from exc

    async def _print(self, page_file: Path) -> bytes:
        from playwright.async_api import async_playwright

        executable = self.executable_path or find_chromium()
        args = list(CHROMIUM_ARGS) + list(self.browser_args)
        if self.disable_sandbox or (hasattr(os, "geteuid") and os.geteuid() == 0):
            args.append("--no-sandbox")  # Chromium refuses to start as root with its sandbox
        footer = html_lib.escape(getattr(self, "_footer", ""))
        async with async_playwright() as pw:
            try:
                browser = await pw.chromium.launch(
                    executable_path=executable,
                    args=args,
                    handle_sigint=False,
                    handle_sigterm=False,
                    handle_sighup=False,
                )
            except Exception as exc:
                raise RuntimeError(f"Chromium at {executable} failed to start: {exc}") from exc
            try:
                page = await browser.new_page()
                await page.emulate_media(media="print")
                await page.goto(page_file.as_uri(), wait_until="load")
                await page.evaluate("document.fonts.ready.then(() => true)")
                options = {
                    "format": self.page_format,
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
                pdf = await page.pdf(**options)
                titles = await page.evaluate(
                    "Array.from(document.querySelectorAll('.sb-contents li a'), a => a.textContent)"
                )
                numbers = contents_pages(pdf, titles) if titles else []
                if any(numbers):
                    # The numbers sit in space the contents already reserves, so no page moves.
                    await page.evaluate(
                        "(numbers) => document.querySelectorAll('.sb-contents-page').forEach("
                        "(el, i) => { el.textContent = numbers[i] || ''; })",
                        [str(n) if n else "" for n in numbers],
                    )
                    pdf = await page.pdf(**options)
                return pdf
            finally:
                await browser.close()


def contents_pages(pdf: bytes, titles: list[str]) -> list[int | None]:
    """The page each contents entry starts on: the first page after the contents whose opening
    words (where a section's title sits, as every section starts a page) contain the title, in
    order. None where not found, or for every entry without poppler's pdftotext."""
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        return [None] * len(titles)
    with tempfile.TemporaryDirectory(prefix="strategy-brief-toc-") as tmp:
        path = Path(tmp) / "brief.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8", "replace")
    return find_pages(text.split("\f"), titles)


def find_pages(pages: list[str], titles: list[str]) -> list[int | None]:
    """For each title in order, the first page (numbered from 1) after the previous title's page,
    and after page 1 (the contents), whose opening words contain it; None if no page does."""
    openings = [" ".join(page.split())[:300] for page in pages]
    found: list[int | None] = []
    after = 1
    for title in titles:
        wanted = " ".join(title.split())
        page = next((i + 1 for i in range(after, len(openings)) if wanted in openings[i]), None)
        found.append(page)
        if page:
            after = page
    return found


def _edition_label(edition: Any) -> str:
    return f"Edition {edition}" if edition else ""


def export_html(nb: nbformat.NotebookNode) -> str:
    body, _ = BriefHTMLExporter().from_notebook_node(nb)
    return body


def export_pdf(nb: nbformat.NotebookNode) -> bytes:
    body, _ = BriefPDFExporter().from_notebook_node(nb)
    return body
