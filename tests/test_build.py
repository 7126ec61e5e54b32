"""The build end to end: real kernel, papermill, nbconvert and Chromium."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from strategy_brief import build, cli, config, publish
from tests.conftest import OK_CELL, make_notebook
from tests.test_publish import tree_digest

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
    assert (brief / "executive-global.html").exists() and (brief / "executive-global.pdf").exists()
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
    html = (real_edition / "executive-global" / "executive-global.html").read_text()
    assert "hl-ipython3" not in html and "import " not in html and "record.narrate" not in html
    figures = re.findall(r'<figure class="sb-figure".*?</figure>', html, re.DOTALL)
    assert figures
    for figure in figures:
        assert "<svg" in figure and 'aria-label="' in figure and "Source: " in figure


def test_pdf_has_title_edition_cjk_and_no_python(real_edition):
    text = pdf_text(real_edition / "executive-global" / "executive-global.pdf")
    assert "Executive brief: Global" in text and f"Edition {EDITION}" in text
    assert "深度求索" in text and "通义千问" in text
    for code in ("import ", "def ", "record.", "strategy_brief", "executive."):
        assert code not in text


def test_methods_brief_lists_every_source_and_table_from_the_metadata(real_edition):
    from strategy_brief import provenance

    html = (real_edition / "full-report" / "full-report.html").read_text()
    assert "hl-ipython3" not in html and "Sources and data vintage" in html
    for title in provenance.sources_table()["title"]:
        assert title.replace("&", "&amp;") in html
    for title in provenance.tables_table()["title"]:
        assert title.replace("&", "&amp;") in html


def test_capability_brief_numbers_equal_the_functions(real_edition):
    from strategy_brief import fmt, processed
    from strategy_brief.indicators import capability

    e = capability.latest(capability.gap(processed.read("eci_by_model"), "United States", "China"))
    text = pdf_text(real_edition / "full-report" / "full-report.pdf")
    assert (
        f"the best US model scores {fmt.number(e['leader_best'])} against {fmt.number(e['follower_best'])}"
        in text
    )
    assert f"a lag of about {fmt.number(abs(e['lag_months']))} months" in text


def test_full_report_numbers_figures_across_sections_and_publishes_their_data(real_edition):
    brief = real_edition / "full-report"
    html = (brief / "full-report.html").read_text()
    figures = [int(n) for n in re.findall(r'<figure class="sb-figure" id="figure-(\d+)"', html)]
    assert figures == list(range(1, len(figures) + 1)) and len(figures) >= 8
    tables = [int(n) for n in re.findall(r"<caption>Table (\d+)\.", html)]
    assert tables == list(range(1, len(tables) + 1))
    for n in figures:
        assert (brief / "figures" / f"figure-{n:02d}.csv").exists()
        assert (brief / "figures" / f"figure-{n:02d}.png").exists()
    manifest = json.loads((brief / "manifest.json").read_text())
    assert len(manifest["notebooks"]) == 8 and all(nb["status"] == "ok" for nb in manifest["notebooks"])


def test_region_changes_the_region_dependent_text(real_edition):
    ssa = pdf_text(real_edition / "executive-sub-saharan-africa" / "executive-sub-saharan-africa.pdf")
    world = pdf_text(real_edition / "executive-global" / "executive-global.pdf")
    assert "In Sub-Saharan Africa, the published figures are for Nigeria (76%)" in ssa
    assert "In Sub-Saharan Africa" not in world
    assert "Executive brief: Sub-Saharan Africa" in ssa


def test_narrative_numbers_equal_the_functions(real_edition):
    from strategy_brief import executive, facts, fmt

    gap = executive.investment_gap(facts.load())
    text = pdf_text(real_edition / "executive-global" / "executive-global.pdf")
    assert f"was {fmt.times(gap.ratio)} China's in {gap.as_of}" in text


def test_identical_inputs_give_identical_html(tiny_project, tmp_path):
    outputs = []
    for name in ("one", "two"):
        reports = tmp_path / name
        result = build.build(
            build_file=tiny_project / "briefs.yml",
            root=tiny_project,
            edition=EDITION,
            reports_dir=reports,
            pdf=False,
            out=io.StringIO(),
        )
        assert result.ok
        brief = reports / EDITION / "hello-global"
        figures = sorted((brief / "figures").iterdir())
        outputs.append(
            [(brief / "hello-global.html").read_bytes()] + [(p.name, p.read_bytes()) for p in figures]
        )
    assert outputs[0] == outputs[1]  # HTML, CSVs, PNGs and the data dictionary
    assert [name for name, _ in outputs[0][1:]] == [
        "README.md",
        "figure-01.csv",
        "figure-01.png",
        "figure-02.csv",
        "figure-02.png",
    ]
    outputs = [o[0] for o in outputs]
    html = outputs[0].decode()
    assert "<svg" in html and "Source: a test." in html
    # Both notebooks of the brief, in order, in one document, figure numbers continuing.
    assert html.index("Hello from the Global brief, edition 2026-01-15.") < html.index("Second section.")
    assert html.index(">Figure 1.<") < html.index("Second section.") < html.index(">Figure 2.<")
    assert 'id="figure-2"' in html


def test_a_later_edition_says_what_changed(tiny_project, tmp_path):
    kwargs = dict(build_file=tiny_project / "briefs.yml", root=tiny_project, reports_dir=tmp_path, pdf=False)
    assert build.build(edition="2026-01-01", brief_ids=["hello-global"], out=io.StringIO(), **kwargs).ok
    first = (tmp_path / "2026-01-01" / "hello-global" / "hello-global.html").read_text()
    assert "What changed since the last edition" in first and "first edition" in first
    assert build.build(edition="2026-02-01", brief_ids=["hello-global"], out=io.StringIO(), **kwargs).ok
    brief = tmp_path / "2026-02-01" / "hello-global"
    later = brief.joinpath("hello-global.html").read_text()
    assert "Key figures against edition 2026-01-01" in later
    recorded = json.loads(brief.joinpath("changes.json").read_text())
    assert recorded["previous_edition"] == "2026-01-01"
    assert recorded["key_figures"][0]["status"] == "unchanged"  # same notebook, same answer


def test_typo_in_parameter_fails_before_any_kernel_starts(tmp_path, capsys):
    reports = tmp_path / "reports"
    # A kernel that does not exist: had the build tried to start one, the error would say so.
    code = cli.main(["build", "-p", "regoin=x", "--kernel", "no-such-kernel", "--reports-dir", str(reports)])
    err = capsys.readouterr().err
    assert code == 2
    assert "'regoin'" in err and "00_executive_brief.ipynb" in err
    assert "region: str" in err and "edition: str" in err
    assert "no-such-kernel" not in err
    assert not reports.exists()


def test_wrong_value_for_a_choice_is_rejected(tmp_path, capsys):
    code = cli.main(["build", "-p", "region=Atlantis", "--reports-dir", str(tmp_path)])
    assert code == 2 and "one of: Global" in capsys.readouterr().err


def test_missing_kernel_is_reported_clearly(tmp_path, capsys):
    code = cli.main(["build", "--kernel", "no-such-kernel", "--reports-dir", str(tmp_path), "--no-pdf"])
    assert code == 2 and "kernel 'no-such-kernel' is not registered" in capsys.readouterr().err


def test_failing_notebook_leaves_previous_edition_untouched(tiny_project, tmp_path):
    reports = tmp_path / "reports"
    kwargs = dict(build_file=tiny_project / "briefs.yml", root=tiny_project, reports_dir=reports)
    assert build.build(edition="2026-01-01", out=io.StringIO(), **kwargs).ok
    before = tree_digest(reports / "2026-01-01")
    latest_before = (reports / "latest").resolve()

    make_notebook(
        tiny_project / "notebooks" / "bad.ipynb",
        'edition: str = "2000-01-01"\nregion: str = "Global"',
        OK_CELL,
        "raise ValueError('boom: the data is wrong')",
    )
    (tiny_project / "briefs.yml").write_text(
        (tiny_project / "briefs.yml").read_text().replace("second.ipynb]", "bad.ipynb]")
    )
    for edition in ("2026-01-01", "2026-02-01"):  # same edition rebuilt, and a new one
        log = io.StringIO()
        result = build.build(edition=edition, out=log, pdf=False, **kwargs)
        assert not result.ok
        text = log.getvalue()
        assert "FAILED brief 'hello-global', notebook bad.ipynb, cell 2 `raise ValueError" in text
        assert "ValueError: boom: the data is wrong" in text
        assert result.location.parent == reports / publish.FAILED_DIR
        kept = result.location / "hello-global" / "notebooks" / "02_bad.ipynb"  # 2nd of the brief
        assert kept.exists(), "the failed notebook must be kept for debugging"
    assert tree_digest(reports / "2026-01-01") == before
    assert not (reports / "2026-02-01").exists()
    assert (reports / "latest").resolve() == latest_before
    assert not list(reports.glob(".staging-*"))


def test_cli_build_exits_non_zero_when_a_notebook_fails(tiny_project, tmp_path):
    make_notebook(
        tiny_project / "notebooks" / "ok.ipynb",
        'edition: str = "2000-01-01"\nregion: str = "Global"  # one of: Global | Europe',
        "1 / 0",
    )
    code = cli.main(
        [
            "build",
            "--build-file",
            str(tiny_project / "briefs.yml"),
            "--reports-dir",
            str(tmp_path / "r"),
            "--brief",
            "hello-europe",
            "--no-pdf",
        ]
    )
    assert code == 1


def test_kernel_is_registered_in_this_environment():
    from jupyter_client.kernelspec import KernelSpecManager

    assert config.KERNEL_NAME in KernelSpecManager().find_kernel_specs()


def test_pdf_tools_are_installed():
    assert shutil.which("pdftotext"), "make setup installs poppler-utils"
