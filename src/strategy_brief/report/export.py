"""nbconvert exporters for briefs: no code, no prompts, house template; PDF through Debian's Chromium."""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import html as html_lib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import nbformat
from nbconvert.exporters import HTMLExporter, WebPDFExporter
from traitlets import Unicode, default

from strategy_brief import config
from strategy_brief.report import safe_html
from strategy_brief.report.record import FIGURE_MIME, KEY_FIGURE_MIME, TABLE_MIME

TEMPLATE_NAME = "brief"
# Cells with this tag are for analysts in JupyterLab (how to use the notebook), not for readers.
ANALYST_ONLY_TAG = "analyst-only"
# Cells a section puts at the end of the brief, after every section (long reference tables).
ANNEX_TAG = "annex"
# Added by merge: the first cell of each section after the first, which starts a page.
CHAPTER_TAG = "sb-chapter"
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
    cells the build adds (such as what changed since the last edition), then the cells the
    sections tagged ``annex`` (long reference tables), in section order.

    Figures and tables are numbered in reading order across the whole document, and each
    section's references to its own figures and tables ("Table 2") follow. With more than one
    section, a contents list opens the document and each section starts a page (tag ``sb-chapter``,
    which the house style also numbers); so does the first annex cell of each section."""
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
    sections = [publishable(nb).cells for nb in notebooks]
    bodies = [[c for c in cells if ANNEX_TAG not in _tags(c)] for cells in sections]
    annexes = [[c for c in cells if ANNEX_TAG in _tags(c)] for cells in sections]
    _renumber(
        [(i, c) for i, cells in enumerate(bodies) for c in cells]
        + [(i, c) for i, cells in enumerate(annexes) for c in cells]
    )
    for cells in sections:
        _mark_long_tokens(cells)
    contents = _contents(bodies, annexes) if len(notebooks) > 1 else None
    # Sections start a page; the first one too when a contents page comes before it.
    for cells in bodies if contents is not None else bodies[1:]:
        if cells:
            _add_tag(cells[0], CHAPTER_TAG)
    for cells in annexes:
        if cells:
            _add_tag(cells[0], CHAPTER_TAG)
    if contents is not None:
        merged.cells.append(contents)
    for cells in bodies:
        merged.cells.extend(cells)
    merged.cells.extend(extra_cells or [])
    merged.cells.extend(c for cells in annexes for c in cells)
    for index, cell in enumerate(merged.cells):
        cell.id = f"cell-{index}"
    return merged


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _add_tag(cell, tag: str) -> None:
    cell.setdefault("metadata", {})
    cell.metadata["tags"] = [*_tags(cell), tag]


_REFERENCE = re.compile(r"\b(Figures?|Tables?)(\s+)(\d+)((?:\s*(?:,|and|to|–)\s*\d+\b)*)")


def _renumber(cells: list[tuple[int, Any]]) -> None:
    """Number figures and tables 1, 2, ... in the order given (section index, cell) and make
    each section's references to its own figures and tables follow. Each notebook counts from 1."""
    maps: dict[str, dict[int, dict[int, int]]] = {"Figure": {}, "Table": {}}
    counts = {"Figure": 0, "Table": 0}
    for section, cell in cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for kind, mime in (("Figure", FIGURE_MIME), ("Table", TABLE_MIME)):
                if mime not in data:
                    continue
                counts[kind] += 1
                maps[kind].setdefault(section, {})[data[mime]["number"]] = counts[kind]
    for section, cell in cells:
        figures, tables = maps["Figure"].get(section, {}), maps["Table"].get(section, {})
        if all(old == new for old, new in (*figures.items(), *tables.items())):
            continue
        if cell.cell_type == "markdown":
            cell.source = _renumber_references(cell.source, figures, tables)
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if FIGURE_MIME in data:
                payload = data[FIGURE_MIME]
                old, new = payload["number"], figures[payload["number"]]
                payload["number"] = new
                html = data["text/html"]
                html = html.replace(f'id="figure-{old}"', f'id="figure-{new}"', 1)
                data["text/html"] = html.replace(f">Figure {old}.</span>", f">Figure {new}.</span>", 1)
                data["text/plain"] = data["text/plain"].replace(f"Figure {old}.", f"Figure {new}.", 1)
            elif TABLE_MIME in data:
                payload = data[TABLE_MIME]
                old, new = payload["number"], tables[payload["number"]]
                payload["number"] = new
                data["text/html"] = data["text/html"].replace(
                    f"<caption>Table {old}. ", f"<caption>Table {new}. ", 1
                )
            else:
                for mime in ("text/markdown", "text/html", "text/plain"):
                    if mime in data:
                        data[mime] = _renumber_references(_text(data[mime]), figures, tables)
            if output.get("output_type") == "stream":
                output["text"] = _renumber_references(_text(output["text"]), figures, tables)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def _renumber_references(text: str, figures: dict[int, int], tables: dict[int, int]) -> str:
    """'Table 2', 'Figures 1 and 3' in prose, renumbered with the section's maps."""

    def renumber(match: re.Match) -> str:
        numbers = figures if match.group(1).startswith("Figure") else tables
        first = str(numbers.get(int(match.group(3)), int(match.group(3))))
        rest = re.sub(r"\d+", lambda m: str(numbers.get(int(m.group()), int(m.group()))), match.group(4))
        return f"{match.group(1)}{match.group(2)}{first}{rest}"

    return _REFERENCE.sub(renumber, text)


