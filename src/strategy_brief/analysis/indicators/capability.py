"""Capability gap: best model of one group against another over time, in points, percent and months."""

from __future__ import annotations

import numpy as np
import pandas as pd

from strategy_brief.curated.classify import OPEN_CLASSES

OPEN, CLOSED = "open weights", "closed"
LAG_MARGIN = 1.0  # points by which the lag's threshold moves to show its sensitivity


def frontier(
    scores: pd.DataFrame, group_col: str, date_col: str, score_col: str, cumulative: bool = True
) -> pd.DataFrame:
    """Each group's best score at each date: the best released so far (cumulative, for release-dated
    scores such as ECI) or the best on that date's leaderboard (not cumulative: ratings are re-estimated)."""
    rows = scores.dropna(subset=[date_col, score_col])
    if rows.empty:
        raise ValueError("frontier: no dated scores")
    dates = pd.to_datetime(rows[date_col])
    wide = (
        rows.assign(**{date_col: dates})
        .pivot_table(index=date_col, columns=group_col, values=score_col, aggfunc="max")
        .sort_index()
        .ffill()  # a group keeps its score on dates it has no row
    )
    return wide.cummax() if cumulative else wide


def gap(
    scores: pd.DataFrame,
    leader: str,
    follower: str,
    *,
    group_col: str = "bloc",
    date_col: str = "release_date",
    score_col: str = "eci_score",
    cumulative: bool = True,
) -> pd.DataFrame:
    """Best `leader` vs best `follower` at each date: gap in points and percent of the follower's
    score, and the lag in months (how long before that date the leader first reached the
    follower's current level; negative when the follower leads, measured the other way)."""
    for name in (leader, follower):
        if name not in set(scores[group_col]):
            raise ValueError(f"gap: no scores for {group_col} {name!r}")
    wide = frontier(scores, group_col, date_col, score_col, cumulative)[[leader, follower]].dropna()
    out = pd.DataFrame(index=wide.index)
    out["leader_best"] = wide[leader]
    out["follower_best"] = wide[follower]
    out["gap_points"] = wide[leader] - wide[follower]
    out["gap_percent"] = 100 * out["gap_points"] / wide[follower]
    out["lag_months"] = [
        _lag(wide[leader], wide[follower], date) if gap_ >= 0 else -_lag(wide[follower], wide[leader], date)
        for date, gap_ in out["gap_points"].items()
    ]
    out.index.name = "date"
    return out.reset_index().assign(leader=leader, follower=follower)


def _lag(ahead: pd.Series, behind: pd.Series, date: pd.Timestamp, margin: float = 0.0) -> float:
    """Months between `date` and the first date `ahead` reached `behind`'s level at `date` plus `margin`."""
    reached = ahead[ahead >= behind[date] + margin]
    if reached.empty:
        return np.nan
    return round((date - reached.index[0]).days / 30.4375, 1)


def lag_sensitivity(
    scores: pd.DataFrame,
    leader: str,
    follower: str,
    *,
    margin: float = LAG_MARGIN,
    group_col: str = "bloc",
    date_col: str = "release_date",
    score_col: str = "eci_score",
    cumulative: bool = True,
) -> pd.Series:
    """The lag at the latest date of `gap` when the level the side ahead must have reached moves by
    `margin` points: `lag_months` (as in `gap`), `lag_shorter` (threshold `margin` points higher: reached
    later), `lag_longer` (`margin` points lower: reached earlier), `margin` and `date`. Signed as in `gap`
    (negative when the follower leads); NaN where the side ahead never reached the raised threshold."""
    wide = frontier(scores, group_col, date_col, score_col, cumulative)[[leader, follower]].dropna()
    if wide.empty:
        raise ValueError(f"lag_sensitivity: no date with scores for both {leader!r} and {follower!r}")
    date = wide.index[-1]
    ahead, behind, sign = (
        (wide[leader], wide[follower], 1)
        if wide[leader][date] >= wide[follower][date]
        else (wide[follower], wide[leader], -1)
    )
    return pd.Series(
        {
            "date": date,
            "lag_months": sign * _lag(ahead, behind, date),
            "lag_shorter": sign * _lag(ahead, behind, date, margin),
            "lag_longer": sign * _lag(ahead, behind, date, -margin),
            "margin": margin,
        }
    )


def openness_lag_sensitivity(scores: pd.DataFrame, margin: float = LAG_MARGIN) -> pd.Series:
    """`lag_sensitivity` of the best closed model over the best open-weight one (as `openness_gap`)."""
    return lag_sensitivity(by_openness(scores), CLOSED, OPEN, margin=margin, group_col="group")


def unscored_since(eci: pd.DataFrame, catalogue: pd.DataFrame, until: str = "") -> pd.DataFrame:
    """The models of `catalogue` (model_id, display_name, bloc, release_date; the model crosswalk) released
    after the newest release `eci` scores, and on or before `until` when given, that have no ECI score: the
    newer models a frontier read from the index cannot count yet. By bloc, then release date."""
    newest = pd.to_datetime(eci["release_date"]).max()
    dates = pd.to_datetime(catalogue["release_date"], errors="coerce")
    keep = (dates > newest) & ~catalogue["model_id"].isin(set(eci["model_id"].dropna()))
    if until:
        keep &= dates <= pd.Timestamp(until)
    out = catalogue[keep].assign(release_date=dates[keep])
    return out.sort_values(["bloc", "release_date", "model_id"]).reset_index(drop=True)


def by_openness(scores: pd.DataFrame) -> pd.DataFrame:
    """The scores with a `group` column: open weights (any open class) or closed (API, unreleased);
    models of unknown openness are left out."""
    known = scores[scores["openness_class"] != "unknown"]
    return known.assign(group=np.where(known["openness_class"].isin(OPEN_CLASSES), OPEN, CLOSED))


def latest(gaps: pd.DataFrame) -> pd.Series:
    """The last row of a gap table (the gap at the latest date)."""
    if gaps.empty:
        raise ValueError("latest: empty gap table")
    return gaps.sort_values("date").iloc[-1]


def arena_gap(arena: pd.DataFrame, leader: str, follower: str) -> pd.DataFrame:
    """`gap` on LMArena's best rating per bloc (lmarena_best_by_bloc): per leaderboard version, not
    cumulative, since the ratings are re-estimated at each version."""
    return gap(
        arena, leader, follower, date_col="leaderboard_version", score_col="best_score", cumulative=False
    )


def openness_gap(scores: pd.DataFrame) -> pd.DataFrame:
    """`gap` of the best closed model over the best open-weight one (by_openness) on release-dated scores."""
    return gap(by_openness(scores), CLOSED, OPEN, group_col="group")
