"""The cost section's sentences on closed and open-weight models: the like-for-like medians, what the
headline median mixes, the genai-prices cross-check and the data gaps."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators import cost_openness
from strategy_brief.analysis.indicators.cost_view import PriceView
from strategy_brief.curated.classify import CN, US
from strategy_brief.report.narrative.cost import (
    _GROUP_WORDS,
    FEW_MODELS,
    counted,
    fold,
    fold_range,
    group_name,
    sensitivity,
)


def openness_gaps(view: PriceView) -> str:
    """The data gap when a US or Chinese openness group has no priced model; empty when every group has."""
    rows = view.by_openness[view.by_openness["bloc"].isin([US, CN]) & (view.by_openness["n_models"] == 0)]
    if rows.empty:
        return ""
    names = [group_name(r.bloc, r.openness) for r in rows.itertuples()]
    return (
        f"No {fmt.listed(names)} carry a price in the {pd.Timestamp(view.latest):%B %Y} list: the "
        "comparisons that need them cannot be made, and no price is assumed in their place."
    )


def _mix(view: PriceView, bloc: str) -> str:
    """'110 closed (median USD 3.44) and 27 open-weight models (median USD 0.1)'."""
    rows = view.by_openness[view.by_openness["bloc"] == bloc].set_index("openness")
    parts = []
    for group in (cost_openness.CLOSED, cost_openness.OPEN):
        n, median = rows.loc[group, "n_models"], rows.loc[group, "median_blended_usd_per_mtok"]
        parts.append(f"{n} {_GROUP_WORDS[group]}" + (f" (median {fmt.usd_price(median)})" if n else ""))
    return " and ".join(parts) + " models"


def _compared(row: pd.Series, label: str) -> str:
    """'8.6× for closed against open-weight (8.5–8.8× when ...)', or why it cannot be computed."""
    lead, follow = row["leader_openness"], row["follower_openness"]
    if pd.isna(row["ratio"]):
        missing = [
            group_name(bloc, group)
            for n, bloc, group in ((row["n_leader"], US, lead), (row["n_follower"], CN, follow))
            if n == 0
        ]
        return f"none for {label} (no {fmt.listed(missing)} carry a price: a data gap)"
    few = [
        counted(n, bloc, group)
        for n, bloc, group in ((row["n_leader"], US, lead), (row["n_follower"], CN, follow))
        if n < FEW_MODELS
    ]
    notes = [part for part in (sensitivity(row), f"from {fmt.listed(few)}" if few else "") if part]
    return f"{fold(row['ratio'])} for {label}" + (f" ({'; '.join(notes)})" if notes else "")


def _spread(row: pd.Series) -> float:
    return row["boot_high"] / row["boot_low"]


def _widest(head: pd.Series, *others: pd.Series) -> bool:
    """Whether the all-models ratio's bootstrap interval is relatively wider than every like-for-like
    one's, and the leader's open-weight models are the cheaper group (so its median sits between two)."""
    if pd.isna(_spread(head)) or any(pd.isna(_spread(o)) for o in others):
        return False
    closed, open_ = others[0]["leader_median"], others[1]["leader_median"]
    return all(_spread(head) > _spread(o) for o in others) and open_ < closed


def by_openness(view: PriceView, genai: pd.DataFrame | None = None, genai_version: str = "") -> str:
    """What the US and Chinese medians mix, the like-for-like ratios with their sensitivity to the model
    set, how the headline ratio moved across snapshots, and the genai-prices cross-check
    (cost_view.openness_comparisons of cost_openness.model_prices_in_force), when given."""
    head, ratios = view.headline, view.median_ratios
    closed_open = view.comparison(cost_openness.CLOSED, cost_openness.OPEN)
    open_open = view.comparison(cost_openness.OPEN, cost_openness.OPEN)
    closed_closed = view.comparison(cost_openness.CLOSED, cost_openness.CLOSED)
    text = (
        f"The US median of the {pd.Timestamp(view.latest):%B %Y} list mixes {_mix(view, US)}; the "
        f"Chinese one mixes {_mix(view, CN)}. Like for like, the US ÷ China median is "
        f"{_compared(closed_open, 'closed US against Chinese open-weight models')}; "
        f"{_compared(open_open, 'open-weight against open-weight')}; and "
        f"{_compared(closed_closed, 'closed against closed')}. The all-models ratio of "
        f"{fold(head['ratio'])} depends on which models the list carries: "
        f"{sensitivity(head) or 'too few models to test it'}"
    )
    if len(ratios) > 1:
        text += (
            f", and across the {len(ratios)} snapshots since {pd.Timestamp(ratios.index[0]):%B %Y} it ranged "
            f"{fold_range(ratios.min(), ratios.max())}"
        )
    text += "."
    if _widest(head, closed_open, open_open):
        text += (
            " Resampling moves it more than the like-for-like ratios because the US median falls between its "
            "closed and its cheaper open-weight models, so the mix of the two decides where it lands."
        )
    if genai is not None:
        g = genai.set_index(["leader_openness", "follower_openness"])
        g_all, g_co, g_oo = (
            g.loc[(cost_openness.ALL_MODELS,) * 2],
            g.loc[(cost_openness.CLOSED, cost_openness.OPEN)],
            g.loc[(cost_openness.OPEN, cost_openness.OPEN)],
        )
        text += (
            f" genai-prices{f' {genai_version}' if genai_version else ''}, which lists the developers' own "
            f"APIs only, gives {fold(g_all['ratio'])} for all models ({g_all['n_leader']} US and "
            f"{g_all['n_follower']} Chinese), {fold(g_co['ratio'])} closed US over "
            f"Chinese open-weight and {fold(g_oo['ratio'])} open-weight over open-weight"
            + (
                f" ({counted(g_oo['n_leader'], US, cost_openness.OPEN)})"
                if g_oo["n_leader"] < FEW_MODELS
                else ""
            )
            + "."
        )
    return text
