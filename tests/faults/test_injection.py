"""Hostile strings in the data never become markup, script or a formula in anything a brief publishes.

The escaping is structural: `record` escapes text where it enters a brief, `safe_html.sanitize` is the
gate every published page passes (HTML and the page Chromium prints to PDF), and the page forbids
script with a Content-Security-Policy. The end-to-end test plants hostile strings in every free-text
column of every processed table and of the curated facts and claims of the synthetic fixture project,
builds every brief of the build file, and opens each page in headless Chromium.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from strategy_brief.build import edition as build
from strategy_brief.build import outputs
from strategy_brief.data import schemas
from strategy_brief.report import assemble, export, record, safe_html

# Each sets window.__pwned if it ever runs; the marker text lets a test find what reached the page.
PAYLOADS = (
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "[click me](javascript:window.__pwned='markdown')",
    "<svg onload=\"window.__pwned='svg'\"><style><img src=x onerror=\"window.__pwned='mxss'\"></style></svg>",
    '"><a href="JaVa&#x09;ScRiPt:window.__pwned=\'attr\'">x</a>',
    "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>",
)
HOSTILE = " ⚠" + "".join(PAYLOADS)


class _Live(HTMLParser):
    """What a browser would treat as live in some markup: elements that run or embed code,
    event-handler attributes, and links whose scheme is not http(s), mailto or in-page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "base", "form", "frame"}:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "srcdoc":
                self.found.append(f"{tag} {name}")
            if name in {"href", "src", "xlink:href", "action"}:
                squeezed = re.sub(r"[\x00-\x20]+", "", value or "").lower()
                scheme = re.match(r"([a-z][a-z0-9+.-]*):", squeezed)
                if scheme and scheme.group(1) not in {"http", "https", "mailto"}:
                    self.found.append(f"{tag} {name}={value}")


def live(markup: str) -> list[str]:
    parser = _Live()
    parser.feed(markup)
    parser.close()
    return parser.found


# ------------------------------------------------------------------------------- the gate itself


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitize_leaves_nothing_that_runs(payload):
    raw = f"<p>Model {payload} wins</p>"
    clean = safe_html.sanitize(raw)
    assert live(clean) == [] and "onerror" not in clean, clean
    assert clean.startswith("<p>Model ") and clean.endswith(" wins</p>")
    if "<" in payload:  # the test payload itself is live before the gate
        assert live(raw) != []


def test_sanitize_keeps_house_markup_byte_for_byte():
    house = (
        '<figure class="sb-figure" id="figure-1"><svg role="img" aria-label="A &amp; B" viewBox="0 0 10 10">'
        '<defs><style type="text/css">*{stroke-linejoin: round}</style>'
        '<clipPath id="p1"><rect x="0"/></clipPath></defs><path style="fill: url(#h1)" clip-path="url(#p1)"/>'
        "</svg><figcaption>Source: x &lt; y</figcaption>"
        '</figure><nav class="sb-contents"><a href="#Cost">Cost</a><a href="https://epoch.ai/x?a=1&amp;b=2">'
        "Epoch</a><wbr></nav>"
    )
    assert safe_html.sanitize(house) == house


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://epoch.ai", True),
        ("http://x.org/a", True),
        ("mailto:a@b.org", True),
        ("#figure-2", True),
        ("figures/figure-01.csv", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("java&#x09;script:alert(1)", False),
        ("vbscript:x", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("file:///etc/passwd", False),
    ],
)
def test_only_http_links_relative_paths_and_anchors_are_safe(url, ok):
    assert safe_html.safe_url(url) is ok


def test_only_inline_raster_images_are_allowed_as_data():
    assert safe_html.safe_url("data:image/png;base64,iVBORw0KGgo=", image=True)
    assert not safe_html.safe_url("data:image/svg+xml;base64,PHN2Zz4=", image=True)
    assert not safe_html.safe_url("data:image/png;base64,iVBORw0KGgo=")  # not as a link


def test_sanitize_document_keeps_the_template_head_and_cleans_the_body():
    page = (
        "<!DOCTYPE html><html><head><style>.a{background:url(data:image/png;base64,AAA)}</style>"
        "<title>T</title></head><body><p>x<script>alert(1)</script></p></body></html>"
    )
    clean = safe_html.sanitize_document(page)
    assert clean.startswith(page[: page.index("<body")])
    assert "<script" not in clean and "<p>x</p>" in clean


def test_markdown_shows_html_as_text_and_drops_unsafe_links():
    rendered = safe_html.markdown(
        "A **b** <script>alert(1)</script> [x](javascript:alert(1)) [y](https://a.org)"
    )
    assert "<strong>b</strong>" in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered and "<script" not in rendered
    assert 'href="#"' in rendered and live(rendered) == []
    assert 'href="https://a.org"' in rendered


@pytest.mark.parametrize(
    "cell, shown",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+cmd", "'+1+cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("-5", "-5"),
        ("+1.5", "+1.5"),
        ("Qwen", "Qwen"),
        (3, 3),
    ],
)
def test_csv_cells_that_look_like_formulas_are_defused(cell, shown):
    assert safe_html.csv_cell(cell) == shown


