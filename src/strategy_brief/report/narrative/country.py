"""The sentences of a country brief, from an analysis.countries.CountryView: the country against its
region and the world, whose clouds and compute serve it, its trust figures, DeepSeek facts, its region's
scenario line and its data gaps. A missing measure is said to be missing, never filled in."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.countries import CountryView
from strategy_brief.analysis.indicators import usage
from strategy_brief.analysis.scenario import LABEL
from strategy_brief.curated import regions

UNDP_LABEL = "UNDP Human Development Report 2025 survey (a third-party transcription)"


def _name(v: CountryView) -> str:
    return fmt.country(v.country)


def _region_row(v: CountryView, region: str, period: str) -> pd.Series | None:
    rows = v.adoption_region[
        (v.adoption_region["world_region"] == region) & (v.adoption_region["period"] == period)
    ]
    return rows.iloc[0] if len(rows) else None


def adoption(v: CountryView) -> str:
    """The country's AI user share, its trend, and the medians of its region and the world."""
    if v.adoption.empty:
        return (
            f"Microsoft's AI Diffusion Report gives no AI user share for {_name(v)}, so its use of AI "
            "cannot be set against its region's or the world's."
        )
    first, last = v.adoption.iloc[0], v.adoption.iloc[-1]
    region, world = _region_row(v, v.region, last["period"]), _region_row(v, regions.GLOBAL, last["period"])
    subject = f"{_name(v)}'s pool" if last["pooled"] else _name(v)
    text = (
        f"In {last['period']}, {fmt.share(last['user_share'], 1)} of the working-age population of "
        f"{subject} used a generative-AI product"
    )
    if len(v.adoption) > 1:
        change = 100 * (last["user_share"] - first["user_share"])
        text += f", {fmt.points_change(change, 1)} since {first['period']}"
    compare = []
    if region is not None:
        compare.append(
            f"a median {fmt.share(region['median_user_share'], 1)} in {fmt.region(v.region)} "
            f"({int(region['estimates'])} estimates)"
        )
    if world is not None:
        compare.append(f"{fmt.share(world['median_user_share'], 1)} worldwide")
    if compare:
        text += f", against {' and '.join(compare)}"
    text += "."
    if not last["pooled"]:
        text += (
            f" It ranks {fmt.ordinal(int(last['rank_in_region']))} of {int(last['estimates_in_region'])} "
            f"estimates in its region."
        )
    else:
        text += (
            f" **Not {_name(v)}'s own estimate:** Microsoft reports one series for a regional pool of "
            "economies that includes it, so the figure describes the pool, not the country."
        )
    return text


def us_reach(v: CountryView) -> str:
    """Claude.ai's use per head beside all AI use: a US closed product's reach."""
    r = v.reach
    if r is None or r["status"] == usage.NOT_LISTED:
        return (
            f"Anthropic's Economic Index does not list {_name(v)}: Claude.ai is not offered there, or its "
            "use "
            "was not reported. That is not zero use, and no reach can be computed."
        )
    month = pd.Timestamp(r["claude_month"]).strftime("%B %Y")
    text = (
        f"In {month} Claude.ai, a US closed-model product, was used "
        f"{fmt.number(r['usage_per_capita_index'], 2)} "
        f"times as much per working-age person in {_name(v)} as its share of the world's population would "
        "give (Anthropic AI Usage Index). "
    )
    if r["status"] == usage.NO_RATIO:
        return text + "With no measured AI user share, the reach ratio is not defined."
    verdict = {
        usage.UNDER_REACH: "reaches fewer of the country's AI users than its overall AI use suggests",
        usage.OVER_REACH: "reaches more of the country's AI users than its overall AI use suggests",
        usage.IN_LINE: "reaches about as far as the country's overall AI use suggests",
    }[r["status"]]
    return text + (
        f"Set against the country's AI user share, both relative to the median economy, the ratio is "
        f"{fmt.number(r['reach_ratio'], 2)}: the US product {verdict} (under 0.5 counts as under-reach, "
        "over 2 "
        "as over-reach)."
    )


