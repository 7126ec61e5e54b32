"""Figures for the executive brief, computed from the curated facts."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from strategy_brief.curated import regions
from strategy_brief.report import style

TRUST = "trust_in_ai"
TRUST_SURVEY = "Edelman Trust Barometer 2025"  # 28 markets; the 2025 flash poll is a different survey
INVESTMENT = "private_ai_investment"
US, CN = "United States", "China"


@dataclass(frozen=True)
class Gap:
    us: float
    china: float
    ratio: float
    as_of: str
    unit: str
    rows: pd.DataFrame


def _one(facts: pd.DataFrame, indicator: str, country: str, as_of: str | None) -> pd.Series:
    rows = facts[(facts["indicator"] == indicator) & (facts["country"] == country)]
    if as_of is not None:
        rows = rows[rows["as_of"] == as_of]
    if rows.empty:
        raise LookupError(f"facts: no {indicator} row for {country}" + (f" in {as_of}" if as_of else ""))
    return rows.sort_values("as_of").iloc[-1]


def investment_gap(facts: pd.DataFrame, as_of: str | None = None) -> Gap:
    """US vs China private AI investment in the latest (or given) year both are reported."""
    rows = facts[facts["indicator"] == INVESTMENT]
    years = sorted(
        set(rows.loc[rows["country"] == US, "as_of"]) & set(rows.loc[rows["country"] == CN, "as_of"])
    )
    if not years:
        raise LookupError("facts: no year with private AI investment for both the US and China")
    year = as_of or years[-1]
    us, cn = _one(facts, INVESTMENT, US, year), _one(facts, INVESTMENT, CN, year)
    if cn["unit"] != us["unit"]:
        raise ValueError(f"facts {us['fact_id']} and {cn['fact_id']}: units differ")
    return Gap(
        us["value"],
        cn["value"],
        us["value"] / cn["value"],
        year,
        us["unit"],
        pd.DataFrame([us, cn]),
    )


def trust_by_country(facts: pd.DataFrame, region: str, survey: str = TRUST_SURVEY) -> pd.DataFrame:
    """Trust in AI by country in one survey wave, flagged by bloc and by membership of `region`.
    Bounds such as "under 30%" are left out: a bar needs a value, not a bound."""
    rows = facts[(facts["indicator"] == TRUST) & (facts["primary_source"] == survey)].copy()
    if "qualifier" in rows.columns:
        rows = rows[rows["qualifier"].isin(["exact", "approx"])]
    if rows.empty:
        raise LookupError(f"facts: no trust_in_ai rows from {survey!r}")
    rows["world_region"] = [regions.world_region(c) for c in rows["country"]]
    rows["is_aggregate"] = rows["world_region"].isna()
    rows["in_region"] = [
        (not agg) and regions.in_region(c, region)
        for c, agg in zip(rows["country"], rows["is_aggregate"], strict=True)
    ]
    rows["bloc"] = rows["country"].where(rows["country"].isin([US, CN]), "Rest of world")
    return rows.sort_values(["value", "country"], ascending=[False, True]).reset_index(drop=True)


def trust_chart(table: pd.DataFrame, region: str, title: str, subtitle: str):
    """Horizontal bars: the US and China in their bloc colours and patterns, the region's countries
    outlined and labelled, the survey-wide average as a reference line."""
    countries = table[~table["is_aggregate"]].iloc[::-1]
    average = table[table["is_aggregate"]]
    fig, ax = style.new_figure(title, subtitle, height=0.42 * len(countries) + 1.4)
    for y, row in enumerate(countries.itertuples()):
        ax.barh(
            y,
            row.value,
            color=style.bloc_colour(row.bloc),
            hatch=style.BLOC_HATCHES.get(row.bloc, ""),
            edgecolor=style.INK if row.in_region and region != regions.GLOBAL else "white",
            linewidth=1.6 if row.in_region and region != regions.GLOBAL else 0.5,
        )
        ax.text(row.value + 1, y, f"{row.value:.0f}%", va="center", fontsize=9, color=style.INK)
    labels = [
        f"{c} ◆" if r and region != regions.GLOBAL else c
        for c, r in zip(countries["country"], countries["in_region"], strict=True)
    ]
    ax.set_yticks(range(len(countries)), labels)
    for row in average.itertuples():
        ax.axvline(row.value, color=style.MUTED, linestyle="--", linewidth=1)
        ax.text(
            row.value,
            len(countries) - 0.4,
            f" survey average {row.value:.0f}%",
            fontsize=8,
            color=style.MUTED,
            va="bottom",
        )
    ax.set_xlim(0, 100)
    ax.set_xlabel("Share of respondents who trust AI (%)")
    ax.grid(axis="y", visible=False)
    return fig


def scenario_chart(paths: pd.DataFrame, region: str, title: str, subtitle: str):
    """China-stack share of adopting organizations by year: the region's median and 80% band in China's
    colour, every other region's median as a thin grey line for context (Global: all regions alike)."""
    fig, ax = style.new_figure(title, subtitle, height=3.2)
    colour = style.bloc_colour(CN)
    for name, rows in paths.groupby("region", sort=True):
        if name == region:
            continue
        ax.plot(rows["year"], 100 * rows["share_china_median"], color=style.NEUTRAL, linewidth=1)
    if region != regions.GLOBAL:
        rows = paths[paths["region"] == region]
        if rows.empty:
            raise ValueError(f"scenario_chart: no paths for region {region!r}")
        ax.fill_between(
            rows["year"],
            100 * rows["share_china_p10"],
            100 * rows["share_china_p90"],
            color=colour,
            alpha=0.22,
            hatch=style.BLOC_HATCHES[CN],
            edgecolor=colour,
            linewidth=0,
        )
        ax.plot(
            rows["year"],
            100 * rows["share_china_median"],
            color=colour,
            linewidth=2.2,
            marker=style.BLOC_MARKERS[CN],
            markersize=4,
        )
        last = rows.iloc[-1]
        ax.annotate(
            f"{region}\nmedian {100 * last['share_china_median']:.0f}%",
            (last["year"], 100 * last["share_china_median"]),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color=colour,
        )
    others = paths[(paths["year"] == paths["year"].max()) & (paths["region"] != region)]
    if not others.empty:
        ax.annotate(
            "other regions (median)",
            (others["year"].iloc[0], 100 * others["share_china_median"].max()),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color=style.MUTED,
        )
    years = sorted(paths["year"].unique())
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(years[0], years[-1] + 1.6)
    ax.set_ylim(0, max(5.0, 100 * paths["share_china_p90"].max() * 1.1))
    ax.set_ylabel("China-stack share (%)")
    return fig


