"""The sentences of the reach-and-trust section, computed from an `indicators.reach.ReachTrust`."""

# Reader-facing sentences read better unbroken than wrapped mid-clause.
# ruff: noqa: E501

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators import reach
from strategy_brief.analysis.indicators.reach import ReachTrust
from strategy_brief.curated import regions
from strategy_brief.curated.classify import CN, US
from strategy_brief.report.narrative.findings import month


def counted(rt: ReachTrust) -> str:
    """What the cloud counts count: 'regions in service' or 'listed regions'."""
    return "regions in service" if rt.in_service_only else "listed regions"


def share_interval(row: pd.Series, *, inside: bool = False) -> str:
    """China's share of a cloud_presence row with its 95% Wilson interval: '24% (95% interval 19–29%)',
    or '24%; 95% interval 19–29%' `inside` brackets."""
    if pd.isna(row["china_share"]):
        return "no share: neither bloc has a region there"
    interval = (
        f"95% interval {fmt.number(100 * row['china_share_low'], 0)}–{fmt.share(row['china_share_high'])}"
    )
    return (
        f"{fmt.share(row['china_share'])}; {interval}"
        if inside
        else f"{fmt.share(row['china_share'])} ({interval})"
    )


def group_figures(rt: ReachTrust, group: str) -> str:
    """Each exact figure of a trust group, highest first: '77% in India and 76% in Nigeria'."""
    rows = rt.trust[(rt.trust["group"] == group) & rt.trust["in_mean"]]
    rows = rows.sort_values(["trust_pct", "country"], ascending=[False, True])
    return fmt.listed(f"{fmt.percent(r.trust_pct)} in {fmt.country(r.country)}" for r in rows.itertuples())


def per_side(rt: ReachTrust) -> str:
    """How many countries each trust mean rests on: '2 countries per side' or '3 Global South and 2 Western'."""
    south, west = int(rt.south["countries"]), int(rt.west["countries"])
    if south == west:
        return f"{south} {'country' if south == 1 else 'countries'} per side"
    return f"{south} Global South and {west} Western {'country' if west == 1 else 'countries'}"


def trust_comparison(rt: ReachTrust) -> str:
    """Trust in the Global South against the West: country by country, and called an indication, when
    either mean rests on fewer than reach.FEW_COUNTRIES countries; else the two means and their gap."""
    south, west = rt.south["mean_trust_pct"], rt.west["mean_trust_pct"]
    if not rt.trust_gap_is_indication:
        return (
            f"trust in AI averages {fmt.percent(south, 1)} in the Global South against "
            f"{fmt.percent(west, 1)} in the West, {fmt.points(rt.trust_gap, 1)} apart"
        )
    low, high = rt.trust_gap_range
    return (
        f"trust in AI is {group_figures(rt, reach.GLOBAL_SOUTH)} (Global South) against "
        f"{group_figures(rt, reach.WEST)} (West): means of {fmt.percent(south, 1)} and {fmt.percent(west, 1)}, "
        f"{fmt.points(rt.trust_gap, 1)} apart, and {fmt.number(low, 0)} to {fmt.number(high, 0)} points country "
        f"by country. With {per_side(rt)}, this is an indication, not an established gap"
    )


def where(region: str) -> str:
    """'worldwide' for Global, else 'in <region>'."""
    return "worldwide" if region == regions.GLOBAL else f"in {region}"


def key_finding(rt: ReachTrust) -> str:
    """The section's key finding: China's share of the two blocs' cloud regions with its interval, and
    trust in AI in the Global South against the West (country by country where the means are thin)."""
    here = rt.here
    return (
        f"Chinese providers run {fmt.number(here['china_regions'], 0)} of the "
        f"{fmt.number(here['us_regions'] + here['china_regions'], 0)} US and Chinese public-cloud regions "
        f"{'in service' if rt.in_service_only else 'listed'} {where(rt.region)} ({share_interval(here, inside=True)}); "
        f"{trust_comparison(rt)}. China is at {fmt.percent(rt.china_trust)} ({reach.BAROMETER})."
    )


def key_figures(rt: ReachTrust, snapshot: str) -> list[dict]:
    """The section's key figures (record.key_figure's arguments): China's cloud share, the trust gap."""
    in_mean = rt.trust.loc[rt.trust["in_mean"], "fact_id"]
    return [
        {
            "name": "china_cloud_share_region",
            "value": round(float(rt.here["china_share"]), 3),
            "unit": "share of US and Chinese cloud regions",
            "label": f"Chinese providers' share of US and Chinese cloud regions ({counted(rt)}), {rt.region}",
            "as_of": snapshot,
            "source": reach.CLOUD_TABLE,
        },
        {
            "name": "trust_gap_global_south_minus_west",
            "value": round(rt.trust_gap, 1),
            "unit": "percentage points",
            "label": "Trust in AI, Global South mean minus West mean"
            + (f" ({per_side(rt)}: an indication)" if rt.trust_gap_is_indication else ""),
            "as_of": rt.wave,
            "source": f"{reach.BAROMETER}: " + ", ".join(sorted(in_mean)),
        },
    ]


