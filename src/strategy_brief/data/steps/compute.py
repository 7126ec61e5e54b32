"""Compute and cloud infrastructure by country: Epoch AI's GPU clusters (AI supercomputers) by host country
and owner bloc, the Chinese cloud openings that list carries, and cloud-region launch years of US and other
providers (no Chinese provider is in the launch-date source, which `cloud_launch_coverage` states as data).
"""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa

from strategy_brief import config
from strategy_brief.curated import classify, regions
from strategy_brief.data.steps import _io
from strategy_brief.data.table import BLOCS, DATE, TableSpec, column

EPOCH = "epoch_gpu_clusters"
LAUNCHES = "cloud_region_launches"
UNCLASSIFIED_REGION = "Unclassified"  # a country outside the reporting regions (as in steps.cloud)

STATUSES = ("Existing", "Planned", "Decommissioned")
CERTAINTIES = ("Confirmed", "Likely", "Unlikely")
# Epoch withholds the owner of Chinese systems and names them so.
ANONYMIZED_NAME = "Anonymized Chinese System"
# Who owns a cluster, as far as the source and organizations.csv tell: only "classified" has an owner bloc.
OWNER_STATUSES = ("classified", "unclassified", "not_stated", "anonymized")
# Epoch's rows for cloud region openings: "Alibaba Cloud in Saudi Arabia", "... in Malaysia Phase 2".
CLOUD_OPENING = re.compile(r"^(?P<provider>.+? Cloud) in (?P<site>.+)$")
# Many openings are dated at year precision and written YYYY-07-01 (compute/SOURCE.txt).
YEAR_ONLY_SUFFIX = "-07-01"
EXCLUDED_UNLIKELY = "excluded: certainty Unlikely"
EXCLUDED_NO_COUNTRY = "excluded: no host country"
COUNTED = "counted"
LAUNCH_PROVIDERS_TABLE = "cloud_launch_providers.csv"


# ------------------------------------------------------------------------------------- GPU clusters


def _bad(where: str, index, column_name: str, value, rule: str) -> ValueError:
    return ValueError(f"{where}: row {index + 2}, column {column_name!r}: {value!r} is not {rule}")


def _owner(owner: str, name: str) -> tuple[str, str | None]:
    """(owner_status, owner_bloc) of one cluster: the bloc of its lead owner's home country
    (organizations.csv), or a status saying why there is none."""
    if not owner.strip():
        return ("anonymized" if name.strip() == ANONYMIZED_NAME else "not_stated"), None
    try:
        _, country = classify.organization(classify.lead_organization(owner))
    except classify.ClassificationError:
        return "unclassified", None
    return "classified", classify.bloc_of_country(country)


