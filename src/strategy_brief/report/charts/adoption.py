"""Charts of "Who uses AI, where" (the openness and adoption section): AI user share by region and period
with the Global South–North medians, Chinese developers' share of OpenRouter's weekly top-10 tokens with and
without free variants, and the developer base by region beside its collaboration with the China bloc."""

# Reader-facing texts (titles, alt texts, column descriptions) read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import pandas as pd
from matplotlib.lines import Line2D

from strategy_brief import fmt
from strategy_brief.analysis.indicators import developers as dev
from strategy_brief.analysis.indicators import usage
from strategy_brief.curated import regions
from strategy_brief.curated.classify import CN
from strategy_brief.report import record, style

# One marker per period, oldest first: shape and fill differ, so no colour is needed to tell them apart.
PERIOD_MARKERS = (
    {"marker": "o", "markerfacecolor": "white", "markeredgecolor": style.MUTED},
    {"marker": "D", "markerfacecolor": style.NEUTRAL, "markeredgecolor": style.MUTED},
    {"marker": "s", "markerfacecolor": style.INK, "markeredgecolor": style.INK},
)
GROUPS = ((usage.NORTH, regions.GLOBAL_NORTH), (usage.SOUTH, regions.GLOBAL_SOUTH))


def _marker(index: int, count: int) -> dict:
    """The marker of the index-th of `count` periods: the newest always filled dark, the oldest hollow."""
    if index == count - 1:
        return PERIOD_MARKERS[-1]
    return PERIOD_MARKERS[0] if index == 0 else PERIOD_MARKERS[1]


def user_share_rows(by_region: pd.DataFrame, gap: pd.DataFrame) -> pd.DataFrame:
    """The chart's rows, top to bottom: the Global North and South medians, then each group's regions,
    highest newest median first; `kind` is 'group', 'header' or 'region' and `y` the row position."""
    newest = by_region.sort_values("period_end")["period"].iloc[-1]
    last = by_region[by_region["period"] == newest].set_index("world_region")["median_user_share"]
    rows = []
    for side, column in ((usage.NORTH, "north"), (usage.SOUTH, "south")):
        for r in gap.itertuples():
            rows.append(
                {
                    "label": f"{side} (median)",
                    "kind": "group",
                    "period": r.period,
                    "period_end": r.period_end,
                    "median_user_share": getattr(r, f"{column}_median"),
                    "estimates": getattr(r, f"{column}_estimates"),
                    "indication": getattr(r, f"{column}_estimates") < usage.FEW_ESTIMATES,
                }
            )
    for side, members in GROUPS:
        rows.append({"label": f"{side} regions", "kind": "header"})
        present = [m for m in members if m in last.index]
        for member in sorted(present, key=lambda m: -last[m]):
            own = by_region[by_region["world_region"] == member]
            for r in own.itertuples():
                rows.append(
                    {
                        "label": member,
                        "kind": "region",
                        "period": r.period,
                        "period_end": r.period_end,
                        "median_user_share": r.median_user_share,
                        "estimates": r.estimates,
                        "indication": r.indication,
                    }
                )
    frame = pd.DataFrame(rows)
    order = list(dict.fromkeys(frame["label"]))
    gaps = [0.0]
    for label in order[1:]:
        header = frame.loc[frame["label"] == label, "kind"].iloc[0] == "header"
        gaps.append(gaps[-1] + (1.5 if header else 1.0))
    return frame.assign(y=frame["label"].map(dict(zip(order, gaps, strict=True))))


