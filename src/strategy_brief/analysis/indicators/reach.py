"""Reach: where US and Chinese clouds operate, how publics trust AI, and which regions lack either figure.

Country groups for trust, defined once here. A country is, in this order:
1. in COUNTRY_GROUPS: that group (exceptions to the regional rule below);
2. of the China bloc (classify.bloc_of_country: mainland, Hong Kong, Macao): CHINA, one of the two sides
   compared, so it is reported on its own rather than folded into the Global South;
3. otherwise the group of its reporting world region in REGION_GROUPS: Europe and Northern America are
   the West; Africa, Latin America, South and South-east Asia, the Middle East and the rest of Eastern
   Asia & Oceania the Global South.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from strategy_brief.analysis.indicators._checks import require
from strategy_brief.curated import classify, regions

WEST, GLOBAL_SOUTH, CHINA, OTHER = "West", "Global South", "China", "Other high-income"
GROUPS = (WEST, GLOBAL_SOUTH, CHINA, OTHER)
REGION_GROUPS = {
    "Europe": WEST,
    "Northern America": WEST,
    "Sub-Saharan Africa": GLOBAL_SOUTH,
    "Latin America & Caribbean": GLOBAL_SOUTH,
    "Southern Asia": GLOBAL_SOUTH,
    "South-eastern Asia": GLOBAL_SOUTH,
    "Middle East & North Africa": GLOBAL_SOUTH,
    "Eastern Asia & Oceania": GLOBAL_SOUTH,
}
# Exceptions, by country_converter's short name: Western settler states in Oceania; high-income
# economies outside the G77 that are usually counted neither West nor Global South.
COUNTRY_GROUPS = {
    "Australia": WEST,
    "New Zealand": WEST,
    "Japan": OTHER,
    "South Korea": OTHER,
    "Taiwan": OTHER,
    "Israel": OTHER,
}
BOUNDS = ("at_least", "at_most", "range_low", "range_high")
US, CN = "United States", "China"


def country_group(country: str) -> str | None:
    """The trust group of a country under the module's rule; None for aggregates such as 'World'."""
    region = regions.world_region(country)
    if region is None:
        return None
    canonical = regions.canonical_country(country)
    if canonical in COUNTRY_GROUPS:
        return COUNTRY_GROUPS[canonical]
    if classify.bloc_of_country(country) == "China":
        return CHINA
    return REGION_GROUPS[region]


def cloud_presence(
    table: pd.DataFrame, *, in_service_only: bool = False, abroad_only: bool = False
) -> pd.DataFrame:
    """Cloud regions of US and Chinese providers per world region (and Global) with China's share of them."""
    require(
        table,
        {"provider", "provider_bloc", "country", "world_region", "regions", "in_service"},
        "cloud_presence",
    )
    count = "in_service" if in_service_only else "regions"
    rows = table.assign(_n=table[count].astype(float))
    if abroad_only:  # leave out each provider's regions in its own bloc's countries
        rows = rows[
            [
                classify.bloc_of_country(c) != b
                for c, b in zip(rows["country"], rows["provider_bloc"], strict=True)
            ]
        ]
    unknown = sorted(set(rows["world_region"].dropna()) - set(regions.REPORTING_REGIONS))
    if unknown:
        raise ValueError(f"cloud_presence: world_region not in regions.REPORTING_REGIONS: {unknown}")
    out = []
    for region in (*regions.REPORTING_REGIONS, regions.GLOBAL):
        here = rows if region == regions.GLOBAL else rows[rows["world_region"] == region]
        here = here[here["_n"] > 0]
        us = here[here["provider_bloc"] == US]
        cn = here[here["provider_bloc"] == CN]
        us_n, cn_n = us["_n"].sum(), cn["_n"].sum()
        other_n = here["_n"].sum() - us_n - cn_n
        out.append(
            {
                "world_region": region,
                "us_regions": int(us_n),
                "china_regions": int(cn_n),
                "other_regions": int(other_n),
                "us_countries": us["country"].nunique(),
                "china_countries": cn["country"].nunique(),
                "china_share": cn_n / (us_n + cn_n) if us_n + cn_n else np.nan,
            }
        )
    return pd.DataFrame(out).assign(counted=count)


