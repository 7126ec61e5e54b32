"""The brief's exporters (strategy_brief.report.export): HTML without code, the house CSS, the PDF printed
by Chromium once, with the contents' page numbers written in from its named destinations."""

import re
import subprocess

import nbformat
import pytest

from strategy_brief import config
from strategy_brief.report import assemble, export
from tests.report.test_assemble import executed_notebook
from tests.report.test_chromium import chromium_processes


def test_html_export_has_no_code_has_svg_and_is_deterministic():
    meta = {
        "title": "Brief title 深度求索",
        "edition": "2026-01-01",
        "series": "S",
        "region": "Global",
    }
    first = export.export_html(assemble.merge([executed_notebook()], meta))
    second = export.export_html(assemble.merge([executed_notebook()], meta))
    assert first == second
    assert "secret_code_here" not in first and "hl-ipython3" not in first
    assert "<svg" in first and "Source: S" in first
    assert "Brief title 深度求索" in first and "Edition 2026-01-01" in first
    assert "a warning" not in first and "For analysts only" not in first
    assert not re.search(r"<script[^>]+src=", first), "the brief must not load scripts from the network"


def test_long_names_break_only_at_their_marked_points_in_the_house_css():
    css = (config.TEMPLATES_DIR / "brief" / "static" / "brief.css").read_text()
    # overflow-wrap: anywhere would let the table shrink the column below a host's widest piece and
    # split "githubusercontent" mid-word; break-word keeps the <wbr> points.
    assert "table.sb-table td.sb-break { overflow-wrap: break-word; }" in css
    assert "overflow-wrap: anywhere" not in css


def test_latin_text_uses_noto_sans_with_the_cjk_face_as_fallback_and_setup_installs_it():
    css = (config.TEMPLATES_DIR / "brief" / "static" / "brief.css").read_text()
    stack = re.search(r"--sb-font: ([^;]+);", css).group(1)
    assert stack.startswith('"Noto Sans", "Noto Sans Math", "Noto Sans CJK SC"')
    script = (config.PROJECT_ROOT / "scripts" / "install-system-deps.sh").read_text()
    assert "missing+=(fonts-noto-core)" in script and "missing+=(fonts-noto-cjk)" in script


