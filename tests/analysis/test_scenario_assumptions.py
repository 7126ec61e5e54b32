"""The assumptions (analysis.scenario.assumptions): scenario_assumptions.csv loaded, its formulas
computed from the named facts, refused when malformed, and printed beside a result."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis import scenario
from strategy_brief.curated import facts, regions

RAW = pd.read_csv(scenario.assumptions_file(), dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def defaults() -> pd.DataFrame:
    return scenario.load_assumptions()


@pytest.fixture(scope="module")
def scenarios() -> dict:
    return scenario.load_scenarios()


@pytest.fixture(scope="module")
def fact_values() -> dict[str, float]:
    table_ = facts.load()
    return dict(zip(table_["fact_id"], table_["value"], strict=True))


def test_an_assumption_without_source_or_rationale_is_refused(tmp_path):
    path = tmp_path / "scenario_assumptions.csv"
    path.write_text(",".join(scenario.COLUMNS) + "\ninertia,,0.8,0.6,0.9,fraction,,\n")
    with pytest.raises(
        ValueError, match=r"row 2 \(inertia\): give a source or, for a judgement, a rationale"
    ):
        scenario.load_assumptions(path)


def test_a_formula_may_only_use_facts_and_arithmetic(tmp_path):
    path = tmp_path / "scenario_assumptions.csv"
    header = ",".join(scenario.COLUMNS)
    path.write_text(header + "\ninertia,,=__import__('os'),0.6,0.9,fraction,F001,x\n")
    with pytest.raises(ValueError, match="may hold only fact ids"):
        scenario.load_assumptions(path)
    path.write_text(header + "\ninertia,,=F999/100,0.6,0.9,fraction,F999,x\n")
    with pytest.raises(ValueError, match="unknown fact F999"):
        scenario.load_assumptions(path)


# ----------------------------------------------------------------------------------- the assumption files


def test_every_assumption_has_a_source_or_a_judgement_rationale():
    assert set(RAW["name"]) == set(scenario.PARAMETERS)
    for row in RAW.itertuples():
        computed = row.value.startswith(("=", "@"))
        if computed:
            assert row.source.strip(), f"{row.name}: a computed value names its facts or table"
        else:
            assert row.rationale.startswith("Judgement"), f"{row.name}: a typed value is a judgement"
        cited = scenario.formula_facts(row.source)
        for cell in (row.value, row.low, row.high):
            assert scenario.formula_facts(cell) <= cited, f"{row.name}: {cell} uses facts not in source"


def test_default_starting_shares_are_computed_from_the_named_facts(defaults, fact_values):
    rows = defaults[defaults["name"] == "share_start_china"].set_index("region")
    row = rows.loc[""]
    f = fact_values
    assert row["value"] == pytest.approx(f["F084"] / 100 * f["F060"] / 100)
    assert row["low"] == pytest.approx(f["F084"] / 100 * f["F057"] / 100)
    assert row["high"] == pytest.approx(f["F084"] / 100 * f["F080"] / 100)
    assert row["low"] <= f["F083"] / 100 <= row["high"]  # the direct OpenRouter average agrees
    assert {"F084", "F060", "F057", "F080", "F083"} <= scenario.formula_facts(row["source"])
    # Sub-Saharan Africa starts from its own share: DeepSeek's use in Africa, 2 to 4 times other regions.
    africa = rows.loc["Sub-Saharan Africa"]
    central = f["F084"] / 100 * f["F060"] / 100
    assert africa["value"] == pytest.approx(central * (f["F215a"] + f["F215b"]) / 2)
    assert (africa["low"], africa["high"]) == pytest.approx((central * f["F215a"], central * f["F215b"]))
    assert set(rows.index) == {"", "Sub-Saharan Africa"}, "every other region reads the global row"


def test_adoption_starts_from_each_regions_observed_user_share(defaults):
    from strategy_brief.analysis.indicators import usage
    from strategy_brief.data import processed

    observed = usage.user_share_by_region(processed.read(usage.USER_SHARE))
    newest = observed[observed["period_end"] == observed["period_end"].max()].set_index("world_region")
    start = defaults[defaults["name"] == "adoption_start"].set_index("region")
    assert set(start.index) == set(regions.REPORTING_REGIONS), "no region falls back to one global figure"
    for region, row in start.iterrows():
        assert row["value"] == pytest.approx(newest.loc[region, "median_user_share"])
        assert row["low"] <= row["value"] <= row["high"]


def test_prices_are_computed_from_the_named_facts(defaults, fact_values):
    rows = defaults.set_index("name")
    f = fact_values
    assert rows.loc["price_us", "value"] == pytest.approx((3 * f["F108a"] + f["F108b"]) / 4)
    assert rows.loc["price_china", "value"] == pytest.approx((3 * f["F101"] + f["F102"]) / 4)


def test_assumption_table_lists_every_assumption_with_its_basis(defaults, scenarios):
    applied = scenario.apply_scenario(defaults, "controls_tighten", scenarios)
    out = scenario.assumption_table(applied)
    assert len(out) == len(defaults)
    assert (out["source"] != "").all() and (out["note"] != "").all()
    assert scenario.LABEL in out.attrs["title"] and "controls_tighten" in out.attrs["title"]
    changed = out[out["scenario_change"] != ""]
    assert set(changed["parameter"]) == {"capability_gap_china", "price_china"}
    assert out["data_gap"].any()
    with pytest.raises(ValueError, match="carry scenario 'controls_tighten'"):
        scenario.assumption_table(applied, "status_quo")


def test_facts_behind_reads_formulas_sources_and_details(defaults):
    hand = pd.DataFrame(
        {
            "formula": ["value =F001/100", ""],
            "source": ["F002 and api_prices", "judgement"],
            "detail": ["", "Kenya (F003a)"],
        }
    )
    assert scenario.facts_behind(hand) == ["F001", "F002", "F003a"]
    starting = defaults[defaults["name"] == "share_start_china"]
    assert {"F084", "F060", "F057", "F080"} <= set(scenario.facts_behind(starting))
    assert scenario.facts_behind(defaults) == sorted(set(scenario.facts_behind(defaults)))
