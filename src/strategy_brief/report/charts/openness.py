"""Charts of the openness and adoption section: open weights by bloc and year, open-weight models among the
leaderboard's leaders, and derivative models by base family."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.patches as mpatches
import matplotlib.ticker as mticker
import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis import uncertainty
from strategy_brief.curated.classify import BLOCS, CN, US
from strategy_brief.report import record, style

STACK = [CN, US, "Europe", "Rest of world"]  # bottom to top


def open_share(
    tidy: pd.DataFrame, *, first_year: int, last_year: int, few_models: int, source_note: str
) -> None:
    """Show the open-weight share of the US's and China's notable models by year, with a 95% interval bar on
    every share counted from fewer than `uncertainty.SMALL_N` models and small samples hollow and labelled
    with their count (`tidy`: `openness.bloc_share_series` of `openness.as_percent` shares)."""
    small = tidy[tidy["small_sample"]]
    at_last = tidy[tidy["year"] == last_year].set_index("bloc")["open_share"]
    fig, ax = style.new_figure(
        f"In {last_year}, {fmt.percent(at_last[CN])} of China's notable models had open weights, "
        f"{fmt.percent(at_last[US])} of the US's",
        "Share of notable models released with open weights, by bloc of the developer, "
        f"{first_year}-{last_year}; bars: 95% interval; hollow marker: fewer than {few_models} models",
    )
    style.bloc_lines(ax, tidy, x="year", y="open_share", step=False)
    for offset, bloc in zip((-0.07, 0.07), (US, CN), strict=True):
        rows = tidy[(tidy["bloc"] == bloc) & tidy["needs_interval"]]
        ax.errorbar(
            rows["year"] + offset,
            rows["open_share"],
            yerr=[rows["open_share"] - rows["open_share_low"], rows["open_share_high"] - rows["open_share"]],
            fmt="none",
            ecolor=style.bloc_colour(bloc),
            elinewidth=1,
            capsize=2.5,
            alpha=0.7,
            label=f"{bloc}: 95% interval",
        )
    for row in small.itertuples():
        colour = style.bloc_colour(row.bloc)
        ax.plot(
            row.year,
            row.open_share,
            marker=style.BLOC_MARKERS[row.bloc],
            markersize=8,
            color=colour,
            markerfacecolor="white",
            markeredgewidth=1.5,
            clip_on=False,
            zorder=5,
        )
        ax.annotate(
            f"n={row.known_models}",
            (row.year, row.open_share),
            xytext=(0, 10 if row.open_share < 30 else -14),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=8,
            color=colour,
        )
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(mticker.PercentFormatter())
    ax.set_xticks(range(first_year, last_year + 1))
    ax.set_xlim(first_year - 0.3, last_year + 1.2)
    ax.set_ylabel("Open-weight share")
    points = "; ".join(
        f"{bloc}: "
        + ", ".join(
            f"{r.year} {fmt.percent(r.open_share)} of {r.known_models}"
            + (
                f" (95% interval {fmt.number(r.open_share_low, 0)}–{fmt.percent(r.open_share_high)})"
                if r.needs_interval
                else ""
            )
            for r in tidy[tidy["bloc"] == bloc].itertuples()
        )
        for bloc in (US, CN)
    )
    record.show_figure(
        fig,
        alt="Lines of the share of notable models released with open weights from "
        f"{first_year} to {last_year}. {points}.",
        source_note=source_note,
        data=tidy[
            [
                "year",
                "bloc",
                "open_models",
                "known_models",
                "open_share",
                "open_share_low",
                "open_share_high",
                "needs_interval",
                "small_sample",
            ]
        ],
        columns={
            "year": "publication year",
            "bloc": "bloc of the developer",
            "open_models": "notable models released with open weights (any open licence)",
            "known_models": "notable models of known openness (unknown left out)",
            "open_share": "open_models as a percentage of known_models",
            "open_share_low": "lower bound of the 95% interval of open_share (Wilson), percent",
            "open_share_high": "upper bound of the 95% interval of open_share (Wilson), percent",
            "needs_interval": f"fewer than {uncertainty.SMALL_N} models: shown with its interval",
            "small_sample": f"fewer than {few_models} models of known openness: read the share with care",
        },
    )


def open_places(places: pd.DataFrame, *, top_n: int, source_note: str) -> None:
    """Show the open-weight models among the `top_n` leading LMArena models at each leaderboard version as
    areas stacked by bloc (`places`: `openness.open_places`)."""
    latest_version, first_version = places.index.max(), places.index.min()
    latest, first = places.loc[latest_version], places.loc[first_version]
    versions = pd.to_datetime(places.index)
    fig, ax = style.new_figure(
        f"{latest['all_open']} of the top {top_n} LMArena models had open weights in "
        f"{pd.Timestamp(latest_version):%B %Y}, {latest[CN]} of them Chinese",
        f"Open-weight models among the {top_n} highest-rated models of each LMArena text leaderboard "
        "version, by bloc of the developer",
    )
    # Each version's count holds until the next; the last one is drawn for a week so that it shows.
    drawn = pd.concat([places, places.iloc[[-1]]])
    drawn_at = versions.append(pd.DatetimeIndex([versions[-1] + pd.Timedelta(days=7)]))
    bottom = pd.Series(0, index=range(len(drawn)))
    for bloc in STACK:
        top = bottom + drawn[bloc].to_numpy()
        ax.fill_between(
            drawn_at,
            bottom,
            top,
            step="post",
            facecolor=style.bloc_colour(bloc),
            edgecolor="white",
            hatch=style.BLOC_HATCHES[bloc],
            linewidth=0.0,
            label=bloc,
        )
        bottom = top
    ax.set_ylim(0, max(10, int(places["all_open"].max()) + 2))
    ax.set_ylabel(f"Places in the top {top_n}")
    ax.yaxis.set_major_locator(mticker.MultipleLocator(2))
    ax.grid(axis="y", visible=True)
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left", ncol=4, frameon=False, fontsize=9)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    data = (
        places[STACK]
        .reset_index()
        .melt(id_vars="leaderboard_version", var_name="bloc", value_name="open_weight_models")
    )
    data["top_n"] = top_n
    record.show_figure(
        fig,
        alt=f"Stacked areas of the open-weight models among the top {top_n} LMArena models at each of "
        f"{len(places)} leaderboard versions from {pd.Timestamp(first_version):%B %Y} to "
        f"{pd.Timestamp(latest_version):%B %Y}. At the first version: "
        + ", ".join(f"{b} {first[b]}" for b in STACK)
        + "; at the last: "
        + ", ".join(f"{b} {latest[b]}" for b in STACK)
        + f". The total ranged from {places['all_open'].min()} to {places['all_open'].max()}.",
        source_note=source_note,
        data=data,
        columns={
            "leaderboard_version": "leaderboard date",
            "bloc": "bloc of the developer",
            "open_weight_models": f"open-weight models (any open licence) among the top {top_n}",
            "top_n": "size of the leading group",
        },
    )


def _count(r) -> str:
    return f"{'at most ' if r.upper_bound else ''}{fmt.number(r.derivative_models, 0)}"


def derivatives(derivatives: pd.DataFrame, *, source_note: str) -> None:
    """Show the derivative models on the Open LLM Leaderboard by base family as bars in the colour of the
    family's bloc, upper bounds labelled (`derivatives`: `adoption.derivatives_by_family`)."""
    lead = " and ".join(f"{r.family} ({_count(r)})" for r in derivatives.iloc[:2].itertuples())
    fig, ax = style.new_figure(
        f"{lead} have the most derivatives on the Open LLM Leaderboard",
        "Fine-tuned, merged and chat models evaluated on the Open LLM Leaderboard v2, by base family "
        f"({fmt.number(derivatives['derivative_models'].sum(), 0)} in all)",
        height=3.7,
    )
    bars = derivatives.iloc[::-1]
    # Families matched to no bloc are drawn as outlines, so they do not read as "Rest of world".
    for r in bars.itertuples():
        ax.barh(r.family, r.derivative_models, **style.bar_style(r.bloc))
    for r in bars.itertuples():
        count = fmt.number(r.derivative_models, 0)
        label = f" ≤ {count} (upper bound)" if r.upper_bound else f" {count}"
        ax.annotate(label, (r.derivative_models, r.family), va="center", fontsize=8, color=style.INK)
    ax.set_xlim(0, derivatives["derivative_models"].max() * 1.3)
    ax.set_xlabel("Derivative models evaluated")
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: fmt.number(v, 0)))
    ax.tick_params(axis="y", labelsize=8.5)
    present = set(derivatives["bloc"])
    blocs = [b for b in (*BLOCS, *sorted(present - set(BLOCS))) if b in present]
    ax.legend(
        handles=[mpatches.Patch(**style.bar_style(b), label=b) for b in blocs],
        loc="lower right",
        frameon=False,
        fontsize=9,
    )
    record.show_figure(
        fig,
        alt="Horizontal bars of derivative models on the Open LLM Leaderboard v2 by base family: "
        + ", ".join(f"{r.family} ({r.bloc}) {_count(r)}" for r in derivatives.itertuples())
        + ".",
        source_note=source_note,
        data=derivatives[["family", "bloc", "derivative_models", "share", "upper_bound", "caveat"]],
        columns={
            "family": "base model family, from the weights' architecture",
            "bloc": "bloc of the family's developer (Unattributed: no family matched)",
            "derivative_models": "evaluated models that are not pretrained bases",
            "share": "share of all derivative models",
            "upper_bound": "the count is an upper bound",
            "caveat": "why the count is an upper bound",
        },
    )
