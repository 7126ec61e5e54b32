"""The capability section's sentences, from the latest rows of the gap tables (capability.latest):
US over China on ECI (`eci`) and on LMArena (`arena`), closed over open weights on ECI (`open_`)."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt


def key_finding(eci: pd.Series) -> str:
    """Who leads on the index, by how much and by how many months."""
    leader = "the United States" if eci["gap_points"] > 0 else "China"
    return (
        f"On the Epoch Capabilities Index, {leader} leads: the best US model scores "
        f"{fmt.number(eci['leader_best'])} against {fmt.number(eci['follower_best'])} for China's best "
        f"({fmt.number(abs(eci['gap_points']))} points, {fmt.percent(abs(eci['gap_percent']), 1)}), a lag of "
        f"about {fmt.number(abs(eci['lag_months']))} months as of {eci['date']:%B %Y}."
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


def open_weights(open_: pd.Series, region: str) -> str:
    """The closed against open-weight gap, the same in every regional edition."""
    return (
        f"The best closed model scores {fmt.number(open_['leader_best'])} and the best open-weight model "
        f"{fmt.number(open_['follower_best'])} on the index ({fmt.percent(abs(open_['gap_percent']), 1)} "
        f"apart, about {fmt.number(abs(open_['lag_months']))} months of lag). This gap does not depend on "
        f"the region: the figures are the same in every edition, including {region}."
    )
