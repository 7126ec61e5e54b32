"""The country brief's chart: the country's AI user share against its region's and the world's medians."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.countries import CountryView
from strategy_brief.curated import regions
from strategy_brief.report import style

COLUMNS = {
    "series": "the country (or its regional pool), its region's median, or the world median",
    "period": "Microsoft AI diffusion period",
    "period_end": "last day of the period",
    "user_share": "share of the working-age population that used a generative-AI product",
    "estimates": "estimates behind a median (a pool counted once); 1 for the country",
}
# Line styles tell the three series apart without colour; the country is drawn darkest and thickest.
SERIES_STYLE = {
    "country": {"color": style.INK, "linewidth": 2.4, "marker": "o", "linestyle": "-"},
    "region": {"color": style.MUTED, "linewidth": 1.6, "marker": "s", "linestyle": "--"},
    "world": {"color": style.NEUTRAL, "linewidth": 1.6, "marker": "^", "linestyle": ":"},
}


def adoption_data(v: CountryView) -> pd.DataFrame:
    """The three series the chart draws, tidy."""
    own = v.adoption.assign(
        series=f"{v.country} (regional pool)" if v.adoption["pooled"].any() else v.country, estimates=1
    )
    medians = v.adoption_region.rename(columns={"median_user_share": "user_share"}).assign(
        series=lambda f: ["World median" if r == regions.GLOBAL else f"{r} median" for r in f["world_region"]]
    )
    columns = ["series", "period", "period_end", "user_share", "estimates"]
    return pd.concat([own[columns], medians[columns]], ignore_index=True)


def adoption_chart(v: CountryView) -> dict:
    """record.show_figure arguments (without the source note); the caller checks there is data."""
    data = adoption_data(v)
    last = v.adoption.iloc[-1]
    pooled = bool(last["pooled"])
    fig, ax = style.new_figure(
        f"{fmt.share(last['user_share'], 1)} of working-age people in {fmt.country(v.country)} used "
        f"generative AI in {last['period']}",
        "Share of the working-age population that used a generative-AI product: "
        + ("the country's regional pool (not its own estimate)" if pooled else "the country")
        + f", the median of {fmt.region(v.region)} and of the world",
        height=3.0,
    )
    order = list(dict.fromkeys(data.sort_values("period_end")["period"]))
    keys = {data["series"].iloc[0]: "country"}
    keys |= {s: ("world" if s == "World median" else "region") for s in data["series"].unique()[1:]}
    ends = []
    for name, rows in data.groupby("series", sort=False):
        rows = rows.set_index("period").reindex(order).reset_index()
        x = range(len(order))
        ax.plot(x, 100 * rows["user_share"], label=name, **SERIES_STYLE[keys[name]])
        end = rows.dropna(subset=["user_share"]).iloc[-1]
        share = 100 * end["user_share"]
        ends.append((order.index(end["period"]), share, f"{share:.1f}%"))
    ax.set_xticks(range(len(order)), order)
    ax.set_xlim(-0.2, len(order) - 0.5)
    ax.set_ylim(0, max(5.0, 100 * data["user_share"].max() * 1.25))
    style.end_labels(ax, ends, color=style.INK)  # a country at its region's median: two labels, apart
    ax.set_ylabel("Working-age population (%)")
    # Below the plot, in one row: inside it, the legend would cover whichever line runs under it.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=8, frameon=False)
    shares = ", ".join(
        f"{name} {100 * rows.sort_values('period_end')['user_share'].iloc[-1]:.1f}%"
        for name, rows in data.groupby("series", sort=False)
    )
    alt = (
        f"Line chart of the share of working-age people using generative AI from {order[0]} to {order[-1]}: "
        f"in {order[-1]}, {shares}."
    )
    return {"fig": fig, "alt": alt, "data": data, "columns": COLUMNS}
