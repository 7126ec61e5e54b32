"""The capability section's charts: the best US and Chinese model over time on ECI and on LMArena.

Each function returns the keyword arguments of record.show_figure (figure, alt text, the data behind it
and its column descriptions); the notebook adds the source note. `gap` is the latest row of the
matching capability gap table (capability.latest)."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators import capability
from strategy_brief.curated.classify import CN, US
from strategy_brief.report import style


def eci_frontier(eci: pd.DataFrame, gap: pd.Series, lag: pd.Series | None = None) -> dict:
    """Step lines of the best ECI score released so far by US and Chinese developers; with `lag`
    (capability.lag_sensitivity) the title gives the lag's range with the level to reach ± its margin."""
    frontier = capability.frontier(eci, "bloc", "release_date", "eci_score")[[US, CN]].dropna()
    tidy = frontier.reset_index().melt(id_vars="release_date", var_name="bloc", value_name="best_eci")
    bounds = [] if lag is None else sorted(abs(lag[k]) for k in ("lag_shorter", "lag_longer"))
    ranged = bool(bounds) and not any(pd.isna(b) for b in bounds) and bounds[0] != bounds[1]
    fig, ax = style.new_figure(
        f"China's best model trails the US frontier by {fmt.number(abs(gap['lag_months']))} months"
        + (f" ({fmt.number(bounds[0])}–{fmt.number(bounds[1])})" if ranged else ""),
        "Best Epoch Capabilities Index score released so far, by bloc of the developer"
        + (
            f"; in brackets, the lag if the level to reach moves by ±{fmt.number(lag['margin'])} "
            f"point{'' if lag['margin'] == 1 else 's'}"
            if ranged
            else ""
        ),
    )
    style.bloc_lines(ax, tidy, x="release_date", y="best_eci")
    ax.set_ylabel("ECI score")
    alt = (
        f"Step lines of the best ECI score released so far by US and Chinese developers from "
        f"{frontier.index.min():%B %Y} to {frontier.index.max():%B %Y}; at the end the US stands at "
        f"{fmt.number(gap['leader_best'])} and China at {fmt.number(gap['follower_best'])}, a lag of "
        f"{fmt.number(abs(gap['lag_months']))} months"
        + (
            f" ({fmt.number(bounds[0])} to {fmt.number(bounds[1])} with the level to reach moved)."
            if ranged
            else "."
        )
    )
    return {
        "fig": fig,
        "alt": alt,
        "data": tidy.assign(release_date=tidy["release_date"].dt.strftime("%Y-%m-%d")),
        "columns": {
            "release_date": "date of a model release",
            "bloc": "bloc of the developer",
            "best_eci": "best ECI score released by that date",
        },
    }


def arena_ratings(arena: pd.DataFrame, gap: pd.Series) -> dict:
    """Lines of the best LMArena rating of US and Chinese models per leaderboard version."""
    tidy = arena[arena["bloc"].isin([US, CN])][["leaderboard_version", "bloc", "best_score", "best_model"]]
    plot = tidy.assign(version=pd.to_datetime(tidy["leaderboard_version"]))
    fig, ax = style.new_figure(
        f"On LMArena the gap was {fmt.number(abs(gap['gap_points']))} points in {gap['date']:%B %Y}",
        "Highest arena rating of any model from each bloc, per leaderboard version of the older panel "
        "(the gap with its 95% intervals, from LMArena's own files, follows)",
    )
    style.bloc_lines(ax, plot, x="version", y="best_score", step=False)
    ax.set_ylabel("Arena score")
    alt = (
        f"Lines of the best LMArena rating of US and Chinese models from {plot['version'].min():%B %Y} "
        f"to {plot['version'].max():%B %Y}; at the last version the US stands at "
        f"{fmt.number(gap['leader_best'])} and China at {fmt.number(gap['follower_best'])}."
    )
    return {
        "fig": fig,
        "alt": alt,
        "data": tidy,
        "columns": {
            "leaderboard_version": "leaderboard date",
            "bloc": "bloc of the developer",
            "best_score": "highest arena rating",
            "best_model": "the model holding it",
        },
    }
