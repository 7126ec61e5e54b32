"""Infrastructure: where US- and China-owned AI compute sits, how cloud regions opened over time, and a
profile of each country's infrastructure ties to the two sides.

Sources and what they cannot say, kept with the numbers:
- gpu_clusters_by_country (Epoch AI): the owner bloc is known only for clusters whose owner is named and
  classified; Epoch anonymizes every Chinese system, so China's own clusters have no owner bloc
  (OWNER_LABELS name why a cluster has none);
- cloud_region_launches: dated regions of AWS, Azure and Google Cloud; no Chinese provider is in that
  source; Alibaba Cloud openings come from Epoch's 'Alibaba Cloud in <country>' rows
  (alibaba_cloud_openings), and cloud_launch_coverage says which provider is dated where;
- cloud_regions_by_origin_country (TeleGeography, January 2025): US and Chinese regions, undated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from strategy_brief.analysis.indicators._checks import require
from strategy_brief.analysis.uncertainty import SMALL_N, wilson_interval
from strategy_brief.curated import classify, regions
from strategy_brief.curated.classify import CN, US
from strategy_brief.data import processed

CLUSTERS = "gpu_clusters_by_country"
OPENINGS = "alibaba_cloud_openings"
LAUNCHES = "cloud_region_launches"
LAUNCH_COVERAGE = "cloud_launch_coverage"
CLOUD_MAP = "cloud_regions_by_origin_country"
TABLES = (CLUSTERS, OPENINGS, LAUNCHES, LAUNCH_COVERAGE, CLOUD_MAP)

GLOBAL_SOUTH = regions.SOUTH
# Why a cluster has no owner bloc (gpu_clusters_by_country.owner_status), as the briefs label it.
OWNER_LABELS = {
    "anonymized": "Owner anonymized",
    "not_stated": "Owner not stated",
    "unclassified": "Owner not classified",
}
OWNER_GROUPS = (*classify.BLOCS, *OWNER_LABELS.values())
# Which counts of gpu_clusters_by_country a view reads: (clusters, H100e sum, clusters with known H100e).
STATUS_COLUMNS = {
    "existing": (("existing",), ("h100_equivalents",), ("h100_known",)),
    "planned": (("planned",), ("planned_h100_equivalents",), ("planned_h100_known",)),
    "all": (
        ("clusters",),
        ("h100_equivalents", "planned_h100_equivalents"),
        ("h100_known", "planned_h100_known"),
    ),
}
# The cloud-opening rows among a status's clusters (Epoch's 'Alibaba Cloud in <country>': region
# openings, not supercomputers, and without H100-equivalents); None: the table does not split them.
OPENING_COLUMNS = {"existing": "existing_cloud_openings", "planned": None, "all": "cloud_openings"}
US_SERIES = "US providers"
CLUSTER_COLUMNS = {
    "iso3",
    "country",
    "world_region",
    "owner_status",
    "owner_bloc",
    "clusters",
    "existing",
    "planned",
    "h100_equivalents",
    "h100_known",
    "planned_h100_equivalents",
    "planned_h100_known",
    "cloud_openings",
    "existing_cloud_openings",
}


def owner_group(status: str, bloc) -> str:
    """A cluster's owner as the briefs group it: its bloc when classified, else why it has none."""
    if status == "classified":
        if bloc not in classify.BLOCS:
            raise ValueError(f"owner_group: classified owner with bloc {bloc!r}, not one of {classify.BLOCS}")
        return bloc
    if status not in OWNER_LABELS:
        raise ValueError(
            f"owner_group: unknown owner_status {status!r}; expected classified or {list(OWNER_LABELS)}"
        )
    return OWNER_LABELS[status]


def _counted(table: pd.DataFrame, status: str, caller: str) -> pd.DataFrame:
    """The clusters table with owner_group and the counts of one status as clusters_n, h100, h100_n."""
    require(table, CLUSTER_COLUMNS, caller)
    if status not in STATUS_COLUMNS:
        raise ValueError(f"{caller}: status must be one of {list(STATUS_COLUMNS)}, not {status!r}")
    counts, sums, known = STATUS_COLUMNS[status]
    openings = OPENING_COLUMNS[status]
    return table.assign(
        owner_group=[
            owner_group(s, b) for s, b in zip(table["owner_status"], table["owner_bloc"], strict=True)
        ],
        clusters_n=table[list(counts)].sum(axis=1).astype(int),
        h100=table[list(sums)].fillna(0).sum(axis=1),
        h100_n=table[list(known)].sum(axis=1).astype(int),
        openings_n=table[openings].astype(float) if openings else np.nan,
    )


