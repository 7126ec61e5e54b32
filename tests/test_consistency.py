"""One number, one value: every brief of the build file built on the synthetic fixture project (HTML only),
then every key figure compared across briefs and sections, and the data-gap sentences compared with the
coverage table the reach section's charts use.

A key figure's name means one measure. It has one value in every brief and section of the edition,
unless it is declared region-dependent (`strategy_brief.report.key_figures.REGION_DEPENDENT`): then it
has one value per region, so the executive brief for Global and the full report (built for Global) still
agree on it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from strategy_brief import config
from strategy_brief.analysis import findings
from strategy_brief.analysis.indicators import reach
from strategy_brief.build import buildfile
from strategy_brief.curated import facts, regions
from strategy_brief.data import processed
from strategy_brief.report import key_figures
from strategy_brief.report.narrative import executive
from tests.fixtures.project import make_fixture_project
from tests.test_notebooks_on_fixtures import Built, run_build

pytestmark = pytest.mark.slow

EXECUTIVE = "00_executive_brief.ipynb"
FULL_REPORT = "full-report"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_fixture_project(tmp_path_factory.mktemp("consistency") / "project")


@pytest.fixture(scope="module")
def spec(project) -> buildfile.BuildFile:
    return buildfile.load(project / "briefs.yml", project / "notebooks")


@pytest.fixture(scope="module")
def edition(project, tmp_path_factory) -> Built:
    return run_build(project, tmp_path_factory.mktemp("reports"))


@pytest.fixture
def on_fixture(project, monkeypatch) -> Path:
    """The package pointed at the fixture project, as the kernels are: every path is resolved when called."""
    monkeypatch.setenv("STRATEGY_BRIEF_ROOT", str(project))
    assert config.processed_dir() == project / "data" / "processed"
    return project


def recorded(edition: Built, spec: buildfile.BuildFile) -> dict[str, dict[str, set]]:
    """Every key figure of every brief: name → scope (the region, or '' for an edition-wide figure) →
    {(value, brief · notebook)}."""
    out: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for brief in spec.select(None):  # the default set: what a plain build publishes
        for entry in edition.manifest(brief.id)["notebooks"]:
            notebook = Path(entry["notebook"]).name
            region = edition.parameters(brief.id, notebook).get("region", regions.GLOBAL)
            for figure in entry["key_figures"]:
                name = figure["name"]
                scope = region if key_figures.region_dependent(name) else ""
                out[name][scope].add((figure["value"], f"{brief.id} · {notebook}"))
    return out


def test_every_key_figure_has_one_value_across_briefs_and_sections(edition, spec):
    figures = recorded(edition, spec)
    assert figures, "no key figure recorded"
    disagree = {
        f"{name} ({scope or 'every region'})": sorted(seen)
        for name, scopes in figures.items()
        for scope, seen in scopes.items()
        if len({value for value, _ in seen}) > 1
    }
    assert not disagree, f"one figure, several values: {disagree}"
    # The check has teeth: several figures are recorded by more than one brief or section.
    shared = [n for n, scopes in figures.items() if any(len(seen) > 1 for seen in scopes.values())]
    assert len(shared) >= 5, shared
    # A region-dependent figure recorded for several regions does take several values on the fixture.
    varying = [
        n
        for n in key_figures.REGION_DEPENDENT
        if len({v for s in figures.get(n, {}).values() for v, _ in s}) > 1
    ]
    assert varying, "no declared region-dependent figure varies with the region"


def test_region_dependent_figures_of_global_agree_between_the_executive_brief_and_the_full_report(
    edition, spec
):
    figures = recorded(edition, spec)
    both = [
        name
        for name in key_figures.REGION_DEPENDENT
        if {b.split(" · ")[0] for _, b in figures.get(name, {}).get(regions.GLOBAL, set())}
        >= {"executive-global", FULL_REPORT}
    ]
    assert both, "no region-dependent figure recorded by both the Global executive brief and the full report"


def test_data_gap_sentences_come_from_the_coverage_table_of_the_reach_charts(edition, spec, on_fixture):
    cloud, curated = processed.read(reach.CLOUD_TABLE), facts.load()
    coverage = reach.reach_and_trust(cloud, curated, regions.GLOBAL).coverage  # what the reach charts show
    lacking = [r for r in regions.REPORTING_REGIONS if not coverage.loc[r, "has_trust"]]
    assert lacking, "the fixture has no region without a trust figure: the gap check would be empty"
    total = len(regions.REPORTING_REGIONS)
    briefs = [b for b in spec.select(None) if any(n.name == EXECUTIVE for n in b.notebooks)]
    for brief in briefs:
        region = brief.parameters.get("region", regions.GLOBAL)
        text = edition.text(brief.id)
        said = text.split(executive.gaps_heading(region).removeprefix("## "), 1)[1]
        gaps = findings.region_gaps(coverage, region)
        for gap in gaps:
            assert f"{gap[0].upper()}{gap[1:]}." in said, (brief.id, gap)
        if region == regions.GLOBAL:
            assert f"No trust figure for {len(lacking)} of the {total} regions" in said
            assert all(r in said.split("Trust comes from")[0] for r in lacking)
        else:
            assert ("No trust figure" in said) == (region in lacking), brief.id
        if gaps:  # a region with a coverage gap never reads as having none (Global: any region's gap)
            assert "None in the reach and trust data" not in said, brief.id
    report = edition.text(FULL_REPORT)
    counted = re.findall(rf"(\d+) of the {total} world regions have at least one exact trust figure", report)
    # The count is the Barometer's; the UNDP transcription covers some of the others (trust_source).
    barometer = [r for r in regions.REPORTING_REGIONS if coverage.loc[r, "trust_source"] == reach.BAROMETER]
    assert counted and {int(n) for n in counted} == {len(barometer)}
