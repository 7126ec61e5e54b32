"""Cloud regions of US and Chinese providers by country and world region (counts only)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import classify, regions
from strategy_brief.data.steps import _io
from strategy_brief.data.table import BLOCS, TableSpec, column


def flatten(doc: dict) -> pd.DataFrame:
    """One row per provider region and metro, as the map lists them."""
    rows = [
        {
            "provider": csp["name"],
            "region_code": csp["cloud_region"],
            "in_service": bool(csp.get("in_service")),
            "metro_area": metro["metro_area"],
            "country": metro["country"],
        }
        for metro in doc["cloud_regions"]
        for csp in metro["cloud_service_providers"]
    ]
    return pd.DataFrame(rows)


def regions_by_provider_country(flat: pd.DataFrame) -> pd.DataFrame:
    """Distinct regions (provider, region code) counted per provider and country."""
    unique = flat.sort_values(["provider", "region_code", "metro_area"]).drop_duplicates(
        ["provider", "region_code"]
    )
    unique = unique.assign(
        provider_bloc=[
            classify.bloc_of_country(classify.cloud_provider_country(p)) for p in unique["provider"]
        ],
        world_region=[regions.world_region(c) or "Unclassified" for c in unique["country"]],
    )
    grouped = unique.groupby(["provider", "provider_bloc", "country", "world_region"])
    return grouped.agg(regions=("region_code", "size"), in_service=("in_service", "sum")).reset_index()


def _cloud(inputs) -> pd.DataFrame:
    """TeleGeography Cloud Infrastructure Map (newest snapshot), deduplicated on (provider, region
    code) because a region served from several metros is listed once per metro; provider origin from
    cloud_providers.csv; country → world region through UN M49."""
    return regions_by_provider_country(
        flatten(_io.read_json(_io.latest(inputs["cloud_regions"], "cloud_regions")))
    )


TABLES = (
    TableSpec(
        name="cloud_regions_by_origin_country",
        title="Cloud regions by provider origin and country",
        description="Number of distinct public-cloud regions per provider and country (counts only; the source has no licence).",
        sources=("cloud_regions",),
        compute=_cloud,
        key=("provider", "country"),
        units={"regions": "count of regions", "in_service": "count of regions in service"},
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
