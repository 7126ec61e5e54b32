"""Backtest of the scenario model's adoption curve against what was observed.

Start each region from its median AI user share in the first period of the Microsoft AI diffusion series
(H1 2025; `usage.user_share_by_region`, a pooled series counted once), project its adopting fraction with the
model's logistic adoption and trust adjustment (`model.adoption_after`, every other assumption at its central
value) over the time elapsed to the last period (Q1 2026), counted between the periods' end dates, and set
the projection beside the observed median: the error in percentage points, and whether the observation lies
in the range the projection spans as adoption_growth goes from its low to its high value.

The model's own paths start later (the assumption table's adoption_start is the newest observed period, per
region), so this checks the growth rate, not the starting values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from strategy_brief.analysis.indicators import usage
from strategy_brief.analysis.scenario.model import adoption_after
from strategy_brief.curated import regions as world

DAYS_PER_YEAR = 365.25
OVER, UNDER, EXACT = "over", "under", "exact"
COLUMNS = [
    "region",
    "start_period",
    "end_period",
    "elapsed_years",
    "start_share",
    "observed",
    "projected",
    "projected_low",
    "projected_high",
    "error_pp",
    "direction",
    "in_range",
    "estimates",
    "indication",
]


def _period_rows(by_region: pd.DataFrame, period: str | None, which: str, periods: list[str]) -> pd.DataFrame:
    """One period's rows indexed by region: `period`, else the first (`which` start) or last (end) period."""
    chosen = period if period is not None else (periods[0] if which == "start" else periods[-1])
    if chosen not in periods:
        raise ValueError(f"backtest: {which} period {chosen!r} not in the user-share table ({periods})")
    return by_region[by_region["period"] == chosen].set_index("world_region")


def backtest(
    by_region: pd.DataFrame,
    assumptions: pd.DataFrame,
    *,
    start_period: str | None = None,
    end_period: str | None = None,
) -> pd.DataFrame:
    """Per reporting region with an estimate in both periods: the observed start and end medians, the
    model's projection from the start (central growth, and low and high growth), the error of the central
    projection in percentage points (positive: the model over-predicts), its direction, whether the observed
    end lies between the low- and high-growth projections, and `indication` where fewer than
    usage.FEW_ESTIMATES estimates stand behind either median (`by_region`: usage.user_share_by_region)."""
    needed = {"world_region", "period", "period_end", "median_user_share", "estimates"}
    missing = sorted(needed - set(by_region.columns))
    if missing:
        raise ValueError(f"backtest: the user-share frame lacks column(s) {missing}")
    if by_region.empty:
        raise ValueError("backtest: the user-share frame has no rows")
    ordered = by_region.drop_duplicates("period").sort_values("period_end")
    periods = list(ordered["period"])
    first = _period_rows(by_region, start_period, "start", periods)
    last = _period_rows(by_region, end_period, "end", periods)
    start_day = pd.Timestamp(first["period_end"].iloc[0])
    end_day = pd.Timestamp(last["period_end"].iloc[0])
    if end_day <= start_day:
        raise ValueError(
            f"backtest: the end period ({last['period'].iloc[0]}) must end after the start period "
            f"({first['period'].iloc[0]})"
        )
    elapsed = (end_day - start_day).days / DAYS_PER_YEAR
    names = [r for r in world.REPORTING_REGIONS if r in first.index and r in last.index]
    if not names:
        raise ValueError("backtest: no reporting region has an estimate in both periods")
    start = first.loc[names, "median_user_share"].to_numpy(float)
    observed = last.loc[names, "median_user_share"].to_numpy(float)
    projected = {
        growth: adoption_after(assumptions, regions=names, start=start, elapsed=elapsed, growth=growth)
        for growth in ("value", "low", "high")
    }
    low = np.minimum(projected["low"], projected["high"])
    high = np.maximum(projected["low"], projected["high"])
    error = np.round((projected["value"] - observed) * 100, 9)
    estimates = np.minimum(first.loc[names, "estimates"], last.loc[names, "estimates"]).astype(int)
    out = pd.DataFrame(
        {
            "region": names,
            "start_period": first["period"].iloc[0],
            "end_period": last["period"].iloc[0],
            "elapsed_years": elapsed,
            "start_share": start,
            "observed": observed,
            "projected": projected["value"],
            "projected_low": low,
            "projected_high": high,
            "error_pp": error,
            "direction": np.select([error > 0, error < 0], [OVER, UNDER], EXACT),
            "in_range": (low <= observed) & (observed <= high),
            "estimates": estimates.to_numpy(),
            "indication": (estimates < usage.FEW_ESTIMATES).to_numpy(),
        }
    )
    return out[COLUMNS]


@dataclass(frozen=True)
class BacktestSummary:
    """How the central growth rate fared across the regions of a backtest."""

    start_period: str
    end_period: str
    elapsed_years: float
    regions: int
    over: int  # regions where the central projection is above the observed median
    under: int
    in_range: int  # regions whose observed median lies between the low- and high-growth projections
    mean_abs_error_pp: float
    largest_error_region: str
    largest_error_pp: float


def summarise(result: pd.DataFrame) -> BacktestSummary:
    """Counts of over- and under-prediction and of observations in range, and the mean and largest error."""
    missing = sorted(set(COLUMNS) - set(result.columns))
    if missing:
        raise ValueError(f"summarise: the backtest frame lacks column(s) {missing}")
    if result.empty:
        raise ValueError("summarise: the backtest frame has no rows")
    worst = result.loc[result["error_pp"].abs().idxmax()]
    return BacktestSummary(
        start_period=str(result["start_period"].iloc[0]),
        end_period=str(result["end_period"].iloc[0]),
        elapsed_years=float(result["elapsed_years"].iloc[0]),
        regions=len(result),
        over=int((result["direction"] == OVER).sum()),
        under=int((result["direction"] == UNDER).sum()),
        in_range=int(result["in_range"].sum()),
        mean_abs_error_pp=float(result["error_pp"].abs().mean()),
        largest_error_region=str(worst["region"]),
        largest_error_pp=float(worst["error_pp"]),
    )


def run(assumptions: pd.DataFrame, as_of: str | None = None) -> pd.DataFrame:
    """The backtest on the processed AI user-share table (as of a date) with the given assumptions."""
    return backtest(usage.user_share_by_region(usage.load(as_of)[usage.USER_SHARE]), assumptions)
