"""The sentences of the reach-and-trust section, computed from an `indicators.reach.ReachTrust`."""

# Reader-facing sentences read better unbroken than wrapped mid-clause.
# ruff: noqa: E501

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators import reach, trust
from strategy_brief.analysis.indicators.reach import ReachTrust
from strategy_brief.curated import regions
from strategy_brief.curated.classify import CN, US
from strategy_brief.report.narrative.findings import month
from strategy_brief.report.narrative.infrastructure import FILLED_BY


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
        "it shows where the two blocs' clouds stand, not how fast either is expanding (the next part dates the openings "
        "of US providers and Alibaba Cloud from other sources). A region is a provider's region "
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


def region_trust(rt: ReachTrust) -> str:
    """A region's countries in the Barometer (exact figures and bounds): what its trust figure rests on."""
    coverage, region = rt.coverage, rt.region
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


def _confident(rows: pd.DataFrame) -> str:
    """'Egypt 73% and Tunisia 69%': the UNDP transcription's share confident in AI, highest first."""
    return fmt.listed(
        f"{fmt.country(r.country)} {fmt.share(getattr(r, trust.CONFIDENT))}" for r in rows.itertuples()
    )


def trust_sources(rt: ReachTrust, undp: trust.UndpTrust) -> str:
    """Which trust source stands for which region (trust.trust_source_coverage decides: the Barometer where
    it has an exact figure, else the UNDP transcription, else none). Global: the regions each source
    covers; a region: its Barometer figures, or its UNDP countries when the Barometer has none."""
    coverage = undp.coverage
    if rt.region == regions.GLOBAL:
        own = coverage.drop(index=regions.GLOBAL)
        edelman = own.index[own["source_for_region"] == trust.EDELMAN]
        undp_only = own[own["source_for_region"] == trust.UNDP]
        none = own.index[own["source_for_region"] == trust.NO_SOURCE]
        text = (
            f"{len(edelman)} of the {len(own)} world regions have at least one exact trust figure in the "
            f"{reach.BAROMETER} ({fmt.listed(fmt.region(r) for r in edelman)}). The {trust.UNDP} covers "
            f"{int(coverage.loc[regions.GLOBAL, 'undp_countries'])} countries"
        )
        if len(undp_only):
            text += " and is the only trust source for " + fmt.listed(
                f"{fmt.region(r)} ({row['undp_listed']})" for r, row in undp_only.iterrows()
            )
        text += (
            ". Each region's brief shows the Barometer where it has a country, else the UNDP transcription, "
            "named as such; the two are never averaged, and no figure of one is set against the other's."
        )
        if len(none):
            text += f" No survey covers {fmt.listed(fmt.region(r) for r in none)}."
        return text
    chosen = coverage.loc[rt.region, "source_for_region"]
    here = undp.by_country[undp.by_country["world_region"] == rt.region]
    if chosen == trust.EDELMAN:
        return region_trust(rt) + (
            f" The {trust.UNDP} also covers {_confident(here)} confident in AI systems: another question "
            "and scale, shown below, not merged."
            if len(here)
            else ""
        )
    if chosen == trust.UNDP:
        return (
            f"No country of {rt.region} has an exact figure in the {reach.BAROMETER}; the {trust.UNDP} covers "
            f"{_confident(here)} (share very or somewhat confident in AI systems). This region's briefs show "
            "these figures, on their own scale, never as Barometer figures."
        )
    return ""


def trust_gap(rt: ReachTrust, undp: trust.UndpTrust) -> str:
    """The data gap of a region no trust survey covers, with the source that would fill it; '' elsewhere
    (Global's gaps are in the coverage box)."""
    if rt.region == regions.GLOBAL or undp.coverage.loc[rt.region, "source_for_region"] != trust.NO_SOURCE:
        return ""
    cov = rt.coverage.loc[rt.region]
    bounded = (
        f" ({cov['trust_bounded']} {'country' if cov['trust_bounded'] == 1 else 'countries'} only as a bound)"
        if cov["trust_bounded"]
        else ""
    )
    return (
        f"No country in {rt.region} has an exact trust figure in the {reach.BAROMETER}{bounded}, and the "
        f"{trust.UNDP} covers none, so this brief cannot say how far the region trusts AI. What would fill it: "
        f"{FILLED_BY['trust']}."
    )


def no_undp() -> str:
    """The data gap when the UNDP transcription has no rows."""
    return (
        f"The {trust.UNDP} has no figure in this edition: confidence in AI systems cannot be shown. "
        f"What would fill it: {FILLED_BY['trust']}."
    )


def undp(undp: trust.UndpTrust) -> str:
    """The UNDP transcription on its own: what it asks, its range and regional medians (an indication under
    reach.FEW_COUNTRIES countries), and why it is never mixed with Edelman's figures."""
    by_country, by_region = undp.by_country, undp.by_region.drop(index=regions.GLOBAL)
    top, bottom = by_country.iloc[0], by_country.iloc[-1]
    world = undp.by_region.loc[regions.GLOBAL]
    covered = by_region[by_region["undp_countries"] > 0]
    return (
        f"The {trust.UNDP} asks how confident people are in AI systems: another question, population and "
        f"scale than the Barometer's 'trust AI', so its shares stand on their own, never averaged with "
        f"Edelman's figures nor compared point for point. Across its {int(world['undp_countries'])} countries, "
        f"the share very or somewhat confident runs from {fmt.share(bottom[trust.CONFIDENT])} in "
        f"{fmt.country(bottom['country'])} to {fmt.share(top[trust.CONFIDENT])} in {fmt.country(top['country'])} "
        f"(median {fmt.share(world['median_confident'])}). By region, the median of its countries: "
        + "; ".join(
            f"{fmt.region(r)} {fmt.share(row['median_confident'])} ({int(row['undp_countries'])} "
            f"{'country' if row['undp_countries'] == 1 else 'countries'})"
            for r, row in covered.iterrows()
        )
        + f". A median of fewer than {reach.FEW_COUNTRIES} countries is an indication, not a regional estimate"
        + (
            f", and {len(covered[covered['indication']])} of these {len(covered)} are."
            if covered["indication"].any()
            else "."
        )
        + " The figures come from a third-party transcription of the survey's published results, not from "
        "UNDP's own data files."
    )


def no_cloud(rt: ReachTrust) -> str:
    """The data gap of a region where the cloud map lists neither bloc's regions; '' if it lists some
    (and for Global)."""
    if rt.region == regions.GLOBAL or rt.coverage.loc[rt.region, "has_cloud"]:
        return ""
    return (
        f"The cloud map lists no US or Chinese cloud region in {rt.region} ({rt.coverage.loc[rt.region, 'gaps']}). "
        f"What would fill it: {FILLED_BY['cloud_map']}."
    )


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
