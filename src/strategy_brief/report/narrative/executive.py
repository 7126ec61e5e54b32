"""The executive brief's sentences and recorded key figures, from the scorecard and a region view
(`analysis.findings`). The brief runs the status-quo scenario (it has no scenario parameter)."""

# Reader-facing sentences read better unbroken than wrapped mid-clause.
# ruff: noqa: E501

from __future__ import annotations

import math

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.findings import CLOUD_TABLE, RegionView, Score, leads
from strategy_brief.analysis.indicators import usage
from strategy_brief.curated import regions
from strategy_brief.curated.classify import CN, US
from strategy_brief.report.narrative import findings as findings_text
from strategy_brief.report.narrative.findings import month, trust_in

# Closing points of every brief's data-gap list, whatever the region.
STANDING_GAPS = [
    "Trust comes from one survey wave and a handful of countries per region: an indication, not a regional estimate.",
    "No public dataset says which origin of model each country's users run (only Claude.ai's use, OpenRouter's top 10 "
    "and DeepSeek's share in a few economies): the scenario starts each region from its observed AI user share, but "
    "its Chinese-stack share from global platform figures, except in Sub-Saharan Africa.",
]


def where(region: str) -> str:
    """'across the 8 world regions' for Global, else 'in <the region>'."""
    return (
        f"across the {len(regions.REPORTING_REGIONS)} world regions"
        if region == regions.GLOBAL
        else f"in {fmt.region(region)}"
    )


def key_figures(scores: list[Score], view: RegionView, edition: str) -> list[dict]:
    """The brief's key figures (record.key_figure's arguments): both sides of every score, the investment
    ratio, the region's cloud share (if either bloc has a cloud region there), the scenario's median at
    the horizon and the region's mean trust (if any country of it is surveyed)."""
    out = [
        {
            "name": f"{s.key}_{'us' if side == US else 'china'}",
            "value": round(value, 4),
            "unit": s.unit,
            "label": f"{s.measure}, {side}",
            "as_of": s.as_of,
            "source": s.source,
        }
        for s in scores
        for side, value in ((US, s.us), (CN, s.china))
    ]
    money = {s.key: s for s in scores}["private_investment"]
    out.append(
        {
            "name": "us_china_investment_ratio",
            "value": round(money.ratio, 2),
            "unit": "ratio",
            "label": "US ÷ China private AI investment",
            "as_of": money.as_of,
            "source": money.source,
        }
    )
    if view.cloud_us + view.cloud_china:  # a region with neither bloc's clouds has no share to record
        out.append(
            {
                "name": "china_cloud_share_region",
                "value": round(view.china_cloud_share, 3),
                "unit": "share of US and Chinese cloud regions",
                "label": f"Chinese providers' share of US and Chinese cloud regions, {view.region}",
                "as_of": view.cloud_as_of,
                "source": CLOUD_TABLE,
            }
        )
    out.append(
        {
            "name": "china_stack_share_horizon_median",
            "value": round(view.scenario_median, 4),
            "unit": "share of AI users",
            "label": f"Chinese-stack share of AI users, {view.scenario_years[1]} median, {view.region} (illustrative)",
            "as_of": edition,
            "source": "scenario_assumptions.csv; scenarios.yml; strategy_brief.analysis.scenario",
        }
    )
    if not math.isnan(view.trust_mean):  # the region has surveyed countries
        out.append(
            {
                "name": "trust_region_mean",
                "value": round(view.trust_mean, 1),
                "unit": "percent",
                "label": f"Trust in AI, mean of surveyed countries, {view.region}",
                "as_of": view.trust_as_of,
                "source": view.trust_survey,
            }
        )
    here = view.adoption
    if len(here):
        here = here[here["world_region"] == view.region].sort_values("period_end")
    if len(here):  # the newest AI user share of the region (Global: of the world), for "what changed"
        last = here.iloc[-1]
        out.append(
            {
                "name": "ai_user_share_region_median",
                "value": round(float(last["median_user_share"]), 4),
                "unit": "share of working-age population",
                "label": f"AI user share, median of economies, {view.region}, {last['period']}",
                "as_of": str(last["period_end"]),
                "source": usage.USER_SHARE,
            }
        )
    out.extend(findings_text.newer_key_figures(scores))  # e.g. China's newer robot share
    return out


