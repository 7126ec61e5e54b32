"""Usage: how many people use AI by economy and region (Microsoft AI Diffusion), how far a US closed
product reaches beside it (Claude.ai, Anthropic Economic Index), and Chinese developers' share of the
OpenRouter top 10.

Two rules hold throughout:

- **A pool is one estimate.** Microsoft gives 36 economies a regional pool's shared series
  (`pooled`, `pool` in ai_user_share_by_economy). Wherever economies are summarised (medians, counts,
  ranks) a pool counts once, as one estimate, in each reporting region where it has members; the
  economies it covers are counted apart (`economies_listed`, `pooled_economies`). Counting each member
  would weigh a pool of 12 West African economies as 12 observations of one number.
- **Absent is not zero.** A country the Anthropic index does not list has no Claude figure: Claude is
  not offered there (China, Russia, Iran, ...) or Anthropic did not report it that month. It gets the
  status NOT_LISTED and no number.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from strategy_brief.analysis.indicators._checks import require
from strategy_brief.curated import regions
from strategy_brief.curated.classify import CN
from strategy_brief.data import processed

USER_SHARE = "ai_user_share_by_economy"
CLAUDE = "claude_usage_by_country"
OPENROUTER = "openrouter_top10_by_bloc_weekly"

SOUTH, NORTH = regions.SOUTH, regions.NORTH
# A regional median from fewer independent estimates than this is an indication, not a finding.
FEW_ESTIMATES = 5
# Reach statuses (claude_reach): the ratio's thresholds are a factor of two either way.
UNDER_REACH, IN_LINE, OVER_REACH, NOT_LISTED = "under-reach", "in line", "over-reach", "not listed"
NO_RATIO = "no ratio"  # listed, but an AI user share of 0 leaves nothing to divide by
UNDER_REACH_BELOW, OVER_REACH_ABOVE = 0.5, 2.0
PP = 100  # a fraction difference × 100 = percentage points


def _pp(fraction_difference: float) -> float:
    """Percentage points, rounded past float noise (13.450000000000001 → 13.45)."""
    return round(float(fraction_difference) * PP, 9)


_SHARE_COLUMNS = {"iso3", "economy", "world_region", "period", "period_end", "user_share", "pooled", "pool"}


def _estimates(table: pd.DataFrame) -> pd.DataFrame:
    """The table with `estimate`: the pool id for a pooled economy, else its ISO3 (one per series)."""
    pool = table["pool"].fillna("").astype(str)
    pooled = table["pooled"].astype(bool)
    if (pooled & (pool == "")).any() or (~pooled & (pool != "")).any():
        raise ValueError(f"{USER_SHARE}: pool must be given exactly for pooled economies")
    return table.assign(estimate=np.where(pooled, "pool:" + pool, table["iso3"]), pool=pool)


def _one_per_estimate(table: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """One row per estimate in each group of `by` (a pool's members share one value)."""
    return table.drop_duplicates([*by, "estimate"])


def _periods(table: pd.DataFrame) -> list[str]:
    """The periods in time order (by period_end)."""
    return list(table.drop_duplicates("period").sort_values("period_end")["period"])


def user_share_by_region(table: pd.DataFrame) -> pd.DataFrame:
    """Per reporting region (and Global) and period: the median user share of its estimates (a pool
    once) and their quartiles, the count of estimates, of economies listed and of pooled economies
    among them, and `indication` where fewer than FEW_ESTIMATES estimates stand behind the median."""
    require(table, _SHARE_COLUMNS, "user_share_by_region")
    table = _estimates(table)
    everywhere = table.assign(world_region=regions.GLOBAL)
    rows = []
    for (region, period), group in pd.concat([table, everywhere]).groupby(["world_region", "period"]):
        distinct = _one_per_estimate(group, [])
        rows.append(
            {
                "world_region": region,
                "period": period,
                "period_end": group["period_end"].iloc[0],
                "median_user_share": float(distinct["user_share"].median()),
                # The middle half of the region's estimates: the range the scenario starts from.
                "q1_user_share": float(distinct["user_share"].quantile(0.25)),
                "q3_user_share": float(distinct["user_share"].quantile(0.75)),
                "estimates": len(distinct),
                "economies_listed": len(group),
                "pooled_economies": int(group["pooled"].astype(bool).sum()),
                "indication": len(distinct) < FEW_ESTIMATES,
            }
        )
    order = {r: i for i, r in enumerate((regions.GLOBAL, *regions.REPORTING_REGIONS))}
    out = pd.DataFrame(rows)
    out["_order"] = out["world_region"].map(order)
    return out.sort_values(["_order", "period_end"]).drop(columns="_order").reset_index(drop=True)


def south_north_gap(table: pd.DataFrame) -> pd.DataFrame:
    """Per period: the median user share of Global South and Global North estimates (regions.GLOBAL_SOUTH
    and GLOBAL_NORTH; each pool once; China is in the North, in Eastern Asia & Oceania), their estimate
    counts, and the gap North minus South in percentage points."""
    require(table, _SHARE_COLUMNS, "south_north_gap")
    table = _estimates(table)
    side = table["world_region"].map(
        {**dict.fromkeys(regions.GLOBAL_SOUTH, SOUTH), **dict.fromkeys(regions.GLOBAL_NORTH, NORTH)}
    )
    if side.isna().any():
        unknown = sorted(set(table.loc[side.isna(), "world_region"]))
        raise ValueError(f"south_north_gap: world_region not in the reporting regions: {unknown}")
    table = _one_per_estimate(table.assign(side=side), ["side", "period"])
    rows = []
    for period in _periods(table):
        here = table[table["period"] == period]
        south, north = here[here["side"] == SOUTH]["user_share"], here[here["side"] == NORTH]["user_share"]
        if south.empty or north.empty:
            raise ValueError(
                f"south_north_gap: period {period} has no {SOUTH if south.empty else NORTH} economy"
            )
        rows.append(
            {
                "period": period,
                "period_end": here["period_end"].iloc[0],
                "south_median": float(south.median()),
                "north_median": float(north.median()),
                "south_estimates": len(south),
                "north_estimates": len(north),
                "gap_pp": _pp(north.median() - south.median()),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class GapTrend:
    """How the South–North gap moved from the first period to the last (percentage points)."""

    first_period: str
    last_period: str
    south_change_pp: float
    north_change_pp: float
    gap_first_pp: float
    gap_last_pp: float

    @property
    def gap_change_pp(self) -> float:
        """Positive: the gap widened."""
        return round(self.gap_last_pp - self.gap_first_pp, 9)


def gap_trend(gap: pd.DataFrame) -> GapTrend:
    """The change of the South and North medians and of the gap between the first and last period of
    `south_north_gap`'s frame (needs two periods)."""
    require(gap, {"period", "period_end", "south_median", "north_median", "gap_pp"}, "gap_trend")
    ordered = gap.sort_values("period_end")
    if len(ordered) < 2:
        raise ValueError("gap_trend: a trend needs at least two periods")
    first, last = ordered.iloc[0], ordered.iloc[-1]
    return GapTrend(
        first_period=first["period"],
        last_period=last["period"],
        south_change_pp=_pp(last["south_median"] - first["south_median"]),
        north_change_pp=_pp(last["north_median"] - first["north_median"]),
        gap_first_pp=float(first["gap_pp"]),
        gap_last_pp=float(last["gap_pp"]),
    )


def economy_profile(table: pd.DataFrame) -> pd.DataFrame:
    """Per economy and period: its user share, pooled flag and pool, `change_pp` (its last period minus
    its first, percentage points; the same on each of its rows), and `rank_in_region`: 1 + the number of
    estimates in its region that period with a higher share, a pool counting once, so a pool's members
    share one rank and do not push the others down (`estimates_in_region` counts them the same way)."""
    require(table, _SHARE_COLUMNS, "economy_profile")
    table = _estimates(table).sort_values(["iso3", "period_end"]).reset_index(drop=True)
    per_economy = table.groupby("iso3")["user_share"]
    table["change_pp"] = ((per_economy.transform("last") - per_economy.transform("first")) * PP).round(9)
    distinct = _one_per_estimate(table, ["world_region", "period"])
    ranks, counts = [], []
    for row in table.itertuples():
        peers = distinct[(distinct["world_region"] == row.world_region) & (distinct["period"] == row.period)]
        ranks.append(1 + int((peers["user_share"] > row.user_share).sum()))
        counts.append(len(peers))
    table["rank_in_region"], table["estimates_in_region"] = ranks, counts
    columns = ["iso3", "economy", "world_region", "period", "period_end", "user_share", "pooled", "pool"]
    return table[[*columns, "change_pp", "rank_in_region", "estimates_in_region"]]


def claude_reach(user_share: pd.DataFrame, claude: pd.DataFrame) -> pd.DataFrame:
    """A US closed product's reach beside all AI use, per economy of the Microsoft list: its latest-period
    AI user share set beside Claude.ai's latest-month per-capita index (Anthropic AI Usage Index).

    Definition (without population figures a share of users cannot be turned into a share of use, so
    both measures are taken relative to the median economy):
    - `ai_relative` = the economy's user share / the median user share, and `claude_relative` = its
      per-capita index / the median index, both medians over the economies listed by both sources (the
      user-share median counting a pool once; the index is each country's own);
    - `reach_ratio` = claude_relative / ai_relative: 1 when Claude is used, per head, as much more (or
      less) than in the median economy as AI is overall;
    - status UNDER_REACH below 0.5 (Claude's relative use less than half of what the economy's all-AI use
      suggests), OVER_REACH above 2, IN_LINE between; NOT_LISTED where the index does not list the
      economy that month (not offered or not reported; no number, never 0); NO_RATIO where the
      economy's AI user share is 0.
    A pooled economy's ratio sets its own Claude index beside its pool's shared AI estimate (`pooled`)."""
    require(user_share, _SHARE_COLUMNS, "claude_reach", "user share")
    require(
        claude, {"iso3", "month", "usage_share", "usage_per_capita_index"}, "claude_reach", "Claude usage"
    )
    shares = _estimates(user_share)
    latest_period = shares.sort_values("period_end")["period"].iloc[-1]
    shares = shares[shares["period"] == latest_period]
    month = str(claude["month"].max())
    this_month = claude[claude["month"] == month].set_index("iso3")
    out = shares[
        ["iso3", "economy", "world_region", "period", "user_share", "pooled", "pool", "estimate"]
    ].copy()
    out["claude_month"] = month
    out["usage_per_capita_index"] = out["iso3"].map(this_month["usage_per_capita_index"]).astype(float)
    out["claude_usage_share"] = out["iso3"].map(this_month["usage_share"]).astype(float)
    listed = out["usage_per_capita_index"].notna()
    if not listed.any():
        raise ValueError(f"claude_reach: no economy of the user-share table is listed by Claude in {month}")
    both = out[listed]
    ai_median = float(_one_per_estimate(both, [])["user_share"].median())
    claude_median = float(both["usage_per_capita_index"].median())
    if ai_median <= 0 or claude_median <= 0:
        raise ValueError("claude_reach: a median of zero leaves nothing to compare with")
    out["ai_relative"] = out["user_share"] / ai_median
    out["claude_relative"] = out["usage_per_capita_index"] / claude_median
    out["reach_ratio"] = out["claude_relative"] / out["ai_relative"].where(out["ai_relative"] > 0)
    out["status"] = np.select(
        [
            ~listed,
            out["reach_ratio"].isna(),
            out["reach_ratio"] < UNDER_REACH_BELOW,
            out["reach_ratio"] > OVER_REACH_ABOVE,
        ],
        [NOT_LISTED, NO_RATIO, UNDER_REACH, OVER_REACH],
        IN_LINE,
    )
    out["months_listed"] = out["iso3"].map(claude.groupby("iso3")["month"].nunique()).fillna(0).astype(int)
    return out.drop(columns="estimate").sort_values("iso3").reset_index(drop=True)


def bloc_top10_share(weekly: pd.DataFrame, bloc: str = CN) -> pd.DataFrame:
    """Per week: a developer bloc's share of the OpenRouter top-10 tokens with free promotional variants
    (`share`) and without them (`paid_share`: the bloc's tokens less its free-variant tokens over the
    week's top-10 tokens less all free-variant tokens), the week's free-variant share and its rows."""
    columns = {"week_ending", "developer_bloc", "tokens", "free_variant_tokens", "rows_in_week"}
    require(weekly, columns, "bloc_top10_share")
    week = weekly.groupby("week_ending").agg(
        top10_tokens=("tokens", "sum"),
        free_tokens=("free_variant_tokens", "sum"),
        rows_in_week=("rows_in_week", "first"),
    )
    mine = (
        weekly[weekly["developer_bloc"] == bloc]
        .groupby("week_ending")[["tokens", "free_variant_tokens"]]
        .sum()
    )
    mine = mine.reindex(week.index, fill_value=0)
    paid_total = week["top10_tokens"] - week["free_tokens"]
    out = pd.DataFrame(
        {
            "bloc": bloc,
            "tokens": mine["tokens"],
            "share": mine["tokens"] / week["top10_tokens"].where(week["top10_tokens"] > 0),
            "paid_share": (mine["tokens"] - mine["free_variant_tokens"]) / paid_total.where(paid_total > 0),
            "free_share_of_top10": week["free_tokens"] / week["top10_tokens"].where(week["top10_tokens"] > 0),
            "rows_in_week": week["rows_in_week"],
        }
    )
    return out.reset_index().sort_values("week_ending").reset_index(drop=True)


@dataclass(frozen=True)
class ShareSummary:
    """A bloc's weekly top-10 share: first and last week, and the mean of the weekly shares."""

    bloc: str
    weeks: int
    first_week: str
    last_week: str
    first_share: float
    last_share: float
    mean_share: float
    first_paid_share: float
    last_paid_share: float
    mean_paid_share: float


def summarise_share(shares: pd.DataFrame) -> ShareSummary:
    """First, last and mean (unweighted, over weeks) of `bloc_top10_share`'s shares."""
    require(shares, {"bloc", "week_ending", "share", "paid_share"}, "summarise_share")
    ordered = shares.sort_values("week_ending")
    first, last = ordered.iloc[0], ordered.iloc[-1]
    return ShareSummary(
        bloc=str(first["bloc"]),
        weeks=len(ordered),
        first_week=str(first["week_ending"]),
        last_week=str(last["week_ending"]),
        first_share=float(first["share"]),
        last_share=float(last["share"]),
        mean_share=float(ordered["share"].mean()),
        first_paid_share=float(first["paid_share"]),
        last_paid_share=float(last["paid_share"]),
        mean_paid_share=float(ordered["paid_share"].mean()),
    )


# ---------------------------------------------------------------------------- convenience (reads tables)


def load(as_of: str | None = None) -> dict[str, pd.DataFrame]:
    """The three usage tables as of a date (processed.read's as_of rule)."""
    return {name: processed.read(name, as_of=as_of) for name in (USER_SHARE, CLAUDE, OPENROUTER)}