def _abroad(frame: pd.DataFrame) -> pd.DataFrame:
    """Leave out clusters whose host country is in their owner's own bloc (US-owned in the US, Chinese in
    China); clusters without an owner bloc stay."""
    host_bloc = [classify.bloc_of_country(c) for c in frame["iso3"]]
    return frame[
        frame["owner_bloc"].isna() | (frame["owner_bloc"] != pd.Series(host_bloc, index=frame.index))
    ]


def compute_by_country(table: pd.DataFrame, *, status: str = "existing") -> pd.DataFrame:
    """Clusters and H100-equivalents per host country and owner group (bloc, or why there is none), for
    existing, planned or all clusters; `h100_known` says how many clusters stand behind the H100 sum."""
    rows = _counted(table, status, "compute_by_country")
    rows = rows[rows["clusters_n"] > 0]
    out = (
        rows.groupby(["iso3", "country", "world_region", "owner_group"], sort=True)
        .agg(clusters=("clusters_n", "sum"), h100_equivalents=("h100", "sum"), h100_known=("h100_n", "sum"))
        .reset_index()
    )
    return out.assign(status=status)


def compute_by_region(
    table: pd.DataFrame, *, status: str = "existing", abroad_only: bool = False
) -> pd.DataFrame:
    """Clusters, H100-equivalents and host countries per area (each reporting region, the Global South,
    Global) and owner group; `abroad_only` leaves out clusters hosted in their owner's own bloc."""
    rows = _counted(table, status, "compute_by_region")
    rows = _abroad(rows) if abroad_only else rows
    rows = rows[rows["clusters_n"] > 0]
    out = []
    for area, members in regions.areas():
        here = regions.in_area(rows, members)
        for group in OWNER_GROUPS:
            own = here[here["owner_group"] == group]
            if own.empty:
                continue
            out.append(
                {
                    "area": area,
                    "owner_group": group,
                    "clusters": int(own["clusters_n"].sum()),
                    "h100_equivalents": float(own["h100"].sum()),
                    "h100_known": int(own["h100_n"].sum()),
                    "host_countries": own["iso3"].nunique(),
                }
            )
    columns = ["area", "owner_group", "clusters", "h100_equivalents", "h100_known", "host_countries"]
    return pd.DataFrame(out, columns=columns).assign(status=status, abroad_only=abroad_only)


def compute_reach(
    table: pd.DataFrame, *, status: str = "existing", abroad_only: bool = False
) -> pd.DataFrame:
    """One row per area: clusters by owner (US, China, other blocs, no owner bloc), how many of the
    China-owned ones are cloud-opening rows (NaN where the table does not split them by status), their
    H100-equivalents, and China's share of the clusters owned by either side (a share of counts, with
    its 95% Wilson interval; `interval_needed` when fewer than SMALL_N clusters stand behind it)."""
    rows = _counted(table, status, "compute_reach")
    rows = _abroad(rows) if abroad_only else rows
    out = []
    for area, members in regions.areas():
        here = regions.in_area(rows, members)
        by = here.groupby("owner_group")[["clusters_n", "h100", "openings_n"]].sum(min_count=1)

        def n(group: str, column: str = "clusters_n", by: pd.DataFrame = by) -> float:
            return float(by[column].get(group, 0))

        us, cn = n(US), n(CN)
        other = sum(n(b) for b in classify.BLOCS if b not in (US, CN))
        unknown = sum(n(label) for label in OWNER_LABELS.values())
        low, high = wilson_interval(cn, us + cn) if us + cn else (np.nan, np.nan)
        out.append(
            {
                "area": area,
                "clusters": int(here["clusters_n"].sum()),
                "us_owned": int(us),
                "china_owned": int(cn),
                "china_owned_cloud_openings": n(CN, "openings_n") if OPENING_COLUMNS[status] else np.nan,
                "other_owned": int(other),
                "owner_unknown": int(unknown),
                "us_h100_equivalents": n(US, "h100"),
                "china_h100_equivalents": n(CN, "h100"),
                "china_share_of_us_china": cn / (us + cn) if us + cn else np.nan,
                "china_share_low": float(low),
                "china_share_high": float(high),
                "interval_needed": bool(us + cn < SMALL_N),
            }
        )
    return pd.DataFrame(out).assign(status=status, abroad_only=abroad_only)


