"""Charts of the scenario section, each drawn from an analysis.scenario.Outlook: the Chinese stack's share
to the horizon, what moves it (tornado), and the scenario against the status quo or every scenario."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from strategy_brief import fmt
from strategy_brief.analysis import scenario as model
from strategy_brief.curated.classify import CN, US
from strategy_brief.report import record, style
from strategy_brief.report.narrative import scenario as story

SCENARIO_COLUMN = "named scenario (data/raw/scenarios.yml)"
_ENDS = ["share_china_p10", "share_china_median", "share_china_p90"]


@dataclass(frozen=True, eq=False)
class Chart:
    """A figure with its alt text, the data behind it and that data's column descriptions."""

    fig: Figure
    alt: str
    data: pd.DataFrame
    columns: dict[str, str]


def show(chart: Chart, source_note: str) -> None:
    """Show a chart the house way (record.show_figure)."""
    record.show_figure(
        chart.fig, alt=chart.alt, source_note=source_note, data=chart.data, columns=chart.columns
    )


# ---------------------------------------------------------------------------------- share to the horizon


def share_paths(o: model.Outlook) -> Chart:
    """Median Chinese-stack share by year with the 80% band: every region (Global), or one region against
    the status quo's median."""
    shown = o.paths[["region", "year", *_ENDS]]
    fig, ax, band, alt = _every_region(o, shown) if o.is_global else _one_region(o, shown)
    ax.fill_between(
        band["year"],
        band["share_china_p10"],
        band["share_china_p90"],
        color=style.bloc_colour(CN),
        alpha=0.18,
        linewidth=0,
    )
    ax.set_xticks(range(o.start_year, o.horizon + 1))
    ax.set_xlim(o.start_year - 0.2, o.horizon + (1.9 if o.is_global else 1.6))
    reference = o.reference_paths.loc[o.reference_paths["region"] == o.region, "share_china_median"]
    ax.set_ylim(
        0,
        1.08
        * max(
            shown["share_china_p90"].max() if o.is_global else band["share_china_p90"].max(),
            reference.max() if not o.is_global else 0,
        ),
    )
    ax.yaxis.set_major_formatter(lambda v, _: fmt.share(v, 1))
    ax.set_ylabel("Share of AI users")
    ax.grid(axis="y", visible=True)
    ax.grid(axis="x", visible=False)
    columns = {
        "region": "world region",
        "year": "year",
        "share_china_p10": "10th percentile of the share of AI users whose primary stack is Chinese",
        "share_china_median": "median of that share over the draws",
        "share_china_p90": "90th percentile of that share",
        "scenario": SCENARIO_COLUMN,
    }
    return Chart(fig, alt, shown.assign(scenario=o.scenario), columns)


def _every_region(o: model.Outlook, shown: pd.DataFrame) -> tuple[Figure, Axes, pd.DataFrame, str]:
    """Every region's median line, the focus region's highlighted and labelled at the horizon."""
    chinese, end, horizon, focus = style.bloc_colour(CN), o.end, o.horizon, o.focus
    low_region = end["share_china_median"].idxmin()
    fig, ax = style.new_figure(
        f"Chinese-stack share by {horizon}: {fmt.share(end.loc[low_region, 'share_china_median'])} in "
        f"{low_region} to {fmt.share(end.loc[focus, 'share_china_median'])} in {focus}",
        f"Median share of AI users by region; band: 80% interval for {focus}" + story.scenario_line(o),
        height=3.4,
    )
    for reg, rows in shown.groupby("region"):
        top = reg == focus
        ax.plot(
            rows["year"],
            rows["share_china_median"],
            color=chinese if top else style.NEUTRAL,
            linewidth=2.2 if top else 1.2,
            marker=style.BLOC_MARKERS[CN] if top else None,
            markersize=4,
        )
    # End labels, pushed apart where medians are close.
    ends = end["share_china_median"].sort_values()
    gap = 0.075 * float(shown["share_china_p90"].max())
    placed = []
    for y in ends.to_numpy():
        placed.append(max(y, placed[-1] + gap) if placed else y)
    for (reg, y), ty in zip(ends.items(), placed, strict=True):
        ax.annotate(
            f"{reg} {fmt.share(y)}",
            (horizon, y),
            xytext=(horizon + 0.12, ty),
            fontsize=8.5,
            va="center",
            color=chinese if reg == focus else style.MUTED,
            fontweight="bold" if reg == focus else "normal",
        )
    alt = (
        f"Lines of the median Chinese-stack share from {o.start_year} to {horizon} in the {len(o.regions)} "
        f"regions, all starting at {fmt.share(o.start_share)}; in {horizon}: "
        + ", ".join(f"{r} {fmt.share(v)}" for r, v in ends[::-1].items())
        + f". The 80% band for {focus} runs from {fmt.share(end.loc[focus, 'share_china_p10'])} to "
        f"{fmt.share(end.loc[focus, 'share_china_p90'])} in {horizon}."
    )
    return fig, ax, shown[shown["region"] == focus], alt


