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

from dataclasses import dataclass

import numpy as np
import pandas as pd

from strategy_brief.analysis.indicators._checks import require
from strategy_brief.curated import classify, regions
from strategy_brief.curated import facts as facts_mod
from strategy_brief.curated.classify import CN, US
from strategy_brief.data import processed
from strategy_brief.data.steps import trust as undp_steps

CLOUD_TABLE = "cloud_regions_by_origin_country"
BAROMETER = "Edelman Trust Barometer 2025"  # 28 markets; the 2025 flash poll is a different survey
FLASH_POLL = "Edelman Flash Poll 2025"
TRUST = "trust_in_ai"

WEST, GLOBAL_SOUTH, CHINA, OTHER = "West", "Global South", "China", "Other high-income"
GROUPS = (WEST, GLOBAL_SOUTH, CHINA, OTHER)
SHOWN_ORDER = (GLOBAL_SOUTH, CHINA, WEST, OTHER)  # the order the briefs show the groups in
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
Z95 = 1.959963984540054  # two-sided 95% normal quantile, for Wilson intervals
# A group mean from fewer countries than this is an indication: the briefs show each country beside it
# and never state the gap between two such means as established.
FEW_COUNTRIES = 5


def wilson_interval(k: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval (95% by default) of the share k/n; (nan, nan) when n is 0."""
    if n <= 0:
        return (np.nan, np.nan)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, min(p, float(centre - half))), min(1.0, max(p, float(centre + half))))  # rounding


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
    """Cloud regions of US and Chinese providers per world region (and Global) with China's share of them
    and its 95% Wilson interval (china_share_low, china_share_high). `regions` counts every listed
    region, in service or announced (the briefs' definition); `in_service_only` only those in service."""
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
        low, high = wilson_interval(cn_n, us_n + cn_n)
        out.append(
            {
                "world_region": region,
                "us_regions": int(us_n),
                "china_regions": int(cn_n),
                "other_regions": int(other_n),
                "us_countries": us["country"].nunique(),
                "china_countries": cn["country"].nunique(),
                "china_share": cn_n / (us_n + cn_n) if us_n + cn_n else np.nan,
                "china_share_low": low,
                "china_share_high": high,
            }
        )
    return pd.DataFrame(out).assign(counted=count)


def survey_facts(
    facts: pd.DataFrame, survey: str = BAROMETER, *, indicator: str = TRUST, where: str = "survey_facts"
) -> pd.DataFrame:
    """The curated facts of one survey wave for an indicator (trust in AI): the one reader of a wave, so
    every section picks the same rows. Refuses an unknown survey, units other than percent and a country
    reported twice; `where` names the caller in those errors."""
    columns = ["fact_id", "indicator", "actor", "country", "value", "unit", "qualifier", "primary_source"]
    require(facts, columns, where)
    rows = facts[facts["indicator"] == indicator]
    if rows.empty:
        raise ValueError(f"{where}: no facts for indicator {indicator!r}")
    surveys = sorted(rows["primary_source"].unique())
    rows = rows[rows["primary_source"] == survey]
    if rows.empty:
        raise ValueError(f"{where}: unknown survey {survey!r}; {indicator} surveys: {surveys}")
    units = sorted(rows["unit"].unique())
    if units != ["percent"]:
        raise ValueError(f"{where}: expected percent, got units {units}")
    twice = rows[rows["country"].duplicated(keep=False) & (rows["country"] != "")]
    if not twice.empty:
        raise ValueError(f"{where}: several {survey} figures for one country: {list(twice['fact_id'])}")
    return rows


def trust_by_group(facts: pd.DataFrame, survey: str = BAROMETER, *, indicator: str = TRUST) -> pd.DataFrame:
    """Trust in AI by country in one survey, its group and group mean; bounds and aggregates left out."""
    rows = survey_facts(facts, survey, indicator=indicator, where="trust_by_group")
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


def trust_countries(trust: pd.DataFrame, region: str) -> pd.DataFrame:
    """The countries of a trust_by_group table (aggregates left out) in the order the briefs show them:
    by group in SHOWN_ORDER, exact figures before bounds, highest trust first; `in_region` flags the
    countries of `region` (none for Global)."""
    require(trust, {"group", "world_region", "in_mean", "trust_pct"}, "trust_countries")
    countries = trust[trust["group"].notna()].assign(
        group_order=lambda t: t["group"].map({g: i for i, g in enumerate(SHOWN_ORDER)}),
        in_region=lambda t: t["world_region"] == region,
    )
    return countries.sort_values(["group_order", "in_mean", "trust_pct"], ascending=[True, False, False])


def trust_group_means(trust: pd.DataFrame) -> pd.DataFrame:
    """One row per group of a trust_by_group table: mean of its exact figures, their lowest and highest,
    how many countries (a mean of fewer than FEW_COUNTRIES is an indication), who is in or left out."""
    require(trust, {"group", "country", "trust_pct", "in_mean"}, "trust_group_means")
    out = []
    for group, rows in trust.dropna(subset=["group"]).groupby("group", sort=True):
        used = rows[rows["in_mean"]]
        out.append(
            {
                "group": group,
                "mean_trust_pct": used["trust_pct"].mean() if len(used) else np.nan,
                "min_trust_pct": used["trust_pct"].min() if len(used) else np.nan,
                "max_trust_pct": used["trust_pct"].max() if len(used) else np.nan,
                "countries": len(used),
                "indication": len(used) < FEW_COUNTRIES,
                "in_mean_countries": "; ".join(sorted(used["country"])),
                "left_out_countries": "; ".join(sorted(rows.loc[~rows["in_mean"], "country"])),
            }
        )
    if not out:
        raise ValueError("trust_group_means: no country with a group")
    return pd.DataFrame(out)


UNDP_SURVEY = undp_steps.SURVEY  # the transcription's label, as its table carries it


def region_coverage(
    trust: pd.DataFrame, presence: pd.DataFrame, undp: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per reporting region and Global: whether trust figures and US/Chinese cloud regions exist; gaps.
    With `undp` (trust.undp_confidence rows), a region without a Barometer figure but with countries in the
    UNDP survey (a transcription, on its own scale) has a trust figure from that survey: `trust_source`
    says which survey a brief shows, and no trust gap is stated for it."""
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
        in_undp = 0
        if undp is not None:
            in_undp = len(undp) if region == regions.GLOBAL else int((undp["world_region"] == region).sum())
        source = BAROMETER if usable else UNDP_SURVEY if in_undp else ""
        gaps = []
        if not source:
            gaps.append(
                "no trust figure"
                + (f" ({bounded} country only as a bound)" if bounded else "")
                + ("; a trust survey of the region's countries would fill it" if undp is not None else "")
            )
        if region not in cloud.index:
            gaps.append("no cloud data")
        else:
            gaps += [f"no {name} cloud region" for name, n in (("US", us), ("Chinese", cn)) if not n]
        out.append(
            {
                "world_region": region,
                "trust_countries": usable,
                "trust_bounded": bounded,
                "has_trust": bool(source),
                "undp_countries": in_undp,
                "trust_source": source,
                "us_cloud_regions": us,
                "china_cloud_regions": cn,
                "has_cloud": us + cn > 0,
                "gaps": "; ".join(gaps),
            }
        )
    return pd.DataFrame(out)


@dataclass(frozen=True)
class ReachTrust:
    """The reach-and-trust section's tables for one region: cloud presence counted three ways, trust in
    AI in the Barometer and the flash poll, and where either runs out."""

    region: str
    in_service_only: bool
    presence: pd.DataFrame  # cloud_presence, indexed by world_region, counted as the section counts
    abroad: pd.DataFrame  # the same, leaving out each provider's regions in its own bloc's countries
    other_count: pd.DataFrame  # counted the other way (every listed region vs regions in service)
    providers: dict[str, list[str]]  # US and China: the providers counted, sorted
    trust: pd.DataFrame  # trust_by_group of the Barometer
    means: pd.DataFrame  # trust_group_means of the Barometer, indexed by group
    flash: pd.DataFrame  # trust_by_group of the flash poll
    coverage: pd.DataFrame  # region_coverage, indexed by world_region
    wave: str  # the Barometer's wave (as_of)
    flash_wave: str

    @property
    def ranked(self) -> pd.DataFrame:
        """The reporting regions (not Global) by China's cloud share, lowest first; a region with
        neither bloc's clouds has no share and sorts first, so it never heads a ranking."""
        shown = self.presence.drop(index=regions.GLOBAL)
        return shown.sort_values("china_share", na_position="first").reset_index()

    @property
    def here(self) -> pd.Series:
        """The selected region's cloud presence (Global: the world's)."""
        return self.presence.loc[self.region]

    @property
    def world(self) -> pd.Series:
        """The world's cloud presence."""
        return self.presence.loc[regions.GLOBAL]

    @property
    def south(self) -> pd.Series:
        """The Global South's trust mean, its countries and those left out."""
        return self.means.loc[GLOBAL_SOUTH]

    @property
    def west(self) -> pd.Series:
        """The West's trust mean, its countries and those left out."""
        return self.means.loc[WEST]

    @property
    def china_trust(self) -> float:
        """Trust in AI in China, shown on its own."""
        return float(self.means.loc[CHINA, "mean_trust_pct"])

    @property
    def trust_gap(self) -> float:
        """Global South mean minus West mean, in percentage points."""
        return float(self.south["mean_trust_pct"] - self.west["mean_trust_pct"])

    @property
    def trust_gap_range(self) -> tuple[float, float]:
        """The smallest and largest gap between a Global South country and a Western one (points)."""
        south, west = self.south, self.west
        return (
            float(south["min_trust_pct"] - west["max_trust_pct"]),
            float(south["max_trust_pct"] - west["min_trust_pct"]),
        )

    @property
    def trust_gap_is_indication(self) -> bool:
        """Whether either mean rests on fewer than FEW_COUNTRIES countries: the gap is then an indication."""
        return bool(self.south["indication"] or self.west["indication"])


def undp_countries(as_of: str | None = None) -> pd.DataFrame:
    """The UNDP survey's countries with their confidence in AI (trust.undp_confidence of the processed
    table): the second trust source, a transcription on its own scale."""
    from strategy_brief.analysis.indicators import trust as undp_trust  # it reads this module's surveys

    return undp_trust.undp_confidence(processed.read(undp_trust.UNDP_TABLE, as_of=as_of))


def reach_and_trust(
    cloud: pd.DataFrame,
    facts: pd.DataFrame,
    region: str,
    *,
    in_service_only: bool = False,
    undp: pd.DataFrame | None = None,
) -> ReachTrust:
    """Every table the reach-and-trust section shows, from the cloud table, the curated facts and the UNDP
    survey's countries (default: the processed table's)."""
    presence = cloud_presence(cloud, in_service_only=in_service_only)
    undp = undp_countries() if undp is None else undp
    trust, flash = trust_by_group(facts, BAROMETER), trust_by_group(facts, FLASH_POLL)
    return ReachTrust(
        region=region,
        in_service_only=in_service_only,
        presence=presence.set_index("world_region"),
        abroad=cloud_presence(cloud, in_service_only=in_service_only, abroad_only=True).set_index(
            "world_region"
        ),
        other_count=cloud_presence(cloud, in_service_only=not in_service_only).set_index("world_region"),
        providers={
            bloc: sorted(cloud.loc[cloud["provider_bloc"] == bloc, "provider"].unique()) for bloc in (US, CN)
        },
        trust=trust,
        means=trust_group_means(trust).set_index("group"),
        flash=flash,
        coverage=region_coverage(trust, presence, undp).set_index("world_region"),
        wave=facts_mod.common_as_of(facts, trust["fact_id"]),
        flash_wave=facts_mod.common_as_of(facts, flash["fact_id"]),
    )