def scenario_ranges_chart(end: pd.DataFrame, title: str, subtitle: str):
    """One row per region at the horizon: the 80% interval as a bar and the median as a marker,
    sorted by median, so regions can be compared at a glance."""
    rows = end.sort_values(["share_china_median", "region"]).reset_index(drop=True)
    fig, ax = style.new_figure(title, subtitle, height=0.34 * len(rows) + 1.5)
    colour = style.bloc_colour(CN)
    for y, row in enumerate(rows.itertuples()):
        ax.plot(
            [100 * row.share_china_p10, 100 * row.share_china_p90],
            [y, y],
            color=colour,
            alpha=0.45,
            linewidth=6,
            solid_capstyle="butt",
        )
        ax.plot(100 * row.share_china_median, y, marker=style.BLOC_MARKERS[CN], color=colour, markersize=7)
        ax.text(
            100 * row.share_china_p90 + 1,
            y,
            f"{100 * row.share_china_median:.0f}%",
            va="center",
            fontsize=8,
            color=style.INK,
        )
    ax.set_yticks(range(len(rows)), rows["region"])
    ax.set_xlim(0, 100 * rows["share_china_p90"].max() * 1.2)
    ax.set_xlabel("China-stack share of adopting organizations (%): marker median, bar 80% interval")
    ax.grid(axis="y", visible=False)
    return fig
