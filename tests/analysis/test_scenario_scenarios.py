"""Named scenarios (analysis.scenario.scenarios): scenarios.yml checked, overrides applied, stacked and
kept on record, and each scenario moving the Chinese-stack share the way it says."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis import scenario
from strategy_brief.curated import regions

ALL = regions.REPORTING_REGIONS


@pytest.fixture(scope="module")
def defaults() -> pd.DataFrame:
    return scenario.load_assumptions()


@pytest.fixture(scope="module")
def scenarios() -> dict:
    return scenario.load_scenarios()


def test_unknown_scenario_and_unknown_override_name_both(defaults, scenarios, tmp_path):
    with pytest.raises(ValueError, match="scenario 'nope': unknown"):
        scenario.apply_scenario(defaults, "nope", scenarios)
    bad = {"typo": {"description": "x", "overrides": {"price_chna": 2}}}
    with pytest.raises(ValueError, match="scenario 'typo': unknown assumption 'price_chna'"):
        scenario.apply_scenario(defaults, "typo", bad)
    path = tmp_path / "scenarios.yml"
    path.write_text("typo:\n  description: x\n  overrides:\n    price_chna: 2\n")
    with pytest.raises(ValueError, match="scenario 'typo': unknown assumption 'price_chna'"):
        scenario.load_scenarios(path)


def test_every_scenario_override_names_an_existing_assumption(defaults, scenarios):
    assert set(scenarios) >= {
        "status_quo",
        "us_opens_up",
        "controls_tighten",
        "controls_loosen",
        "gap_closes",
        "china_cloud_expands",
    }
    assert scenarios["status_quo"]["overrides"] == {}
    for name, spec in scenarios.items():
        assert set(spec["overrides"]) <= set(defaults["name"]), name
        applied = scenario.apply_scenario(defaults, name, scenarios)
        assert applied.attrs["scenario"] == name
        assert (applied["override"] != "").sum() >= len(spec["overrides"])


@pytest.mark.parametrize(
    ("name", "direction"),
    [
        ("us_opens_up", -1),
        ("controls_tighten", -1),
        ("controls_loosen", 1),
        ("gap_closes", 1),
        ("china_cloud_expands", 1),
    ],
)
def test_scenarios_move_the_china_share_the_way_they_say(defaults, scenarios, name, direction):
    base = scenario.simulate(scenario.apply_scenario(defaults, "status_quo", scenarios), regions=ALL)
    changed = scenario.simulate(scenario.apply_scenario(defaults, name, scenarios), regions=ALL)
    last = base["year"] == base["year"].max()
    difference = changed.loc[last, "share_china"].to_numpy() - base.loc[last, "share_china"].to_numpy()
    assert (direction * difference > 0).all()


def test_override_forms(defaults):
    scenarios = {
        "set": {"description": "x", "overrides": {"inertia": 0.7}},
        "scale": {"description": "x", "overrides": {"price_china": {"scale": 2}}},
        "shift": {"description": "x", "overrides": {"capability_gap_china": {"shift": 0.5}}},
        "all": {"description": "x", "overrides": {"openness_us": {"value": 0.5, "low": 0.3, "high": 0.7}}},
        "bad": {"description": "x", "overrides": {"inertia": 1.5}},
    }
    base = defaults.set_index("name")
    rows = scenario.apply_scenario(defaults, "set", scenarios).set_index("name").loc["inertia"]
    shift = 0.7 - base.loc["inertia", "value"]
    assert (rows["value"], rows["low"]) == pytest.approx((0.7, base.loc["inertia", "low"] + shift))
    rows = scenario.apply_scenario(defaults, "scale", scenarios).set_index("name").loc["price_china"]
    assert rows["high"] == pytest.approx(2 * base.loc["price_china", "high"])
    rows = scenario.apply_scenario(defaults, "shift", scenarios).set_index("name").loc["capability_gap_china"]
    assert rows["value"] == pytest.approx(base.loc["capability_gap_china", "value"] + 0.5)
    rows = scenario.apply_scenario(defaults, "all", scenarios).set_index("name").loc["openness_us"]
    assert (rows["value"], rows["low"], rows["high"]) == (0.5, 0.3, 0.7)
    with pytest.raises(ValueError, match=r"scenario 'bad': inertia.*after the overrides"):
        scenario.apply_scenario(defaults, "bad", scenarios)


def test_scenarios_stack_and_stay_on_record(defaults, scenarios):
    first = scenario.apply_scenario(defaults, "controls_tighten", scenarios)
    both = scenario.apply_scenario(first, "china_cloud_expands", scenarios)
    assert both.attrs["scenario"] == "controls_tighten + china_cloud_expands"
    changed = set(both.loc[both["override"] != "", "name"])
    assert changed == {"capability_gap_china", "price_china", "cloud_expansion_china"}
