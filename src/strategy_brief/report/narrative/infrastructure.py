"""Sentences and table cells of the reach section's infrastructure parts: AI compute by host region and owner
bloc (Epoch AI's GPU clusters), the cloud-region opening timeline of US providers against Alibaba Cloud, and
where the figures run out, each gap computed from the coverage tables with the source that would fill it.
Every number comes from `analysis.indicators.infrastructure`, `reach` and `trust`."""

# Reader-facing sentences read better unbroken than wrapped mid-clause.
# ruff: noqa: E501

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators import infrastructure as infra
from strategy_brief.analysis.indicators import trust
from strategy_brief.curated import regions
from strategy_brief.curated.classify import US

ANONYMIZED = infra.OWNER_LABELS["anonymized"]
US_HOME = regions.world_region(US)  # where US-owned clusters at home sit
CLUSTER_COVERAGE = "gpu_clusters_coverage"  # what Epoch's list counts and leaves out, by reason
GAP_INTRO = (
    "Each point is computed from the coverage tables of this section (cloud map, launch dates, Epoch AI's "
    "clusters, both trust surveys) and names the source that would fill the gap."
)
# Which source would fill each kind of gap: named sources, not numbers.
FILLED_BY = {
    "trust": "a trust survey with a country in the region: a later Edelman Trust Barometer wave, or the UNDP HDR survey's own country tables (this brief reads a third-party transcription of it)",
    "trust_more": "more surveyed countries: a later Edelman Trust Barometer wave with more markets, or the UNDP HDR survey's own country tables",
    "cloud_map": "a cloud-region map listing providers of both blocs there (the TeleGeography map's next edition, or the providers' own region lists)",
    "china_dates": "dated region lists for these providers: their own region announcements, or a launch-date dataset that covers Chinese providers",
    "owners": "a list of AI supercomputers that names Chinese owners (Epoch AI anonymizes them)",
    "clusters": "a list of AI clusters with a host there (Epoch AI's list names none)",
}


def share_interval(share: float, low: float, high: float, n: int) -> str:
    """'38% (95% interval 14–69%)' for a share of fewer than 100 counted items, else '38%'; 'no share' at 0."""
    if n == 0 or pd.isna(share):
        return "no share"
    text = fmt.share(share)
    if n < 100:
        text += f" (95% interval {fmt.number(100 * low, 0)}–{fmt.share(high)})"
    return text


def _china_share(row: pd.Series) -> str:
    return share_interval(
        row["china_share_of_us_china"],
        row["china_share_low"],
        row["china_share_high"],
        int(row["us_owned"] + row["china_owned"]),
    )


def _areas(frame: pd.DataFrame, column: str = "area") -> pd.DataFrame:
    return frame.set_index(column)


# ------------------------------------------------------------------------------------------- compute


def compute(reach: pd.DataFrame, by_region: pd.DataFrame, region: str) -> str:
    """Existing GPU clusters by owner bloc worldwide and in the Global South (and the region), China's share
    of the clusters either side owns with its 95% interval, and what the China-owned ones are
    (`reach`: `infrastructure.compute_reach`; `by_region`: `infrastructure.compute_by_region`)."""
    rows = _areas(reach)
    world, south = rows.loc[regions.GLOBAL], rows.loc[infra.GLOBAL_SOUTH]
    text = (
        f"Epoch AI's list of GPU clusters places {int(world['clusters'])} existing clusters in a host country: "
        f"{int(world['us_owned'])} with US owners, {int(world['china_owned'])} with Chinese owners, "
        f"{int(world['other_owned'])} with owners in other blocs and {int(world['owner_unknown'])} without an "
        f"owner bloc. Of the clusters either side owns, China's share is {_china_share(world)}. In the Global "
        f"South, {int(south['us_owned'])} clusters have US owners and {int(south['china_owned'])} Chinese ones, "
        f"beside {int(south['other_owned'])} of other owners; China's share of the two is {_china_share(south)}."
    )
    openings = world["china_owned_cloud_openings"]
    if world["china_owned"] and pd.notna(openings):
        part = "All" if int(openings) == int(world["china_owned"]) else f"{int(openings)} of the"
        text += (
            f" {part} {int(world['china_owned'])} China-owned clusters are Epoch's 'Alibaba Cloud in <country>' "
            "rows: cloud-region openings, not supercomputers, listed without computing power."
        )
    us = _areas(by_region[by_region["owner_group"] == US])
    if regions.GLOBAL in us.index:
        us_world = us.loc[regions.GLOBAL]
        text += (
            f" The US-owned clusters add up to {fmt.number(us_world['h100_equivalents'] / 1e6, 2)} million "
            f"H100-equivalents ({int(us_world['h100_known'])} of {int(us_world['clusters'])} with a figure), "
            f"and {fmt.share(rows.loc[US_HOME, 'us_owned'] / world['us_owned'])} of them are in {US_HOME}."
        )
    if region != regions.GLOBAL and region in rows.index:
        here = rows.loc[region]
        text += (
            f" In {fmt.region(region)}: {int(here['clusters'])} clusters, {int(here['us_owned'])} US-owned and "
            f"{int(here['china_owned'])} China-owned."
        )
    return text