def clusters_frame(raw: pd.DataFrame, where: str = EPOCH) -> pd.DataFrame:
    """Epoch's clusters, checked and classified: host country (iso3, name, reporting region), owner status
    and bloc, H100-equivalents as a number, whether the row is a cloud opening, and the coverage reason
    (counted, or why it is left out of the country tables). Bad input raises naming row and column."""
    for name, allowed in (("Status", STATUSES), ("Certainty", CERTAINTIES)):
        bad = ~raw[name].isin(allowed)
        if bad.any():
            i = bad.idxmax()
            raise _bad(where, i, name, raw.at[i, name], f"one of {', '.join(allowed)}")
    text = raw["H100 equivalents"].str.strip()
    h100 = pd.to_numeric(text.where(text != ""), errors="coerce")
    bad = (text != "") & (h100.isna() | (h100 < 0))
    if bad.any():
        i = bad.idxmax()
        raise _bad(where, i, "H100 equivalents", raw.at[i, "H100 equivalents"], "a number >= 0 or empty")
    dates = raw["First Operational Date"].str.strip()
    bad = (dates != "") & ~dates.str.fullmatch(DATE[1:-1])
    if bad.any():
        i = bad.idxmax()
        raise _bad(
            where, i, "First Operational Date", raw.at[i, "First Operational Date"], "YYYY-MM-DD or empty"
        )
    countries = raw["Country"].str.strip()
    codes = [regions.iso3(c) if c else None for c in countries]
    for i, (country, code) in enumerate(zip(countries, codes, strict=True)):
        if country and code is None:
            raise _bad(where, raw.index[i], "Country", country, "a country name country_converter knows")
    owners = [_owner(o, n) for o, n in zip(raw["Owner"], raw["Name"], strict=True)]
    opening = raw["Name"].str.strip().str.extract(CLOUD_OPENING)
    out = pd.DataFrame(
        {
            "name": raw["Name"].str.strip(),
            "status": raw["Status"],
            "certainty": raw["Certainty"],
            "iso3": codes,
            "country": [regions.country_name(c) if c else None for c in codes],
            "world_region": [(regions.world_region(c) or UNCLASSIFIED_REGION) if c else None for c in codes],
            "owner_status": [s for s, _ in owners],
            "owner_bloc": [b for _, b in owners],
            "h100": h100,
            "first_operational": dates.where(dates != ""),
            "possible_duplicate": raw.get("Possible Duplicate", pd.Series("", index=raw.index)).eq("True"),
            "opening_provider": opening["provider"],
            "opening_site": opening["site"],
        },
        index=raw.index,
    )
    out["coverage"] = COUNTED
    out.loc[out["iso3"].isna(), "coverage"] = EXCLUDED_NO_COUNTRY
    out.loc[out["certainty"] == "Unlikely", "coverage"] = EXCLUDED_UNLIKELY
    # A cloud opening counts only if its owner is of the provider's bloc (Alibaba → China).
    is_chinese_opening = out["opening_provider"].notna() & (out["owner_bloc"] == classify.CN)
    out["cloud_opening"] = is_chinese_opening
    return out


def clusters_by_country(clusters: pd.DataFrame) -> pd.DataFrame:
    """Counted clusters per host country and owner (status, bloc): how many by status, H100-equivalents of
    the existing and of the planned ones (sum of the known values, and how many have one), cloud-opening rows
    and possible duplicates among them, and the first and latest operational date of existing or
    decommissioned clusters."""
    rows = clusters[clusters["coverage"] == COUNTED].copy()
    rows["existing"] = rows["status"] == "Existing"
    rows["planned"] = rows["status"] == "Planned"
    rows["decommissioned"] = rows["status"] == "Decommissioned"
    rows["existing_cloud_opening"] = rows["cloud_opening"] & rows["existing"]
    rows["h100_existing"] = rows["h100"].where(rows["existing"])
    rows["h100_planned"] = rows["h100"].where(rows["planned"])
    rows["operational_date"] = pd.to_datetime(rows["first_operational"].where(~rows["planned"]))
    keys = ["iso3", "country", "world_region", "owner_status", "owner_bloc"]
    grouped = rows.groupby(keys, dropna=False, sort=True)
    out = grouped.agg(
        clusters=("name", "size"),
        existing=("existing", "sum"),
        planned=("planned", "sum"),
        decommissioned=("decommissioned", "sum"),
        h100_equivalents=("h100_existing", "sum"),
        h100_known=("h100_existing", "count"),
        planned_h100_equivalents=("h100_planned", "sum"),
        planned_h100_known=("h100_planned", "count"),
        cloud_openings=("cloud_opening", "sum"),
        existing_cloud_openings=("existing_cloud_opening", "sum"),
        possible_duplicates=("possible_duplicate", "sum"),
        first_operational=("operational_date", "min"),
        latest_operational=("operational_date", "max"),
    ).reset_index()
    for name in ("h100_equivalents", "planned_h100_equivalents"):
        out[name] = out[name].round(1)
    for name in ("first_operational", "latest_operational"):
        out[name] = out[name].dt.strftime("%Y-%m-%d").astype(object).where(out[name].notna(), None)
    return out


def clusters_coverage(clusters: pd.DataFrame) -> pd.DataFrame:
    """Every listed cluster under one reason (counted, or why it is left out of the country table) and, for
    the counted ones, one row per owner status: how many clusters and their known H100-equivalents."""
    counted = clusters["coverage"] == COUNTED
    reason = clusters["coverage"].where(~counted, COUNTED + ": owner " + clusters["owner_status"])
    frame = clusters.assign(reason=reason)
    out = (
        frame.groupby("reason", sort=True)
        .agg(clusters=("name", "size"), h100_equivalents=("h100", "sum"), h100_known=("h100", "count"))
        .reset_index()
    )
    out["h100_equivalents"] = out["h100_equivalents"].round(1)
    return out