def cloud(rt: ReachTrust) -> str:
    """Where the two blocs' clouds run, at home and abroad, counted both ways, and by which providers."""
    here, world, ranked, region = rt.here, rt.world, rt.ranked, rt.region
    top, bottom = ranked.iloc[-1], ranked.iloc[0]
    if region == regions.GLOBAL:
        opening = (
            f"Worldwide, US providers run {fmt.number(world['us_regions'], 0)} cloud regions in "
            f"{world['us_countries']} countries and Chinese providers {fmt.number(world['china_regions'], 0)} in "
            f"{world['china_countries']}: China's share is {share_interval(world)}, highest in "
            f"{top['world_region']} ({share_interval(top, inside=True)}) and lowest in {bottom['world_region']} "
            f"({share_interval(bottom, inside=True)})."
        )
    else:
        opening = (
            f"In {region}, US providers run {fmt.number(here['us_regions'], 0)} cloud regions in {here['us_countries']} "
            f"{'country' if here['us_countries'] == 1 else 'countries'} and Chinese providers "
            f"{fmt.number(here['china_regions'], 0)} in {here['china_countries']}: China's share is "
            f"{share_interval(here)}, against {fmt.share(world['china_share'])} worldwide."
        )
    abroad, other = rt.abroad.loc[region], rt.other_count.loc[region]
    return (
        f"{opening} Leaving out each provider's regions at home (for Chinese providers: mainland China, Hong Kong "
        f"and Macao), China's share {where(region)} is {share_interval(abroad)} "
        f"({fmt.number(abroad['china_regions'], 0)} Chinese against "
        f"{fmt.number(abroad['us_regions'], 0)} US regions). Counting "
        f"{'every listed region, announced ones too,' if rt.in_service_only else 'only regions in service'} "
        f"instead gives {share_interval(other)} ({fmt.number(other['china_regions'], 0)} Chinese against "
        f"{fmt.number(other['us_regions'], 0)} US regions). The providers counted are, for the United "
        f"States, {', '.join(rt.providers[US])}; for China, {', '.join(rt.providers[CN])}."
    )


def cloud_caveats(snapshot: str) -> str:
    """What one snapshot of the cloud map can and cannot say."""
    return (
        f"**Caveats.** This is a single snapshot of the cloud map ({month(snapshot)}). The map gives no opening dates, so "
        "it shows where the two blocs' clouds stand, not how fast either is expanding. A region is a provider's region "
        "as the map lists it, told apart by its code or, where the map gives none (announced regions, mostly), by its "
        "name; a listed region is in service or announced, and this brief counts every listed region unless it says "
        "in service. A region is counted once whatever its size, so the counts measure presence, not capacity. The "
        "95% intervals (Wilson) show how little a share resting on few regions pins down; they are widest where a "
        "world region has few. The map's source states no licence: the brief publishes counts only, never its rows."
    )


def trust_means(rt: ReachTrust) -> str:
    """Which countries the group means rest on, which bounds are left out, and the one-wave caveat."""
    south_names, west_names = (
        fmt.listed(g["in_mean_countries"].split("; "), empty="none") for g in (rt.south, rt.west)
    )
    left_out = rt.trust[rt.trust["group"].notna() & ~rt.trust["in_mean"]]
    south_range, west_range = (
        f"{fmt.percent(g['min_trust_pct'])} to {fmt.percent(g['max_trust_pct'])}" for g in (rt.south, rt.west)
    )
    return (
        f"The Global South mean rests on {rt.south['countries']} countries ({south_names}: {south_range}), the "
        f"West's on {rt.west['countries']} ({west_names}: {west_range}); China, one of the two sides compared, "
        f"is shown on its own at {fmt.percent(rt.china_trust)}. "
        + (
            "Left out of the means because the survey gives only a bound: "
            + "; ".join(
                f"{r.country} ({fmt.fact_value(r.trust_pct, 'percent', r.qualifier)}, "
                f"fact {r.fact_id}: {r.actor})"
                for r in left_out.itertuples()
            )
            + ". "
            if not left_out.empty
            else ""
        )
        + f"**Caveat.** This is one survey wave ({rt.wave}) with a handful of countries: the group means are "
        "indications, not regional estimates"
        + (
            f", and with {per_side(rt)} the gap between them is not established."
            if rt.trust_gap_is_indication
            else "."
        )
    )


