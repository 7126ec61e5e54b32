"""Charts of the reach section's infrastructure parts: existing GPU clusters by host region and owner bloc
(Epoch AI), and the cumulative cloud-region openings of US providers against Alibaba Cloud by region."""

# Reader-facing texts (titles, alt texts, column descriptions) read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import textwrap

import matplotlib.patches as mpatches
import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators import infrastructure as infra
from strategy_brief.curated import classify, regions
from strategy_brief.curated.classify import CN, US
from strategy_brief.report import record, style

# Owner groups bottom to top of a bar: the two sides first, then other blocs, then clusters without a bloc
# (drawn as outlines with their own hatch, so they never read as a bloc).
OWNER_ORDER = (US, CN, *[b for b in classify.BLOCS if b not in (US, CN)], *infra.OWNER_LABELS.values())
NO_BLOC_HATCH = {
    label: hatch for label, hatch in zip(infra.OWNER_LABELS.values(), ("xxx", "", "..."), strict=True)
}
AREAS = (*regions.REPORTING_REGIONS, infra.GLOBAL_SOUTH)


def _owner_style(group: str) -> dict:
    if group in classify.BLOCS:
        return style.bar_style(group)
    return {"facecolor": "white", "hatch": NO_BLOC_HATCH[group], "edgecolor": style.MUTED, "linewidth": 0.8}


def clusters(by_region: pd.DataFrame, reach: pd.DataFrame, *, source_note: str) -> None:
    """Show existing GPU clusters per host region (and the Global South) stacked by owner group, each bar
    labelled with its US- and China-owned counts (`by_region`: `infrastructure.compute_by_region`;
    `reach`: `infrastructure.compute_reach`)."""
    counts = by_region.pivot_table(index="area", columns="owner_group", values="clusters", aggfunc="sum")
    counts = counts.reindex(index=list(AREAS), columns=list(OWNER_ORDER)).fillna(0).astype(int)
    rows = reach.set_index("area")
    world = rows.loc[regions.GLOBAL]
    openings = world["china_owned_cloud_openings"]
    all_openings = (
        pd.notna(openings) and int(openings) == int(world["china_owned"]) and world["china_owned"] > 0
    )
    fig, ax = style.new_figure(
        f"Epoch AI lists {int(world['us_owned'])} US-owned and {int(world['china_owned'])} China-owned AI "
        "clusters" + ("; every China-owned one is an Alibaba Cloud opening" if all_openings else ""),
        "Existing GPU clusters by host region and owner's bloc; outlined: no owner bloc (Epoch AI anonymizes "
        "Chinese owners)",
        height=0.4 * len(AREAS) + 2.5,
    )
    ys = range(len(AREAS))
    left = pd.Series(0, index=counts.index)
    for group in OWNER_ORDER:
        ax.barh(list(ys), counts[group], left=left, height=0.62, label=group, **_owner_style(group))
        left = left + counts[group]
    for y, area in zip(ys, AREAS, strict=True):
        ax.text(
            left[area] + 2,
            y,
            f"US {int(rows.loc[area, 'us_owned'])} · China {int(rows.loc[area, 'china_owned'])}",
            va="center",
            fontsize=8,
            color=style.INK,
        )
    ax.set_yticks(list(ys), [f"{a} (all)" if a == infra.GLOBAL_SOUTH else a for a in AREAS], fontsize=8.5)
    ax.get_yticklabels()[AREAS.index(infra.GLOBAL_SOUTH)].set_fontweight("bold")
    ax.set_ylim(len(AREAS) - 0.4, -0.6)
    ax.set_xlim(0, max(10, int(left.max())) * 1.3)
    ax.set_xlabel("Existing GPU clusters")
    ax.grid(axis="y", visible=False)
    present = [g for g in OWNER_ORDER if counts[g].sum() > 0]
    ax.legend(
        handles=[mpatches.Patch(label=g, **_owner_style(g)) for g in present],
        loc="upper center",
        bbox_to_anchor=(0.45, -0.16),
        ncol=4,
        frameon=False,
        fontsize=8,
    )
    tidy = counts.reset_index().melt(id_vars="area", var_name="owner_group", value_name="clusters")
    record.show_figure(
        fig,
        alt="Stacked horizontal bars of existing GPU clusters by host region and owner group: "
        + "; ".join(
            f"{a}: " + ", ".join(f"{g} {int(counts.loc[a, g])}" for g in OWNER_ORDER if counts.loc[a, g])
            if counts.loc[a].sum()
            else f"{a}: none listed"
            for a in AREAS
        )
        + f". Worldwide US-owned {int(world['us_owned'])}, China-owned {int(world['china_owned'])}"
        + (", all of them Alibaba Cloud openings" if all_openings else "")
        + ".",
        source_note=source_note,
        data=tidy[tidy["clusters"] > 0],
        columns={
            "area": "host region, or the Global South (its five regions together)",
            "owner_group": "bloc of the owner, or why there is none (anonymized, not stated, not classified)",
            "clusters": "existing GPU clusters (Alibaba Cloud openings included, as Epoch lists them)",
        },
    )