def trust_by_group(
    facts: pd.DataFrame, survey: str = "Edelman Trust Barometer 2025", *, indicator: str = "trust_in_ai"
) -> pd.DataFrame:
    """Trust in AI by country in one survey, its group and group mean; bounds and aggregates left out."""
    columns = ["fact_id", "indicator", "actor", "country", "value", "unit", "qualifier", "primary_source"]
    require(facts, columns, "trust_by_group")
    rows = facts[facts["indicator"] == indicator]
    if rows.empty:
        raise ValueError(f"trust_by_group: no facts for indicator {indicator!r}")
    surveys = sorted(rows["primary_source"].unique())
    rows = rows[rows["primary_source"] == survey]
    if rows.empty:
        raise ValueError(f"trust_by_group: unknown survey {survey!r}; {indicator} surveys: {surveys}")
    units = sorted(rows["unit"].unique())
    if units != ["percent"]:
        raise ValueError(f"trust_by_group: expected percent, got units {units}")
    twice = rows[rows["country"].duplicated(keep=False) & (rows["country"] != "")]
    if not twice.empty:
        raise ValueError(
            f"trust_by_group: several {survey} figures for one country: {list(twice['fact_id'])}"
        )
    out = rows[["country", "actor", "fact_id", "value", "qualifier"]].rename(columns={"value": "trust_pct"})
    out = out.assign(
        world_region=[regions.world_region(c) if c else None for c in out["country"]],
        group=[country_group(c) if c else None for c in out["country"]],
    )
    reason = np.where(
        out["group"].isna(),
        "aggregate, not a country",
        np.where(out["qualifier"].isin(BOUNDS), "bound (" + out["qualifier"] + "), not a value", ""),
    )
    out["in_mean"] = reason == ""
    out["left_out_reason"] = reason
    means = out[out["in_mean"]].groupby("group")["trust_pct"].agg(["mean", "size"])
    out["group_mean_pct"] = out["group"].map(means["mean"])
    out["group_countries"] = out["group"].map(means["size"]).fillna(0).astype(int)
    out["survey"] = survey
    order = ["group", "country", "world_region", "trust_pct", "qualifier", "in_mean", "left_out_reason"]
    out = out[[*order, "group_mean_pct", "group_countries", "actor", "fact_id", "survey"]]
    return out.sort_values(["group", "country"], na_position="last", kind="mergesort").reset_index(drop=True)


def trust_group_means(trust: pd.DataFrame) -> pd.DataFrame:
    """One row per group of a trust_by_group table: mean of its exact figures, and who is in or left out."""
    require(trust, {"group", "country", "trust_pct", "in_mean"}, "trust_group_means")
    out = []
    for group, rows in trust.dropna(subset=["group"]).groupby("group", sort=True):
        used = rows[rows["in_mean"]]
        out.append(
            {
                "group": group,
                "mean_trust_pct": used["trust_pct"].mean() if len(used) else np.nan,
                "countries": len(used),
                "in_mean_countries": "; ".join(sorted(used["country"])),
                "left_out_countries": "; ".join(sorted(rows.loc[~rows["in_mean"], "country"])),
            }
        )
    if not out:
        raise ValueError("trust_group_means: no country with a group")
    return pd.DataFrame(out)


def region_coverage(trust: pd.DataFrame, presence: pd.DataFrame) -> pd.DataFrame:
    """Per reporting region and Global: whether trust figures and US/Chinese cloud regions exist; gaps."""
    require(trust, {"world_region", "in_mean", "country"}, "region_coverage (trust)")
    require(presence, {"world_region", "us_regions", "china_regions"}, "region_coverage (presence)")
    countries = trust.dropna(subset=["world_region"])
    cloud = presence.set_index("world_region")
    out = []
    for region in (*regions.REPORTING_REGIONS, regions.GLOBAL):
        here = countries if region == regions.GLOBAL else countries[countries["world_region"] == region]
        usable, bounded = int(here["in_mean"].sum()), int((~here["in_mean"]).sum())
        us = int(cloud.loc[region, "us_regions"]) if region in cloud.index else 0
        cn = int(cloud.loc[region, "china_regions"]) if region in cloud.index else 0
        gaps = []
        if not usable:
            gaps.append("no trust figure" + (f" ({bounded} country only as a bound)" if bounded else ""))
        if region not in cloud.index:
            gaps.append("no cloud data")
        else:
            gaps += [f"no {name} cloud region" for name, n in (("US", us), ("Chinese", cn)) if not n]
        out.append(
            {
                "world_region": region,
                "trust_countries": usable,
                "trust_bounded": bounded,
                "has_trust": usable > 0,
                "us_cloud_regions": us,
                "china_cloud_regions": cn,
                "has_cloud": us + cn > 0,
                "gaps": "; ".join(gaps),
            }
        )
    return pd.DataFrame(out)
