"""The scenario section's annex (report.narrative.scenario_annex): every assumption in words, and Global's
region-specific inputs."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis import scenario as model
from strategy_brief.curated import regions
from strategy_brief.report.narrative import scenario as story
from strategy_brief.report.narrative import scenario_annex as annex


@pytest.fixture(scope="module")
def base() -> pd.DataFrame:
    return model.load_assumptions()


@pytest.fixture(scope="module")
def scenarios() -> dict:
    return model.load_scenarios()


@pytest.fixture(scope="module")
def everywhere(base, scenarios) -> model.Outlook:
    return model.run(scenario="status_quo", region=regions.GLOBAL, draws=100, base=base, scenarios=scenarios)


@pytest.fixture(scope="module")
def tightened(base, scenarios) -> model.Outlook:
    return model.run(scenario="controls_tighten", region="Europe", draws=100, base=base, scenarios=scenarios)


def test_intro_states_the_draws_and_the_label(everywhere):
    text = annex.intro(everywhere)
    assert "the range the 100 draws sample from" in text and text.endswith(f"{model.LABEL}.")


def test_global_annex_lists_the_all_regions_rows_in_words(everywhere):
    args = annex.assumptions_table(everywhere, story.sources(everywhere))
    frame = args["frame"]
    assert set(frame["region"]) == {"all"}
    assert set(frame["parameter"]) == set(
        everywhere.table.loc[everywhere.table["region"] == "all", "parameter"]
    )
    assert list(frame["name"]) == [story.label(p) for p in frame["parameter"]]
    assert set(args["columns"]) <= set(frame.columns) and len(args["widths"]) == len(args["columns"])
    assert args["caption"].endswith("Region-specific inputs are in the next table.")
    assert (frame["gap"] == "yes").tolist() == frame["data_gap"].tolist()
    assert not frame["shown"].str.contains("changed by the scenario").any()
    year = frame.set_index("parameter").loc["start_year"]
    assert year["shown"] == str(int(year["value"]))


def test_a_regions_annex_adds_its_rows_and_the_scenarios_changes(tightened, scenarios):
    args = annex.assumptions_table(tightened, story.sources(tightened))
    frame = args["frame"]
    assert set(frame["region"]) == {"all", "Europe"} and "trust_in_ai" in set(frame["parameter"])
    assert args["caption"].endswith("Region: Europe.")
    changed = frame[frame["shown"].str.contains("; changed by the scenario: ")]
    assert set(changed["parameter"]) == set(scenarios["controls_tighten"]["overrides"])
    price = changed.set_index("parameter").loc["price_china"]
    central = story.assumption_value("price_china", price["value"], price["low"], price["high"])
    scale = scenarios["controls_tighten"]["overrides"]["price_china"]["scale"]
    assert price["shown"] == f"{central}; changed by the scenario: ×{scale:g}"


def test_regional_table_has_a_row_per_region_and_a_column_per_regional_input(everywhere):
    args = annex.regional_table(everywhere, story.sources(everywhere))
    wide = args["frame"]
    regional = everywhere.assumptions[everywhere.assumptions["region"] != ""]
    assert list(wide["region"]) == list(regions.REPORTING_REGIONS)
    assert set(wide.columns) - {"region"} == set(regional["name"])
    assert len(args["widths"]) == len(wide.columns)
    trust = regional[regional["name"] == "trust_in_ai"].set_index("region")
    for row in wide.itertuples():
        cell = row.trust_in_ai
        if trust.loc[row.region, "data_gap"]:
            assert cell.endswith("no country of the region surveyed: survey-wide figure (data gap)")
        else:
            assert cell.endswith(": " + trust.loc[row.region, "detail"])
    assert not wide["cloud_regions_china"].str.contains("providers: ").any()
    unit = regional.loc[regional["name"] == "trust_in_ai", "unit"].iloc[0]
    assert args["columns"]["trust_in_ai"] == f"{story.label('trust_in_ai')} ({unit})"
    assert args["source_note"].startswith(story.sources(everywhere).model)
