"""The cost section's view (cost_view.price_view) and level comparisons, on a price list worked out by hand
(tests/analysis/price_view_rows.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import cost, cost_view
from tests.analysis.price_view_rows import CN, JAN, JUN, ROWS, US, view


def test_price_view_by_hand():
    v = view()
    assert (v.first, v.latest) == (JAN, JUN)
    # June, any host: US 6, 0.6 and 0.3 → median 0.6; China 1.25 and 0.5 → median 0.875.
    assert v.medians.loc[US, "median_blended_usd_per_mtok"] == pytest.approx(0.6)
    assert v.medians.loc[CN, "median_blended_usd_per_mtok"] == pytest.approx(0.875)
    assert v.median_ratio == pytest.approx(0.6 / 0.875)
    # Own APIs only: Meta's us-open has none, so the US median is that of 6 and 0.6.
    assert v.medians_fp.loc[US, ["n_models", "median_blended_usd_per_mtok"]].tolist() == [
        2,
        pytest.approx(3.3),
    ]
    assert list(v.frontier["model_id"]) == ["us-open", "cn-new", "us-big"]
    assert v.frontier_top["model_id"] == "us-big"
    assert (v.parity["level"], v.parity["leader_model_id"], v.parity["ratio"]) == (145.0, "us-big", 12.0)
    assert not v.first_party_gap
    # China's best priced model in January is cn-big (140); that level costs 1.25, then 0.5 (cn-new).
    assert v.first_best["model_id"] == "cn-big"
    assert v.decline["fold_decline"].tolist() == pytest.approx([1.0, 2.5])
    assert v.decline_fp["fold_decline"].tolist() == pytest.approx([1.0, 6.0])  # 3 on DeepSeek, then 0.5
    assert v.hosts()["us-open"] == "together_ai"
    assert "us-open" not in v.hosts(first_party_only=True)
    assert v.scored_models().to_dict() == {CN: 2, US: 3}


def test_price_view_states_the_first_party_gap_when_no_chinese_model_is_sold_by_its_developer():
    resold = [
        (d, "together_ai" if h == "deepseek" else h, *rest)
        for d, h, *rest in ROWS
        if not (d == JAN and h == "deepseek")
    ]
    v = view(resold)
    assert v.first_party_gap
    assert math.isnan(v.parity_fp["level"])
    assert v.parity["follower_model_id"] == "cn-new"  # any host still compares


def test_price_view_blend_and_levels_are_parameters():
    v = view(blend_input_share=0.5, capability_levels=[150.0])
    assert v.blend_input_share == 0.5
    assert v.medians.loc[US, "median_blended_usd_per_mtok"] == pytest.approx(0.8)  # 8, 0.8 and 0.4
    assert v.cheapest["level"].unique().tolist() == [150.0]


def test_compare_levels_counts_where_each_bloc_is_cheaper():
    compared = cost_view.compare_levels(view().cheapest, US, CN)
    # 130: US 0.3 against China 0.5; 140: US 6 against 0.5; 150: US only.
    assert compared == (2, 1, 150.0)
    assert isinstance(compared.levels_both, int) and isinstance(compared.follower_cheaper, int)
    both_only = cost_view.compare_levels(view(capability_levels=[130.0, 140.0]).cheapest, US, CN)
    assert math.isnan(both_only.leader_only_from)


def test_open_weight_picks_are_the_blocs_distinct_cheapest_models_with_open_weights():
    v = view()
    assert cost_view.open_weight_picks(v.cheapest, v.joined, US)["model_id"].tolist() == ["us-open"]
    assert cost_view.open_weight_picks(v.cheapest, v.joined, CN)["model_id"].tolist() == ["cn-new"]


@pytest.mark.parametrize(
    ("developer", "host", "own"),
    [
        ("DeepSeek", "deepseek", True),
        ("DeepSeek", "together_ai", False),
        ("Google", "vertex_ai-language-models", True),
        ("Meta", "together_ai", False),
        ("Nobody", "nobody", False),
    ],
)
def test_is_first_party(developer, host, own):
    assert cost.is_first_party(developer, host) is own


def test_unscored_priced_lists_newer_models_in_the_latest_price_list_only():
    from strategy_brief.curated import classify

    catalogue = classify.crosswalk().reset_index()
    dated = catalogue.assign(date=pd.to_datetime(catalogue["release_date"], errors="coerce")).dropna(
        subset=["date"]
    )
    newer = dated[dated["date"] > "2025-01-01"].sort_values("date")
    on_offer, dropped = newer["model_id"].iloc[-1], newer["model_id"].iloc[-2]
    eci = pd.DataFrame({"model_id": ["scored"], "release_date": ["2025-01-01"]})
    prices = pd.DataFrame({"snapshot_date": ["2026-01-01", "2026-07-01"], "model_id": [dropped, on_offer]})
    found = cost_view.unscored_priced(prices, eci)
    assert found["model_id"].tolist() == [on_offer]
    assert cost_view.unscored_priced(prices, eci, until="2025-01-02").empty  # released after the cut