def user_share(by_region: pd.DataFrame, gap: pd.DataFrame, *, source_note: str) -> None:
    """Show the median AI user share per region and period, with the Global South and North medians on
    top (`by_region`: `usage.user_share_by_region`; `gap`: `usage.south_north_gap`)."""
    rows = user_share_rows(by_region, gap)
    dots = rows[rows["kind"] != "header"]
    periods = list(gap.sort_values("period_end")["period"])
    first, last = gap.sort_values("period_end").iloc[0], gap.sort_values("period_end").iloc[-1]
    change = last["gap_pp"] - first["gap_pp"]
    moved = "wider" if change > 0 else "narrower" if change < 0 else "as wide"
    title = (
        f"A median {fmt.share(last['north_median'], 1)} of working-age people use generative AI in the Global North, "
        f"{fmt.share(last['south_median'], 1)} in the South: {fmt.points(last['gap_pp'], 1)} apart"
        + (f", {moved} than in {first['period']}" if len(periods) > 1 else "")
    )
    fig, ax = style.new_figure(
        title,
        "Median share of working-age people using generative AI across the economies of each group "
        f"(a regional pool counted once), {fmt.listed(periods)}",
        height=0.3 * rows["y"].max() + 2.0,
    )
    for _, own in dots.groupby("label", sort=False):
        y = own["y"].iloc[0]
        ax.plot(own["median_user_share"] * 100, [y] * len(own), color=style.NEUTRAL, linewidth=1.2, zorder=1)
        for i, period in enumerate(periods):
            at = own[own["period"] == period]
            if not at.empty:
                ax.plot(
                    at["median_user_share"] * 100,
                    [y],
                    linestyle="none",
                    markersize=6.5,
                    zorder=3,
                    **_marker(i, len(periods)),
                )
        newest = own.sort_values("period_end").iloc[-1]
        ax.text(
            own["median_user_share"].max() * 100 + 1.0,
            y,
            fmt.share(newest["median_user_share"], 1),
            va="center",
            fontsize=8.5,
            color=style.INK,
            fontweight="bold" if newest["label"].endswith("(median)") else "normal",
        )
    labels = rows.drop_duplicates("label")
    ticks = [
        f"{r.label} ({int(r.estimates)} estimates)" if r.kind == "region" and r.indication else r.label
        for r in labels.itertuples()
    ]
    ax.set_yticks(labels["y"], ticks, fontsize=8.5)
    for tick, kind in zip(ax.get_yticklabels(), labels["kind"], strict=True):
        if kind != "region":
            tick.set_fontweight("bold")
    ax.set_ylim(rows["y"].max() + 0.7, -0.7)
    ax.set_xlim(0, dots["median_user_share"].max() * 100 * 1.15)
    ax.xaxis.set_major_formatter(mticker.PercentFormatter(decimals=0))
    ax.set_xlabel("Median share of working-age people using generative AI")
    ax.grid(axis="y", visible=False)
    handles = [
        Line2D([], [], linestyle="none", markersize=6.5, label=p, **_marker(i, len(periods)))
        for i, p in enumerate(periods)
    ]
    ax.legend(handles=handles, loc="lower right", frameon=False, fontsize=8.5)
    data = dots.drop(columns=["kind", "y"]).rename(columns={"label": "group_or_region"})
    record.show_figure(
        fig,
        alt="Dot chart of the median share of working-age people using generative AI, by period: "
        + "; ".join(
            f"{label} "
            + ", ".join(f"{r.period} {fmt.share(r.median_user_share, 1)}" for r in own.itertuples())
            + f" ({int(own['estimates'].iloc[-1])} estimates)"
            for label, own in dots.groupby("label", sort=False)
        )
        + f". Gap North minus South: {fmt.listed(f'{r.period} {fmt.number(r.gap_pp, 1)} points' for r in gap.itertuples())}.",
        source_note=source_note,
        data=data,
        columns={
            "group_or_region": "Global North or South (median of their estimates), or a reporting region",
            "period": "period of the estimate (Microsoft AI diffusion)",
            "period_end": "last day of the period",
            "median_user_share": "median share of working-age people using generative AI (fraction)",
            "estimates": "independent estimates behind the median (a regional pool counted once)",
            "indication": f"fewer than {usage.FEW_ESTIMATES} estimates: an indication, not a regional figure",
        },
    )


def openrouter(top10: pd.DataFrame, summary: usage.ShareSummary, *, source_note: str) -> None:
    """Show Chinese developers' share of OpenRouter's weekly top-10 tokens, with and without free promotional
    variants (`top10`: `usage.bloc_top10_share`; `summary`: `usage.summarise_share`)."""
    weeks = pd.to_datetime(top10["week_ending"])
    fig, ax = style.new_figure(
        f"Chinese developers' share of OpenRouter's top-10 tokens went from {fmt.share(summary.first_share)} "
        f"to {fmt.share(summary.last_share)} in {summary.weeks} weeks",
        "Share of the tokens of the week's ten most-used models on OpenRouter held by models of Chinese "
        "developers; dashed: without free promotional variants",
    )
    colour = style.bloc_colour(CN)
    ax.plot(
        weeks,
        top10["share"] * 100,
        color=colour,
        linewidth=2,
        marker="s",
        markersize=3.5,
        label="All top-10 tokens",
    )
    ax.plot(
        weeks,
        top10["paid_share"] * 100,
        color=style.INK,
        linewidth=1.4,
        linestyle="--",
        marker="o",
        markersize=3.5,
        markerfacecolor="white",
        label="Without free variants",
    )
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(mticker.PercentFormatter(decimals=0))
    ax.set_ylabel("Share of top-10 tokens")
    ax.grid(axis="y", visible=True)
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.tick_params(axis="x", labelsize=8)
    record.show_figure(
        fig,
        alt=f"Lines of Chinese developers' weekly share of OpenRouter's top-10 tokens over {summary.weeks} weeks "
        f"from {fmt.long_date(summary.first_week)} to {fmt.long_date(summary.last_week)}: "
        + "; ".join(
            f"{r.week_ending} {fmt.share(r.share)} ({fmt.share(r.paid_share)} without free variants)"
            for r in top10.itertuples()
        )
        + ".",
        source_note=source_note,
        data=top10[["week_ending", "bloc", "share", "paid_share", "free_share_of_top10", "rows_in_week"]],
        columns={
            "week_ending": "last day of the week",
            "bloc": "developer bloc",
            "share": "the bloc's share of the week's top-10 tokens, free variants included",
            "paid_share": "the same without free promotional variants (theirs and everyone's)",
            "free_share_of_top10": "free promotional variants' share of the week's top-10 tokens",
            "rows_in_week": "models listed that week (10 expected)",
        },
    )