def compute_caveats(by_region: pd.DataFrame, coverage: pd.DataFrame) -> str:
    """Why China's own compute is outside the bloc counts (anonymized owners, where) and which clusters the
    counts leave out (`coverage`: the gpu_clusters_coverage table: reason, clusters)."""
    anonymized = by_region[
        (by_region["owner_group"] == ANONYMIZED) & by_region["area"].isin(regions.REPORTING_REGIONS)
    ]
    text = "**Caveats.** "
    if not anonymized.empty:
        where = fmt.listed(fmt.region(a) for a in anonymized["area"])
        text += (
            f"Epoch AI anonymizes the owners of Chinese systems: {int(anonymized['clusters'].sum())} clusters "
            f"({where}) are marked '{ANONYMIZED.lower()}' and have no owner bloc, so China's compute at home is "
            "outside the bloc counts, and China-owned counts measure its presence abroad. "
        )
    excluded = coverage[coverage["reason"].str.startswith("excluded: ")]
    if not excluded.empty:
        text += (
            "Left out of every count: "
            + fmt.listed(
                f"{int(r.clusters)} clusters ({r.reason.removeprefix('excluded: ')})"
                for r in excluded.itertuples()
            )
            + ". "
        )
    text += "A cluster is counted once whatever its size: the counts measure presence, not capacity."
    return text


def key_figures(reach: pd.DataFrame, snapshot: str) -> list[dict]:
    """Key figure: China's share of the existing GPU clusters either side owns, worldwide, at the clusters'
    snapshot date."""
    world = _areas(reach).loc[regions.GLOBAL]
    if world["us_owned"] + world["china_owned"] == 0:
        return []
    return [
        {
            "name": "china_share_us_china_owned_clusters",
            "value": round(float(world["china_share_of_us_china"]), 3),
            "unit": "share of US- and China-owned GPU clusters",
            "label": "China-owned share of the existing GPU clusters either side owns, worldwide (Epoch AI)",
            "as_of": snapshot,
            "source": infra.CLUSTERS,
        }
    ]


# ------------------------------------------------------------------------------------- cloud openings


def no_openings(as_of: str) -> str:
    """The data gap when no cloud opening is dated on or before `as_of`."""
    when = f"on or before {fmt.long_date(as_of)}" if as_of else "in this edition"
    return f"No cloud-region opening is dated {when}: the opening timeline has nothing to show."


def _at_end(timeline: pd.DataFrame, area: str, series: str) -> int:
    rows = timeline[(timeline["region"] == area) & (timeline["series"] == series)]
    return int(rows["cumulative"].iloc[-1]) if len(rows) else 0


def _since(timeline: pd.DataFrame, area: str, series: str, year: int) -> int:
    rows = timeline[
        (timeline["region"] == area) & (timeline["series"] == series) & (timeline["year"] >= year)
    ]
    return int(rows["opened"].sum())


