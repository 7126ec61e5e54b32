"""nbconvert exporters for briefs: no code, no prompts, house template; PDF through Debian's Chromium."""

from __future__ import annotations

import asyncio
import concurrent.futures
import html as html_lib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.exporters import HTMLExporter, WebPDFExporter
from traitlets import Unicode, default

from . import config
from .record import FIGURE_MIME, KEY_FIGURE_MIME, TABLE_MIME

TEMPLATE_NAME = "brief"
# Cells with this tag are for analysts in JupyterLab (how to use the notebook), not for readers.
ANALYST_ONLY_TAG = "analyst-only"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Chromium must not try the network (closed here, and a brief is rendered from local files only).
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


class BriefHTMLExporter(_BriefTemplate, HTMLExporter):
    """HTML brief: house template, inline SVG charts, no code."""

    export_from_notebook = "Strategy brief (HTML)"


def find_chromium() -> str:
    """The Chromium to print with: $STRATEGY_BRIEF_CHROMIUM, else the first one on PATH."""
    override = os.environ.get("STRATEGY_BRIEF_CHROMIUM")
    if override:
        return override
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError(
        "No Chromium found to print the PDF brief (looked for "
        f"{', '.join(CHROMIUM_CANDIDATES)} on PATH). Run `make setup`, which installs "
        "Debian's chromium, or set STRATEGY_BRIEF_CHROMIUM to a Chromium executable."
    )


class BriefPDFExporter(_BriefTemplate, WebPDFExporter):
    """PDF brief: the same HTML printed to A4 by the system Chromium (no browser download)."""

    export_from_notebook = "Strategy brief (PDF)"
    executable_path = Unicode("", help="Chromium executable; empty means find_chromium().").tag(config=True)
    page_format = Unicode("A4", help="Paper size passed to Chromium's printer.").tag(config=True)

    def from_notebook_node(self, nb, resources=None, **kw):
        meta = nb.metadata.get("strategy_brief", {})
        self._footer = " · ".join(
            x for x in (meta.get("title", ""), _edition_label(meta.get("edition"))) if x
        )
        return super().from_notebook_node(nb, resources=resources, **kw)

    def run_playwright(self, html: str) -> bytes:
        with tempfile.TemporaryDirectory(prefix="strategy-brief-pdf-") as tmp:
            page_file = Path(tmp) / "brief.html"
            page_file.write_text(html, encoding="utf-8")
            # Playwright's async API in a worker thread works whether or not an event loop runs
            # in this thread (as it does inside a Jupyter kernel).
            with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
                return pool.submit(asyncio.run, self._print(page_file)).result()

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
                return await page.pdf(
                    format=self.page_format,
                    print_background=True,
                    prefer_css_page_size=False,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=(
                        "<div style=\"font-family:'Noto Sans CJK SC',sans-serif;font-size:7pt;"
                        "color:#595959;width:100%;margin:0 16mm;display:flex;"
                        'justify-content:space-between">'
                        f"<span>{footer}</span>"
                        '<span><span class="pageNumber"></span> / '
                        '<span class="totalPages"></span></span></div>'
                    ),
                    margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                )
            finally:
                await browser.close()


def _edition_label(edition: Any) -> str:
    return f"Edition {edition}" if edition else ""


def publishable(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy fit for readers: analyst-only cells, stderr and record-only outputs and empty code
    cells dropped; cell ids made positional so identical inputs give identical HTML."""
    out = nbformat.from_dict(nb)
    cells = []
    for cell in out.cells:
        if ANALYST_ONLY_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if _is_for_readers(o)]
            if not cell.outputs:
                continue
        elif cell.cell_type == "raw":
            continue
        cells.append(cell)
    for index, cell in enumerate(cells):
        cell.id = f"cell-{index}"
    out.cells = cells
    return out


def _is_for_readers(output: dict) -> bool:
    if output.get("output_type") == "stream":
        return output.get("name") == "stdout"
    if output.get("output_type") in {"display_data", "execute_result"}:
        data = output.get("data", {})
        return any(mime not in {KEY_FIGURE_MIME, FIGURE_MIME, TABLE_MIME} for mime in data)
    return output.get("output_type") != "error"


def merge(
    notebooks: list[nbformat.NotebookNode], metadata: dict, extra_cells: list | None = None
) -> nbformat.NotebookNode:
    """Several executed notebooks as one document, in order (a brief made of sections), then any
    cells the build adds (such as what changed since the last edition)."""
    if not notebooks:
        raise ValueError("merge: no notebooks to merge")
    merged = nbformat.v4.new_notebook()
    first = notebooks[0].metadata
    merged.metadata = nbformat.from_dict(
        {
            **{k: first[k] for k in ("kernelspec", "language_info") if k in first},
            "title": metadata.get("title", ""),
            "strategy_brief": metadata,
        }
    )
    figure_offset = table_offset = 0
    for nb in notebooks:
        cells = publishable(nb).cells
        figure_offset = _renumber_figures(cells, figure_offset)
        table_offset = _renumber_tables(cells, table_offset)
        merged.cells.extend(cells)
    merged.cells.extend(extra_cells or [])
    for index, cell in enumerate(merged.cells):
        cell.id = f"cell-{index}"
    return merged


def _renumber_figures(cells: list, offset: int) -> int:
    """Continue figure numbers across a brief's notebooks (each notebook counts from 1);
    return the new offset."""
    count = 0
    for cell in cells:
        for output in cell.get("outputs", []):
            payload = output.get("data", {}).get(FIGURE_MIME)
            if payload is None:
                continue
            count += 1
            old, new = payload["number"], payload["number"] + offset
            if old == new:
                continue
            payload["number"] = new
            html = output["data"]["text/html"]
            html = html.replace(f'id="figure-{old}"', f'id="figure-{new}"', 1)
            html = html.replace(f">Figure {old}.</span>", f">Figure {new}.</span>", 1)
            output["data"]["text/html"] = html
            output["data"]["text/plain"] = output["data"]["text/plain"].replace(
                f"Figure {old}.", f"Figure {new}.", 1
            )
    return offset + count


def _renumber_tables(cells: list, offset: int) -> int:
    """Continue table numbers across a brief's notebooks, as for figures."""
    count = 0
    for cell in cells:
        for output in cell.get("outputs", []):
            payload = output.get("data", {}).get(TABLE_MIME)
            if payload is None:
                continue
            count += 1
            old, new = payload["number"], payload["number"] + offset
            if old != new:
                payload["number"] = new
                html = output["data"]["text/html"]
                output["data"]["text/html"] = html.replace(
                    f"<caption>Table {old}. ", f"<caption>Table {new}. ", 1
                )
    return offset + count


def figures(nb: nbformat.NotebookNode) -> list[dict]:
    """The figure records (number, title, alt, source note, CSV, PNG) of a merged brief, in order."""
    return [
        dict(output["data"][FIGURE_MIME])
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if FIGURE_MIME in output.get("data", {})
    ]


def export_html(nb: nbformat.NotebookNode) -> str:
    body, _ = BriefHTMLExporter().from_notebook_node(nb)
    return body


def export_pdf(nb: nbformat.NotebookNode) -> bytes:
    body, _ = BriefPDFExporter().from_notebook_node(nb)
    return body
