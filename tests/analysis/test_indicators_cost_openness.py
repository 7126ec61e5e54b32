"""Medians by bloc and openness, and how much a ratio of medians depends on the model set
(cost_openness.model_prices, median_by_openness, median_ratio_sensitivity, model_prices_in_force;
cost_view.openness_comparisons and the PriceView fields built from them), worked out by hand on
tests/analysis/price_view_rows.py, with property tests."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_brief.analysis.indicators import cost, cost_openness, cost_view
from strategy_brief.curated.classify import OPEN_CLASSES
from tests.analysis.price_view_rows import CN, JAN, JUN, ROWS, US, prices, view

PRICE = cost.PRICE


def test_openness_group_splits_the_api_class_from_the_open_classes():
    classes = pd.Series(["api", *OPEN_CLASSES, "unknown"])
    assert cost_openness.openness_group(classes).tolist()[:4] == ["closed", "open", "open", "open"]
    assert pd.isna(cost_openness.openness_group(classes).iloc[-1])


def test_model_prices_one_row_per_model_at_its_cheapest_host_in_the_latest_snapshot():
    june = cost_openness.model_prices(prices()).set_index("model_id")
    # June at 3:1: us-big 6, us-small 0.6, us-open 0.3 (Together), cn-big 1.25, cn-new 0.5.
    assert june[PRICE].to_dict() == pytest.approx(
        {"us-big": 6.0, "us-small": 0.6, "us-open": 0.3, "cn-big": 1.25, "cn-new": 0.5}
    )
    assert june["openness"].to_dict() == {
        "us-big": "closed",
        "us-small": "closed",
        "us-open": "open",
        "cn-big": "open",
        "cn-new": "open",
    }
    january = cost_openness.model_prices(prices(), snapshot_date=JAN).set_index("model_id")
    assert january.loc["us-big", [PRICE, "host_provider"]].tolist() == [12.0, "azure_ai"]  # the reseller
    first_party = cost_openness.model_prices(prices(), snapshot_date=JAN, first_party_only=True).set_index(
        "model_id"
    )
    assert first_party.loc["us-big", PRICE] == 15.0
    with pytest.raises(ValueError, match="no price snapshot dated 2024-01-01"):
        cost_openness.model_prices(prices(), snapshot_date="2024-01-01")


def test_median_by_openness_lists_every_group_and_leaves_empty_ones_missing():
    grid = cost_openness.median_by_openness(cost_openness.model_prices(prices())).set_index(
        ["bloc", "openness"]
    )
    med = "median_blended_usd_per_mtok"
    assert grid.loc[(US, "closed"), ["n_models", med]].tolist() == [2, pytest.approx(3.3)]
    assert grid.loc[(US, "open"), ["n_models", med]].tolist() == [1, pytest.approx(0.3)]
    assert grid.loc[(US, "all"), "median_blended_usd_per_mtok"] == pytest.approx(0.6)
    assert grid.loc[(CN, "open"), ["n_models", med]].tolist() == [2, pytest.approx(0.875)]
    # No closed Chinese model, and no model at all from the rest of the world: a gap, never filled.
    assert grid.loc[(CN, "closed"), "n_models"] == 0
    assert math.isnan(grid.loc[(CN, "closed"), "median_blended_usd_per_mtok"])
    assert (grid.loc["Rest of world", "n_models"] == 0).all()
    assert len(grid) == 4 * 3


def test_median_ratio_sensitivity_by_hand():
    lead = pd.Series([1.0, 2.0, 3.0, 4.0], index=["a", "b", "c", "d"])
    follow = pd.Series([1.0, 2.0], index=["x", "y"])
    out = cost_openness.median_ratio_sensitivity(lead, follow, n_boot=500, seed=1)
    assert (out["n_leader"], out["n_follower"]) == (4, 2)
    assert out["ratio"] == pytest.approx(2.5 / 1.5)
    # Leaving out a, b, c, d gives 3/1.5, 3/1.5, 2/1.5, 2/1.5; leaving out x gives 2.5/2, y gives 2.5/1.
    assert (out["loo_low"], out["loo_low_model"]) == (pytest.approx(1.25), "x")
    assert (out["loo_high"], out["loo_high_model"]) == (pytest.approx(2.5), "y")
    assert out["boot_low"] <= out["ratio"] <= out["boot_high"]
    # Resampled medians stay within the sides' ranges: 1 / 2 at least, 4 / 1 at most.
    assert out["boot_low"] >= 0.5 and out["boot_high"] <= 4.0
    again = cost_openness.median_ratio_sensitivity(lead, follow, n_boot=500, seed=1)
    assert (again["boot_low"], again["boot_high"]) == (out["boot_low"], out["boot_high"])


def test_median_ratio_sensitivity_with_too_few_models():
    one = cost_openness.median_ratio_sensitivity(pd.Series({"a": 2.0}), pd.Series({"x": 1.0, "y": 3.0}))
    assert one["ratio"] == 1.0 and math.isnan(one["loo_low"]) and one["loo_low_model"] is None
    assert one["boot_low"] >= 2 / 3 and one["boot_high"] <= 2.0  # only the follower's side varies
    none = cost_openness.median_ratio_sensitivity(pd.Series(dtype=float), pd.Series({"x": 1.0}))
    assert none["n_leader"] == 0 and math.isnan(none["ratio"]) and math.isnan(none["boot_low"])
    with pytest.raises(ValueError, match="confidence"):
        cost_openness.median_ratio_sensitivity(pd.Series({"a": 1.0}), pd.Series({"x": 1.0}), confidence=1.0)
    with pytest.raises(ValueError, match="n_boot"):
        cost_openness.median_ratio_sensitivity(pd.Series({"a": 1.0}), pd.Series({"x": 1.0}), n_boot=0)


prices_list = st.lists(st.floats(0.01, 100.0), min_size=2, max_size=12)


@settings(max_examples=40, deadline=None)
@given(prices_list, prices_list, st.floats(0.1, 10.0), st.integers(0, 2**31))
def test_median_ratio_sensitivity_scales_with_the_leaders_prices(lead, follow, k, seed):
    lead_s = pd.Series(lead, index=[f"l{i}" for i in range(len(lead))])
    follow_s = pd.Series(follow, index=[f"f{i}" for i in range(len(follow))])
    base = cost_openness.median_ratio_sensitivity(lead_s, follow_s, n_boot=200, seed=seed)
    scaled = cost_openness.median_ratio_sensitivity(lead_s * k, follow_s, n_boot=200, seed=seed)
    for key in ("ratio", "loo_low", "loo_high", "boot_low", "boot_high"):
        assert scaled[key] == pytest.approx(base[key] * k)
    assert base["loo_low"] <= base["ratio"] <= base["loo_high"]


DATED = pd.DataFrame(
    [
        # price_key, valid_from, model_id, bloc, openness_class, input, output (blended at 3:1)
        ("openai/us-big", None, "us-big", US, "api", 4.0, 12.0),  # 6
        ("openai/gpt-open", "2025-03-01", "gpt-open", US, "open_unrestricted", 0.1, 0.3),  # 0.15
        ("deepseek/cn-new", None, "cn-new", CN, "open_unrestricted", 0.4, 0.8),  # 0.5
        ("moonshot/cn-closed", "2025-09-01", "cn-closed", CN, "api", 1.0, 1.0),  # 1, from September
    ],
    columns=[
        "price_key",
        "valid_from",
        "model_id",
        "bloc",
        "openness_class",
        "input_usd_per_mtok",
        "output_usd_per_mtok",
    ],
)


def test_model_prices_in_force_carry_the_bloc_and_openness_of_each_model():
    june = cost_openness.model_prices_in_force(DATED, "2025-06-01").set_index("model_id")
    assert june[PRICE].to_dict() == pytest.approx({"us-big": 6.0, "gpt-open": 0.15, "cn-new": 0.5})
    assert june["openness"].to_dict() == {"us-big": "closed", "gpt-open": "open", "cn-new": "open"}
    assert june["bloc"].to_dict() == {"us-big": US, "gpt-open": US, "cn-new": CN}
    compared = cost_view.price_list_comparisons(DATED, "2025-06-01").set_index(
        ["leader_openness", "follower_openness"]
    )
    assert compared.loc[("closed", "open"), "ratio"] == pytest.approx(12.0)
    assert compared.loc[("open", "open"), "ratio"] == pytest.approx(0.3)
    assert math.isnan(compared.loc[("closed", "closed"), "ratio"])  # cn-closed is not in force yet
    later = cost_view.price_list_comparisons(DATED, "2025-10-01").set_index(
        ["leader_openness", "follower_openness"]
    )
    assert later.loc[("closed", "closed"), "ratio"] == pytest.approx(6.0)
    assert cost_view.price_list_comparisons(DATED.iloc[[1, 3]], "2025-01-01") is None


def test_price_view_compares_medians_like_for_like():
    v = view()
    assert v.headline["ratio"] == pytest.approx(v.median_ratio)
    assert (v.headline["n_leader"], v.headline["n_follower"]) == (3, 2)
    closed_open = v.comparison("closed", "open")
    assert closed_open["ratio"] == pytest.approx(3.3 / 0.875)
    assert v.comparison("open", "open")["ratio"] == pytest.approx(0.3 / 0.875)
    closed_closed = v.comparison("closed", "closed")
    assert closed_closed["n_follower"] == 0 and math.isnan(closed_closed["ratio"])
    # January: US 12 (Azure) and 1.5 → 6.75; China 1.25 → 5.4. June: 0.6 / 0.875.
    assert v.median_ratios.to_dict() == pytest.approx({JAN: 5.4, JUN: 0.6 / 0.875})
    assert set(v.models["model_id"]) == {r[2] for r in ROWS if r[0] == JUN}


def test_the_seed_moves_only_the_bootstrap():
    rng = np.random.default_rng(7)
    lead = pd.Series(rng.lognormal(size=40), index=[f"l{i}" for i in range(40)])
    follow = pd.Series(rng.lognormal(size=30), index=[f"f{i}" for i in range(30)])
    one, two = (cost_openness.median_ratio_sensitivity(lead, follow, seed=s) for s in (1, 2))
    assert {k: one[k] for k in ("ratio", "loo_low", "loo_high")} == {
        k: two[k] for k in ("ratio", "loo_low", "loo_high")
    }
    assert (one["boot_low"], one["boot_high"]) != (two["boot_low"], two["boot_high"])
    pd.testing.assert_frame_equal(view(seed=3).comparisons, view(seed=3).comparisons)
