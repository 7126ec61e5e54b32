"""Figures for the executive brief: trust by country from the curated facts, and the illustrative
scenario from a findings.RegionView."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.findings import RegionView
from strategy_brief.analysis.indicators import reach
from strategy_brief.curated import regions
from strategy_brief.curated.classify import CN, US
from strategy_brief.data import provenance
from strategy_brief.report import record, style

TRUST_COLUMNS = {
    "country": "country, or World for the survey-wide figure",
    "value": "share of respondents who trust AI",
    "unit": "unit of value",
    "as_of": "survey wave",
    "primary_source": "survey",
    "fact_id": "row in data/raw/facts.csv (source page and verbatim quote)",
}
# The processed tables the scenario's assumptions are derived from, besides the cloud table.
SCENARIO_TABLES = ("lmarena_best_by_bloc", "api_prices", "models_by_bloc_year_accessibility")
SCENARIO_COLUMNS = {
    "region": "world region",
    "year": "year",
    "share_china_p10": "China-stack share of AI users, 10th percentile of draws",
    "share_china_median": "China-stack share, median of draws",
    "share_china_p90": "China-stack share, 90th percentile of draws",
    "adopting_fraction_p10": "share of working-age people using AI, 10th percentile",
    "adopting_fraction_median": "share of working-age people using AI, median",
    "adopting_fraction_p90": "share of working-age people using AI, 90th percentile",
}


def trust_by_country(facts: pd.DataFrame, region: str, survey: str = reach.BAROMETER) -> pd.DataFrame:
    """Trust in AI by country in one survey wave (reach.survey_facts), flagged by bloc and by membership
    of `region`. Bounds such as "under 30%" are left out: a bar needs a value, not a bound."""
    rows = reach.survey_facts(facts, survey, where="trust_by_country")
    rows = rows[~rows["qualifier"].isin(reach.BOUNDS)].copy()
    if rows.empty:
        raise LookupError(f"facts: no trust_in_ai value (only bounds) from {survey!r}")
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
    """China-stack share of AI users by year: the region's median and 80% band in China's
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
    ax.set_xlabel("China-stack share of AI users (%): marker median, bar 80% interval")
    ax.grid(axis="y", visible=False)
    return fig


def show_trust(trust: pd.DataFrame, region: str, facts: pd.DataFrame, survey: str = reach.BAROMETER) -> None:
    """The executive brief's trust chart (a trust_by_country table) with its headline, alt text, source
    note and data."""
    countries = trust[~trust["is_aggregate"]]
    top, bottom = countries.iloc[0], countries.iloc[-1]
    everywhere = region == regions.GLOBAL
    fig = trust_chart(
        trust,
        region,
        title=f"Trust in AI is highest in {fmt.country(top['country'])} and lowest in "
        f"{fmt.country(bottom['country'])}",
        subtitle=f"Share of respondents who trust AI, {survey}; US and China in their bloc colours"
        + ("" if everywhere else f"; ◆ = {region}"),
    )
    record.show_figure(
        fig,
        alt=f"Bar chart of trust in AI by country in the {survey}: "
        + ", ".join(f"{r.country} {r.value:.0f}%" for r in countries.itertuples())
        + (
            "."
            if everywhere
            else f". Countries in {region}: "
            + (", ".join(countries.loc[countries["in_region"], "country"]) or "none")
            + "."
        ),
        source_note=provenance.source_note(facts=facts[facts["fact_id"].isin(trust["fact_id"])]),
        data=trust[["country", "value", "unit", "as_of", "primary_source", "fact_id", "in_region"]],
        columns={**TRUST_COLUMNS, "in_region": f"whether the country lies in {region}"},
    )


def show_scenario(view: RegionView, *, draws: int, seed: int) -> None:
    """The executive brief's scenario chart: every region's horizon range (Global) or the region's path,
    with its headline, alt text, source note and the Monte Carlo quantiles behind it."""
    start_year, end_year = view.scenario_years
    paths, region = view.scenario_paths, view.region
    end = paths[paths["year"] == end_year]
    if region == regions.GLOBAL:
        ends = end.set_index("region")["share_china_median"]
        fig = scenario_ranges_chart(
            end,
            title=f"Under the status quo, China's stack reaches {fmt.percent(100 * ends.min())} to "
            f"{fmt.percent(100 * ends.max())} of adopters by {end_year}",
            subtitle=f"Share of AI users on a primarily Chinese stack in {end_year}, "
            f"by region; status quo, {draws:,} draws · illustrative, not a forecast",
        )
        alt = (
            f"Dot-and-bar chart of the Chinese-stack share of AI users in {end_year} for each "
            f"of the {paths['region'].nunique()} regions, median and 80% interval: "
            + "; ".join(
                f"{r.region} {fmt.percent(100 * r.share_china_median)} "
                f"({fmt.percent(100 * r.share_china_p10)} to {fmt.percent(100 * r.share_china_p90)})"
                for r in end.sort_values("share_china_median", ascending=False).itertuples()
            )
            + "."
        )
    else:
        fig = scenario_chart(
            paths,
            region,
            title=f"{region}: China's stack at a median {fmt.percent(100 * view.scenario_median)} of "
            f"adopters by {end_year}",
            subtitle=f"Share of AI users on a primarily Chinese stack, status quo, "
            f"{draws:,} draws; line: median, band: 80% interval · illustrative, not a forecast",
        )
        alt = (
            f"Line and band of the Chinese-stack share of AI users in {region} from "
            f"{start_year} to {end_year}: from the global starting assumption of "
            f"{fmt.percent(100 * view.scenario_start)} in {start_year} to a median "
            f"{fmt.percent(100 * view.scenario_median)} in {end_year} (80% interval "
            f"{fmt.percent(100 * view.scenario_p10)} to {fmt.percent(100 * view.scenario_p90)}); "
            "other regions' medians in grey."
        )
    record.show_figure(
        fig,
        alt=alt,
        source_note=f"Model: the project's illustrative scenario model, status quo, {draws:,} draws "
        f"(seed {seed}); assumptions in data/raw/scenario_assumptions.csv. "
        + provenance.source_note([reach.CLOUD_TABLE, *SCENARIO_TABLES]),
        data=paths,
        columns=SCENARIO_COLUMNS,
    )