def cloud_openings(clusters: pd.DataFrame) -> pd.DataFrame:
    """Chinese cloud region openings as Epoch lists them ("Alibaba Cloud in <country>" rows): provider,
    site, host country, date and status; `date_may_be_year_only` flags dates written YYYY-07-01, how the
    source writes a year-precision date."""
    rows = clusters[clusters["cloud_opening"] & clusters["iso3"].notna()]
    out = pd.DataFrame(
        {
            "provider": rows["opening_provider"],
            "site": rows["opening_site"],
            "iso3": rows["iso3"],
            "country": rows["country"],
            "world_region": rows["world_region"],
            "date": rows["first_operational"],
            "date_may_be_year_only": rows["first_operational"].fillna("").str.endswith(YEAR_ONLY_SUFFIX),
            "status": rows["status"],
        }
    )
    return out.reset_index(drop=True)


def _clusters(inputs) -> pd.DataFrame:
    snap = _io.latest(inputs[EPOCH], EPOCH)
    return clusters_frame(_io.read_csv(snap), str(snap.path.name))


def _by_country(inputs) -> pd.DataFrame:
    """Epoch AI GPU clusters (newest snapshot) without those of certainty Unlikely or without a host country
    (both counted in gpu_clusters_coverage), grouped by host country (ISO 3166-1 alpha-3, reporting region on
    UN M49) and owner: the owner's bloc is that of its lead organization's home country (organizations.csv;
    the first listed owner leads); a row without a bloc says why: owner anonymized (Epoch's 'Anonymized
    Chinese System'), not stated, or named but not in organizations.csv (unclassified). Existing, planned
    and decommissioned clusters are counted apart; H100-equivalents are summed where Epoch gives a value,
    with the count of clusters that have one. Cloud openings ('Alibaba Cloud in <country>' rows) and
    Epoch's possible duplicates are counted in, and each counted apart."""
    return clusters_by_country(_clusters(inputs))


def _coverage(inputs) -> pd.DataFrame:
    """Every Epoch AI GPU cluster (newest snapshot) under one reason: left out of gpu_clusters_by_country
    (certainty Unlikely; no host country), or counted, by owner status."""
    return clusters_coverage(_clusters(inputs))


def _openings(inputs) -> pd.DataFrame:
    """Epoch AI GPU clusters rows named '<provider> Cloud in <site>' whose owner is of the China bloc
    (Alibaba Cloud region openings), with their first operational date as the opening date."""
    return cloud_openings(_clusters(inputs))


# ------------------------------------------------------------------------------ cloud region launches


def launch_provider_country(provider: str) -> str:
    """The home country of a provider named in the launch-date source: cloud_providers.csv, else
    cloud_launch_providers.csv (providers only that source names); refuses an unknown provider."""
    try:
        return classify.cloud_provider_country(provider)
    except classify.ClassificationError:
        pass
    path = config.raw_dir() / "classification" / LAUNCH_PROVIDERS_TABLE
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    found = table.loc[table["provider"] == provider, "origin_country"]
    if found.empty:
        raise classify.ClassificationError(
            f"cloud_providers.csv and {LAUNCH_PROVIDERS_TABLE}: no row for provider {provider!r}"
        )
    return found.iloc[0]


def flatten_launches(doc: dict, where: str = LAUNCHES) -> pd.DataFrame:
    """One row per region of the launch-date source: provider name, country, launch date (or None),
    region type; a region whose provider is not listed, or with a malformed date, is refused."""
    names = {p["id"]: p["name"] for p in doc["providers"]}
    rows = []
    for i, region in enumerate(doc["regions"]):
        label = f"{where}: regions[{i}] ({region.get('id', '?')})"
        if region.get("provider") not in names:
            raise ValueError(f"{label}: provider {region.get('provider')!r} is not in providers")
        country = (region.get("location") or {}).get("country") or ""
        code = regions.iso3(country) if country else None
        if code is None:
            raise ValueError(
                f"{label}: location.country {country!r} is not a country country_converter knows"
            )
        launched = region.get("launchedDate") or None
        if launched is not None and not re.fullmatch(DATE[1:-1], str(launched)):
            raise ValueError(f"{label}: launchedDate {launched!r} is not YYYY-MM-DD")
        rows.append(
            {
                "provider": names[region["provider"]],
                "iso3": code,
                "launched": launched,
                "region_type": region.get("regionType") or "",
            }
        )
    frame = pd.DataFrame(rows, columns=["provider", "iso3", "launched", "region_type"])
    frame["country"] = [regions.country_name(c) for c in frame["iso3"]]
    frame["world_region"] = [regions.world_region(c) or UNCLASSIFIED_REGION for c in frame["iso3"]]
    frame["provider_bloc"] = [classify.bloc_of_country(launch_provider_country(p)) for p in frame["provider"]]
    return frame