def _coverage_note(coverage: pd.DataFrame, provider: str) -> str:
    row = coverage[coverage["provider"] == provider]
    return str(row["note"].iloc[0]) if len(row) else ""


def cloud_opening_timeline(
    launches: pd.DataFrame,
    openings: pd.DataFrame,
    coverage: pd.DataFrame,
    *,
    region: str = regions.GLOBAL,
    until_year: int | None = None,
) -> pd.DataFrame:
    """Regions opened per year and cumulatively in a region (or Global, or the Global South): US
    providers' dated regions (launch-date source) and each Chinese provider's openings dated by Epoch
    (planned ones left out; decommissioned ones counted when they opened). `source` and `coverage_note`
    label each series: Chinese providers are not in the launch-date source, and undated US regions
    (Oracle's, for one) are left out."""
    require(
        launches,
        {"provider", "provider_bloc", "world_region", "launch_year", "regions"},
        "cloud_opening_timeline",
    )
    require(openings, {"provider", "world_region", "date", "status"}, "cloud_opening_timeline", "openings")
    require(coverage, {"provider", "provider_bloc", "coverage", "note"}, "cloud_opening_timeline", "coverage")
    members = {a: m for a, m in regions.areas()}
    if region not in members:
        raise ValueError(
            f"cloud_opening_timeline: unknown region {region!r}; expected one of {list(members)}"
        )
    us = regions.in_area(launches[launches["provider_bloc"] == US], members[region])
    undated = coverage[(coverage["provider_bloc"] == US) & (coverage["coverage"] == "undated")]["provider"]
    us_note = "dated regions of " + ", ".join(
        sorted(set(launches.loc[launches["provider_bloc"] == US, "provider"]))
    )
    if len(undated):
        us_note += "; left out, listed without dates: " + ", ".join(sorted(undated))
    series = [(US_SERIES, "cloud_region_launches", us_note, us.groupby("launch_year")["regions"].sum())]
    opened = openings[(openings["status"] != "Planned") & openings["date"].notna()]
    opened = regions.in_area(opened, members[region]).assign(
        year=lambda f: f["date"].astype(str).str[:4].astype(int)
    )
    for provider in sorted(set(openings["provider"])):
        own = opened[opened["provider"] == provider]
        series.append(
            (
                provider,
                "alibaba_cloud_openings",
                _coverage_note(coverage, provider),
                own.groupby("year").size(),
            )
        )
    years = [int(y) for _, _, _, counts in series for y in counts.index]
    if not years:
        return pd.DataFrame(
            columns=["series", "year", "opened", "cumulative", "source", "coverage_note", "region"]
        )
    last = until_year if until_year is not None else max(years)
    span = range(min(years), last + 1)
    out = []
    for name, source, note, counts in series:
        total = 0
        for year in span:
            opened_now = int(counts.get(year, 0))
            total += opened_now
            out.append(
                {
                    "series": name,
                    "year": year,
                    "opened": opened_now,
                    "cumulative": total,
                    "source": source,
                    "coverage_note": note,
                }
            )
    return pd.DataFrame(out).assign(region=region)


def launch_gaps(coverage: pd.DataFrame) -> pd.DataFrame:
    """Providers whose region openings no source dates (the Chinese providers other than Alibaba), with
    the coverage note: a data gap to show, never a zero."""
    require(coverage, {"provider", "provider_bloc", "coverage", "note"}, "launch_gaps")
    gaps = coverage[coverage["coverage"] == "not covered"]
    return gaps[["provider", "provider_bloc", "note"]].reset_index(drop=True)


def _iso3_of(names: pd.Series, where: str) -> list[str]:
    out = []
    for name in names:
        code = regions.iso3(str(name))
        if code is None:
            raise ValueError(f"{where}: country {name!r} has no ISO 3166-1 alpha-3 code")
        out.append(code)
    return out


