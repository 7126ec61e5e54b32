"""Indicators on small hand-computed examples."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import capability, openness


def scores(rows):
    return pd.DataFrame(rows, columns=["bloc", "release_date", "eci_score"])


ECI = scores(
    [
        ("United States", "2024-01-01", 100.0),
        ("China", "2024-01-01", 90.0),
        ("United States", "2024-07-01", 120.0),
        ("China", "2025-01-01", 110.0),
        ("China", "2025-03-01", 105.0),  # worse than China's best: the frontier keeps 110
    ]
)


def test_gap_points_percent_and_lag_by_hand():
    out = capability.gap(ECI, "United States", "China").set_index("date")
    jan25 = out.loc[pd.Timestamp("2025-01-01")]
    assert (jan25["leader_best"], jan25["follower_best"]) == (120.0, 110.0)
    assert jan25["gap_points"] == 10.0 and jan25["gap_percent"] == pytest.approx(100 * 10 / 110)
    # The US first reached 110 (China's level on 2025-01-01) on 2024-07-01: 184 days ≈ 6.0 months.
    assert jan25["lag_months"] == round(184 / 30.4375, 1)
    assert out.loc[pd.Timestamp("2025-03-01"), "follower_best"] == 110.0


def test_gap_sign_flips_when_the_groups_swap():
    ab = capability.gap(ECI, "United States", "China")
    ba = capability.gap(ECI, "China", "United States")
    assert list(ab["gap_points"]) == [-x for x in ba["gap_points"]]
    assert list(ab["lag_months"]) == [-x for x in ba["lag_months"]]


def test_leaderboard_ratings_are_not_cumulative():
    board = pd.DataFrame(
        {
            "bloc": ["United States", "China", "United States", "China"],
            "leaderboard_version": ["2025-01-01", "2025-01-01", "2025-02-01", "2025-02-01"],
            "best_score": [1300.0, 1250.0, 1280.0, 1290.0],  # US rating re-estimated down
        }
    )
    out = capability.gap(
        board,
        "United States",
        "China",
        date_col="leaderboard_version",
        score_col="best_score",
        cumulative=False,
    )
    # Cumulative, February would keep the US at 1300 and show it ahead by 10.
    assert list(out["gap_points"]) == [50.0, -10.0]
    # China leads in February and reached the US's February level (1280) only that month: lag 0.
    assert list(out["lag_months"]) == [0.0, 0.0]


def test_gap_needs_both_groups():
    with pytest.raises(ValueError, match="no scores for bloc 'Europe'"):
        capability.gap(ECI, "United States", "Europe")


def test_open_weight_share_by_hand():
    models = pd.DataFrame(
        {
            "year": [2025, 2025, 2025, 2025],
            "bloc": ["China", "China", "United States", "United States"],
            "openness_class": ["open_unrestricted", "api", "api", "unknown"],
            "models": [3, 1, 4, 10],
        }
    )
    out = openness.open_weight_share(models).set_index("bloc")
    assert out.loc["China", "open_share"] == 0.75
    assert out.loc["United States", "open_share"] == 0.0 and out.loc["United States", "known_models"] == 4
    with pytest.raises(ValueError, match="lacks column"):
        openness.open_weight_share(models.drop(columns=["models"]))


def test_licence_mix_shares_sum_to_one_per_version():
    top = pd.DataFrame(
        {
            "leaderboard_version": ["v1", "v1", "v1", "v2"],
            "bloc": ["United States", "China", "China", "China"],
            "openness_class": ["api", "open_unrestricted", "api", "open_unrestricted"],
            "models": [3, 1, 1, 5],
            "top_n": [5, 5, 5, 5],
        }
    )
    mix = openness.licence_mix(top).set_index(["leaderboard_version", "openness_class"])
    assert mix.loc[("v1", "api"), "share"] == 0.8 and mix.loc[("v1", "open_unrestricted"), "share"] == 0.2
    assert mix.loc[("v2", "open_unrestricted"), "share"] == 1.0
    by_bloc = openness.licence_mix(top, by_bloc=True)
    assert by_bloc.groupby("leaderboard_version")["share"].sum().tolist() == [1.0, 1.0]


def test_closed_vs_open_groups_and_latest():
    eci = pd.DataFrame(
        {
            "release_date": ["2024-01-01", "2024-06-01", "2024-06-01"],
            "eci_score": [120.0, 100.0, 50.0],
            "openness_class": ["api", "open_restricted", "unknown"],
        }
    )
    grouped = capability.by_openness(eci)
    assert list(grouped["group"]) == [capability.CLOSED, capability.OPEN]  # unknown left out
    gaps = capability.gap(grouped, capability.CLOSED, capability.OPEN, group_col="group")
    last = capability.latest(gaps)
    assert (last["gap_points"], last["gap_percent"]) == (20.0, 20.0)


def facts_frame(rows):
    columns = ["fact_id", "value", "as_of", "as_of_start", "as_of_end"]
    return pd.DataFrame(rows, columns=columns)


def test_reconciliation_by_hand():
    from strategy_brief.analysis.indicators import reconciliation

    facts = facts_frame(
        [
            ("F029", 65.7, "2023", "2023-01-01", "2023-12-31"),
            ("F173", 30.0, "2025-07", "2025-07-01", "2025-07-31"),
            ("F174", 100.0, "2025-07", "2025-07-01", "2025-07-31"),
            ("F028", 24.2, "2023", "2023-01-01", "2023-12-31"),
        ]
    )
    models = pd.DataFrame(
        {
            "year": [2023, 2023, 2023, 2024],
            "bloc": ["China", "United States", "United States", "China"],
            "openness_class": ["open_unrestricted", "api", "unknown", "api"],
            "models": [1, 3, 5, 4],
        }
    )
    eci = pd.DataFrame(
        {
            "release_date": ["2023-03-01", "2023-07-01", "2024-05-01"],
            "eci_score": [110.0, 100.0, 130.0],
            "openness_class": ["api", "open_unrestricted", "open_unrestricted"],
        }
    )
    table = reconciliation.reconcile(facts, models, eci).set_index("fact_id")
    assert table.loc["F029", "recomputed"] == 25.0  # 1 open of 4 known models in 2023
    assert table.loc["F173;F174", "published"] == 30.0
    assert table.loc["F173;F174", "recomputed"] == round(100 * 5 / 13, 1)  # China 1 + 4 of all 13
    assert table.loc["F028", "recomputed"] == 10.0  # 110 vs 100 at the end of 2023, not the 2024 model
    assert table["why_they_differ"].str.len().min() > 20
    with pytest.raises(ValueError, match=r"fact F029 not in facts\.csv"):
        reconciliation.reconcile(facts[facts["fact_id"] != "F029"], models, eci)


def test_reconciliation_says_why_a_figure_cannot_be_recomputed():
    from strategy_brief.analysis.indicators import reconciliation

    facts = facts_frame([("F034", 280.0, "2022-11 to 2024-10", "2022-11-01", "2024-10-31")])
    eci = pd.DataFrame({"model_version": ["gpt-4o-2024-05-13"], "eci_score": [130.0]})
    prices = pd.DataFrame({"snapshot_date": ["2025-02-06", "2026-07-24"]})
    row = reconciliation.price_decline_at_gpt35_level(facts, eci, prices)
    assert math.isnan(row["recomputed"]) and row["recomputed_from"] == "not recomputable"
    assert "start 2025-02-06, after 2022-11-01" in row["why_they_differ"]
    assert "no GPT-3.5 model" in row["why_they_differ"]