def launches_by_year(flat: pd.DataFrame) -> pd.DataFrame:
    """Dated regions per provider, country and launch year (year precision: many dates are placeholders
    such as YYYY-01-01); `commercial_regions` leaves out government, sovereign and China-operated ones."""
    dated = flat[flat["launched"].notna()].assign(
        launch_year=lambda f: f["launched"].str[:4].astype(int),
        commercial=lambda f: f["region_type"] == "commercial",
    )
    keys = ["provider", "provider_bloc", "iso3", "country", "world_region", "launch_year"]
    return (
        dated.groupby(keys, sort=True)
        .agg(regions=("launched", "size"), commercial_regions=("commercial", "sum"))
        .reset_index()
    )


def launch_coverage(flat: pd.DataFrame, openings: pd.DataFrame) -> pd.DataFrame:
    """Per provider, where its opening dates come from and how many are dated: every provider of the
    launch-date source, then each China-bloc provider of cloud_providers.csv, which that source lacks: dated
    from Epoch's cloud openings where it has some, else a data gap."""
    rows = []
    for (provider, bloc), regions_of in flat.groupby(["provider", "provider_bloc"], sort=True):
        listed, dated = len(regions_of), int(regions_of["launched"].notna().sum())
        rows.append(
            {
                "provider": provider,
                "provider_bloc": bloc,
                "date_source": LAUNCHES,
                "listed": listed,
                "dated": dated,
                "coverage": "all dated" if dated == listed else "partly dated" if dated else "undated",
                "note": "launch dates at year precision (several are placeholders such as YYYY-01-01)"
                if dated
                else "listed without launch dates",
            }
        )
    table = pd.read_csv(
        config.raw_dir() / "classification" / "cloud_providers.csv", dtype=str, keep_default_na=False
    )
    for provider, country in zip(table["provider"], table["origin_country"], strict=True):
        if classify.bloc_of_country(country) != classify.CN or provider in set(flat["provider"]):
            continue
        own = openings[openings["provider"] == provider]
        rows.append(
            {
                "provider": provider,
                "provider_bloc": classify.CN,
                "date_source": EPOCH if len(own) else None,
                "listed": len(own),
                "dated": int(own["date"].notna().sum()),
                "coverage": "dated elsewhere" if len(own) else "not covered",
                "note": "Chinese providers are not in the launch-date source; openings dated from Epoch's "
                f"'{provider} in <country>' rows (a list of AI supercomputers, not of regions)"
                if len(own)
                else "Chinese providers are not in the launch-date source; opening dates are a data gap",
            }
        )
    return pd.DataFrame(rows)


def _launch_flat(inputs) -> pd.DataFrame:
    snap = _io.latest(inputs[LAUNCHES], LAUNCHES)
    return flatten_launches(_io.read_json(snap), snap.path.name)


def _launches(inputs) -> pd.DataFrame:
    """Cloud regions with a launch date (newest snapshot of the launch-date source), counted per provider,
    host country (ISO 3166-1 alpha-3) and launch year; provider origin from cloud_providers.csv, else
    cloud_launch_providers.csv; undated regions are left out (cloud_launch_coverage counts them). The
    source has no Chinese provider."""
    return launches_by_year(_launch_flat(inputs))


def _launch_coverage(inputs) -> pd.DataFrame:
    """Per provider: regions listed and dated in the launch-date source; China-bloc providers of
    cloud_providers.csv are not in it, and are dated from Epoch's cloud-opening rows where it has some."""
    return launch_coverage(_launch_flat(inputs), _clusters(inputs).pipe(cloud_openings))


