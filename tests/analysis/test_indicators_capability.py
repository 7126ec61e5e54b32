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
