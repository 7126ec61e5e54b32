"""The capability section's sentences, from the latest rows of the gap tables (capability.latest):
US over China on ECI (`eci`) and on LMArena (`arena`), closed over open weights on ECI (`open_`); the lag's
sensitivity to its threshold (`lag`: capability.lag_sensitivity) and the newer models the index has not
scored yet (capability.unscored_since)."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt


def lag_range(lag: pd.Series | None) -> str:
    """'6.9 to 10.6 months if the level to reach is taken 1 point higher or lower': how far the lag
    moves when the level to reach moves by `lag['margin']` points ('' without `lag` or a bound)."""
    if lag is None:
        return ""
    bounds = sorted(abs(lag[k]) for k in ("lag_shorter", "lag_longer"))
    if any(pd.isna(b) for b in bounds):
        return ""
    moved = (
        f"if the level to reach is taken {fmt.number(lag['margin'])} point{'' if lag['margin'] == 1 else 's'}"
    )
    if fmt.number(bounds[0]) == fmt.number(bounds[1]):
        return f"the same {fmt.number(bounds[0])} months {moved} higher or lower"
    return f"{fmt.number(bounds[0])} to {fmt.number(bounds[1])} months {moved} higher or lower"


def key_finding(eci: pd.Series, lag: pd.Series | None = None) -> str:
    """Who leads on the index, by how much and by how many months (with the lag's range when `lag`)."""
    leader = "the United States" if eci["gap_points"] > 0 else "China"
    sensitivity = lag_range(lag)
    return (
        f"On the Epoch Capabilities Index, {leader} leads: the best US model scores "
        f"{fmt.number(eci['leader_best'])} against {fmt.number(eci['follower_best'])} for China's best "
        f"({fmt.number(abs(eci['gap_points']))} points, {fmt.percent(abs(eci['gap_percent']), 1)}), a lag of "
        f"about {fmt.number(abs(eci['lag_months']))} months as of {eci['date']:%B %Y}"
        f"{f' ({sensitivity})' if sensitivity else ''}."
    )


def lag_method(lag: pd.Series) -> str:
    """How the lag is measured and how sensitive it is to the level to reach."""
    text = (
        "The lag counts the months between the date of the latest scores and the first release of the side "
        "ahead that reached the other side's current best score. It moves by steps, because the frontier "
        "moves only when a better model is released"
    )
    sensitivity = lag_range(lag)
    if not sensitivity:
        return text + "."
    return text + f": {fmt.number(abs(lag['lag_months']))} months here, {sensitivity}."


def unscored(newer: pd.DataFrame, newest_scored: str) -> str:
    """The models released after the index's newest scored release that have no score yet (`newer`:
    capability.unscored_since), by bloc; the frontier and gap above cannot count them."""
    if newer.empty:
        return (
            "The project's model list has no model released after the index's newest scored model "
            f"({fmt.long_date(newest_scored)})."
        )
    by_bloc = "; ".join(
        f"{bloc}: "
        + ", ".join(f"{r.display_name} ({fmt.long_date(r.release_date.date())})" for r in rows.itertuples())
        for bloc, rows in newer.groupby("bloc", sort=False)
    )
    return (
        f"The index has no score yet for models released after {fmt.long_date(newest_scored)}, the date of "
        f"its newest scored model, so the frontier and the gap above do not count them. The project's model "
        f"list has {len(newer)} such models: {by_bloc}."
    )


def key_figures(eci: pd.Series, arena: pd.Series) -> list[dict]:
    """The section's headline numbers as record.key_figure arguments."""
    eci_as_of = f"{eci['date']:%Y-%m-%d}"
    return [
        {
            "name": "eci_gap_points",
            "value": round(float(eci["gap_points"]), 2),
            "unit": "ECI points",
            "label": "ECI gap, US minus China",
            "as_of": eci_as_of,
            "source": "eci_by_model",
        },
        {
            "name": "eci_lag_months",
            "value": float(eci["lag_months"]),
            "unit": "months",
            "label": "ECI lag of China behind the US",
            "as_of": eci_as_of,
            "source": "eci_by_model",
        },
        {
            "name": "lmarena_gap_points",
            "value": round(float(arena["gap_points"]), 1),
            "unit": "arena points",
            "label": "LMArena gap, US minus China",
            "as_of": f"{arena['date']:%Y-%m-%d}",
            "source": "lmarena_best_by_bloc",
        },
    ]


def two_measures(eci: pd.Series, arena: pd.Series, *, arena_end: str, eci_end: str) -> str:
    """How the LMArena gap compares with the index gap, and where each source's data ends."""
    return (
        "The two measures agree on the direction and differ on the size: "
        f"{fmt.percent(abs(arena['gap_percent']), 1)} on LMArena ({arena['date']:%B %Y}) against "
        f"{fmt.percent(abs(eci['gap_percent']), 1)} on the capabilities index ({eci['date']:%B %Y}). LMArena "
        "ratings come from human preference votes and are re-estimated at each version; the index combines "
        f"benchmark results. The leaderboard data ends in {arena_end}, the index in {eci_end}."
    )


def open_weights(open_: pd.Series, region: str, lag: pd.Series | None = None) -> str:
    """The closed against open-weight gap (with the lag's range when `lag`), the same in every regional
    edition."""
    sensitivity = lag_range(lag)
    return (
        f"The best closed model scores {fmt.number(open_['leader_best'])} and the best open-weight model "
        f"{fmt.number(open_['follower_best'])} on the index ({fmt.percent(abs(open_['gap_percent']), 1)} "
        f"apart, about {fmt.number(abs(open_['lag_months']))} months of lag"
        f"{f', {sensitivity}' if sensitivity else ''}). This gap does not depend on "
        f"the region: the figures are the same in every edition, including {region}."
    )