def scorecard_intro(scores: list[Score]) -> str:
    """How to read the scorecard, and which side leads on which dimensions."""
    us_leads, china_leads = leads(scores)
    return (
        "Each line compares the United States and China on one measure, with the newest data of its source; the last "
        "column says which side the measure favours. The comparison is global: it is the same in every regional edition. "
        f"The United States leads on {fmt.listed(us_leads, empty='none of them')}; China on {fmt.listed(china_leads, empty='none of them')}."
    )


def reach_heading(region: str) -> str:
    """The heading of the region's reach section (Markdown)."""
    return (
        f"## What it means for {fmt.region(region)}"
        if region != regions.GLOBAL
        else "## Where the two stacks reach"
    )


def reach(view: RegionView) -> str:
    """The region's cloud regions of each bloc, and trust in AI there against the US and China."""
    here = where(view.region)
    cloud_text = (
        f"In the {month(view.cloud_as_of)} map of public-cloud regions, US providers run {fmt.number(view.cloud_us, 0)} "
        f"and Chinese providers {fmt.number(view.cloud_china, 0)} regions {here} "
        f"({findings_text.cloud_share(view)} Chinese)."
        if view.cloud_us + view.cloud_china
        else f"Neither US nor Chinese providers list a public-cloud region {here} in the {month(view.cloud_as_of)} map."
    )
    if view.region == regions.GLOBAL:
        trust_text = (
            f"Trust in AI ({view.trust_survey}) ranges from {fmt.percent(view.trust['trust_pct'].min())} to "
            f"{fmt.percent(view.trust['trust_pct'].max())} across the {len(view.trust)} countries with an exact figure; "
            f"{fmt.percent(view.trust_china)} in China against {fmt.percent(view.trust_us)} in the United States."
        )
    elif view.trust.empty:
        trust_text = ""
    else:
        trust_text = (
            f"Trust in AI ({view.trust_survey}) is {trust_in(view)}, against {fmt.percent(view.trust_us)} "
            f"in the United States and {fmt.percent(view.trust_china)} in China."
        )
    return f"{cloud_text} {trust_text}"


def no_trust(view: RegionView) -> str:
    """The data gap of a region with no surveyed country in either survey; '' otherwise."""
    if view.region == regions.GLOBAL or not view.trust.empty or not view.undp.empty:
        return ""
    return (
        f"No country of {fmt.region(view.region)} has a figure in the {view.trust_survey} or the UNDP survey; this "
        "brief cannot say how far the region trusts AI, and the scenario below uses the survey-wide value for it. "
        "A trust survey covering the region's countries would fill this gap."
    )


def undp_trust(view: RegionView) -> str:
    """The UNDP survey's confidence in AI for the region's countries, on its own scale; '' when none."""
    if view.undp.empty or view.region == regions.GLOBAL:
        return ""
    listed = fmt.listed(
        f"{fmt.share(r.confident)} in {fmt.country(r.country)}" for r in view.undp.itertuples()
    )
    edelman = (
        " It asks a different question of a different sample from Edelman's, so the two are not compared."
        if not view.trust.empty
        else f" No country of the region is in the {view.trust_survey}, so this is the region's only trust figure."
    )
    return (
        f"In the UNDP Human Development Report 2025 survey (a third-party transcription), the share very or "
        f"somewhat confident in AI systems is {listed}.{edelman}"
    )