# A table cell holding a token this long (a host, file or table name) may break inside it: after an
# underscore or a slash, before a dot ("raw<wbr>.githubusercontent<wbr>.com"); elsewhere only where a
# piece would not fit its column (the house CSS's overflow-wrap: break-word). Other cells break only
# between words, so short ids never split.
LONG_TOKEN = 20
_CELL = re.compile(r"<td>(.*?)</td>", re.DOTALL)


def _mark_long_tokens(cells: list) -> None:
    for cell in cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if TABLE_MIME in data:
                data["text/html"] = _CELL.sub(_break_long_tokens, data["text/html"])


def _break_long_tokens(match: re.Match) -> str:
    tokens = re.split(r"(\s+)", match.group(1))
    if max(len(t) for t in tokens) < LONG_TOKEN:
        return match.group(0)
    shown = "".join(
        re.sub(r"(?<=[_/])(?=\w)|(?<=\w)(?=\.\w)", "<wbr>", t) if len(t) >= LONG_TOKEN and "&" not in t else t
        for t in tokens
    )
    return f'<td class="sb-break">{shown}</td>'


_HEADING = re.compile(r"\A\s*(#{1,2})\s+(.+?)\s*#*\s*$", re.MULTILINE)


def _contents(bodies: list[list], annexes: list[list]):
    """A contents list: the title of each section that opens with a heading (h1 or h2), numbered as
    the house style numbers them, linked to it, then the annexes' titles. None when fewer than two
    sections have titles. The PDF exporter fills in the page numbers."""
    sections = [t for t in (_opening_heading(cells) for cells in bodies) if t]
    annex_titles = [t for t in (_opening_heading(cells) for cells in annexes) if t]
    if len(sections) < 2:
        return None
    entries = [(str(n), t, "section") for n, t in enumerate(sections, start=1)]
    entries += [(f"Annex {chr(ord('A') + n)}", t, "annex") for n, t in enumerate(annex_titles)]
    items = "".join(
        f'<li class="sb-contents-{kind}"><span class="sb-contents-number">{label}</span>'
        f'<a href="#{_anchor(title)}">{html_lib.escape(title)}</a><span class="sb-contents-page"></span></li>'
        for label, title, kind in entries
    )
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/html": '<nav class="sb-contents"><h2 class="sb-contents-title">Contents</h2>'
                f"<ol>{items}</ol></nav>",
                "text/plain": "Contents: " + "; ".join(title for _, title, _ in entries),
            },
        )
    ]
    return cell


def _opening_heading(cells: list) -> str:
    """The heading a section opens with (its first cell is markdown starting with # or ##), or ''."""
    if not cells or cells[0].cell_type != "markdown":
        return ""
    match = _HEADING.match(cells[0].source)
    return match.group(2).strip() if match else ""


def _anchor(title: str) -> str:
    """The id nbconvert gives a markdown heading (nbconvert.filters.strings.add_anchor)."""
    return quote(title.replace(" ", "-"), safe="?/:@!$&'()*+,;=")


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