def opening_timeline(timeline: pd.DataFrame, *, source_note: str) -> None:
    """Show the cumulative cloud-region openings of US providers and each Chinese provider Epoch dates, one
    panel per reporting region on one year axis (`timeline`: `infrastructure.cloud_opening_timeline` of each
    reporting region, `region` naming it)."""
    first, last = int(timeline["year"].min()), int(timeline["year"].max())
    series = [infra.US_SERIES, *sorted(set(timeline["series"]) - {infra.US_SERIES})]
    colours = {infra.US_SERIES: style.bloc_colour(US)}

    def ends(area: str, name: str) -> int:
        rows = timeline[(timeline["region"] == area) & (timeline["series"] == name)]
        return int(rows["cumulative"].iloc[-1]) if len(rows) else 0

    totals = {s: ends(infra.GLOBAL_SOUTH, s) for s in series}
    fig, ax = style.new_figure(
        f"In the Global South, US providers had opened {totals[infra.US_SERIES]} dated cloud regions by {last}, "
        + ", ".join(f"{s} {totals[s]}" for s in series[1:]),
        "Cumulative cloud-region openings by region: US providers (AWS, Azure, Google Cloud; launch-date source) "
        "against openings Epoch AI dates for Chinese providers; undated regions left out",
        height=5.4,
    )
    ax.remove()
    axes = fig.subplots(2, 4, sharex=True, sharey=True, gridspec_kw={"hspace": 0.6, "wspace": 0.15})
    fig.subplots_adjust(top=fig.subplotpars.top - 0.5 / 5.4)  # room for the panels' two-line titles
    for axis, area in zip(axes.ravel(), regions.REPORTING_REGIONS, strict=True):
        for name in series:
            rows = timeline[(timeline["region"] == area) & (timeline["series"] == name)].sort_values("year")
            years = list(range(first, last + 1))
            counts = rows.set_index("year")["cumulative"].astype(float).reindex(years).ffill().fillna(0)
            colour = colours.get(name, style.bloc_colour(CN))
            axis.step(
                years,
                counts,
                where="post",
                color=colour,
                linewidth=1.8,
                linestyle="-" if name == infra.US_SERIES else "--",
                label=name,
            )
        axis.set_title(textwrap.fill(area, 18), fontsize=8, loc="left", color=style.INK)
        axis.grid(axis="y", visible=True)
        axis.grid(axis="x", visible=False)
        axis.tick_params(labelsize=7.5)
        axis.text(
            0.03,
            0.93,
            " · ".join(f"{'US' if n == infra.US_SERIES else n.split()[0]} {ends(area, n)}" for n in series),
            transform=axis.transAxes,
            fontsize=7.5,
            va="top",
            color=style.INK,
        )
    axes[0, 0].legend(loc="center left", frameon=False, fontsize=7.5, bbox_to_anchor=(0, 0.55))
    record.show_figure(
        fig,
        alt=f"Eight small step charts, one per region, of cumulative cloud-region openings from {first} to {last}, "
        "US providers (solid) against "
        + fmt.listed(series[1:])
        + " (dashed). By "
        + f"{last}: "
        + "; ".join(
            f"{a} " + ", ".join(f"{n} {ends(a, n)}" for n in series) for a in regions.REPORTING_REGIONS
        )
        + ".",
        source_note=source_note,
        data=timeline[["region", "series", "year", "opened", "cumulative", "source", "coverage_note"]],
        columns={
            "region": "reporting region",
            "series": "US providers together, or one Chinese provider",
            "year": "year of opening",
            "opened": "regions (US) or Epoch rows (Chinese providers) opened that year",
            "cumulative": "opened up to and including the year",
            "source": "processed table the series comes from",
            "coverage_note": "what the source dates and what it leaves out",
        },
    )
