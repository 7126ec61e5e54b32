"""One run of the scenario section (analysis.scenario.outlook): a named scenario against the status quo
with the same draws, the focus region, the headline and the comparisons."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from strategy_brief.analysis import scenario
from strategy_brief.curated import regions

ALL = list(regions.REPORTING_REGIONS)
DRAWS = 300


@pytest.fixture(scope="module")
def base() -> pd.DataFrame:
    return scenario.load_assumptions()


@pytest.fixture(scope="module")
def scenarios() -> dict:
    return scenario.load_scenarios()


@pytest.fixture(scope="module")
def everywhere(base, scenarios) -> scenario.Outlook:
    return scenario.run(
        scenario="status_quo",
        region=regions.GLOBAL,
        horizon=2029,
        draws=DRAWS,
        seed=4,
        base=base,
        scenarios=scenarios,
    )


@pytest.fixture(scope="module")
def tightened(base, scenarios) -> scenario.Outlook:
    return scenario.run(
        scenario="controls_tighten",
        region="Sub-Saharan Africa",
        draws=DRAWS,
        seed=4,
        base=base,
        scenarios=scenarios,
    )


def test_global_focuses_on_the_highest_median_and_averages_the_regions(everywhere):
    o = everywhere
    assert o.is_global and o.is_reference
    ends = o.paths[o.paths["year"] == 2029].set_index("region")
    assert o.focus == ends["share_china_median"].idxmax()
    assert o.headline["share_china_median"] == pytest.approx(ends["share_china_median"].mean())
    assert o.headline["share_china_p10"] == pytest.approx(ends["share_china_p10"].mean())
    assert o.adopting == pytest.approx(ends["adopting_fraction_median"].mean())
    assert o.swings.attrs["region"] == o.focus and o.swings.attrs["year"] == 2029
    assert o.regions == ALL and set(o.end.index) == set(ALL)


def test_the_status_quo_is_its_own_reference(everywhere):
    pd.testing.assert_frame_equal(everywhere.paths, everywhere.reference_paths)


def test_a_region_reads_its_own_row_and_the_reference_uses_the_same_draws(tightened, base, scenarios):
    o = tightened
    assert not o.is_global and not o.is_reference and o.focus == "Sub-Saharan Africa"
    assert o.horizon == scenario.DEFAULT_HORIZON
    assert o.headline["share_china_median"] == o.end.loc["Sub-Saharan Africa", "share_china_median"]
    assert o.adopting == o.end.loc["Sub-Saharan Africa", "adopting_fraction_median"]
    reference = scenario.monte_carlo(
        scenario.apply_scenario(base, "status_quo", scenarios), draws=DRAWS, seed=4, regions=ALL
    )
    pd.testing.assert_frame_equal(o.reference_paths, reference)
    assert o.assumptions.attrs["scenario"] == "controls_tighten"
    assert set(o.table.loc[o.table["scenario_change"] != "", "parameter"]) == {
        "capability_gap_china",
        "price_china",
    }


def test_start_share_and_chinese_cloud_share(tightened):
    o = tightened
    start = o.paths[o.paths["year"] == o.start_year].set_index("region")["share_china_median"]
    # The region's own start (Sub-Saharan Africa has a starting share of its own), not the regions' median.
    assert o.start_share == pytest.approx(start["Sub-Saharan Africa"])
    assert o.start_regional and start["Sub-Saharan Africa"] > start.drop("Sub-Saharan Africa").max()
    clouds = o.assumptions[o.assumptions["name"].str.startswith("cloud_regions_")]
    china = clouds[clouds["name"] == "cloud_regions_china"].set_index("region")["value"]
    total = clouds.groupby("region")["value"].sum()
    pd.testing.assert_series_equal(
        o.chinese_cloud.sort_index(), (china / total).sort_index(), check_names=False
    )
    assert o.chinese_cloud.between(0, 1).all()


def test_against_reference_sorts_by_the_scenario_and_subtracts_the_status_quo(tightened):
    compare = scenario.against_reference(tightened)
    assert list(compare.columns) == ["region", "status_quo_median", "scenario_median", "change"]
    assert set(compare["region"]) == set(ALL)
    assert compare["scenario_median"].is_monotonic_increasing
    here = compare.set_index("region").loc["Sub-Saharan Africa"]
    assert (
        here["status_quo_median"] == tightened.reference_end.loc["Sub-Saharan Africa", "share_china_median"]
    )
    assert np.allclose(compare["change"], compare["scenario_median"] - compare["status_quo_median"])
    assert (compare["change"] < 0).all()  # tighter controls lower the Chinese stack's share everywhere


def test_across_scenarios_runs_every_named_scenario_in_the_focus_region(everywhere, scenarios):
    compare = scenario.across_scenarios(everywhere)
    assert sorted(compare["scenario"]) == sorted(scenarios)
    assert set(compare["region"]) == {everywhere.focus} and set(compare["year"]) == {2029}
    assert compare["share_china_median"].is_monotonic_increasing
    status_quo = compare.set_index("scenario").loc["status_quo"]
    assert status_quo["share_china_median"] == pytest.approx(
        everywhere.end.loc[everywhere.focus, "share_china_median"]
    )


def test_run_refuses_an_unknown_region_scenario_or_a_horizon_at_the_start(base, scenarios):
    with pytest.raises(ValueError, match="region: unknown region 'Atlantis'"):
        scenario.run(scenario="status_quo", region="Atlantis", draws=10, base=base, scenarios=scenarios)
    with pytest.raises(ValueError, match="scenario 'nope': unknown"):
        scenario.run(scenario="nope", region="Europe", draws=10, base=base, scenarios=scenarios)
    start = int(base.loc[base["name"] == "start_year", "value"].iloc[0])
    with pytest.raises(ValueError, match=rf"horizon \({start}\) must be after the model's start year"):
        scenario.run(
            scenario="status_quo", region="Europe", horizon=start, draws=10, base=base, scenarios=scenarios
        )
