"""The reach section's infrastructure sentences and coverage cells (report.narrative.infrastructure) on
synthetic tables."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis import uncertainty
from strategy_brief.analysis.indicators import infrastructure as infra
from strategy_brief.analysis.indicators import reach, trust
from strategy_brief.curated import regions
from strategy_brief.report.narrative import infrastructure as text
from tests.analysis import reach_rows
from tests.analysis.test_indicators_infrastructure import CLUSTERS, LAUNCHES, OPENINGS
from tests.analysis.test_indicators_trust import CONFIDENCE, undp_table

SEA, SSA = "South-eastern Asia", "Sub-Saharan Africa"
COVERAGE = pd.DataFrame(
    [
        ("Amazon Web Services", "United States", 4, 3, "partly dated", "launch dates at year precision"),
        ("Google Cloud Platform", "United States", 1, 1, "all dated", "launch dates at year precision"),
        ("Oracle Cloud Infrastructure", "United States", 7, 0, "undated", "listed without launch dates"),
        ("Alibaba Cloud", "China", 4, 4, "dated elsewhere", "Chinese providers are not in the source; x"),
        ("Tencent Cloud", "China", 0, 0, "not covered", "Chinese providers are not in the source; gap"),
    ],
    columns=["provider", "provider_bloc", "listed", "dated", "coverage", "note"],
)
CLUSTER_COVERAGE = pd.DataFrame(
    {"reason": ["counted: owner classified", "excluded: no host country"], "clusters": [30, 5]}
)


def timeline() -> pd.DataFrame:
    areas = [*regions.REPORTING_REGIONS, infra.GLOBAL_SOUTH, regions.GLOBAL]
    return pd.concat(
        [infra.cloud_opening_timeline(LAUNCHES, OPENINGS, COVERAGE, region=a, until_year=2025) for a in areas]
    )


def test_compute_counts_owners_with_the_interval_and_says_what_the_chinese_clusters_are():
    said = text.compute(infra.compute_reach(CLUSTERS), infra.compute_by_region(CLUSTERS), regions.GLOBAL)
    low, high = (round(100 * float(x)) for x in uncertainty.wilson_interval(4, 26))
    assert said.startswith(
        "Epoch AI's list of GPU clusters places 40 existing clusters in a host country: 22 with US owners, "
        "4 with Chinese owners, 0 with owners in other blocs and 14 without an owner bloc. Of the clusters "
        f"either side owns, China's share is 15% (95% interval {low}–{high}%)."
    )
    assert "In the Global South, 2 clusters have US owners and 3 Chinese ones" in said
    assert "All 4 China-owned clusters are Epoch's 'Alibaba Cloud in <country>' rows" in said
    assert "(20 of 22 with a figure), and 91% of them are in Northern America." in said
    here = text.compute(infra.compute_reach(CLUSTERS), infra.compute_by_region(CLUSTERS), SEA)
    assert here.endswith("In South-eastern Asia: 3 clusters, 0 US-owned and 3 China-owned.")


def test_compute_caveats_name_the_anonymized_owners_and_what_is_left_out():
    said = text.compute_caveats(infra.compute_by_region(CLUSTERS), CLUSTER_COVERAGE)
    assert "10 clusters (Eastern Asia & Oceania) are marked 'owner anonymized'" in said
    assert "Left out of every count: 5 clusters (no host country)." in said


def test_openings_count_both_sides_and_name_the_undated():
    said = text.openings(timeline(), COVERAGE)
    # US: Indonesia 2 + 1, South Africa 1 → 4, all in the Global South; Alibaba: Indonesia, Malaysia, India
    assert said.startswith(
        "By 2025, US providers had opened 4 dated cloud regions worldwide, 4 of them in the Global South "
        "(1 since 2021); Alibaba Cloud 3 worldwide, 3 in the Global South (0 since 2021)."
    )
    assert "Amazon Web Services (3 of 4 listed regions dated) and Google Cloud Platform (1 of 1" in said
    assert said.endswith("Left out because no date is given: Oracle Cloud Infrastructure (7 regions).")


def test_launch_gap_names_the_providers_and_the_source_that_would_fill_it():
    said = text.launch_gap(infra.launch_gaps(COVERAGE))
    assert said.startswith("No source dates the region openings of Tencent Cloud:")
    assert said.endswith(f"What would fill it: {text.FILLED_BY['china_dates']}.")
    assert text.launch_gap(infra.launch_gaps(COVERAGE.iloc[:2])) == ""


def coverage():
    rt = reach.reach_and_trust(reach_rows.CLOUD, reach_rows.FACTS, regions.GLOBAL)
    undp = trust.undp_confidence(undp_table(CONFIDENCE))
    return rt.coverage, trust.trust_source_coverage(undp, reach_rows.FACTS).set_index("world_region")


def test_coverage_table_computes_each_regions_gaps():
    presence, sources = coverage()
    table = text.coverage_table(
        presence, sources, infra.compute_reach(CLUSTERS), timeline(), SEA, "Source: x."
    )
    rows = table["frame"].set_index("world_region")
    assert list(rows.index)[3] == f"{SEA} ◆" and "◆ = South-eastern Asia" in table["caption"]
    sea = rows.loc[f"{SEA} ◆"]
    assert sea["trust"] == "none" and sea["dated"] == "3 / 2" and sea["clusters"] == "0 / 3"
    assert sea["gaps"] == "no trust survey; no US cloud region on the map; no Chinese cloud region on the map"
    mena = rows.loc["Middle East & North Africa"]
    assert mena["trust"] == f"{trust.UNDP}: 3 countries"
    assert "no dated opening" in mena["gaps"] and "no US- or China-owned cluster" in mena["gaps"]
    assert rows.loc[SSA, "trust"] == f"{trust.EDELMAN}: 1 country"
    assert len(table["widths"]) == len(table["columns"])


def test_gap_points_each_name_the_source_that_would_fill_them():
    presence, sources = coverage()
    points = text.gap_points(
        sources,
        presence,
        infra.compute_reach(CLUSTERS),
        infra.compute_by_region(CLUSTERS),
        infra.launch_gaps(COVERAGE),
    )
    labels = [label for label, _ in points]
    assert labels[0] == "Trust" and "Cloud openings" in labels and "Compute" in labels
    trust_gap = points[0][1]
    assert trust_gap.startswith("no survey covers South-eastern Asia; would fill it:")
    assert all("would fill it" in said for _, said in points)
    anonymized = [said for label, said in points if said.startswith("10 clusters have anonymized owners")]
    assert anonymized


def test_key_figure_is_chinas_share_of_the_clusters_either_side_owns():
    [figure] = text.key_figures(infra.compute_reach(CLUSTERS), "2026-04-24")
    assert figure["value"] == pytest.approx(round(4 / 26, 3)) and figure["as_of"] == "2026-04-24"
    empty = infra.compute_reach(CLUSTERS[CLUSTERS["owner_status"] != "classified"])
    assert text.key_figures(empty, "2026-04-24") == []
