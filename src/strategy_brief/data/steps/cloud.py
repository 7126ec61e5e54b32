"""Cloud regions of US and Chinese providers by country and world region (counts only)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import classify, regions
from strategy_brief.data.steps import _io
from strategy_brief.data.table import BLOCS, TableSpec, column


def flatten(doc: dict) -> pd.DataFrame:
    """One row per provider region and metro, as the map lists them; a region without a code (announced
    regions, mostly) keeps its name, so it can be told apart from the provider's other code-less regions."""
    rows = [
        {
            "provider": csp["name"],
            "region_code": csp.get("cloud_region") or "",
            "region_name": csp.get("cloud_region_name") or "",
            "in_service": bool(csp.get("in_service")),
            "metro_area": metro["metro_area"],
            "country": metro["country"],
        }
        for metro in doc["cloud_regions"]
        for csp in metro["cloud_service_providers"]
    ]
    return pd.DataFrame(rows)


def region_keys(flat: pd.DataFrame) -> pd.Series:
    """What makes a region distinct within its provider: its code, or, where the map gives no code, its
    name. Without this every code-less region of a provider would collapse into one. A row with neither
    is refused: it could not be told from the provider's other regions."""
    code, name = flat["region_code"].fillna(""), flat["region_name"].fillna("")
    blank = (code == "") & (name == "")
    if blank.any():
        first = flat[blank].iloc[0]
        raise ValueError(
            f"cloud regions: {int(blank.sum())} region(s) with neither code nor name, "
            f"e.g. {first['provider']} in {first['metro_area']} ({first['country']})"
        )
    return code.where(code != "", "name:" + name)


def regions_by_provider_country(flat: pd.DataFrame) -> pd.DataFrame:
    """Distinct regions counted per provider and country: a region is a (provider, region code) pair, or
    (provider, region name) where the map gives no code; every listed region counts, in service or
    announced (`in_service` counts those in service)."""
    keyed = flat.assign(region_key=region_keys(flat))
    unique = keyed.sort_values(["provider", "region_key", "metro_area"]).drop_duplicates(
        ["provider", "region_key"]
    )
    unique = unique.assign(
        provider_bloc=[
            classify.bloc_of_country(classify.cloud_provider_country(p)) for p in unique["provider"]
        ],
        world_region=[regions.world_region(c) or "Unclassified" for c in unique["country"]],
    )
    grouped = unique.groupby(["provider", "provider_bloc", "country", "world_region"])
    return grouped.agg(regions=("region_key", "size"), in_service=("in_service", "sum")).reset_index()


def _cloud(inputs) -> pd.DataFrame:
    """TeleGeography Cloud Infrastructure Map (newest snapshot), deduplicated on (provider, region
    code), or (provider, region name) for a region the map lists without a code, because a region
    served from several metros is listed once per metro; every listed region is counted (regions), and
    those in service apart (in_service); provider origin from cloud_providers.csv; country → world
    region through UN M49."""
    return regions_by_provider_country(
        flatten(_io.read_json(_io.latest(inputs["cloud_regions"], "cloud_regions")))
    )


TABLES = (
    TableSpec(
        name="cloud_regions_by_origin_country",
        title="Cloud regions by provider origin and country",
        description="Number of distinct public-cloud regions per provider and country, every listed region (in service or announced) and those in service (counts only; the source has no licence).",
        sources=("cloud_regions",),
        compute=_cloud,
        key=("provider", "country"),
        units={
            "regions": "count of listed regions (in service or announced)",
            "in_service": "count of regions in service",
        },
        schema=pa.DataFrameSchema(
            {
                "provider": column(str),
                "provider_bloc": column(str, pa.Check.isin(BLOCS)),
                "country": column(str),
                "world_region": column(str),
                "regions": column(int, pa.Check.gt(0)),
                "in_service": column(int, pa.Check.ge(0)),
            },
            strict=True,
            checks=[pa.Check(lambda df: df["in_service"] <= df["regions"], error="in_service <= regions")],
        ),
    ),
)