def test_markdown_text_is_literal():
    text = safe_html.markdown_text("a|b [x](javascript:y) <b>*z*</b>")
    assert safe_html.markdown(text).count("<a") == 0 and "<b>" not in safe_html.markdown(text)
    assert "|" not in text.replace("\\|", "")


# ------------------------------------------------------------------ what the notebook helpers emit


@pytest.fixture
def shown(monkeypatch) -> list[dict]:
    out: list[dict] = []

    def capture(obj, raw=False):
        out.append(obj if raw else {"text/html": obj.data})

    monkeypatch.setattr(record, "display", capture)
    return out


@pytest.mark.parametrize(
    "call",
    [
        lambda t: record.key_finding(f"Leader {t}."),
        lambda t: record.data_gap(f"No data for {t}.", title=f"Gap {t}", points=[t, (t, t)]),
        lambda t: record.data_gap([t, t]),
        lambda t: record.show_list([t]),
        lambda t: record.note(t, title=t),
        lambda t: record.narrate(f"The best model is {t}."),
        lambda t: record.show_points({t: [t]}),
        lambda t: record.show_html(f"<p>{t}</p>"),
        lambda t: record.show_table(pd.DataFrame({"model": [t], "score": [1.0]}), caption=t, source_note=t),
    ],
)
def test_every_record_helper_escapes_what_comes_from_data(shown, call):
    call(HOSTILE)
    markup = "".join(o.get("text/html", "") for o in shown)
    assert markup
    assert live(markup) == [], markup
    assert "⚠" in markup  # the text is shown, escaped, not dropped


def test_figure_files_beside_the_brief_are_defused(tmp_path):
    data = pd.DataFrame({"model": ["=cmd|' /C calc'!A0", "@SUM(1)", "Qwen"], "score": [-5, 2, 3]})
    records = [
        {
            "number": 1,
            "title": "Best <script>x</script> | [a](javascript:b)",
            "source_note": "Source: <img src=x onerror=y>",
            "csv": data.to_csv(index=False, lineterminator="\n"),
            "columns": {"model|x": "the <b>model</b> [l](javascript:z)", "score": "points"},
            "png": "iVBORw0KGgo=",
        }
    ]
    outputs.write_figures(records, tmp_path)
    rows = list(csv.reader(io.StringIO((tmp_path / "figure-01.csv").read_text())))
    assert rows[1][0] == "'=cmd|' /C calc'!A0" and rows[2][0] == "'@SUM(1)" and rows[1][1] == "-5"
    readme = (tmp_path / "README.md").read_text()
    rendered = safe_html.markdown(readme)
    assert live(rendered) == [] and "<b>" not in rendered and "<a " not in rendered
    assert rendered.count("<tr>") == 3 and rendered.count("<td>") == 4  # no cell split by a '|'


# ------------------------------------------------------------------ end to end, in a real browser


# Keys the curated inputs refer to (a region, a country, a price host in the scenario assumptions, a
# developer whose own API host the classification names): planted in, they would only break lookups.
CLASSIFICATION_KEYS = {"world_region", "country", "host_provider", "developer"}


def _free_text_columns(table: str, frame: pd.DataFrame) -> list[str]:
    """String columns the schema does not restrict to a vocabulary or a pattern (names, ids, notes)."""
    schema = schemas.PROCESSED[table]
    out = []
    for name, column in schema.columns.items():
        if name not in frame or column.dtype is None or "str" not in str(column.dtype).lower():
            continue
        if name in CLASSIFICATION_KEYS:
            continue
        if any(c.name in {"isin", "str_matches"} for c in column.checks):
            continue
        out.append(name)
    return out


# Curated free text a brief may show: source titles, quotes, notes, claims and the reasons for verdicts.
FACT_COLUMNS = ("indicator_label", "source_title", "quote", "notes")  # primary_source names a survey: a key
CLAIM_COLUMNS = ("quote", "reason")


def poison(project: Path) -> dict[str, list[str]]:
    """Append the hostile string to every free-text value; return what was planted where."""
    planted: dict[str, list[str]] = {}
    processed_dir = project / "data" / "processed"
    for path in sorted(processed_dir.glob("*.csv")):
        table = path.stem
        if table not in schemas.PROCESSED:
            continue
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        columns = _free_text_columns(table, frame)
        for name in columns:
            frame[name] = frame[name].map(lambda v: v + HOSTILE if v else v)
        frame.to_csv(path, index=False, lineterminator="\n")
        planted[f"processed/{table}"] = columns
    raw = project / "data" / "raw"
    for file, columns in (("facts.csv", FACT_COLUMNS), ("claims.csv", CLAIM_COLUMNS)):
        frame = pd.read_csv(raw / file, dtype=str, keep_default_na=False)
        for name in columns:
            frame[name] = frame[name].map(lambda v: v + HOSTILE if v else v)
        frame.to_csv(raw / file, index=False, lineterminator="\n")
        planted[f"raw/{file}"] = list(columns)
    return planted


