"""analysis.indicators.capability on small hand-computed examples."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import capability


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


def test_lag_sensitivity_moves_the_level_to_reach_by_the_margin():
    board = scores(
        [
            ("United States", "2024-01-01", 109.5),
            ("United States", "2024-04-01", 110.5),
            ("United States", "2024-07-01", 111.0),
            ("United States", "2024-10-01", 125.0),
            ("China", "2024-01-01", 90.0),
            ("China", "2025-01-01", 110.0),
        ]
    )
    lag = capability.lag_sensitivity(board, "United States", "China", margin=1.0)
    # China's 110 on 2025-01-01: the US first reached 110 on 2024-04-01 (275 days), 111 on 2024-07-01
    # (184 days) and 109 on 2024-01-01 (366 days).
    assert lag["lag_months"] == round(275 / 30.4375, 1)
    assert (
        lag["lag_months"] == capability.latest(capability.gap(board, "United States", "China"))["lag_months"]
    )
    assert lag["lag_shorter"] == round(184 / 30.4375, 1)
    assert lag["lag_longer"] == round(366 / 30.4375, 1)
    assert lag["date"] == pd.Timestamp("2025-01-01") and lag["margin"] == 1.0
    swapped = capability.lag_sensitivity(board, "China", "United States")
    assert swapped["lag_months"] == -lag["lag_months"] and swapped["lag_shorter"] == -lag["lag_shorter"]


def test_openness_lag_sensitivity_groups_closed_and_open_models():
    eci = pd.DataFrame(
        {
            "release_date": ["2024-01-01", "2024-01-01", "2024-03-01", "2024-06-01"],
            "eci_score": [110.0, 90.0, 120.0, 110.5],
            "openness_class": ["api", "open_unrestricted", "api", "open_restricted"],
        }
    )
    lag = capability.openness_lag_sensitivity(eci, margin=1.0)
    # Open 110.5 on 2024-06-01: closed reached 110.5 on 2024-03-01, 111.5 then too, 109.5 on 2024-01-01.
    assert lag["lag_months"] == lag["lag_shorter"] == round(92 / 30.4375, 1)
    assert lag["lag_months"] == capability.latest(capability.openness_gap(eci))["lag_months"]
    assert lag["lag_longer"] == round(152 / 30.4375, 1)


def test_unscored_since_lists_the_newer_models_without_a_score():
    eci = pd.DataFrame(
        {"model_id": ["a", "b", None], "release_date": ["2025-01-01", "2025-03-01", "2025-02-01"]}
    )
    catalogue = pd.DataFrame(
        {
            "model_id": ["a", "b", "c", "d", "e", "f"],
            "display_name": ["A", "B", "C", "D", "E", "F"],
            "bloc": ["United States", "United States", "China", "United States", "China", "China"],
            "release_date": ["2025-01-01", "2025-03-01", "2025-04-02", "2025-03-20", "2025-02-01", None],
        }
    )
    out = capability.unscored_since(eci, catalogue)
    assert out["model_id"].tolist() == ["c", "d"]  # after 2025-03-01, unscored; by bloc then date
    assert out["release_date"].tolist() == [pd.Timestamp("2025-04-02"), pd.Timestamp("2025-03-20")]
    assert capability.unscored_since(eci, catalogue, until="2025-04-01")["model_id"].tolist() == ["d"]
