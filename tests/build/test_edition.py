"""The build end to end: real kernel, papermill, nbconvert and Chromium."""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
from pathlib import Path

import pytest

from strategy_brief.build import edition as build

# Every test here reads one real build of two briefs with PDFs.
pytestmark = pytest.mark.slow

EDITION = "2026-01-15"


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


@pytest.fixture(scope="module")
def real_edition(tmp_path_factory) -> Path:
    """Two executive briefs of the real project (Global and Sub-Saharan Africa), with PDFs."""
    reports = tmp_path_factory.mktemp("reports")
    result = build.build(
        edition=EDITION,
        brief_ids=["executive-global", "executive-sub-saharan-africa", "full-report"],
        reports_dir=reports,
        out=io.StringIO(),
    )
    assert result.ok, [r.error for r in result.briefs]
    return reports / EDITION


def test_real_briefs_publish_html_pdf_manifest_and_run_record(real_edition):
    brief = real_edition / "executive-global"
    assert (brief / f"executive-global_{EDITION}.html").exists()
    assert (brief / f"executive-global_{EDITION}.pdf").exists()
    stable = real_edition.parent / "latest" / "executive-global" / "executive-global.pdf"  # a symlink
    assert stable.resolve() == (brief / f"executive-global_{EDITION}.pdf").resolve()
    assert (brief / "notebooks" / "01_00_executive_brief.ipynb").exists()
    assert (brief / "figures" / "figure-01.csv").read_text().startswith("country,value,")
    assert (brief / "figures" / "figure-01.png").read_bytes()[:4] == b"\x89PNG"
    assert "Figure 1: Trust in AI is highest" in (brief / "figures" / "README.md").read_text()
    assert (real_edition.parent / "latest").resolve() == real_edition.resolve()
    manifest = json.loads((brief / "manifest.json").read_text())
    assert manifest["status"] == "ok" and manifest["edition"] == EDITION
    assert manifest["parameters"] == {"region": "Global"}
    nb = manifest["notebooks"][0]
    assert nb["parameters"] == {"edition": EDITION, "region": "Global"}
    assert nb["status"] == "ok" and nb["seconds"] > 0 and nb["cell_seconds"] > 0
    assert {k["name"] for k in nb["key_figures"]} >= {"us_china_investment_ratio"}
    assert "data/raw/facts.csv" in manifest["inputs"] and "briefs.yml" in manifest["inputs"]
    assert manifest["versions"]["papermill"] and "chromium" in manifest["versions"]
    assert "commit" in manifest["git"]


def test_html_has_no_code_and_every_figure_has_svg_alt_text_and_source(real_edition):
    html = (real_edition / "executive-global" / f"executive-global_{EDITION}.html").read_text()
    assert "hl-ipython3" not in html and "import " not in html and "record.narrate" not in html
    figures = re.findall(r'<figure class="sb-figure".*?</figure>', html, re.DOTALL)
    assert figures
    for figure in figures:
        assert "<svg" in figure and 'aria-label="' in figure and "Source: " in figure


def test_pdf_has_title_edition_cjk_and_no_python(real_edition):
    text = pdf_text(real_edition / "executive-global" / f"executive-global_{EDITION}.pdf")
    assert "Executive brief: Global" in text and f"Edition {EDITION}" in text
    assert "深度求索" in text and "通义千问" in text
    for code in ("import ", "def ", "record.", "strategy_brief", "executive."):
        assert code not in text
    report = pdf_text(real_edition / "full-report" / f"full-report_{EDITION}.pdf")
    assert "深度求索" in report and "月之暗面" in report and "import " not in report


def test_methods_brief_lists_every_source_and_table_from_the_metadata(real_edition):
    from strategy_brief.data import provenance

    # Long names in table cells carry invisible break points (<wbr>); the text is unchanged.
    html = (real_edition / "full-report" / f"full-report_{EDITION}.html").read_text().replace("<wbr>", "")
    assert "hl-ipython3" not in html and "Sources and data vintage" in html
    for title in provenance.sources_table()["title"]:
        assert title.replace("&", "&amp;") in html
    for title in provenance.tables_table()["title"]:
        assert title.replace("&", "&amp;") in html


