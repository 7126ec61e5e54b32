"""Cost indicators on small hand-computed examples, property tests, and one run on the real tables."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_brief import config
from strategy_brief.analysis.indicators import cost
from strategy_brief.data import processed

US, CN, EU = "United States", "China", "Europe"
JAN, JUN = "2025-01-01", "2025-06-01"
PRICE_COLUMNS = [
    "snapshot_date",
    "price_key",
    "host_provider",
    "model_id",
    "developer",
    "bloc",
    "openness_class",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
]


def price_rows(rows):
    frame = pd.DataFrame(rows, columns=[c for c in PRICE_COLUMNS if c != "price_key"])
    return frame.assign(price_key=frame["host_provider"] + "/" + frame["model_id"])[PRICE_COLUMNS]


# Blended at 3:1 = 0.75 × input + 0.25 × output, worked out per row.
PRICES = price_rows(
    [
        (JAN, "openai", "us-big", "OpenAI", US, "api", 10.0, 30.0),  # 7.5 + 7.5 = 15
        (JAN, "azure_ai", "us-big", "OpenAI", US, "api", 8.0, 24.0),  # 6 + 6 = 12, a reseller
        (JAN, "openai", "us-small", "OpenAI", US, "api", 1.0, 3.0),  # 0.75 + 0.75 = 1.5
        (JAN, "deepseek", "cn-big", "DeepSeek", CN, "open_unrestricted", 2.0, 6.0),  # 1.5 + 1.5 = 3
        (JAN, "together_ai", "cn-big", "DeepSeek", CN, "open_unrestricted", 1.0, 2.0),  # 0.75 + 0.5 = 1.25
        (JUN, "openai", "us-big", "OpenAI", US, "api", 4.0, 12.0),  # 3 + 3 = 6
        (JUN, "openai", "us-small", "OpenAI", US, "api", 0.4, 1.2),  # 0.3 + 0.3 = 0.6
        (JUN, "deepseek", "cn-big", "DeepSeek", CN, "open_unrestricted", 1.0, 2.0),  # 1.25
        (JUN, "deepseek", "cn-new", "DeepSeek", CN, "open_unrestricted", 0.4, 0.8),  # 0.3 + 0.2 = 0.5
        (JUN, "mistral", "eu-unscored", "Mistral AI", EU, "api", 2.0, 2.0),  # 2, and no ECI score
    ]
)
ECI = pd.DataFrame(
    {
        "model_version": ["us-big_low", "us-big_high", "us-small", "cn-big", "cn-new", "eu-unpriced"],
        "model_id": ["us-big", "us-big", "us-small", "cn-big", "cn-new", "eu-unpriced"],
        "eci_score": [150.0, 152.0, 130.0, 140.0, 145.0, 120.0],  # us-big's best version: 152
        "bloc": [US, US, US, CN, CN, EU],
    }
)


def by_key(frame, *keys):
    return frame.set_index(list(keys))


# price_by_bloc


def test_price_by_bloc_takes_each_models_cheapest_host():
    out = by_key(cost.price_by_bloc(PRICES), "snapshot_date", "bloc")
    # January, US: us-big at its cheapest host 12 (azure) and us-small 1.5 → median 6.75, min 1.5.
    jan_us = out.loc[(JAN, US)]
    assert (jan_us["n_models"], jan_us["median_blended_usd_per_mtok"]) == (2, 6.75)
    assert (jan_us["min_blended_usd_per_mtok"], jan_us["cheapest_model_id"]) == (1.5, "us-small")
    assert out.loc[(JAN, CN), "median_blended_usd_per_mtok"] == 1.25
    # June: US 6 and 0.6 → median 3.3; China 1.25 and 0.5 → median 0.875; Europe counts its unscored model.
    assert out.loc[(JUN, US), "median_blended_usd_per_mtok"] == pytest.approx(3.3)
    assert out.loc[(JUN, CN), "median_blended_usd_per_mtok"] == pytest.approx(0.875)
    assert out.loc[(JUN, EU), "n_models"] == 1
    assert set(out["blend_input_share"]) == {0.75}


def test_price_by_bloc_first_party_only_drops_resellers():
    out = by_key(cost.price_by_bloc(PRICES, first_party_only=True), "snapshot_date", "bloc")
    # Without azure, us-big costs 15 at OpenAI: median of 15 and 1.5 = 8.25; cn-big 3 at DeepSeek.
    assert out.loc[(JAN, US), "median_blended_usd_per_mtok"] == 8.25
    assert out.loc[(JAN, CN), "min_blended_usd_per_mtok"] == 3.0
    assert out["first_party_only"].all()


def test_price_by_bloc_blend_ratio_is_a_parameter():
    out = by_key(cost.price_by_bloc(PRICES, blend_input_share=0.5), "snapshot_date", "bloc")
    # 1:1 blend in January, US: us-big min((10+30)/2, (8+24)/2) = 16, us-small (1+3)/2 = 2 → median 9.
    assert out.loc[(JAN, US), "median_blended_usd_per_mtok"] == 9.0
    assert out.loc[(JAN, US), "min_blended_usd_per_mtok"] == 2.0
    assert set(out["blend_input_share"]) == {0.5}


def test_first_party_keeps_google_on_both_its_own_apis():
    rows = price_rows(
        [
            (JAN, "gemini", "g", "Google", US, "api", 1.0, 1.0),
            (JAN, "vertex_ai-language-models", "g", "Google", US, "api", 1.0, 1.0),
            (JAN, "vertex_ai-deepseek_models", "d", "DeepSeek", CN, "open_unrestricted", 1.0, 1.0),
            (JAN, "together_ai", "l", "Meta", US, "open_restricted", 1.0, 1.0),
        ]
    )
    assert list(cost.first_party(rows)["host_provider"]) == ["gemini", "vertex_ai-language-models"]


# model_price_capability


def test_join_defaults_to_the_latest_snapshot_and_cheapest_host():
    out = cost.model_price_capability(PRICES, ECI)
    # June, sorted by price: cn-new 0.5, us-small 0.6, cn-big 1.25, us-big 6 (ECI 152, its best version).
    assert list(out["model_id"]) == ["cn-new", "us-small", "cn-big", "us-big"]
    assert list(out["blended_usd_per_mtok"]) == pytest.approx([0.5, 0.6, 1.25, 6.0])
    assert out.set_index("model_id").loc["us-big", "eci_score"] == 152.0
    assert set(out["snapshot_date"]) == {JUN}
    assert list(out.columns[:8]) == cost.JOINED_COLUMNS


def test_join_for_a_chosen_snapshot():
    out = cost.model_price_capability(PRICES, ECI, snapshot_date=JAN).set_index("model_id")
    # us-big at azure's 12 rather than OpenAI's 15; cn-big at together_ai's 1.25 rather than DeepSeek's 3.
    assert out.loc["us-big", ["blended_usd_per_mtok", "host_provider"]].tolist() == [12.0, "azure_ai"]
    assert out.loc["cn-big", ["blended_usd_per_mtok", "host_provider"]].tolist() == [1.25, "together_ai"]
    assert "cn-new" not in out.index


# cheapest_at_capability


def test_cheapest_at_capability_by_hand():
    joined = cost.model_price_capability(PRICES, ECI)
    out = by_key(cost.cheapest_at_capability(joined, [130, 141, 150, 160]), "level", "bloc")
    # ≥130: US us-small 0.6 (exactly 130 counts), China cn-new 0.5 (145).
    assert out.loc[(130.0, US), "model_id"] == "us-small"
    assert out.loc[(130.0, US), "blended_usd_per_mtok"] == pytest.approx(0.6)
    assert out.loc[(130.0, CN), ["model_id", "blended_usd_per_mtok"]].tolist() == ["cn-new", 0.5]
    # ≥141: US only us-big (152) at 6; ≥150: China has nothing; ≥160: nobody.
    assert out.loc[(141.0, US), "blended_usd_per_mtok"] == 6.0
    assert math.isnan(out.loc[(150.0, CN), "blended_usd_per_mtok"])
    assert out.loc[160.0, "blended_usd_per_mtok"].isna().all()


def test_cheapest_at_capability_lists_requested_blocs_even_without_models():
    joined = cost.model_price_capability(PRICES, ECI)
    out = cost.cheapest_at_capability(joined, [100], blocs=[US, EU])
    assert list(out["bloc"]) == [US, EU]
    assert math.isnan(out.set_index("bloc").loc[EU, "blended_usd_per_mtok"])


# pareto_frontier


def joined_rows(rows):
    """A joined table from (model_id, bloc, eci_score, price) tuples."""
    frame = pd.DataFrame(rows, columns=["model_id", "bloc", "eci_score", "blended_usd_per_mtok"])
    return frame.assign(host_provider="host")


def test_pareto_frontier_all_models_and_by_bloc():
    joined = cost.model_price_capability(PRICES, ECI)
    # (price, ECI): cn-new (0.5, 145) dominates us-small (0.6, 130) and cn-big (1.25, 140);
    # us-big (6, 152) stays.
    assert list(cost.pareto_frontier(joined)["model_id"]) == ["cn-new", "us-big"]
    # Within China cn-new still dominates cn-big; within the US neither model dominates the other.
    out = cost.pareto_frontier(joined, by="bloc")
    assert list(zip(out["bloc"], out["model_id"], strict=True)) == [
        (CN, "cn-new"),
        (US, "us-small"),
        (US, "us-big"),
    ]


def test_pareto_frontier_ties():
    joined = joined_rows(
        [
            ("a", US, 140.0, 1.0),
            ("b", US, 140.0, 1.0),  # identical to a: neither strictly better, both stay
            ("c", US, 135.0, 1.0),  # same price, less capable: dominated
            ("d", US, 140.0, 2.0),  # as capable, dearer: dominated
            ("e", US, 150.0, 2.0),
        ]
    )
    assert list(cost.pareto_frontier(joined)["model_id"]) == ["a", "b", "e"]


# price_ratio_at_parity


def test_price_ratio_at_parity_by_hand():
    joined = cost.model_price_capability(PRICES, ECI)
    row = cost.price_ratio_at_parity(joined).iloc[0]
    # China's best is cn-new (145) at 0.5; the US reaches 145 only with us-big at 6: ratio 12.
    assert row["level"] == 145.0
    assert (row["leader_model_id"], row["leader_usd_per_mtok"]) == ("us-big", 6.0)
    assert (row["follower_model_id"], row["follower_usd_per_mtok"]) == ("cn-new", 0.5)
    assert row["ratio"] == 12.0


def test_price_ratio_at_parity_swapped_default_level_is_out_of_reach():
    joined = cost.model_price_capability(PRICES, ECI)
    row = cost.price_ratio_at_parity(joined, leader=CN, follower=US).iloc[0]
    # The level becomes the US best (152), which no Chinese model reaches.
    assert row["level"] == 152.0 and row["follower_usd_per_mtok"] == 6.0
    assert pd.isna(row["leader_model_id"]) and math.isnan(row["ratio"])


def test_price_ratio_at_parity_without_a_follower_model_is_an_all_nan_row():
    joined = cost.model_price_capability(PRICES, ECI)
    row = cost.price_ratio_at_parity(joined[joined["bloc"] != CN]).iloc[0]
    # No scored, priced Chinese model (an early as_of cut): no level to compare at, nothing raised.
    assert (row["leader"], row["follower"]) == (US, CN)
    assert row[["level", "leader_model_id", "follower_model_id", "ratio"]].isna().all()


def test_price_ratio_at_parity_fixed_level_inverts():
    joined = cost.model_price_capability(PRICES, ECI, snapshot_date=JAN)
    ab = cost.price_ratio_at_parity(joined, level=130).iloc[0]
    ba = cost.price_ratio_at_parity(joined, leader=CN, follower=US, level=130).iloc[0]
    # January, ≥130: US us-small 1.5, China cn-big 1.25 → 1.5 / 1.25 = 1.2, and 1.25 / 1.5 the other way.
    assert ab["ratio"] == pytest.approx(1.2)
    assert ba["ratio"] == pytest.approx(1 / 1.2)


def test_reprice_parity_prices_the_same_pair_from_another_list():
    row = cost.price_ratio_at_parity(cost.model_price_capability(PRICES, ECI)).iloc[0]
    other = cost.reprice_parity(row, pd.Series({"us-big": 3.0, "cn-new": 1.5, "us-small": 0.1}))
    assert (other["leader_model_id"], other["follower_model_id"]) == ("us-big", "cn-new")
    assert (other["leader_usd_per_mtok"], other["follower_usd_per_mtok"], other["ratio"]) == (3.0, 1.5, 2.0)
    assert other["level"] == row["level"] and row["ratio"] == 12.0  # the row itself is left alone
    unlisted = cost.reprice_parity(row, pd.Series({"cn-new": 1.5}))
    assert math.isnan(unlisted["leader_usd_per_mtok"]) and math.isnan(unlisted["ratio"])
    # No US model at the level: nothing to price on that side.
    swapped = cost.price_ratio_at_parity(cost.model_price_capability(PRICES, ECI), leader=CN, follower=US)
    none = cost.reprice_parity(swapped.iloc[0], pd.Series({"us-big": 3.0}))
    assert math.isnan(none["leader_usd_per_mtok"]) and none["follower_usd_per_mtok"] == 3.0
    assert math.isnan(none["ratio"])


# prices_in_force

DATED = pd.DataFrame(
    [
        # price_key, valid_from, model_id, input, output (blended at 3:1)
        ("openai/us-big", None, "us-big", 10.0, 30.0),  # standing price: 15
        ("openai/us-big", "2025-03-01", "us-big", 4.0, 12.0),  # from March: 6
        ("openai/us-big", "2025-09-01", "us-big", 2.0, 6.0),  # from September: 3
        ("azure/us-big", "", "us-big", 8.0, 24.0),  # a second key, standing: 12
        ("deepseek/cn-new", "2025-06-01", "cn-new", 0.4, 0.8),  # only from June: 0.5
    ],
    columns=["price_key", "valid_from", "model_id", "input_usd_per_mtok", "output_usd_per_mtok"],
)


def test_prices_in_force_on_a_day_take_each_keys_latest_price_and_each_models_cheapest():
    assert cost.prices_in_force(DATED, "2025-01-15").to_dict() == {"us-big": 12.0}
    assert cost.prices_in_force(DATED, "2025-03-01").to_dict() == {"us-big": 6.0}  # in force on its day
    assert cost.prices_in_force(DATED, "2025-07-01").to_dict() == {"cn-new": 0.5, "us-big": 6.0}
    assert cost.prices_in_force(DATED, "2026-01-01").to_dict() == {"cn-new": 0.5, "us-big": 3.0}
    # At 1:1 in September: us-big (2 + 6) / 2 = 4 on openai, (8 + 24) / 2 = 16 on azure.
    assert cost.prices_in_force(DATED, "2025-09-30", blend_input_share=0.5)["us-big"] == 4.0


def test_prices_in_force_refuses_bad_input():
    with pytest.raises(ValueError, match="blend_input_share"):
        cost.prices_in_force(DATED, "2025-01-01", blend_input_share=1.5)
    with pytest.raises(ValueError, match="valid_from"):
        cost.prices_in_force(DATED.drop(columns="valid_from"), "2025-01-01")


# price_decline


def test_price_decline_by_hand():
    out = cost.price_decline(PRICES, ECI, 140)
    # ≥140 in January: us-big 12, cn-big 1.25 → 1.25; in June cn-new 0.5 → 1.25 / 0.5 = 2.5-fold.
    assert list(out["snapshot_date"]) == [JAN, JUN]
    assert list(out["model_id"]) == ["cn-big", "cn-new"]
    assert list(out["blended_usd_per_mtok"]) == [1.25, 0.5]
    assert list(out["fold_decline"]) == [1.0, 2.5]
    # ≥145 in January only us-big at 12; in June cn-new at 0.5: 24-fold.
    assert cost.price_decline(PRICES, ECI, 145)["fold_decline"].iloc[-1] == 24.0


def test_price_decline_starts_when_the_level_is_first_offered():
    china = PRICES[PRICES["bloc"] == CN]
    out = cost.price_decline(china, ECI, 145)
    # No Chinese model reaches 145 in January; from June, the base is June itself.
    assert math.isnan(out["blended_usd_per_mtok"].iloc[0])
    assert set(out["base_snapshot_date"]) == {JUN}
    assert out["fold_decline"].iloc[-1] == 1.0


def test_price_decline_of_an_unreached_level_is_all_missing():
    out = cost.price_decline(PRICES, ECI, 200)
    assert out["blended_usd_per_mtok"].isna().all() and out["fold_decline"].isna().all()


# errors


@pytest.mark.parametrize(
    "call",
    [
        lambda p, e: cost.price_by_bloc(p),
        lambda p, e: cost.model_price_capability(p, e),
        lambda p, e: cost.price_decline(p, e, 140),
    ],
)
def test_empty_or_incomplete_price_table_is_refused(call):
    with pytest.raises(ValueError, match="empty prices table"):
        call(PRICES.iloc[0:0], ECI)
    with pytest.raises(ValueError, match="output_usd_per_mtok"):
        call(PRICES.drop(columns="output_usd_per_mtok"), ECI)


def test_empty_or_incomplete_eci_table_is_refused():
    with pytest.raises(ValueError, match="empty ECI table"):
        cost.model_price_capability(PRICES, ECI.iloc[0:0])
    with pytest.raises(ValueError, match="eci_score"):
        cost.price_decline(PRICES, ECI.drop(columns="eci_score"), 140)


def test_mismatched_inputs_are_refused():
    with pytest.raises(ValueError, match="no price snapshot dated 2024-01-01"):
        cost.model_price_capability(PRICES, ECI, snapshot_date="2024-01-01")
    other = ECI.assign(model_id="unknown-model")
    with pytest.raises(ValueError, match="no model has both"):
        cost.model_price_capability(PRICES, other)
    with pytest.raises(ValueError, match="blend_input_share"):
        cost.price_by_bloc(PRICES, blend_input_share=1.5)


def test_joined_table_errors():
    joined = cost.model_price_capability(PRICES, ECI)
    with pytest.raises(ValueError, match="empty joined table"):
        cost.pareto_frontier(joined.iloc[0:0])
    with pytest.raises(ValueError, match="eci_score"):
        cost.cheapest_at_capability(joined.drop(columns="eci_score"), [130])
    with pytest.raises(ValueError, match="no capability level"):
        cost.cheapest_at_capability(joined, [])
    with pytest.raises(ValueError, match="both 'China'"):
        cost.price_ratio_at_parity(joined, leader=CN, follower=CN)
    with pytest.raises(ValueError, match="unknown bloc 'Eurpoe'"):
        cost.price_ratio_at_parity(joined, follower="Eurpoe")
    # A known bloc without a scored, priced model is a data gap, not an error.
    assert pd.isna(cost.price_ratio_at_parity(joined, follower=EU).iloc[0]["ratio"])
    with pytest.raises(ValueError, match="'bloc'"):
        cost.pareto_frontier(joined.drop(columns="bloc"), by="bloc")


# properties

ROW = st.tuples(
    st.sampled_from([US, CN, EU]),
    st.integers(100, 160).map(float),  # whole points, so ties happen
    st.sampled_from([0.1, 0.25, 0.5, 1.0, 2.0, 4.0]) | st.floats(0.01, 100.0),
)
JOINED = st.lists(ROW, min_size=1, max_size=12).map(
    lambda rows: joined_rows([(f"m{i}", *row) for i, row in enumerate(rows)])
)


@settings(max_examples=200, deadline=None)
@given(JOINED, st.data())
def test_a_lower_price_never_raises_the_cheapest_at_capability(joined, data):
    i = data.draw(st.integers(0, len(joined) - 1))
    factor = data.draw(st.floats(0.01, 1.0))
    levels = [*sorted(set(joined["eci_score"])), 99.0, 161.0]
    cheaper = joined.copy()
    cheaper.loc[i, "blended_usd_per_mtok"] *= factor
    before = cost.cheapest_at_capability(joined, levels, blocs=[US, CN, EU])["blended_usd_per_mtok"]
    after = cost.cheapest_at_capability(cheaper, levels, blocs=[US, CN, EU])["blended_usd_per_mtok"]
    assert (before.isna() == after.isna()).all()  # availability depends on capability only
    assert (after[before.notna()] <= before[before.notna()]).all()


def dominates(a, b):
    cheaper_or_equal = a["blended_usd_per_mtok"] <= b["blended_usd_per_mtok"]
    capable_or_equal = a["eci_score"] >= b["eci_score"]
    strict = a["blended_usd_per_mtok"] < b["blended_usd_per_mtok"] or a["eci_score"] > b["eci_score"]
    return cheaper_or_equal and capable_or_equal and strict


@settings(max_examples=200, deadline=None)
@given(JOINED, st.sampled_from([None, "bloc"]))
def test_the_pareto_frontier_is_nonempty_and_exactly_the_undominated(joined, by):
    frontier = cost.pareto_frontier(joined, by=by)
    assert not frontier.empty
    on_frontier = set(frontier["model_id"])
    for _, model in joined.iterrows():
        peers = joined if by is None else joined[joined[by] == model[by]]
        dominated = any(dominates(other, model) for _, other in peers.iterrows())
        assert dominated != (model["model_id"] in on_frontier)


BOTH_BLOCS = st.tuples(JOINED, ROW.map(lambda r: (US, *r[1:])), ROW.map(lambda r: (CN, *r[1:]))).map(
    lambda t: pd.concat([t[0], joined_rows([("us-extra", *t[1]), ("cn-extra", *t[2])])], ignore_index=True)
)


@settings(max_examples=200, deadline=None)
@given(BOTH_BLOCS, st.data())
def test_the_ratio_at_parity_inverts_when_leader_and_follower_swap(joined, data):
    reachable = min(joined.loc[joined["bloc"] == bloc, "eci_score"].max() for bloc in (US, CN))
    level = data.draw(st.integers(99, int(reachable)).map(float))
    ab = cost.price_ratio_at_parity(joined, US, CN, level=level)["ratio"].iloc[0]
    ba = cost.price_ratio_at_parity(joined, CN, US, level=level)["ratio"].iloc[0]
    assert ab * ba == pytest.approx(1.0)
    # Default levels: both ratios exist only when both blocs' best models score the same.
    ab = cost.price_ratio_at_parity(joined, US, CN)["ratio"].iloc[0]
    ba = cost.price_ratio_at_parity(joined, CN, US)["ratio"].iloc[0]
    if np.isfinite(ab) and np.isfinite(ba):
        assert ab * ba == pytest.approx(1.0)
    else:
        assert np.isnan(ab) or np.isnan(ba)


# the real tables


@pytest.mark.skipif(
    not (config.PROCESSED_DIR / "api_prices.csv").exists(), reason="processed price table not built"
)
def test_indicators_run_on_the_processed_tables():
    prices, eci = processed.read("api_prices"), processed.read("eci_by_model")
    for first_party_only in (False, True):
        by_bloc = cost.price_by_bloc(prices, first_party_only=first_party_only)
        assert not by_bloc.empty and (by_bloc["min_blended_usd_per_mtok"] > 0).all()
        assert (by_bloc["median_blended_usd_per_mtok"] >= by_bloc["min_blended_usd_per_mtok"]).all()
    joined = cost.model_price_capability(prices, eci)
    assert not joined.empty and (joined["blended_usd_per_mtok"] > 0).all()
    assert joined["model_id"].is_unique
    assert not cost.pareto_frontier(joined).empty
    parity = cost.price_ratio_at_parity(joined).iloc[0]
    # Positive whenever the leader reaches the follower's best (it need not: then NaN, by design).
    assert parity["ratio"] > 0 or pd.isna(parity["leader_model_id"])
    decline = cost.price_decline(prices, eci, parity["level"])
    assert len(decline) == prices["snapshot_date"].nunique()
    assert (decline["blended_usd_per_mtok"].dropna() > 0).all()