def developers(base_by_region: pd.DataFrame, ties_by_region: pd.DataFrame, *, source_note: str) -> None:
    """Show developers per region (millions) beside the China bloc's share of each region's collaboration
    with the two sides (`developers.developer_base_by_region`, `developers.collaboration_by_region`)."""
    areas = [*regions.GLOBAL_SOUTH, dev.GLOBAL_SOUTH, *regions.GLOBAL_NORTH]
    base = base_by_region.set_index("area").reindex(areas)
    ties = ties_by_region.set_index("area").reindex(areas)
    south, gs = base.loc[dev.GLOBAL_SOUTH], ties.loc[dev.GLOBAL_SOUTH]
    title = f"The Global South has {fmt.share(south['share_of_global'])} of GitHub's developers" + (
        f"; the China bloc has {fmt.share(gs['china_share_of_ties'], 1)} of their collaboration with the two sides"
        if pd.notna(gs["china_share_of_ties"])
        else ""
    )
    quarter = str(base_by_region["quarter_end"].iloc[0])
    fig, ax = style.new_figure(
        title,
        f"Left: developers, quarter to {fmt.long_date(quarter)} (millions; share of the world). Right: China "
        "bloc's share of the collaboration activity with the US and China bloc (weights, not counts)",
        height=0.36 * len(areas) + 1.8,
    )
    ax.remove()
    left, right = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1.4, 1], "wspace": 0.08})
    ys = range(len(areas))
    for y, area in zip(ys, areas, strict=True):
        row, tie = base.loc[area], ties.loc[area]
        aggregate = area == dev.GLOBAL_SOUTH
        if not row["economies"]:
            left.text(0.5, y, "no economy reported", va="center", fontsize=8, color=style.MUTED)
        else:
            left.barh(
                y, row["developers"] / 1e6, color=style.MUTED if aggregate else style.NEUTRAL, height=0.62
            )
            left.text(
                row["developers"] / 1e6,
                y,
                f" {fmt.number(row['developers'] / 1e6, 1)} ({fmt.share(row['share_of_global'])})",
                va="center",
                fontsize=8,
                color=style.INK,
            )
        share = tie["china_share_of_ties"]
        if pd.notna(share):
            right.barh(y, share * 100, height=0.62, **style.bar_style(CN))
            right.text(share * 100, y, f" {fmt.share(share, 1)}", va="center", fontsize=8, color=style.INK)
        else:
            right.text(0.5, y, "not reported", va="center", fontsize=8, color=style.MUTED)
    left.set_yticks(list(ys), [f"{a} (all)" if a == dev.GLOBAL_SOUTH else a for a in areas], fontsize=8.5)
    left.get_yticklabels()[areas.index(dev.GLOBAL_SOUTH)].set_fontweight("bold")
    left.set_ylim(len(areas) - 0.4, -0.6)
    left.set_xlim(0, base["developers"].max() / 1e6 * 1.45)
    left.set_xlabel("Developers (millions)")
    top = ties["china_share_of_ties"].max()
    right.set_xlim(0, (top * 100 if pd.notna(top) else 10) * 1.35)
    right.xaxis.set_major_formatter(mticker.PercentFormatter(decimals=0))
    right.set_xlabel("China bloc's share of ties")
    for axis in (left, right):
        axis.grid(axis="y", visible=False)
    right.tick_params(axis="y", length=0)
    data = base[["developers", "share_of_global", "growth"]].join(
        ties[
            [
                "with_us",
                "with_china",
                "china_share_of_ties",
                "mainland_share_of_ties",
                "economies_china_reported",
            ]
        ]
    )
    record.show_figure(
        fig,
        alt="Two panels of horizontal bars by region. Developers on GitHub (millions, share of the world) and "
        "the China bloc's share of the collaboration weight with the United States and the China bloc: "
        + "; ".join(
            f"{a} {fmt.number(base.loc[a, 'developers'] / 1e6, 1)} million "
            f"({fmt.share(base.loc[a, 'share_of_global'])}), "
            + (
                f"China bloc {fmt.share(ties.loc[a, 'china_share_of_ties'], 1)}"
                if pd.notna(ties.loc[a, "china_share_of_ties"])
                else "no reported tie"
            )
            for a in areas
            if base.loc[a, "economies"]
        )
        + ".",
        source_note=source_note,
        data=data.reset_index().rename(columns={"index": "area"}),
        columns={
            "area": "reporting region, or the Global South (its five regions together)",
            "developers": "developers on GitHub in the quarter",
            "share_of_global": "share of all developers the Innovation Graph reports",
            "growth": "growth over one year (economies reported both years)",
            "with_us": "collaboration weight with the United States, both directions, four quarters (pushes + pull requests)",
            "with_china": "the same with the China bloc (mainland China, Hong Kong, Macao); unreported ties add nothing",
            "china_share_of_ties": "with_china / (with_us + with_china): a share of activity, not of counts",
            "mainland_share_of_ties": "the same for mainland China alone",
            "economies_china_reported": "third economies with any reported tie with China",
        },
    )