def _one_region(o: model.Outlook, shown: pd.DataFrame) -> tuple[Figure, Axes, pd.DataFrame, str]:
    """The region's median line, and the status quo's as a dashed line when another scenario runs."""
    chinese, h, horizon, region = style.bloc_colour(CN), o.headline, o.horizon, o.region
    band = shown[shown["region"] == region]
    fig, ax = style.new_figure(
        f"In {region}, the Chinese stack {'rises' if h['share_china_median'] >= o.start_share else 'falls'} "
        f"to {fmt.share(h['share_china_median'])} of adopters by {horizon}",
        "Share of AI users on a Chinese primary stack: median and 80% interval" + story.scenario_line(o),
        height=3.1,
    )
    ax.plot(
        band["year"],
        band["share_china_median"],
        color=chinese,
        linewidth=2.2,
        marker=style.BLOC_MARKERS[CN],
        markersize=4,
    )
    ax.annotate(
        f" Chinese stack, median {fmt.share(h['share_china_median'])}",
        (horizon, h["share_china_median"]),
        color=chinese,
        fontsize=9,
        fontweight="bold",
        va="center",
    )
    reference = o.reference_end.loc[region, "share_china_median"]
    if not o.is_reference:
        ref = o.reference_paths[o.reference_paths["region"] == region]
        ax.plot(ref["year"], ref["share_china_median"], color=style.MUTED, linestyle="--", linewidth=1.2)
        ax.annotate(
            f" Status quo, median {fmt.share(reference)}",
            (horizon, reference),
            color=style.MUTED,
            fontsize=9,
            va="center",
        )
    alt = (
        f"Line of the median Chinese-stack share in {region} from {fmt.share(o.start_share)} in "
        f"{o.start_year} to {fmt.share(h['share_china_median'])} in {horizon}, with an 80% band reaching "
        f"{fmt.share(h['share_china_p10'])} to {fmt.share(h['share_china_p90'])} in {horizon}"
        + (f"; the status quo's median ends at {fmt.share(reference)}." if not o.is_reference else ".")
    )
    return fig, ax, band, alt


# ----------------------------------------------------------------------------------------------- tornado


