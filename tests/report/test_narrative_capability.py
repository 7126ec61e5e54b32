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
LAG = pd.Series(
    {
        "date": pd.Timestamp("2025-08-01"),
        "lag_months": 6.5,
        "lag_shorter": 4.2,
        "lag_longer": 9.0,
        "margin": 1.0,
    }
)
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


def test_the_lag_comes_with_its_range_when_the_threshold_moves():
    assert text.key_finding(ECI, LAG).endswith(
        "a lag of about 6.5 months as of August 2025 (4.2 to 9 months if the level to reach is taken 1 point "
        "higher or lower)."
    )
    # China ahead: the lags are negative, the range is read in absolute months, smallest first.
    china_ahead = LAG.copy()
    china_ahead[["lag_months", "lag_shorter", "lag_longer"]] = [-3.0, -2.0, -5.0]
    assert "(2 to 5 months if the level" in text.key_finding(
        gap_row("2025-08-01", 148.0, 150.0, -3.0), china_ahead
    )
    assert text.lag_method(LAG).endswith(
        "released: 6.5 months here, 4.2 to 9 months if the level to reach is taken 1 point higher or lower."
    )
    never = LAG.copy()
    never["lag_shorter"] = float("nan")  # the side ahead never reached the raised level
    assert text.lag_range(never) == "" and text.lag_method(never).endswith("is released.")
    assert text.key_finding(ECI, never) == text.key_finding(ECI)
    two = LAG.copy()
    two["margin"] = 2.0
    assert text.lag_range(two).endswith("taken 2 points higher or lower")
    flat = LAG.copy()
    flat[["lag_shorter", "lag_longer"]] = [6.5, 6.5]
    assert (
        text.lag_range(flat) == "the same 6.5 months if the level to reach is taken 1 point higher or lower"
    )
    sentence = text.open_weights(gap_row("2025-08-01", 155.0, 145.0, 6.5), "Global", LAG)
    assert (
        "about 6.5 months of lag, 4.2 to 9 months if the level to reach is taken 1 point higher or lower)"
        in (sentence)
    )


def test_unscored_lists_the_newer_models_by_bloc():
    newer = pd.DataFrame(
        {
            "model_id": ["c", "d", "e"],
            "display_name": ["C-2", "D-1", "D-2"],
            "bloc": ["China", "United States", "United States"],
            "release_date": pd.to_datetime(["2025-09-03", "2025-08-20", "2025-10-01"]),
        }
    )
    assert text.unscored(newer, "2025-08-01") == (
        "The index has no score yet for models released after 1 August 2025, the date of its newest scored "
        "model, so the frontier and the gap above do not count them. The project's model list has 3 such "
        "models: China: C-2 (3 September 2025); United States: D-1 (20 August 2025), D-2 (1 October 2025)."
    )
    assert text.unscored(newer.iloc[0:0], "2025-08-01") == (
        "The project's model list has no model released after the index's newest scored model "
        "(1 August 2025)."
    )
