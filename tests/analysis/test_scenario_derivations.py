"""Derived assumptions (analysis.scenario.derivations): values per region computed from the processed
tables and the facts, with a flagged fallback where a region has no data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from strategy_brief.analysis import scenario
from strategy_brief.analysis.indicators import reach
from strategy_brief.analysis.scenario import derivations
from strategy_brief.curated import facts, regions
from strategy_brief.data import processed

ALL = regions.REPORTING_REGIONS


@pytest.fixture(scope="module")
def defaults() -> pd.DataFrame:
    return scenario.load_assumptions()


@pytest.fixture(scope="module")
def fact_values() -> dict[str, float]:
    table_ = facts.load()
    return dict(zip(table_["fact_id"], table_["value"], strict=True))


def test_cloud_presence_is_computed_from_the_processed_table(defaults):
    """Central and high: every listed region, as the reach section counts; low: those in service."""
    cloud = processed.read("cloud_regions_by_origin_country")
    sums = cloud.groupby(["provider_bloc", "world_region"])[["regions", "in_service"]].sum()
    for name, bloc in (("cloud_regions_us", "United States"), ("cloud_regions_china", "China")):
        rows = defaults[defaults["name"] == name].set_index("region")
        assert set(rows.index) == set(ALL)
        for region in ALL:
            listed, live = sums.loc[(bloc, region)] if (bloc, region) in sums.index else (0, 0)
            assert rows.loc[region, "value"] == listed == rows.loc[region, "high"]
            assert rows.loc[region, "low"] == live


def test_the_scenario_counts_cloud_regions_as_the_reach_section_does(defaults):
    """One definition of a region: the scenario's Chinese share of the two blocs' regions (its central
    values) is the share the reach section and the briefs show, region by region."""
    presence = reach.cloud_presence(processed.read("cloud_regions_by_origin_country")).set_index(
        "world_region"
    )
    clouds = defaults[defaults["name"].str.startswith("cloud_regions_")].pivot(
        index="region", columns="name", values="value"
    )
    scenario_share = clouds["cloud_regions_china"] / clouds.sum(axis=1)
    for region in ALL:
        assert scenario_share[region] == pytest.approx(presence.loc[region, "china_share"], nan_ok=True)


def test_trust_from_facts_with_a_flagged_survey_wide_fallback(defaults, fact_values):
    rows = defaults[defaults["name"] == "trust_in_ai"].set_index("region")
    assert set(rows.index) == set(ALL)
    assert rows.loc["Eastern Asia & Oceania", "value"] == pytest.approx(fact_values["F151"] / 100)
    assert rows.loc["Northern America", "value"] == pytest.approx(fact_values["F152"] / 100)
    assert not rows.loc["Northern America", "data_gap"]
    gaps = rows[rows["data_gap"]]
    assert len(gaps) > 0
    assert np.allclose(gaps["value"], fact_values["F155"] / 100)


def _csv(tmp_path, row: str):
    path = tmp_path / "scenario_assumptions.csv"
    path.write_text(",".join(scenario.COLUMNS) + "\n" + row + "\n")
    return path


def test_an_unknown_derivation_is_refused_with_the_known_ones(tmp_path):
    path = _csv(tmp_path, "trust_in_ai,,@nope:x,,,fraction,facts,x")
    with pytest.raises(ValueError, match=r"row 2 \(trust_in_ai\): unknown derivation 'nope'.*'trust'"):
        scenario.load_assumptions(path)


def test_a_derived_value_fills_region_and_range_itself(tmp_path):
    path = _csv(tmp_path, "trust_in_ai,Europe,@trust:x,,,fraction,facts,x")
    with pytest.raises(ValueError, match=r"a derived value \(@trust:x\) fills region, low and high itself"):
        scenario.load_assumptions(path)


def test_a_derivation_without_data_names_what_is_missing():
    with pytest.raises(ValueError, match="no trust_in_ai facts from 'No such survey'"):
        derivations.derive("@trust:No such survey", derivations.Inputs(), "here")
    with pytest.raises(ValueError, match="no cloud regions of 'Atlantis' providers"):
        derivations.derive("@cloud_regions:Atlantis", derivations.Inputs(), "here")


def test_every_derivation_gives_ranges_that_hold_their_value(defaults):
    derived = defaults[defaults["formula"].str.startswith("@")]
    kinds = {f[1:].split(":")[0] for f in derived["formula"]}
    assert kinds == set(scenario.DERIVATIONS)
    assert (derived["low"] <= derived["value"]).all() and (derived["value"] <= derived["high"]).all()
    assert (derived["detail"] != "").all()