def adoption(view: RegionView) -> str:
    """Who uses AI in the region: its AI user share against the world, a US closed product's reach, the
    developer base and its ties, and the compute hosted there."""
    rows = view.adoption.sort_values("period_end")
    if rows.empty:
        return ""
    here = rows[rows["world_region"] == view.region]
    world = rows[rows["world_region"] == regions.GLOBAL]
    first, last = here.iloc[0], here.iloc[-1]
    text = (
        f"In {last['period']} a median {fmt.share(last['median_user_share'], 1)} of working-age people "
        f"{where(view.region)} used generative AI ({int(last['estimates'])} estimates, a pooled series once), "
        f"{fmt.points_change(100 * (last['median_user_share'] - first['median_user_share']), 1)} since "
        f"{first['period']} (Microsoft AI Diffusion Report)"
    )
    if view.region != regions.GLOBAL and len(world):
        text += f", against {fmt.share(world.iloc[-1]['median_user_share'], 1)} worldwide"
    text += "."
    counts = view.reach_counts
    listed = sum(n for k, n in counts.items() if k != usage.NOT_LISTED)
    if counts:
        text += (
            f" Claude.ai, a US closed product, is listed in {listed} of its {sum(counts.values())} economies; it "
            f"reaches fewer users than overall AI use suggests in {counts.get(usage.UNDER_REACH, 0)} and more in "
            f"{counts.get(usage.OVER_REACH, 0)} (absence from the list means not offered or not reported, not zero)."
        )
    d = view.developers
    if d is not None:
        text += (
            f" GitHub counts {fmt.number(d['developers'] / 1e6, 1)} million developers here "
            f"({fmt.share(d['share_of_global'])} of the world's), {fmt.percent(100 * d['growth'])} more than a year earlier."
        )
    c = view.collaboration
    if c is not None and pd.notna(c["china_share_of_ties"]) and view.region != regions.GLOBAL:
        text += (
            f" Of their collaboration with the US and China together, China (mainland, Hong Kong, Macao) holds "
            f"{fmt.share(c['china_share_of_ties'], 1)} (a share of activity, not of people)."
        )
    return text


def compute(view: RegionView) -> str:
    """GPU clusters hosted in the region by owner bloc, with the source's caveat."""
    c = view.compute
    if c is None or not c["clusters"]:
        return f"Epoch lists no existing GPU cluster {where(view.region)}: AI compute for the region is hosted elsewhere."
    return (
        f"Epoch lists {int(c['clusters'])} existing GPU clusters {where(view.region)}: {int(c['us_owned'])} US-owned, "
        f"{int(c['china_owned'])} Chinese-owned ({fmt.number(c['china_owned_cloud_openings'], 0)} of them Alibaba Cloud "
        f"openings, not supercomputers), {int(c['other_owned'])} of other owners and {int(c['owner_unknown'])} whose "
        "owner is not stated (Epoch does not name Chinese owners)."
    )


def scenario(view: RegionView) -> str:
    """The illustrative status-quo scenario's median share and interval at the horizon, for the region."""
    end_year = view.scenario_years[1]
    return (
        f"**Illustrative scenario, not a forecast.** If today's prices, openness, capability gap, trust and cloud footprint held "
        f"(the status quo), the scenario model puts a median {fmt.percent(100 * view.scenario_median)} of AI users "
        f"{where(view.region)} on a primarily Chinese model stack by {end_year}"
        + (", regional bounds averaged" if view.region == regions.GLOBAL else "")
        + f" (80% interval {fmt.percent(100 * view.scenario_p10)} to {fmt.percent(100 * view.scenario_p90)}), "
        f"{starting(view)}. The full report's scenario section lists every assumption and its source."
    )


def starting(view: RegionView) -> str:
    """The share the scenario starts from, said to be the region's own figure or the global one, so that a
    regional brief never reads a global assumption as the region's observed share."""
    start = f"{fmt.percent(100 * view.scenario_start)} in {view.scenario_years[0]}"
    if view.region == regions.GLOBAL:
        return (
            f"against {start} (the regions' mean; the Chinese stack's starting share is one global figure "
            "except where a region has its own)"
        )
    if view.scenario_start_regional:
        return f"against {start}, the region's own starting share (see the full report's assumptions)"
    return (
        f"against the global starting share of {start} (no figure of the region's own for the Chinese "
        "stack: the region starts from the global one)"
    )


def gaps_heading(region: str) -> str:
    """The heading of the data-gaps list (Markdown)."""
    return f"## Data gaps for {fmt.region(region)}" if region != regions.GLOBAL else "## Data gaps"


def gaps(view: RegionView) -> list[str]:
    """The region's data gaps as sentences, then the gaps every brief shares."""
    own = view.gaps or ["none in the reach and trust data"]
    return [f"{g[0].upper() + g[1:]}." for g in own] + STANDING_GAPS


ABOUT = (
    "The full report, built from the same data in the same edition, has the charts, methods and claims ledger behind every "
    "line of this brief. Figures come from public datasets kept as dated snapshots and from curated facts, each with its source "
    "page and a verbatim quote (data/raw/facts.csv)."
)
