"""Indicators on small hand-computed examples."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.indicators import capability, openness


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