def openings(timeline: pd.DataFrame, coverage: pd.DataFrame, recent_years: int = 5) -> str:
    """Dated cloud-region openings of US providers and of each Chinese provider Epoch dates, worldwide and in
    the Global South, in all and over the last `recent_years` years; how the two are counted and which US
    regions are left out (`timeline`: `infrastructure.cloud_opening_timeline` of several areas, `region`
    naming each; `coverage`: the cloud_launch_coverage table)."""
    last = int(timeline["year"].max())
    since = last - recent_years + 1
    chinese = sorted(set(timeline["series"]) - {infra.US_SERIES})
    text = (
        f"By {last}, US providers had opened {_at_end(timeline, regions.GLOBAL, infra.US_SERIES)} dated cloud "
        f"regions worldwide, {_at_end(timeline, infra.GLOBAL_SOUTH, infra.US_SERIES)} of them in the Global South "
        f"({_since(timeline, infra.GLOBAL_SOUTH, infra.US_SERIES, since)} since {since})"
    )
    for provider in chinese:
        text += (
            f"; {provider} {_at_end(timeline, regions.GLOBAL, provider)} worldwide, "
            f"{_at_end(timeline, infra.GLOBAL_SOUTH, provider)} in the Global South "
            f"({_since(timeline, infra.GLOBAL_SOUTH, provider, since)} since {since})"
        )
    us_dated = coverage[(coverage["provider_bloc"] == US) & (coverage["dated"] > 0)]
    undated = coverage[(coverage["provider_bloc"] == US) & (coverage["coverage"] == "undated")]
    text += (
        ". **How they are counted.** A US opening is a region of "
        + fmt.listed(
            f"{r.provider} ({r.dated} of {r.listed} listed regions dated)" for r in us_dated.itertuples()
        )
        + " in the launch-date source, at year precision; "
        + fmt.listed(chinese)
        + " openings are rows of Epoch AI's list of AI supercomputers, dated there, each phase counted apart, "
        "planned ones left out and closed ones counted when they opened. The two are dated by different sources "
        "and counted differently: read the lines' shapes, not their exact ratio."
    )
    if not undated.empty:
        text += (
            " Left out because no date is given: "
            + fmt.listed(f"{r.provider} ({r.listed} regions)" for r in undated.itertuples())
            + "."
        )
    return text


def launch_gap(gaps: pd.DataFrame) -> str:
    """The data-gap box of the Chinese providers no source dates (`infrastructure.launch_gaps`); '' if none."""
    if gaps.empty:
        return ""
    names = fmt.listed(gaps["provider"])
    return (
        f"No source dates the region openings of {names}: the launch-date source lists no Chinese provider, and "
        "Epoch AI's list has openings of Alibaba Cloud only. Their timelines are a data gap, not a flat line. "
        f"What would fill it: {FILLED_BY['china_dates']}."
    )


# ------------------------------------------------------------------------------------- where it ends


def coverage_table(
    presence: pd.DataFrame,
    trust_coverage: pd.DataFrame,
    reach: pd.DataFrame,
    timeline: pd.DataFrame,
    region: str,
    source_note: str,
) -> dict:
    """`record.show_table`'s arguments: per reporting region, what each source covers and what is missing
    (`presence`: reach.region_coverage indexed by world_region; `trust_coverage`: trust.trust_source_coverage
    indexed by world_region; `reach`: infrastructure.compute_reach; `timeline`: the opening timelines)."""
    clusters = _areas(reach)
    chinese = sorted(set(timeline["series"]) - {infra.US_SERIES})
    rows = []
    for name in regions.REPORTING_REGIONS:
        cloud, sources, owned = presence.loc[name], trust_coverage.loc[name], clusters.loc[name]
        us_dated = _at_end(timeline, name, infra.US_SERIES)
        cn_dated = sum(_at_end(timeline, name, p) for p in chinese)
        rows.append(
            {
                "world_region": f"{name} ◆" if name == region and region != regions.GLOBAL else name,
                "cloud": f"{int(cloud['us_cloud_regions'])} / {int(cloud['china_cloud_regions'])}",
                "dated": f"{us_dated} / {cn_dated}",
                "clusters": f"{int(owned['us_owned'])} / {int(owned['china_owned'])}",
                "trust": trust_source(sources),
                "gaps": "; ".join(region_gaps(cloud, sources, owned, us_dated, cn_dated)) or "none",
            }
        )
    return {
        "frame": pd.DataFrame(rows),
        "caption": "What each source covers by region, and what is missing"
        + (f" (◆ = {region})" if region != regions.GLOBAL else ""),
        "source_note": source_note,
        "columns": {
            "world_region": "Region",
            "cloud": "Cloud regions on the map, US / Chinese",
            "dated": f"Dated openings, US / {fmt.listed(chinese)}",
            "clusters": "GPU clusters, US- / China-owned",
            "trust": "Trust figure shown",
            "gaps": "Missing",
        },
        "widths": ["20%", "12%", "12%", "12%", "22%", "22%"],
    }


