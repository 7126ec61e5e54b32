"""Scenario model: hand-computed cases, properties over arbitrary parameters, and the assumption files."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_brief.analysis import scenario
from strategy_brief.curated import facts, regions
from strategy_brief.data import processed

ALL = regions.REPORTING_REGIONS
REGION = "Europe"
RAW = pd.read_csv(scenario.ASSUMPTIONS_FILE, dtype=str, keep_default_na=False)

# Every stack alike: equal attraction everywhere; cases change only what they test.
NEUTRAL = {
    "start_year": 2026,
    "adoption_start": 0.5,
    "adoption_ceiling": 1.0,
    "adoption_growth": 0.0,
    "trust_in_ai": 0.5,
    "trust_reference": 0.5,
    "trust_adoption_elasticity": 0.0,
    "inertia": 0.5,
    "share_start_china": 0.3,
    "share_start_other": 0.1,
    **{f"price_{k}": 1.0 for k in scenario.STACKS},
    **{f"openness_{k}": 0.5 for k in scenario.STACKS},
    **{f"capability_gap_{k}": 0.0 for k in scenario.STACKS},
    **{f"trust_{k}": 0.5 for k in scenario.STACKS},
    "cloud_regions_us": 1.0,
    "cloud_regions_china": 1.0,
    "cloud_expansion_us": 1.0,
    "cloud_expansion_china": 1.0,
    "cloud_presence_other": 0.5,
    **{f"b_{k}": 1.0 for k in ("price", "open", "cap", "trust", "cloud")},
}


def table(**values: float) -> pd.DataFrame:
    """An assumptions table of one all-regions row per parameter, no uncertainty."""
    merged = NEUTRAL | values
    return pd.DataFrame(
        [{"name": n, "region": "", "value": v, "low": v, "high": v} for n, v in merged.items()]
    )


def run(values: dict, horizon: int = 2030) -> pd.DataFrame:
    return scenario.simulate(table(**values), regions=[REGION], start_year=2026, horizon=horizon)


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


# ------------------------------------------------------------------------------------ hand-computed cases


def test_stacks_of_equal_attraction_keep_their_shares():
    out = run({})
    assert np.allclose(out["share_us"], 0.6) and np.allclose(out["share_china"], 0.3)
    assert np.allclose(out["share_other"], 0.1)


def test_two_stacks_of_equal_attraction_keep_their_shares():
    shares = np.array([0.7, 0.3])
    assert np.allclose(scenario.step_shares(shares, np.array([0.4, 0.4]), 0.9), shares)


def test_one_year_update_by_hand():
    # No growth: a fixed adopting fraction, so half of adopters (1 - inertia) choose each year, and the
    # Chinese stack at half the others' price has attraction 2 against 1 (b_price = 1).
    out = run({"price_us": 2.0, "price_other": 2.0, "inertia": 0.5}, horizon=2027)
    weight = 2**-0.5  # (1/2) ** 0.5: the others' relative attraction, raised to the choosing fraction
    china = 0.3 / (0.6 * weight + 0.3 + 0.1 * weight)
    assert out["share_china"].iloc[1] == pytest.approx(china, abs=1e-12)
    assert out["share_us"].iloc[1] == pytest.approx(0.6 * weight / (0.6 * weight + 0.3 + 0.1 * weight))


def test_step_shares_by_hand():
    out = scenario.step_shares(np.array([0.5, 0.3, 0.2]), np.array([0.0, math.log(2), 0.0]), 1.0)
    assert np.allclose(out, np.array([0.5, 0.6, 0.2]) / 1.3)


def test_logistic_adoption_by_hand():
    # Start 0.2, ceiling 0.8, rate ln 3: A1 = 0.8 / (1 + 3/3) = 0.4, A2 = 0.8 / (1 + 3/9) = 0.6.
    out = run({"adoption_start": 0.2, "adoption_ceiling": 0.8, "adoption_growth": math.log(3)}, 2028)
    assert np.allclose(out["adopting_fraction"], [0.2, 0.4, 0.6])


def test_newcomers_choose_too():
    # Adoption doubles from 0.2 to 0.4: 0.75 of next year's adopters choose (1 - 0.5 * 0.2 / 0.4).
    values = {"adoption_start": 0.2, "adoption_ceiling": 0.8, "adoption_growth": math.log(3)}
    out = run(values | {"price_us": 2.0, "price_other": 2.0}, horizon=2027)
    expected = scenario.step_shares(np.array([0.6, 0.3, 0.1]), np.log([0.5, 1.0, 0.5]), 0.75)
    assert np.allclose(out.iloc[1][["share_us", "share_china", "share_other"]].to_numpy(float), expected)


def test_closed_form_equals_the_yearly_update():
    values = {"price_china": 0.3, "openness_china": 0.9, "adoption_start": 0.3, "adoption_growth": 0.5}
    out = run(values)
    shares = np.array([0.6, 0.3, 0.1])
    utility = np.array([0.5, -math.log(0.3) + 0.9, 0.5])
    adopt = out["adopting_fraction"].to_numpy()
    for year in range(1, len(out)):
        shares = scenario.step_shares(shares, utility, 1 - 0.5 * adopt[year - 1] / adopt[year])
        assert np.allclose(out.iloc[year][["share_us", "share_china", "share_other"]].to_numpy(float), shares)


def test_cloud_presence_is_each_blocs_share_of_regions():
    # US 3 regions, China 1: presence 0.75 vs 0.25; b_cloud 2 gives the US stack exp(2 * 0.5) more pull.
    out = run({"cloud_regions_us": 3.0, "b_cloud": 2.0, "inertia": 0.0, "cloud_presence_other": 0.25}, 2027)
    expected = scenario.step_shares(np.array([0.6, 0.3, 0.1]), np.array([1.5, 0.5, 0.5]), 1.0)
    assert np.allclose(out.iloc[1][["share_us", "share_china", "share_other"]].to_numpy(float), expected)


# ------------------------------------------------------------------------------------------- properties

PARAMETERS = st.fixed_dictionaries(
    {
        "adoption_start": st.floats(0.01, 1.0),
        "adoption_ceiling": st.floats(0.01, 1.0),
        "adoption_growth": st.floats(0.0, 3.0),
        "trust_in_ai": st.floats(0.0, 1.0),
        "trust_reference": st.floats(0.05, 1.0),
        "trust_adoption_elasticity": st.floats(0.0, 2.0),
        "inertia": st.floats(0.0, 1.0),
        "share_start_china": st.floats(0.001, 0.6),
        "share_start_other": st.floats(0.001, 0.39),
        **{f"price_{k}": st.floats(0.01, 100.0) for k in scenario.STACKS},
        **{f"openness_{k}": st.floats(0.0, 1.0) for k in scenario.STACKS},
        **{f"capability_gap_{k}": st.floats(0.0, 3.0) for k in scenario.STACKS},
        **{f"trust_{k}": st.floats(0.0, 1.0) for k in scenario.STACKS},
        "cloud_regions_us": st.floats(0.5, 100.0),
        "cloud_regions_china": st.floats(0.0, 100.0),
        "cloud_expansion_us": st.floats(0.1, 5.0),
        "cloud_expansion_china": st.floats(0.1, 5.0),
        "cloud_presence_other": st.floats(0.0, 1.0),
        **{f"b_{k}": st.floats(0.0, 5.0) for k in ("price", "open", "cap", "trust", "cloud")},
    }
)
SHARES = ["share_us", "share_china", "share_other"]


@settings(max_examples=200, deadline=None)
@given(values=PARAMETERS, horizon=st.integers(2026, 2040))
def test_shares_are_fractions_summing_to_one(values, horizon):
    out = run(values, horizon)
    shares = out[SHARES].to_numpy()
    assert ((shares >= 0) & (shares <= 1)).all()
    assert np.allclose(shares.sum(axis=1), 1, rtol=0, atol=1e-9)
    assert len(out) == horizon - 2026 + 1


@settings(max_examples=200, deadline=None)
@given(values=PARAMETERS)
def test_adopting_fraction_never_falls(values):
    adopt = run(values, 2040)["adopting_fraction"].to_numpy()
    assert (np.diff(adopt) >= -1e-12).all()
    assert ((adopt > 0) & (adopt <= 1)).all()


def _improve(values: dict, stack: str, lever: str, step: float) -> dict:
    """The same parameters with one stack made more attractive on one lever."""
    out = dict(values)
    if lever == "price":
        out[f"price_{stack}"] *= 1 - step
    elif lever in ("trust", "openness"):
        key = f"{lever}_{stack}"
        out[key] += (1 - out[key]) * step
    elif lever == "capability_gap":
        out[f"capability_gap_{stack}"] *= 1 - step
    elif stack == "other":
        out["cloud_presence_other"] += (1 - out["cloud_presence_other"]) * step
    else:
        out[f"cloud_expansion_{stack}"] *= 1 + 4 * step
    return out


@settings(max_examples=300, deadline=None)
@given(
    values=PARAMETERS,
    stack=st.sampled_from(scenario.STACKS),
    lever=st.sampled_from(["price", "trust", "cloud", "openness", "capability_gap"]),
    step=st.floats(0.01, 0.99),
)
def test_a_more_attractive_stack_never_loses_share(values, stack, lever, step):
    before = run(values)[f"share_{stack}"].to_numpy()
    after = run(_improve(values, stack, lever, step))[f"share_{stack}"].to_numpy()
    assert (after >= before - 1e-12).all()


@settings(max_examples=50, deadline=None)
@given(region=st.sampled_from(ALL), stack=st.sampled_from(scenario.STACKS))
def test_monotone_on_the_default_assumptions_too(defaults, region, stack):
    improved = defaults.copy()
    rows = improved["name"] == f"price_{stack}"
    improved.loc[rows, ["value", "low"]] = improved.loc[rows, "low"]
    before = scenario.simulate(defaults, regions=[region])[f"share_{stack}"]
    after = scenario.simulate(improved, regions=[region])[f"share_{stack}"]
    assert (after.to_numpy() >= before.to_numpy() - 1e-12).all()


# ------------------------------------------------------------------------------------------- Monte Carlo


def test_same_seed_same_draws_other_seed_other_draws(defaults):
    first = scenario.monte_carlo(defaults, draws=300, seed=7, regions=ALL)
    again = scenario.monte_carlo(defaults, draws=300, seed=7, regions=ALL)
    other = scenario.monte_carlo(defaults, draws=300, seed=8, regions=ALL)
    pd.testing.assert_frame_equal(first, again)
    assert not np.allclose(first["share_china_median"], other["share_china_median"])


def test_monte_carlo_quantiles_are_ordered_and_bracket_the_central_path(defaults):
    out = scenario.monte_carlo(defaults, draws=2000, regions=ALL)
    for stat in ("share_china", "adopting_fraction"):
        assert (out[f"{stat}_p10"] <= out[f"{stat}_median"]).all()
        assert (out[f"{stat}_median"] <= out[f"{stat}_p90"]).all()
    central = scenario.simulate(defaults, regions=ALL)
    assert (central["share_china"].between(out["share_china_p10"], out["share_china_p90"])).all()
    assert out.attrs["label"] == scenario.LABEL == "Illustrative scenario, not a forecast"
    assert list(out[["region", "year"]].itertuples(index=False)) == list(
        central[["region", "year"]].itertuples(index=False)
    )


def test_a_parameter_without_range_is_never_drawn_elsewhere():
    out = scenario.monte_carlo(table(), draws=50, regions=[REGION], horizon=2028)
    assert np.allclose(out["share_china_p10"], 0.3) and np.allclose(out["share_china_p90"], 0.3)


def test_one_draw_is_enough(defaults):
    assert len(scenario.monte_carlo(defaults, draws=1, regions=[REGION])) == 5


# ----------------------------------------------------------------------------------------------- tornado


def test_tornado_sorted_by_swing_and_limited_to_the_region(defaults):
    out = scenario.tornado(defaults, region="South-eastern Asia", year=2030)
    assert out["swing"].is_monotonic_decreasing
    assert set(out["region"]) <= {"all", "South-eastern Asia"}
    assert "start_year" not in set(out["parameter"])
    assert out["parameter"].is_unique
    central = scenario.simulate(defaults, regions=["South-eastern Asia"]).iloc[-1]["share_china"]
    assert out.attrs["central_share_china"] == pytest.approx(central)
    price = out.set_index("parameter").loc["price_china"]
    assert price["share_china_at_low"] >= price["share_china_at_high"]


# ------------------------------------------------------------------------------------------------ errors


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda a: scenario.simulate(a.iloc[0:0], regions=ALL), "assumptions: empty"),
        (lambda a: scenario.simulate(a, regions=[]), "regions: empty"),
        (lambda a: scenario.simulate(a, regions=["Atlantis"]), "regions: unknown region.*Atlantis"),
        (lambda a: scenario.simulate(a, regions=ALL, start_year=2026, horizon=2025), r"horizon \(2025\)"),
        (lambda a: scenario.monte_carlo(a, draws=0, regions=ALL), "draws must be"),
        (lambda a: scenario.monte_carlo(a, draws=2.5, regions=ALL), "draws must be"),
        (lambda a: scenario.monte_carlo(a, regions="Atlantis"), "regions: unknown"),
        (lambda a: scenario.tornado(a, region="Atlantis", year=2030), "region: unknown"),
        (lambda a: scenario.tornado(a, region=REGION, year=2020), r"year \(2020\) is before start_year"),
    ],
)
def test_errors_name_the_parameter(defaults, call, message):
    with pytest.raises(ValueError, match=message):
        call(defaults)


def test_out_of_domain_values_are_refused():
    with pytest.raises(ValueError, match=r"price_china: low 0\.0 is outside"):
        scenario.simulate(table(price_china=0.0), regions=[REGION])
    with pytest.raises(ValueError, match="inertia: expected low <= value <= high"):
        bad = table()
        bad.loc[bad["name"] == "inertia", "low"] = 0.9
        scenario.simulate(bad, regions=[REGION])
    with pytest.raises(ValueError, match="share_start_china \\+ share_start_other"):
        scenario.simulate(table(share_start_china=0.6, share_start_other=0.5), regions=[REGION])
    with pytest.raises(ValueError, match=r"missing assumption.*b_cloud"):
        scenario.simulate(table().iloc[:-1], regions=[REGION])


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


def test_default_starting_shares_are_computed_from_the_named_facts(defaults, fact_values):
    row = defaults.set_index("name").loc["share_start_china"]
    f = fact_values
    assert row["value"] == pytest.approx(f["F084"] / 100 * f["F060"] / 100)
    assert row["low"] == pytest.approx(f["F084"] / 100 * f["F057"] / 100)
    assert row["high"] == pytest.approx(f["F084"] / 100 * f["F080"] / 100)
    assert row["low"] <= f["F083"] / 100 <= row["high"]  # the direct OpenRouter average agrees
    assert {"F084", "F060", "F057", "F080", "F083"} <= scenario.formula_facts(row["source"])


def test_prices_are_computed_from_the_named_facts(defaults, fact_values):
    rows = defaults.set_index("name")
    f = fact_values
    assert rows.loc["price_us", "value"] == pytest.approx((3 * f["F108a"] + f["F108b"]) / 4)
    assert rows.loc["price_china", "value"] == pytest.approx((3 * f["F101"] + f["F102"]) / 4)


def test_cloud_presence_is_computed_from_the_processed_table(defaults):
    cloud = processed.read("cloud_regions_by_origin_country")
    sums = cloud.groupby(["provider_bloc", "world_region"])["in_service"].sum()
    for name, bloc in (("cloud_regions_us", "United States"), ("cloud_regions_china", "China")):
        rows = defaults[defaults["name"] == name].set_index("region")
        assert set(rows.index) == set(ALL)
        for region in ALL:
            assert rows.loc[region, "value"] == sums.get((bloc, region), 0)


def test_trust_from_facts_with_a_flagged_survey_wide_fallback(defaults, fact_values):
    rows = defaults[defaults["name"] == "trust_in_ai"].set_index("region")
    assert set(rows.index) == set(ALL)
    assert rows.loc["Eastern Asia & Oceania", "value"] == pytest.approx(fact_values["F151"] / 100)
    assert rows.loc["Northern America", "value"] == pytest.approx(fact_values["F152"] / 100)
    assert not rows.loc["Northern America", "data_gap"]
    gaps = rows[rows["data_gap"]]
    assert len(gaps) > 0
    assert np.allclose(gaps["value"], fact_values["F155"] / 100)


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


def test_results_carry_the_label(defaults):
    assert scenario.simulate(defaults, regions=[REGION]).attrs["label"] == scenario.LABEL
    assert scenario.tornado(defaults, region=REGION, year=2028).attrs["label"] == scenario.LABEL
    assert "not a forecast" in scenario.__doc__
    assert scenario.OUTCOME.startswith("For each world region and year")


def test_scenarios_stack_and_stay_on_record(defaults, scenarios):
    first = scenario.apply_scenario(defaults, "controls_tighten", scenarios)
    both = scenario.apply_scenario(first, "china_cloud_expands", scenarios)
    assert both.attrs["scenario"] == "controls_tighten + china_cloud_expands"
    changed = set(both.loc[both["override"] != "", "name"])
    assert changed == {"capability_gap_china", "price_china", "cloud_expansion_china"}


# ------------------------------------------------------------------------------------ reader-facing names


def test_every_parameter_and_named_scenario_has_a_reader_facing_name(scenarios):
    assert set(scenario.LABELS) == set(scenario.PARAMETERS)
    assert set(scenario.TITLES) == set(scenarios)
    assert len(set(scenario.LABELS.values())) == len(scenario.LABELS), "two parameters share a label"
    assert len(set(scenario.TITLES.values())) == len(scenario.TITLES), "two scenarios share a title"


def test_title_and_label_fall_back_to_the_key():
    assert scenario.title("status_quo") == "Status quo"
    assert scenario.title("new_case") == "New case"
    assert scenario.label("b_price") == "Weight on price"
    assert scenario.label("not_a_parameter") == "not_a_parameter"


@pytest.mark.parametrize(
    ("parameter", "bloc"),
    [
        ("price_us", "United States"),
        ("capability_gap_china", "China"),
        ("cloud_expansion_china", "China"),
        ("price_other", ""),
        ("b_price", ""),
        ("trust_in_ai", ""),
        ("inertia", ""),
    ],
)
def test_stack_of(parameter, bloc):
    assert scenario.stack_of(parameter) == bloc


def test_every_stack_parameter_names_its_bloc():
    for parameter in scenario.PARAMETERS:
        stack = parameter.rsplit("_", 1)[-1]
        expected = scenario.STACK_BLOCS.get(stack, "") if stack in scenario.STACKS else ""
        assert scenario.stack_of(parameter) == expected, parameter


@pytest.mark.parametrize(
    ("parameter", "values", "text"),
    [
        ("start_year", (2026.0, 2026.0, 2026.0), "2026"),
        ("inertia", (0.8, 0.8, 0.8), "0.8"),
        ("inertia", (0.8, 0.7, 0.9), "0.8 (0.7 to 0.9)"),
        ("price_china", (0.12345, 0.1, 0.2), "0.123 (0.1 to 0.2)"),
        ("cloud_regions_us", (1234.0, 1000.0, 1500.0), "1,234 (1,000 to 1,500)"),
        ("b_price", (1.0, 0.9996, 1.0004), "1"),  # a range too narrow to print is no range
    ],
)
def test_assumption_value(parameter, values, text):
    assert scenario.assumption_value(parameter, *values) == text