def pdf_fonts(path, page):
    out = subprocess.run(
        ["pdffonts", "-f", str(page), "-l", str(page), str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [line.split()[:3] for line in out.splitlines()[2:]]


@pytest.mark.slow  # prints with Chromium
def test_pdf_embeds_latin_text_as_truetype_and_still_renders_chinese_names(tmp_path):
    latin = nbformat.v4.new_markdown_cell("## Latin\n\nChina’s open models – about 12% ≥ 1,024 → more.")
    chinese = nbformat.v4.new_markdown_cell("## Names\n\nDeepSeek 深度求索, Qwen 通义千问, Kimi 月之暗面.")
    latin_only, with_cjk = nbformat.v4.new_notebook(), nbformat.v4.new_notebook()
    latin_only.cells, with_cjk.cells = [latin], [chinese]
    path = tmp_path / "brief.pdf"
    path.write_bytes(export.export_pdf(assemble.merge([latin_only, with_cjk], {"title": "T"})))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "China’s open models" in text
    assert "深度求索" in text and "通义千问" in text and "月之暗面" in text
    # Page 2 is the first section, all Latin (the quote, dash and symbols included): TrueType only,
    # no Type 3 (which the CFF-based CJK face would give any character that fell back to it).
    fonts = pdf_fonts(path, 2)
    assert ["CID", "TrueType"] in [f[1:] for f in fonts] and any("NotoSans-Regular" in f[0] for f in fonts)
    assert all(f[1] != "Type" for f in fonts), fonts


# A page whose load never ends: its script spins before the parser reaches the end of the body.
HUNG_PAGE = "<html><body><p>Never printed</p><script>for (;;) {}</script></body></html>"


@pytest.mark.slow
def test_a_print_that_overruns_its_timeout_fails_stops_chromium_and_the_next_print_starts_another():
    """An unattended build must not hang on a stuck Chromium: printing stops at the timeout."""
    import time

    import psutil

    with export.Printer(timeout=60) as printer:
        started = time.monotonic()
        with pytest.raises(RuntimeError, match=r"did not finish printing the PDF within 2 s; it was stopped"):
            printer.print_pdf(HUNG_PAGE, timeout=2)
        assert time.monotonic() - started < 10
        _, alive = psutil.wait_procs(chromium_processes(), timeout=5)
        assert not alive, [p.name() for p in alive]
        assert printer.print_pdf("<p>Printed</p>").startswith(b"%PDF")
        assert printer.launches == 2  # the stopped browser was replaced, not reused
    _, alive = psutil.wait_procs(chromium_processes(), timeout=5)
    assert not alive, "closing the printer left Chromium running"


@pytest.mark.slow
def test_the_exporter_without_a_printer_times_out_on_a_short_timeout_and_leaves_no_chromium():
    import psutil

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A brief")]
    exporter = export.BriefPDFExporter(print_timeout=0.01)  # less than Chromium needs to start
    with pytest.raises(RuntimeError, match=r"did not finish printing the PDF within 0.01 s"):
        exporter.from_notebook_node(nb)
    _, alive = psutil.wait_procs(chromium_processes(), timeout=5)
    assert not alive, [p.name() for p in alive]


def test_pdf_options_are_playwrights_a4_and_margins_in_inches_tagged_and_outlined():
    options = export._pdf_options("A4", "T &amp; U")
    assert (options["paperWidth"], options["paperHeight"]) == (8.27, 11.7)  # Playwright's "A4"
    assert options["marginTop"] == pytest.approx(16 * 3.78 / 96)  # 16mm as Playwright converts it
    assert (
        options["marginBottom"] == options["marginLeft"] == options["marginRight"] == pytest.approx(0.70875)
    )
    assert options["generateTaggedPDF"] is options["generateDocumentOutline"] is True
    assert options["displayHeaderFooter"] and options["printBackground"] and not options["preferCSSPageSize"]
    assert (
        "<span>T &amp; U</span>" in options["footerTemplate"]
        and 'class="totalPages"' in options["footerTemplate"]
    )
    assert export._pdf_options("letter", "")["paperWidth"] == 8.5
    with pytest.raises(ValueError, match="page_format 'B7'"):
        export._pdf_options("B7", "")


def test_setup_installs_the_headless_shell_and_the_printer_runs_it_in_low_end_device_mode():
    script = (config.PROJECT_ROOT / "scripts" / "install-system-deps.sh").read_text()
    assert "missing+=(chromium-headless-shell)" in script
    assert "--enable-low-end-device-mode" in export.CHROMIUM_ARGS
    assert "--single-process" not in export.CHROMIUM_ARGS  # it changes the layout


@pytest.mark.slow  # prints with Chromium
def test_one_printer_prints_several_briefs_with_one_chromium_and_numbers_the_contents(tmp_path, monkeypatch):
    from strategy_brief.report import chromium

    prints = []
    original = chromium.Browser.send

    def counted(self, method, params=None, session=None, deadline=None):
        if method == "Page.printToPDF":
            prints.append(params)
        return original(self, method, params, session, deadline)

    monkeypatch.setattr(chromium.Browser, "send", counted)
    sections = []
    for title in ("Capability", "Cost", "Reach"):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"## {title}\n\n" + "Text. " * 2500)]
        sections.append(nb)
    merged = assemble.merge(sections, {"title": "T"})
    with export.Printer() as printer:
        first = export.export_pdf(merged, printer=printer)
        second = export.export_pdf(assemble.merge(sections[:2], {"title": "U"}), printer=printer)
        assert printer.launches == 1
    assert len(prints) == 2  # each brief printed once, the contents' numbers written in afterwards
    assert all(p["generateTaggedPDF"] and p["transferMode"] == "ReturnAsStream" for p in prints)
    path = tmp_path / "brief.pdf"
    path.write_bytes(first)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Tagged:\s+yes", info) and re.search(r"Page size:\s+595.9\d x 842.\d+ pts \(A4\)", info)
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [" ".join(p.split()) for p in pages.split("\f")]
    starts = [
        next(i + 1 for i, p in enumerate(pages) if i and p.startswith(f"{n} {t}"))
        for n, t in ((1, "Capability"), (2, "Cost"), (3, "Reach"))
    ]
    contents = pages[0]
    for (n, title), start in zip(((1, "Capability"), (2, "Cost"), (3, "Reach")), starts, strict=True):
        assert f"{n} {title} {start}" in contents, (contents, starts)
    assert starts[0] == 2 and starts[1] > starts[0] + 1  # each section fills more than a page
    assert pages[1].rstrip().endswith(f"T 2 / {len(pages) - 1}")  # the footer: title, page / pages
    assert second.startswith(b"%PDF")


def test_the_pdf_prints_the_page_of_the_html_brief_so_it_is_not_rendered_twice():
    """export_pdf(html=...) prints the HTML brief as it is: that is only right while the PDF exporter
    would render the very same page."""
    merged = assemble.merge([executed_notebook()], {"title": "T", "edition": "2026-01-01", "series": "S"})
    seen = {}
    exporter = export.BriefPDFExporter()
    exporter.run_playwright = lambda page: seen.setdefault("page", page) and b"%PDF"
    exporter.from_notebook_node(merged)
    from strategy_brief.report import safe_html

    assert safe_html.sanitize_document(seen["page"]) == export.export_html(merged)
    assert export.pdf_footer(merged) == "T · Edition 2026-01-01" == exporter._footer


def test_the_html_exporter_is_reused_until_a_template_changes(tmp_path, monkeypatch):
    import shutil

    templates = tmp_path / "templates"
    shutil.copytree(config.TEMPLATES_DIR, templates)
    monkeypatch.setattr(config, "TEMPLATES_DIR", templates)
    first = export._html_exporter()
    assert export._html_exporter() is first  # the compiled template is kept
    css = templates / "brief" / "static" / "brief.css"
    css.write_text(css.read_text() + "\n/* changed */\n")
    import os

    os.utime(css, ns=(css.stat().st_atime_ns, css.stat().st_mtime_ns + 1_000_000))
    assert export._html_exporter() is not first