def swings(o: model.Outlook, top: int = story.TOP) -> Chart:
    """Tornado chart for the focus region at the horizon: the largest swings, one assumption at a time."""
    swings, horizon, focus = o.swings, o.horizon, o.focus
    bars = swings.head(top).iloc[::-1].reset_index(drop=True)
    central = swings.attrs["central_share_china"]
    first = swings.iloc[0]
    fig, ax = style.new_figure(
        f"{story.label(first['parameter'])} swings the {horizon} share most: "
        f"{fmt.share(min(first['share_china_at_low'], first['share_china_at_high']))} to "
        f"{fmt.share(max(first['share_china_at_low'], first['share_china_at_high']))}",
        f"{focus}, {horizon}: one assumption at its low or high end, the rest central; {top} largest of "
        f"{len(swings)}" + story.scenario_line(o),
        height=4.4,
    )
    fig.subplots_adjust(left=0.36, bottom=0.24)
    for y, row in bars.iterrows():
        _swing_bar(ax, y, row, central)
    ticks = [
        f"{story.label(r.parameter)} ({fmt.number(r.low, 2)} to {fmt.number(r.high, 2)})"
        for r in bars.itertuples()
    ]
    ax.set_yticks(range(len(bars)), ticks, fontsize=8.5)
    ax.axvline(central, color=style.INK, linewidth=1)
    ax.xaxis.set_major_formatter(lambda v, _: fmt.share(v))
    span = bars[["share_china_at_low", "share_china_at_high"]]
    ax.set_xlim(span.min().min() - 0.04, span.max().max() + 0.04)
    ax.set_xlabel(f"Chinese-stack share of AI users in {horizon} (central path {fmt.share(central)})")
    ax.legend(
        handles=[
            Patch(facecolor=style.NEUTRAL, alpha=0.45, label="assumption at its low end"),
            Patch(facecolor=style.NEUTRAL, label="at its high end"),
            Patch(facecolor=style.bloc_colour(US), label="US stack's input"),
            Patch(
                facecolor=style.bloc_colour(CN),
                hatch=style.BLOC_HATCHES[CN],
                edgecolor="white",
                label="Chinese stack's input",
            ),
        ],
        fontsize=7.5,
        loc="upper center",
        bbox_to_anchor=(0.4, -0.2),
        ncol=4,
        frameon=False,
    )
    alt = (
        f"Tornado chart for {focus} in {horizon}: around a central share of {fmt.share(central)}, "
        + "; ".join(
            f"{fmt.mid_sentence(story.label(r.parameter))} {fmt.share(r.share_china_at_low)} at its low end "
            f"and {fmt.share(r.share_china_at_high)} at its high end"
            for r in swings.head(top).itertuples()
        )
        + "."
    )
    columns = {
        "parameter": "assumption (data/raw/scenario_assumptions.csv)",
        "region": "region the assumption's row applies to (all = every region)",
        "low": "low end of its range",
        "value": "central value",
        "high": "high end of its range",
        "share_china_at_low": "Chinese-stack share in the year with this assumption at its low end, the rest "
        "central",
        "share_china_at_high": "the same with the assumption at its high end",
        "swing": "absolute difference between the two",
        "focus_region": "region the shares are for",
        "year": "year the shares are for",
        "scenario": SCENARIO_COLUMN,
    }
    return Chart(fig, alt, swings.assign(focus_region=focus, year=horizon, scenario=o.scenario), columns)


def _swing_bar(ax: Axes, y: int, row: pd.Series, central: float) -> None:
    """One assumption's bar from the central share to its low and high ends, its stack's colour, hatch."""
    bloc = model.stack_of(row["parameter"])
    colour = style.bloc_colour(bloc) if bloc else style.NEUTRAL
    hatch = style.BLOC_HATCHES.get(bloc, "")
    for end_value, alpha in ((row["share_china_at_low"], 0.45), (row["share_china_at_high"], 1.0)):
        ax.barh(
            y,
            end_value - central,
            left=central,
            color=colour,
            alpha=alpha,
            hatch=hatch,
            edgecolor="white",
            height=0.7,
        )
    for end_value in (row["share_china_at_low"], row["share_china_at_high"]):
        right = end_value >= central
        ax.text(
            end_value + (0.004 if right else -0.004),
            y,
            fmt.share(end_value),
            va="center",
            fontsize=7.5,
            ha="left" if right else "right",
            color=style.MUTED,
        )


# ------------------------------------------------------------------------------------------ comparisons