# ----------------------------------------------------------------------------------------- tables

_PLACE = {
    "iso3": column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
    "country": column(str),
    "world_region": column(str),
}
_COUNT = column(int, pa.Check.ge(0))

TABLES = (
    TableSpec(
        name="gpu_clusters_by_country",
        title="GPU clusters by host country and owner bloc",
        description="AI supercomputers (Epoch AI) per host country and owner: existing, planned and "
        "decommissioned clusters, their H100-equivalents where known, first and latest operational date.",
        sources=(EPOCH,),
        compute=_by_country,
        key=("iso3", "owner_status", "owner_bloc"),
        units={
            "iso3": "ISO 3166-1 alpha-3 code of the host country",
            "country": "host country (short English name)",
            "owner_status": "classified (owner bloc known); unclassified (owner named, not in "
            "organizations.csv); not_stated (no owner given); anonymized (Epoch's 'Anonymized Chinese System')",
            "owner_bloc": "bloc of the lead owner's home country; empty unless owner_status is classified",
            "clusters": "count of clusters listed (existing + planned + decommissioned)",
            "existing": "count of existing clusters",
            "planned": "count of planned clusters",
            "decommissioned": "count of decommissioned clusters",
            "h100_equivalents": "H100-equivalents of existing clusters, sum of the known values",
            "h100_known": "count of existing clusters with a known H100-equivalent",
            "planned_h100_equivalents": "H100-equivalents of planned clusters, sum of the known values",
            "planned_h100_known": "count of planned clusters with a known H100-equivalent",
            "cloud_openings": "count of the clusters that are cloud-region openings ('Alibaba Cloud in ...')",
            "existing_cloud_openings": "count of the existing clusters that are cloud-region openings",
            "possible_duplicates": "count of the clusters Epoch flags as a possible duplicate",
            "first_operational": "earliest first operational date of existing or decommissioned clusters",
            "latest_operational": "latest first operational date of existing or decommissioned clusters",
        },
        schema=pa.DataFrameSchema(
            {
                **_PLACE,
                "owner_status": column(str, pa.Check.isin(OWNER_STATUSES)),
                "owner_bloc": column(str, pa.Check.isin(BLOCS), nullable=True),
                "clusters": column(int, pa.Check.gt(0)),
                "existing": _COUNT,
                "planned": _COUNT,
                "decommissioned": _COUNT,
                "h100_equivalents": column(float, pa.Check.ge(0)),
                "h100_known": _COUNT,
                "planned_h100_equivalents": column(float, pa.Check.ge(0)),
                "planned_h100_known": _COUNT,
                "cloud_openings": _COUNT,
                "existing_cloud_openings": _COUNT,
                "possible_duplicates": _COUNT,
                "first_operational": column(str, pa.Check.str_matches(DATE), nullable=True),
                "latest_operational": column(str, pa.Check.str_matches(DATE), nullable=True),
            },
            strict=True,
            checks=[
                pa.Check(
                    lambda df: df["owner_bloc"].notna() == (df["owner_status"] == "classified"),
                    error="owner_bloc is given exactly when owner_status is classified",
                ),
                pa.Check(
                    lambda df: df["existing"] + df["planned"] + df["decommissioned"] == df["clusters"],
                    error="existing + planned + decommissioned == clusters",
                ),
                pa.Check(lambda df: df["h100_known"] <= df["existing"], error="h100_known <= existing"),
                pa.Check(
                    lambda df: (
                        df["existing_cloud_openings"] <= df[["existing", "cloud_openings"]].min(axis=1)
                    ),
                    error="existing_cloud_openings <= existing and cloud_openings",
                ),
            ],
        ),
    ),
    TableSpec(
        name="gpu_clusters_coverage",
        title="GPU clusters: what is counted and what is left out",
        description="Every cluster of Epoch AI's list under one reason: left out of gpu_clusters_by_country "
        "(certainty Unlikely, no host country) or counted, by owner status.",
        sources=(EPOCH,),
        compute=_coverage,
        key=("reason",),
        units={
            "reason": "counted: owner <status>, or excluded: <why>",
            "clusters": "count of clusters",
            "h100_equivalents": "H100-equivalents, sum of the known values (any status)",
            "h100_known": "count of clusters with a known H100-equivalent",
        },
        schema=pa.DataFrameSchema(
            {
                "reason": column(str, unique=True),
                "clusters": column(int, pa.Check.gt(0)),
                "h100_equivalents": column(float, pa.Check.ge(0)),
                "h100_known": _COUNT,
            },
            strict=True,
        ),
    ),
    TableSpec(
        name="alibaba_cloud_openings",
        title="Chinese cloud region openings (from Epoch AI's GPU clusters)",
        description="Cloud region openings of Chinese providers as Epoch AI's GPU-cluster list records "
        "them ('Alibaba Cloud in <country>' rows): the only dated source of Chinese openings the project has.",
        sources=(EPOCH,),
        compute=_openings,
        key=("provider", "site"),
        date_column="date",
        units={
            "provider": "cloud provider (from the row's name)",
            "site": "where, as the row's name gives it (country, or country and phase)",
            "date": "first operational date (the opening)",
            "date_may_be_year_only": "True when the date is written YYYY-07-01, how the source writes a year",
            "status": "Existing, Planned or Decommissioned",
        },
        schema=pa.DataFrameSchema(
            {
                "provider": column(str),
                "site": column(str),
                **_PLACE,
                "date": column(str, pa.Check.str_matches(DATE), nullable=True),
                "date_may_be_year_only": column(bool),
                "status": column(str, pa.Check.isin(STATUSES)),
            },
            strict=True,
        ),
    ),
    TableSpec(
        name="cloud_region_launches",
        title="Cloud regions launched per provider, country and year",
        description="Dated cloud regions per provider, host country and launch year (AWS, Azure and Google "
        "Cloud have dates; no Chinese provider is in the source: see cloud_launch_coverage).",
        sources=(LAUNCHES,),
        compute=_launches,
        key=("provider", "iso3", "launch_year"),
        date_column="launch_year",
        units={
            "iso3": "ISO 3166-1 alpha-3 code of the host country",
            "country": "host country (short English name)",
            "launch_year": "year of launchedDate (dates are year precision at best)",
            "regions": "count of regions launched that year",
            "commercial_regions": "count of them of type commercial (not government, sovereign or China-operated)",
        },
        schema=pa.DataFrameSchema(
            {
                "provider": column(str),
                "provider_bloc": column(str, pa.Check.isin(BLOCS)),
                **_PLACE,
                "launch_year": column(int, pa.Check.in_range(1990, 2100)),
                "regions": column(int, pa.Check.gt(0)),
                "commercial_regions": _COUNT,
            },
            strict=True,
            checks=[
                pa.Check(
                    lambda df: df["commercial_regions"] <= df["regions"],
                    error="commercial_regions <= regions",
                )
            ],
        ),
    ),
    TableSpec(
        name="cloud_launch_coverage",
        title="Cloud region opening dates: coverage per provider",
        description="Per provider, which source dates its region openings and how many are dated; the "
        "Chinese providers are not in the launch-date source.",
        sources=(LAUNCHES, EPOCH),
        compute=_launch_coverage,
        key=("provider",),
        units={
            "date_source": "the registered source that dates its openings; empty when none does",
            "listed": "count of regions (or, from Epoch, of opening rows) the date source lists",
            "dated": "count of them with a date",
            "coverage": "all dated, partly dated, undated, dated elsewhere (not in the launch-date source; "
            "dated from Epoch) or not covered",
            "note": "what the dates are and what is missing",
        },
        schema=pa.DataFrameSchema(
            {
                "provider": column(str, unique=True),
                "provider_bloc": column(str, pa.Check.isin(BLOCS)),
                "date_source": column(str, pa.Check.isin([LAUNCHES, EPOCH]), nullable=True),
                "listed": _COUNT,
                "dated": _COUNT,
                "coverage": column(
                    str,
                    pa.Check.isin(["all dated", "partly dated", "undated", "dated elsewhere", "not covered"]),
                ),
                "note": column(str),
            },
            strict=True,
            checks=[pa.Check(lambda df: df["dated"] <= df["listed"], error="dated <= listed")],
        ),
    ),
)
