"""The scenario model (analysis.scenario.model): hand-computed cases, properties over arbitrary
parameters, the Monte Carlo, the tornado and the errors that name the parameter."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_brief.analysis import scenario
from strategy_brief.curated import regions

ALL = regions.REPORTING_REGIONS
REGION = "Europe"

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


def test_results_carry_the_label(defaults):
    assert scenario.simulate(defaults, regions=[REGION]).attrs["label"] == scenario.LABEL
    assert scenario.tornado(defaults, region=REGION, year=2028).attrs["label"] == scenario.LABEL
    assert "not a forecast" in scenario.__doc__
    assert scenario.OUTCOME.startswith("For each world region and year")


def test_adoption_after_is_the_logistic_curve_from_an_observed_start():
    values = table(adoption_growth=0.5, adoption_ceiling=0.8, trust_in_ai=0.8, trust_adoption_elasticity=1.0)
    values.loc[values["name"] == "adoption_growth", ["low", "high"]] = [0.25, 1.0]
    got = scenario.model.adoption_after(
        values, regions=[REGION, "Southern Asia"], start=[0.1, 0.2], elapsed=2.0
    )
    rate = 0.5 * (0.8 / 0.5) ** 1.0  # the trust adjustment: trust over the reference, to the elasticity
    expected = [0.8 / (1 + (0.8 - a) / a * math.exp(-rate * 2.0)) for a in (0.1, 0.2)]
    assert got == pytest.approx(expected)
    low = scenario.model.adoption_after(values, regions=[REGION], start=[0.1], elapsed=2.0, growth="low")
    high = scenario.model.adoption_after(values, regions=[REGION], start=[0.1], elapsed=2.0, growth="high")
    assert low[0] < got[0] < high[0]
    assert scenario.model.adoption_after(values, regions=[REGION], start=[0.1], elapsed=0.0)[
        0
    ] == pytest.approx(0.1)


def test_adoption_after_reads_a_regions_own_row():
    values = table(adoption_growth=0.5)
    own = {"name": "adoption_growth", "region": REGION, "value": 0.0, "low": 0.0, "high": 0.0}
    values = pd.concat([values, pd.DataFrame([own])], ignore_index=True)
    got = scenario.model.adoption_after(
        values, regions=[REGION, "Southern Asia"], start=[0.3, 0.3], elapsed=1.0
    )
    assert got[0] == pytest.approx(0.3) and got[1] > 0.3  # Europe's own row: no growth


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": [0.1, 0.2]}, "start: expected 1 values"),
        ({"start": [0.0]}, r"start: adoption must be in \(0, 1\] in every region; not in \['Europe'\]"),
        ({"start": [0.1], "elapsed": -1.0}, "elapsed: expected a number of years >= 0"),
        ({"start": [0.1], "growth": "median"}, "growth: expected value, low or high"),
    ],
)
def test_adoption_after_refuses_bad_input_naming_it(kwargs, message):
    with pytest.raises(ValueError, match=message):
        scenario.model.adoption_after(table(), regions=[REGION], **{"elapsed": 1.0, **kwargs})
