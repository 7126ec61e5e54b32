"""The capability section's sentences, from gap rows written by hand."""

from __future__ import annotations

import pandas as pd

from strategy_brief.report.narrative import capability as text


def gap_row(date, leader_best, follower_best, lag_months):
    points = leader_best - follower_best
    return pd.Series(
        {
            "date": pd.Timestamp(date),
            "leader_best": leader_best,
            "follower_best": follower_best,
            "gap_points": points,
            "gap_percent": 100 * points / follower_best,
            "lag_months": lag_months,
        }
    )


ECI = gap_row("2025-08-01", 155.0, 150.0, 6.5)  # 5 points, 3.33%
ARENA = gap_row("2025-07-15", 1450.0, 1421.0, 2.0)  # 29 points, 2.04%


def test_key_finding_names_the_leader_and_the_gap():
    assert text.key_finding(ECI) == (
        "On the Epoch Capabilities Index, the United States leads: the best US model scores 155 against 150 "
        "for China's best (5 points, 3.3%), a lag of about 6.5 months as of August 2025."
    )
    china_ahead = gap_row("2025-08-01", 148.0, 150.0, -3.0)
    assert text.key_finding(china_ahead).startswith("On the Epoch Capabilities Index, China leads:")
    assert "(2 points, 1.3%), a lag of about 3 months" in text.key_finding(china_ahead)


def test_key_figures():
    figures = {f["name"]: f for f in text.key_figures(ECI, ARENA)}
    assert figures["eci_gap_points"]["value"] == 5.0
    assert figures["eci_lag_months"]["value"] == 6.5
    assert figures["lmarena_gap_points"]["value"] == 29.0
    assert figures["eci_gap_points"]["as_of"] == "2025-08-01"
    assert figures["lmarena_gap_points"]["as_of"] == "2025-07-15"


def test_two_measures_and_open_weights():
    sentence = text.two_measures(ECI, ARENA, arena_end="2025-07-15", eci_end="2025-08-01")
    assert (
        "differ on the size: 2% on LMArena (July 2025) against 3.3% on the capabilities index (August 2025)"
        in (sentence)
    )
    assert sentence.endswith("The leaderboard data ends in 2025-07-15, the index in 2025-08-01.")
    sentence = text.open_weights(gap_row("2025-08-01", 155.0, 145.0, 9.0), "Southern Asia")
    assert sentence.startswith("The best closed model scores 155 and the best open-weight model 145")
    assert "(6.9% apart, about 9 months of lag)" in sentence
    assert sentence.endswith("including Southern Asia.")