def infrastructure(v: CountryView) -> str:
    """Whose clouds and compute serve the country."""
    p = v.infrastructure
    if p is None:
        return (
            f"No US or Chinese cloud region, Alibaba Cloud opening or GPU cluster is listed in {_name(v)}: "
            "its AI workloads are served from abroad."
        )
    parts = [
        f"US providers list {p['us_regions_map']} cloud region{'s' if p['us_regions_map'] != 1 else ''} in "
        f"{_name(v)} and Chinese providers {p['china_regions_map']}"
        + (f" ({p['china_providers_map']})" if p["china_regions_map"] else "")
        + " (TeleGeography cloud map, January 2025)"
    ]
    if p["us_regions_dated"]:
        first, latest = p["us_first_launch_year"], p["us_latest_launch_year"]
        dated = "region there opened" if p["us_regions_dated"] == 1 else "regions there opened"
        parts.append(
            f"the US providers' dated {dated} in {first}"
            if first == latest
            else f"the US providers' dated {dated} from {first} to {latest}"
        )
    if p["alibaba_openings"]:
        parts.append(
            f"Epoch records {p['alibaba_openings']} Alibaba Cloud "
            f"opening{'s' if p['alibaba_openings'] > 1 else ''}"
            f", the first in {str(p['alibaba_first_opening'])[:4]}"
        )
    clusters = p["clusters_us_owned"] + p["clusters_china_owned"] + p["clusters_other_owned"]
    clusters += p["clusters_owner_unknown"]
    if clusters:
        parts.append(
            f"Epoch lists {clusters} existing GPU cluster{'s' if clusters > 1 else ''} in the country "
            f"({p['clusters_us_owned']} US-owned, {p['clusters_china_owned']} Chinese-owned, "
            f"{p['clusters_other_owned']} of other owners, {p['clusters_owner_unknown']} with no stated "
            "owner)"
        )
    else:
        parts.append("Epoch lists no existing GPU cluster in the country")
    return "; ".join(parts) + ". Huawei and Tencent regions are on the map but no source dates them."


def trust(v: CountryView) -> str:
    """The country's trust figures, each survey on its own scale."""
    out = []
    for row in v.trust_edelman.itertuples():
        out.append(
            f"{fmt.percent(row.value)} of respondents in {_name(v)} trust AI ({row.primary_source}, "
            f"{row.fact_id})"
        )
    if v.trust_undp is not None:
        out.append(
            f"{fmt.share(v.trust_undp['confident'])} are very or somewhat confident in AI systems "
            f"({UNDP_LABEL}; a different question and population, not comparable with Edelman's)"
        )
    if not out:
        return f"No trust-in-AI survey covers {_name(v)}."
    return "; ".join(out) + "."


def developers(v: CountryView) -> str:
    """The developer base and its collaboration ties to the US and to China."""
    d = v.developers
    if d is None or pd.isna(d["developers"]):
        return f"GitHub reports no developer count for {_name(v)}."
    text = f"GitHub counts {_people(d['developers'])} developers in {_name(v)}"
    if pd.notna(d["growth"]):
        text += f" ({fmt.percent(100 * d['growth'])} more than a year earlier)"
    region = v.developers_region[v.developers_region["area"] == v.region]
    if len(region):
        text += (
            f", {fmt.share(d['developers'] / region.iloc[0]['developers'])} of {fmt.region(v.region)}'s "
            f"{fmt.number(region.iloc[0]['developers'] / 1e6, 1)} million"
        )
    text += f" ({pd.Timestamp(d['quarter_end']):%B %Y})."
    t = v.ties
    if t is not None and bool(t["is_side"]):
        return text + " As one of the two sides, its ties to the US and China are not compared."
    if t is None:
        return text + " Its collaboration with other economies is not reported."
    if pd.isna(t["with_us"]) and pd.isna(t["with_china"]):
        return text + " Its collaboration with the US and with China is not reported."
    us = "not reported" if pd.isna(t["with_us"]) else fmt.number(t["with_us"], 0)
    china = "not reported" if pd.isna(t["with_china"]) else fmt.number(t["with_china"], 0)
    text += (
        f" Over the four quarters to {pd.Timestamp(t['period_end']):%B %Y}, its developers' collaboration "
        f"weight with the United States was {us} and with China (mainland, Hong Kong, Macao) {china}"
    )
    if pd.notna(t["china_share_of_ties"]):
        text += (
            f": China holds {fmt.share(t['china_share_of_ties'], 1)} of the two ties (a share of activity, "
            "not of people)"
        )
    return text + "."


def _people(n: float) -> str:
    """'1.57 million' or '52,100': millions only where they read better."""
    return f"{fmt.number(n / 1e6, 2)} million" if n >= 1e6 else fmt.number(round(n, -2), 0)


def deepseek(v: CountryView) -> str | None:
    """DeepSeek facts for the country, else the statements about its region; None when there are none."""
    out = [
        f"DeepSeek's market share in {_name(v)} is {fmt.percent(r.share_pct)} ({r.primary_source}, "
        f"{r.fact_id})"
        for r in v.deepseek.itertuples()
    ]
    for r in v.deepseek_region.itertuples():
        out.append(
            f"Microsoft reports DeepSeek's use in {r.area} at {fmt.number(r.low, 0)} to "
            f"{fmt.number(r.high, 0)} "
            f"times that in other regions ({r.fact_ids}); it gives no figure for {_name(v)} itself"
        )
    return "; ".join(out) + "." if out else None