@pytest.fixture(scope="module")
def hostile_edition(tmp_path_factory) -> Path:
    from tests.fixtures.project import make_fixture_project

    project = make_fixture_project(tmp_path_factory.mktemp("hostile") / "project")
    planted = poison(project)
    assert sum(len(c) for c in planted.values()) >= 15, planted
    reports = project / "reports"
    result = build.build(
        build_file=project / "briefs.yml",
        root=project,
        edition="2025-11-30",
        reports_dir=reports,
        pdf=False,
        out=io.StringIO(),
    )
    assert result.ok, {r.brief.id: r.error for r in result.briefs if r.status != "ok"}
    return reports / "2025-11-30"


PROBE = """() => {
  const on = [];
  for (const el of document.querySelectorAll('*'))
    for (const a of el.attributes)
      if (a.name.toLowerCase().startsWith('on')) on.push(el.tagName + ' ' + a.name);
  const links = Array.from(document.querySelectorAll('a[href], area[href], [xlink\\\\:href]'))
    .map(a => a.href || '').filter(h => !/^(https?:|mailto:|file:|about:blank)/i.test(h) && h.includes(':'));
  return {
    pwned: window.__pwned || null,
    scripts: document.scripts.length,
    frames: document.querySelectorAll('iframe, object, embed').length,
    handlers: on,
    javascriptLinks: links.filter(h => /^\\s*javascript:/i.test(h)),
    otherSchemes: links,
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || '',
    shown: document.body.innerText.includes("<script>window.__pwned='script'</script>"),
  };
}"""


async def _open_all(pages: list[Path]) -> dict[str, dict]:
    from playwright.async_api import async_playwright

    results = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=export.find_chromium(), args=[*export.CHROMIUM_ARGS, "--no-sandbox"]
        )
        try:
            for path in pages:
                page = await browser.new_page()
                dialogs: list[str] = []
                page.on(
                    "dialog",
                    lambda d, seen=dialogs: (seen.append(d.message), asyncio.ensure_future(d.dismiss())),
                )
                await page.goto(path.as_uri(), wait_until="load")
                # Give anything scheduled (onload, onerror, timers) a chance to run, and move the mouse
                # over every link, chart and image as a reader would.
                for link in await page.query_selector_all("a, svg, img"):
                    await link.dispatch_event("mouseover")
                await page.wait_for_timeout(200)
                found = await page.evaluate(PROBE)
                found["dialogs"] = dialogs
                results[path.name] = found
                await page.close()
        finally:
            await browser.close()
    return results


@pytest.mark.slow
def test_no_planted_script_runs_in_any_published_page(hostile_edition):
    pages = sorted(hostile_edition.glob(f"*/*_{hostile_edition.name}.html"))  # not the stable-name links
    assert len(pages) >= 7
    results = asyncio.run(_open_all(pages))
    for name, found in results.items():
        assert found["pwned"] is None, (name, found)
        assert found["dialogs"] == [], (name, found)
        assert found["scripts"] == 0 and found["frames"] == 0, (name, found)
        assert found["handlers"] == [], (name, found)
        assert found["javascriptLinks"] == [] and found["otherSchemes"] == [], (name, found)
        assert "script-src 'none'" in found["csp"], (name, found)
    # The hostile text reached readers as text (escaped), not silently dropped: at least in the tables.
    assert any(found["shown"] for found in results.values()), results


@pytest.mark.slow
def test_files_published_beside_each_brief_carry_no_live_markup_or_formula(hostile_edition):
    checked = 0
    for folder in sorted(p for p in hostile_edition.iterdir() if p.is_dir()):
        for name in ("manifest.json", "changes.json"):
            if (folder / name).exists():
                json.loads((folder / name).read_text())  # valid JSON: every string escaped
        figures = folder / "figures"
        for table in figures.glob("*.csv"):
            for row in csv.reader(io.StringIO(table.read_text())):
                for cell in row:
                    assert safe_html.csv_cell(cell) == cell, (table, cell)
                    checked += 1
        if (figures / "README.md").exists():
            rendered = safe_html.markdown((figures / "README.md").read_text())
            assert live(rendered) == [], folder
    assert checked > 100


@pytest.mark.slow
def test_pdf_of_a_hostile_brief_shows_the_text_and_runs_nothing(hostile_edition, tmp_path):
    """The PDF is printed from the sanitized page: the planted text is printed as text."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler's pdftotext is not installed")
    import nbformat

    folder = hostile_edition / "executive-global"
    executed = [nbformat.read(p, as_version=4) for p in sorted((folder / "notebooks").glob("*.ipynb"))]
    merged = assemble.merge(executed, {"title": f"Brief {HOSTILE}", "edition": "2025-11-30"})
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(export.export_pdf(merged))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "<script>window.__pwned='script'</script>" in " ".join(text.split())