def against_reference(o: model.Outlook, compare: pd.DataFrame) -> Chart:
    """Dot chart of each region's horizon median, status quo against scenario (model.against_reference)."""
    name, horizon = story.title(o.scenario), o.horizon
    moves = (100 * compare["change"]).round()
    if (moves <= 0).all() or (moves >= 0).all():
        verb = "cuts" if (moves <= 0).all() else "raises"
        span = f"{fmt.number(moves.abs().min(), 0)} to {fmt.number(moves.abs().max(), 0)}"
    else:
        verb, span = "moves", f"{fmt.number(moves.min(), 0)} to +{fmt.number(moves.max(), 0)}"
    fig, ax = style.new_figure(
        f'"{name}" {verb} the {horizon} median by {span} percentage points',
        f"Median share of AI users on a Chinese stack in {horizon}: status quo ○, scenario ■"
        + story.scenario_line(o),
        height=3.6,
    )
    y = np.arange(len(compare))
    ax.hlines(y, compare["status_quo_median"], compare["scenario_median"], color="#DDDDDD", linewidth=3)
    ax.plot(
        compare["status_quo_median"], y, "o", markerfacecolor="white", color=style.MUTED, label="Status quo"
    )
    ax.plot(compare["scenario_median"], y, style.BLOC_MARKERS[CN], color=style.bloc_colour(CN), label=name)
    ax.set_yticks(y, compare["region"])
    for tick in ax.get_yticklabels():
        tick.set_fontweight("bold" if tick.get_text() == o.region else "normal")
    ax.legend(fontsize=8, loc="lower right", frameon=False)
    _share_axis(ax)
    alt = (
        f'Dot chart of the {horizon} median Chinese-stack share by region, status quo against "{name}": '
        + "; ".join(
            f"{r.region} {fmt.share(r.status_quo_median)} to {fmt.share(r.scenario_median)}"
            for r in compare.itertuples()
        )
        + "."
    )
    columns = {
        "region": "world region",
        "status_quo_median": "median Chinese-stack share in the year, status quo",
        "scenario_median": "median Chinese-stack share in the year, selected scenario",
        "change": "scenario minus status quo",
        "year": "year",
        "scenario": "selected scenario",
    }
    return Chart(fig, alt, compare.assign(year=horizon, scenario=o.scenario), columns)


def across_scenarios(o: model.Outlook, compare: pd.DataFrame) -> Chart:
    """Dot-and-range chart of every named scenario in the focus region (model.across_scenarios)."""
    chinese, horizon, focus = style.bloc_colour(CN), o.horizon, o.focus
    names = [story.title(s) for s in compare["scenario"]]
    hi, lo = compare.iloc[-1], compare.iloc[0]
    fig, ax = style.new_figure(
        f"In {focus}, the named scenarios span {fmt.share(lo['share_china_median'])} to "
        f"{fmt.share(hi['share_china_median'])} by {horizon}",
        f"Share of AI users on a Chinese stack in {horizon} by scenario: median and 80% "
        "interval" + story.draws_line(o),
        height=3.8,
    )
    y = np.arange(len(compare))
    is_ref = (compare["scenario"] == model.REFERENCE).to_numpy()
    ax.hlines(
        y,
        compare["share_china_p10"],
        compare["share_china_p90"],
        color=np.where(is_ref, style.MUTED, chinese),
        alpha=0.5,
        linewidth=3,
    )
    ax.scatter(
        compare["share_china_median"],
        y,
        marker=style.BLOC_MARKERS[CN],
        color=np.where(is_ref, style.INK, chinese),
        zorder=3,
    )
    for yy, r in zip(y, compare.itertuples(), strict=True):
        ax.text(
            r.share_china_p90 + 0.008,
            yy,
            fmt.share(r.share_china_median),
            va="center",
            fontsize=8,
            color=style.MUTED,
        )
    ax.set_yticks(
        y,
        [
            f"{n} (this edition)" if s == model.REFERENCE else n
            for n, s in zip(names, compare["scenario"], strict=True)
        ],
    )
    _share_axis(ax)
    alt = (
        f"Dot-and-range chart of the {horizon} Chinese-stack share in {focus} by scenario: "
        + "; ".join(
            f"{n} median {fmt.share(r.share_china_median)} (80% interval {fmt.share(r.share_china_p10)} to "
            f"{fmt.share(r.share_china_p90)})"
            for n, r in zip(names, compare.itertuples(), strict=True)
        )
        + "."
    )
    columns = {
        "region": "world region",
        "year": "year",
        "scenario": SCENARIO_COLUMN,
        "share_china_p10": "10th percentile of the Chinese-stack share of AI users",
        "share_china_median": "median of that share",
        "share_china_p90": "90th percentile of that share",
    }
    return Chart(fig, alt, compare[["region", "year", "scenario", *_ENDS]], columns)


def _share_axis(ax: Axes) -> None:
    """A horizontal axis of shares from zero, with vertical grid lines."""
    ax.xaxis.set_major_formatter(lambda v, _: fmt.share(v))
    ax.set_xlim(0, None)
    ax.grid(axis="x", visible=True)
