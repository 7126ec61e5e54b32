"""The reach section's infrastructure charts (report.charts.infrastructure) on synthetic tables."""

from __future__ import annotations

from strategy_brief.analysis.indicators import infrastructure as infra
from strategy_brief.curated import regions
from strategy_brief.report.charts import infrastructure as charts
from tests.report.figure_tools import texts
from tests.report.test_narrative_infrastructure import CLUSTERS, timeline


def test_clusters_stack_owner_groups_and_label_each_side(shown):
    charts.clusters(
        infra.compute_by_region(CLUSTERS), infra.compute_reach(CLUSTERS), source_note="Source: synthetic."
    )
    [call] = shown
    title = call["fig"].texts[0].get_text().replace("\n", " ")
    assert title == (
        "Epoch AI lists 22 US-owned and 4 China-owned AI clusters; every China-owned one is an Alibaba Cloud "
        "opening"
    )
    drawn = texts(call["fig"])
    assert "US 0 · China 3" in drawn and "US 2 · China 3" in drawn  # South-eastern Asia; the Global South
    data = call["data"]
    assert (data["clusters"] > 0).all() and set(data["area"]) <= {*charts.AREAS}
    assert data.loc[data["owner_group"] == "Owner anonymized", "clusters"].sum() == 10
    assert "Middle East & North Africa: none listed" in call["alt"]


def test_opening_timeline_has_one_panel_per_region_on_one_axis(shown):
    charts.opening_timeline(timeline(), source_note="Source: synthetic.")
    [call] = shown
    axes = call["fig"].axes
    assert len(axes) == len(regions.REPORTING_REGIONS)
    assert [a.get_title(loc="left").replace("\n", " ") for a in axes] == list(regions.REPORTING_REGIONS)
    title = call["fig"].texts[0].get_text().replace("\n", " ")
    assert (
        title == "In the Global South, US providers had opened 4 dated cloud regions by 2025, Alibaba Cloud 3"
    )
    assert "South-eastern Asia US providers 3, Alibaba Cloud 2" in call["alt"]
    for axis in axes:  # every series runs to the last year, flat where nothing opened
        for line in axis.get_lines():
            assert list(line.get_xdata())[-1] == 2025