def test_capability_brief_numbers_equal_the_functions(real_edition):
    from strategy_brief import fmt
    from strategy_brief.analysis.indicators import capability
    from strategy_brief.data import processed

    e = capability.latest(capability.gap(processed.read("eci_by_model"), "United States", "China"))
    text = pdf_text(real_edition / "full-report" / f"full-report_{EDITION}.pdf")
    assert (
        f"the best US model scores {fmt.number(e['leader_best'])} against {fmt.number(e['follower_best'])}"
        in text
    )
    assert f"a lag of about {fmt.number(abs(e['lag_months']))} months" in text


def test_full_report_numbers_figures_across_sections_and_publishes_their_data(real_edition):
    brief = real_edition / "full-report"
    html = (brief / f"full-report_{EDITION}.html").read_text()
    figures = [int(n) for n in re.findall(r'<figure class="sb-figure" id="figure-(\d+)"', html)]
    assert figures == list(range(1, len(figures) + 1)) and len(figures) >= 8
    tables = [int(n) for n in re.findall(r"<caption>Table (\d+)\.", html)]
    assert tables == list(range(1, len(tables) + 1))
    for n in figures:
        assert (brief / "figures" / f"figure-{n:02d}.csv").exists()
        assert (brief / "figures" / f"figure-{n:02d}.png").exists()
    manifest = json.loads((brief / "manifest.json").read_text())
    from strategy_brief.build import buildfile

    [full] = [b for b in buildfile.load().briefs if b.id == "full-report"]
    assert len(manifest["notebooks"]) == len(full.notebooks)
    assert all(nb["status"] == "ok" for nb in manifest["notebooks"])


def test_region_changes_the_region_dependent_text(real_edition):
    from strategy_brief import fmt
    from strategy_brief.analysis import findings
    from strategy_brief.curated import regions
    from strategy_brief.report.narrative import findings as prose

    ssa = pdf_text(
        real_edition / "executive-sub-saharan-africa" / f"executive-sub-saharan-africa_{EDITION}.pdf"
    )
    world = pdf_text(real_edition / "executive-global" / f"executive-global_{EDITION}.pdf")
    view, everywhere = findings.region_view("Sub-Saharan Africa"), findings.region_view("Global")
    assert f"Trust in AI ({view.trust_survey}) is {prose.trust_in(view)}" in ssa
    assert prose.trust_in(view) not in world
    for text, v, where in (
        (ssa, view, "in Sub-Saharan Africa"),
        (world, everywhere, f"across the {len(regions.REPORTING_REGIONS)} world regions"),
    ):
        assert f"puts a median {fmt.percent(100 * v.scenario_median)} of AI users {where}" in text
        # Compared without spaces: the PDF may break a line after the interval's dash.
        assert "".join(f"({prose.cloud_share(v)} Chinese)".split()) in "".join(text.split())
    assert view.scenario_median != everywhere.scenario_median
    assert view.china_cloud_share != everywhere.china_cloud_share
    assert "Executive brief: Sub-Saharan Africa" in ssa


def test_narrative_numbers_equal_the_functions(real_edition):
    from strategy_brief.analysis import findings
    from strategy_brief.data import vintage
    from strategy_brief.report.narrative import findings as prose

    scores, _ = findings.scorecard()
    newest = vintage.newest(list(findings.HEADLINE_TABLES), "")
    for brief, region in (
        ("executive-global", "Global"),
        ("executive-sub-saharan-africa", "Sub-Saharan Africa"),
    ):
        # The HTML, not the PDF: a PDF line may break inside a hyphenated word.
        page = html.unescape((real_edition / brief / f"{brief}_{EDITION}.html").read_text())
        assert prose.headline(scores, findings.region_view(region), newest, EDITION) in page
        for row in prose.score_table(scores).itertuples():  # each cell as the scorecard shows it
            assert f"<td>{row.us}</td><td>{row.china}</td>" in page