def scenario(v: CountryView) -> str:
    """The region's scenario line, labelled, with where its start comes from."""
    rows = v.scenario[v.scenario["region"] == v.region].sort_values("year")
    start, end = rows.iloc[0], rows.iloc[-1]
    origin = (
        "a starting share of the region's own"
        if v.scenario_start_regional
        else "the global starting share (no figure of the region's own)"
    )
    return (
        f"**{LABEL}.** For {fmt.region(v.region)} as a whole (the model has no country detail), the status "
        f"quo puts a median {fmt.share(end['share_china_median'])} of AI users on a primarily Chinese model "
        f"stack by {int(end['year'])} (80% interval {fmt.share(end['share_china_p10'])} to "
        f"{fmt.share(end['share_china_p90'])}), from {fmt.share(start['share_china_median'])} in "
        f"{int(start['year'])}, {origin}; the region's AI user share starts from its observed median."
    )


def headline(v: CountryView) -> str:
    """The key-finding sentence: how much data there is, and the country's AI use against its region."""
    covered = f"{v.core} of the 5 core indicators have data for {_name(v)}"
    if v.adoption.empty:
        return f"{covered}; Microsoft gives no AI user share for it."
    last = v.adoption.iloc[-1]
    region = _region_row(v, v.region, last["period"])
    pooled = " (its regional pool's figure)" if last["pooled"] else ""
    compare = (
        f", against a median {fmt.share(region['median_user_share'], 1)} in {fmt.region(v.region)}"
        if region is not None
        else ""
    )
    return (
        f"{fmt.share(last['user_share'], 1)} of working-age people in {_name(v)}{pooled} used generative AI "
        "in "
        f"{last['period']}{compare}. {covered}."
    )


def comparison_rows(v: CountryView) -> pd.DataFrame:
    """The country beside its region and the world, measure by measure (text cells, 'no data' where none)."""
    rows = []
    if not v.adoption.empty:
        last = v.adoption.iloc[-1]
        region, world = (
            _region_row(v, v.region, last["period"]),
            _region_row(v, regions.GLOBAL, last["period"]),
        )
        rows.append(
            (
                f"AI user share, {last['period']}",
                fmt.share(last["user_share"], 1) + (" (pool)" if last["pooled"] else ""),
                "no data" if region is None else f"{fmt.share(region['median_user_share'], 1)} (median)",
                "no data" if world is None else f"{fmt.share(world['median_user_share'], 1)} (median)",
            )
        )
    p = v.infrastructure
    everywhere = v.infrastructure_all
    here = everywhere[everywhere["world_region"] == v.region]
    for column, label in (("us_regions_map", "US providers'"), ("china_regions_map", "Chinese providers'")):
        rows.append(
            (
                f"{label} cloud regions (listed)",
                str(p[column]) if p else "0",
                str(int(here[column].sum())),
                str(int(everywhere[column].sum())),
            )
        )
    d = v.developers
    if d is not None and pd.notna(d["developers"]):
        region = v.developers_region.set_index("area")
        rows.append(
            (
                "GitHub developers (million)",
                fmt.number(d["developers"] / 1e6, 2),
                fmt.number(region.loc[v.region, "developers"] / 1e6, 1) if v.region in region.index else "",
                fmt.number(region.loc[regions.GLOBAL, "developers"] / 1e6, 1)
                if regions.GLOBAL in region.index
                else "",
            )
        )
    return pd.DataFrame(rows, columns=["measure", "country", "region", "world"])


def gaps(v: CountryView) -> list[str]:
    """The country's data gaps, each with the source that would fill it."""
    return v.gaps or ["none among the five core indicators"]


def key_figures(v: CountryView, edition: str) -> list[dict]:
    """The brief's headline numbers as record.key_figure arguments (named country_*: they differ by brief)."""
    out = [
        {
            "name": "country_core_indicators",
            "value": v.core,
            "unit": "of 5 core indicators",
            "label": f"Core indicators with data, {v.country}",
            "as_of": edition,
            "source": "country_coverage",
        }
    ]
    if not v.adoption.empty:
        last = v.adoption.iloc[-1]
        out.append(
            {
                "name": "country_ai_user_share",
                "value": round(float(last["user_share"]), 4),
                "unit": "share of working-age population",
                "label": f"AI user share, {v.country}, {last['period']}"
                + (" (regional pool)" if last["pooled"] else ""),
                "as_of": str(last["period_end"]),
                "source": usage.USER_SHARE,
            }
        )
    return out
