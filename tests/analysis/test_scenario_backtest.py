"""analysis.scenario.backtest: the adoption curve from the first observed period against the last."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import usage
from strategy_brief.analysis.scenario import backtest
from tests.analysis.test_indicators_usage import share_table
from tests.analysis.test_scenario_model import table

SSA, EUR = "Sub-Saharan Africa", "Europe"
# One economy per region and period; Europe's grows faster than the model's central rate allows.
ECONOMIES = [
    ("KEN", "Kenya", SSA, "", (0.10, 0.11, 0.112)),
    ("DEU", "Germany", EUR, "", (0.20, 0.25, 0.30)),
]


def assumptions(growth=0.4, low=0.2, high=0.6) -> pd.DataFrame:
    values = table(adoption_growth=growth, adoption_ceiling=0.9, trust_in_ai=0.5, trust_reference=0.5)
    values.loc[values["name"] == "adoption_growth", ["low", "high"]] = [low, high]
    return values


def logistic(start: float, rate: float, years: float, ceiling: float = 0.9) -> float:
    return ceiling / (1 + (ceiling - start) / start * math.exp(-rate * years))


def test_projection_error_and_range_by_hand():
    by_region = usage.user_share_by_region(share_table(ECONOMIES))
    result = backtest.backtest(by_region, assumptions()).set_index("region")
    years = (pd.Timestamp("2026-03-31") - pd.Timestamp("2025-06-30")).days / 365.25
    kenya = result.loc[SSA]
    assert kenya["elapsed_years"] == pytest.approx(years)
    assert (kenya["start_period"], kenya["end_period"]) == ("H1 2025", "Q1 2026")
    assert kenya["projected"] == pytest.approx(logistic(0.10, 0.4, years))
    assert kenya["projected_low"] == pytest.approx(logistic(0.10, 0.2, years))
    assert kenya["projected_high"] == pytest.approx(logistic(0.10, 0.6, years))
    assert kenya["error_pp"] == pytest.approx(100 * (logistic(0.10, 0.4, years) - 0.112))
    assert kenya["direction"] == backtest.OVER and kenya["in_range"] == (
        logistic(0.10, 0.2, years) <= 0.112 <= logistic(0.10, 0.6, years)
    )
    germany = result.loc[EUR]
    assert germany["direction"] == backtest.UNDER and not germany["in_range"]  # faster than the high rate
    assert bool(germany["indication"]) and germany["estimates"] == 1


def test_summary_counts_over_and_under_prediction():
    by_region = usage.user_share_by_region(share_table(ECONOMIES))
    summary = backtest.summarise(backtest.backtest(by_region, assumptions()))
    assert (summary.regions, summary.over, summary.under) == (2, 1, 1)
    assert summary.in_range == 0  # Kenya grew slower than even the low rate allows
    assert summary.largest_error_region == EUR and summary.largest_error_pp < 0
    assert summary.start_period == "H1 2025" and summary.end_period == "Q1 2026"


def test_periods_can_be_chosen_and_must_run_forward():
    by_region = usage.user_share_by_region(share_table(ECONOMIES))
    shorter = backtest.backtest(by_region, assumptions(), end_period="H2 2025")
    assert set(shorter["end_period"]) == {"H2 2025"}
    with pytest.raises(ValueError, match="end period \\(H1 2025\\) must end after the start period"):
        backtest.backtest(by_region, assumptions(), start_period="Q1 2026", end_period="H1 2025")
    with pytest.raises(ValueError, match="start period 'Q3 2024' not in the user-share table"):
        backtest.backtest(by_region, assumptions(), start_period="Q3 2024")
    with pytest.raises(ValueError, match="lacks column"):
        backtest.backtest(by_region.drop(columns="estimates"), assumptions())