def country_profiles(
    clusters: pd.DataFrame, openings: pd.DataFrame, launches: pd.DataFrame, cloud_map: pd.DataFrame
) -> pd.DataFrame:
    """One row per country of any table: US providers' dated regions (and their first and latest launch
    year), US and Chinese regions on the TeleGeography map and the Chinese providers there, Alibaba Cloud
    openings dated by Epoch (not planned), and existing clusters by owner group."""
    require(cloud_map, {"provider", "provider_bloc", "country", "regions"}, "country_profiles", "cloud map")
    require(launches, {"provider_bloc", "iso3", "launch_year", "regions"}, "country_profiles", "launches")
    require(openings, {"iso3", "date", "status"}, "country_profiles", "openings")
    counted = _counted(clusters, "existing", "country_profiles")
    us_launches = launches[launches["provider_bloc"] == US].groupby("iso3")
    mapped = cloud_map.assign(iso3=_iso3_of(cloud_map["country"], "country_profiles (cloud map)"))
    china_map = mapped[mapped["provider_bloc"] == CN]
    opened = openings[(openings["status"] != "Planned") & openings["date"].notna()].groupby("iso3")
    by_owner = counted.pivot_table(index="iso3", columns="owner_group", values="clusters_n", aggfunc="sum")
    codes = sorted(
        set(clusters["iso3"]) | set(openings["iso3"]) | set(launches["iso3"]) | set(mapped["iso3"])
    )
    frame = pd.DataFrame({"iso3": codes})
    frame["country"] = [regions.country_name(c) for c in codes]
    frame["world_region"] = [regions.world_region(c) for c in codes]
    frame["us_regions_dated"] = frame["iso3"].map(us_launches["regions"].sum()).fillna(0).astype(int)
    frame["us_first_launch_year"] = frame["iso3"].map(us_launches["launch_year"].min()).astype("Int64")
    frame["us_latest_launch_year"] = frame["iso3"].map(us_launches["launch_year"].max()).astype("Int64")
    frame["us_regions_map"] = frame["iso3"].map(
        mapped[mapped["provider_bloc"] == US].groupby("iso3")["regions"].sum()
    )
    frame["china_regions_map"] = frame["iso3"].map(china_map.groupby("iso3")["regions"].sum())
    for name in ("us_regions_map", "china_regions_map"):
        frame[name] = frame[name].fillna(0).astype(int)
    providers = china_map.groupby("iso3")["provider"].agg(lambda p: ", ".join(sorted(set(p))))
    frame["china_providers_map"] = frame["iso3"].map(providers).fillna("")
    frame["alibaba_openings"] = frame["iso3"].map(opened.size()).fillna(0).astype(int)
    frame["alibaba_first_opening"] = frame["iso3"].map(opened["date"].min())
    groups = {US: "clusters_us_owned", CN: "clusters_china_owned"}
    for group, name in groups.items():
        values = by_owner[group] if group in by_owner else pd.Series(dtype=float)
        frame[name] = frame["iso3"].map(values).fillna(0).astype(int)
    others = [g for g in by_owner.columns if g in classify.BLOCS and g not in groups]
    unknown = [g for g in by_owner.columns if g in OWNER_LABELS.values()]
    frame["clusters_other_owned"] = frame["iso3"].map(by_owner[others].sum(axis=1)).fillna(0).astype(int)
    frame["clusters_owner_unknown"] = frame["iso3"].map(by_owner[unknown].sum(axis=1)).fillna(0).astype(int)
    return frame


def country_profile(profiles: pd.DataFrame, country: str) -> dict:
    """One country's row of `country_profiles`, by name or ISO 3166-1 alpha-3 code; a country no table
    lists is refused (a data gap to say, not a row of zeros)."""
    require(profiles, {"iso3"}, "country_profile")
    code = country if country in set(profiles["iso3"]) else regions.iso3(country)
    rows = profiles[profiles["iso3"] == code]
    if rows.empty:
        raise ValueError(f"country_profile: no infrastructure data for {country!r}")
    return rows.iloc[0].to_dict()


def load_tables(as_of: str | None = None) -> dict[str, pd.DataFrame]:
    """The processed tables these indicators read, cut at `as_of` (dated tables only)."""
    return {name: processed.read(name, as_of=as_of) for name in TABLES}


def profiles_at(as_of: str | None = None) -> pd.DataFrame:
    """`country_profiles` of the processed tables as of a date."""
    t = load_tables(as_of)
    return country_profiles(t[CLUSTERS], t[OPENINGS], t[LAUNCHES], t[CLOUD_MAP])


def timeline_at(region: str = regions.GLOBAL, as_of: str | None = None) -> pd.DataFrame:
    """`cloud_opening_timeline` of the processed tables as of a date, up to that year."""
    t = load_tables(as_of)
    until = int(as_of[:4]) if as_of else None
    return cloud_opening_timeline(
        t[LAUNCHES], t[OPENINGS], t[LAUNCH_COVERAGE], region=region, until_year=until
    )