def has_trust(rt: ReachTrust) -> bool:
    """Whether the section can narrate trust for its region (Global always can): else no_trust's gap."""
    return rt.region == regions.GLOBAL or bool(rt.coverage.loc[rt.region, "has_trust"])


def region_trust(rt: ReachTrust) -> str:
    """Global: how many world regions have a trust figure; a region: its surveyed countries."""
    coverage, region = rt.coverage, rt.region
    if region == regions.GLOBAL:
        return (
            f"{coverage.drop(index=regions.GLOBAL)['has_trust'].sum()} of the {len(regions.REPORTING_REGIONS)} world regions "
            "have at least one exact trust figure; "
            + ", ".join(coverage.index[~coverage["has_trust"]])
            + " have none (Table 2)."
        )
    cov = coverage.loc[region]
    countries = reach.trust_countries(rt.trust, region)
    in_region = countries[countries["in_region"]]
    return (
        f"In {region}, the survey covers "
        + "; ".join(
            f"{fmt.country(r.country)} ({fmt.fact_value(r.trust_pct, 'percent', r.qualifier)}, "
            f"{'counted on its own' if r.group == reach.CHINA else r.group}"
            + ("" if r.in_mean else ", a bound left out of the mean")
            + ")"
            for r in in_region.itertuples()
        )
        + f": {cov['trust_countries']} exact {'figure' if cov['trust_countries'] == 1 else 'figures'} for the "
        "whole region, an indication rather than a regional estimate."
        + (
            " Apart from China itself, no country of the region has a figure."
            if in_region["group"].eq(reach.CHINA).any() and in_region["group"].ne(reach.CHINA).sum() == 0
            else ""
        )
    )


def no_trust(rt: ReachTrust) -> str:
    """The data gap of a region without an exact Barometer figure, naming any flash-poll figure instead."""
    cov, region = rt.coverage.loc[rt.region], rt.region
    bounded = (
        f" ({cov['trust_bounded']} {'country' if cov['trust_bounded'] == 1 else 'countries'} only as a bound)"
        if cov["trust_bounded"]
        else ""
    )
    elsewhere = rt.flash[rt.flash["world_region"] == region]
    return (
        f"No country in {region} has an exact trust figure in the "
        f"{reach.BAROMETER}{bounded}, so this brief cannot say how far the region trusts AI, nor whether it sits "
        "nearer the Global South or the West mean."
        + (
            ""
            if elsewhere.empty
            else f" The separate {reach.FLASH_POLL} has "
            + ", ".join(f"{r.country} ({fmt.percent(r.trust_pct)})" for r in elsewhere.itertuples())
            + ": shown in Table 1, not merged into the means."
        )
    )


def no_cloud(rt: ReachTrust) -> str:
    """The data gap of a region where the cloud map lists neither bloc's regions; '' if it lists some
    (and for Global)."""
    if rt.region == regions.GLOBAL or rt.coverage.loc[rt.region, "has_cloud"]:
        return ""
    return f"The cloud map lists no US or Chinese cloud region in {rt.region} ({rt.coverage.loc[rt.region, 'gaps']})."


def flash(rt: ReachTrust, facts: pd.DataFrame) -> str:
    """The flash poll beside the Barometer: where the two disagree, and what it adds for the region."""
    conflicting = facts[facts["fact_id"].isin(rt.flash["fact_id"]) & (facts["conflicts_with"] != "")]
    region, poll = rt.region, rt.flash
    return (
        f"A later {reach.FLASH_POLL} ({rt.flash_wave}, {len(poll[poll['group'].notna()])} markets) gives other "
        "figures for some of the same countries: "
        + "; ".join(
            f"{r.country} {fmt.percent(r.value)} against {fmt.percent(facts.loc[facts['fact_id'] == r.conflicts_with, 'value'].iloc[0])} "
            f"in the Barometer"
            for r in conflicting.itertuples()
        )
        + ". It is a different survey, with fewer markets and at another date, so its figures are shown beside the "
        "Barometer's and never mixed into the group means above."
        + (
            ""
            if region == regions.GLOBAL or not poll["world_region"].eq(region).any()
            else f" For {region} it has "
            + ", ".join(
                f"{r.country} ({fmt.percent(r.trust_pct)})"
                for r in poll[poll["world_region"] == region].itertuples()
            )
            + f", which the {reach.BAROMETER} does not cover; one country in one poll is not a regional figure."
        )
    )