def trust_source(sources: pd.Series) -> str:
    """Which trust source a region's briefs show (trust.trust_source_coverage's choice) and on how many
    countries: 'Edelman Trust Barometer 2025: 1 country', the UNDP transcription, or 'none'."""
    chosen = sources["source_for_region"]
    if chosen == trust.EDELMAN:
        n = int(sources["edelman_countries"])
    elif chosen == trust.UNDP:
        n = int(sources["undp_countries"])
    else:
        return "none"
    return f"{chosen}: {n} {'country' if n == 1 else 'countries'}"


def region_gaps(
    cloud: pd.Series, sources: pd.Series, owned: pd.Series, us_dated: int, cn_dated: int
) -> list[str]:
    """What a region lacks, from the coverage rows: no trust source, a bloc without a cloud region on the
    map or without a dated opening, no cluster owned by either side."""
    gaps = []
    if sources["source_for_region"] == trust.NO_SOURCE:
        gaps.append("no trust survey")
    for name, n in (("US", cloud["us_cloud_regions"]), ("Chinese", cloud["china_cloud_regions"])):
        if not n:
            gaps.append(f"no {name} cloud region on the map")
    if not us_dated and not cn_dated:
        gaps.append("no dated opening")
    if not owned["us_owned"] and not owned["china_owned"]:
        gaps.append("no US- or China-owned cluster")
    return gaps


def gap_points(
    trust_coverage: pd.DataFrame,
    presence: pd.DataFrame,
    reach: pd.DataFrame,
    by_region: pd.DataFrame,
    launch_gaps: pd.DataFrame,
) -> list[tuple[str, str]]:
    """The data-gap box's points, each computed from a coverage table and naming the source that would fill
    it: regions without a trust survey, without a cloud region of either bloc, without a cluster of either
    side, the undated Chinese providers and the anonymized Chinese owners."""
    own = trust_coverage.drop(index=regions.GLOBAL, errors="ignore")
    points = []
    none = own.index[own["source_for_region"] == trust.NO_SOURCE]
    if len(none):
        points.append(
            (
                "Trust",
                f"no survey covers {fmt.listed(fmt.region(r) for r in none)}; would fill it: {FILLED_BY['trust']}",
            )
        )
    single = own[
        ((own["source_for_region"] == trust.EDELMAN) & (own["edelman_countries"] == 1))
        | ((own["source_for_region"] == trust.UNDP) & (own["undp_countries"] == 1))
    ].index
    if len(single):
        points.append(
            (
                "Trust",
                f"the trust figure the briefs show rests on one country in {fmt.listed(fmt.region(r) for r in single)}; would fill it: {FILLED_BY['trust_more']}",
            )
        )
    cloud = presence.drop(index=regions.GLOBAL, errors="ignore")
    for name, column in (("US", "us_cloud_regions"), ("Chinese", "china_cloud_regions")):
        lacking = cloud.index[cloud[column] == 0]
        if len(lacking):
            points.append(
                (
                    "Cloud",
                    f"the map lists no {name} region in {fmt.listed(fmt.region(r) for r in lacking)}; would fill it: {FILLED_BY['cloud_map']}",
                )
            )
    if not launch_gaps.empty:
        points.append(("Cloud openings", launch_gap(launch_gaps)))
    clusters = _areas(reach).loc[list(regions.REPORTING_REGIONS)]
    empty = clusters.index[clusters["clusters"] == 0]
    if len(empty):
        points.append(
            (
                "Compute",
                f"no cluster is listed in {fmt.listed(fmt.region(r) for r in empty)}; would fill it: {FILLED_BY['clusters']}",
            )
        )
    anonymized = by_region[(by_region["owner_group"] == ANONYMIZED) & (by_region["area"] == regions.GLOBAL)]
    if not anonymized.empty:
        points.append(
            (
                "Compute",
                f"{int(anonymized['clusters'].iloc[0])} clusters have anonymized owners; would fill it: {FILLED_BY['owners']}",
            )
        )
    return points
