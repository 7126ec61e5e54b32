"""DeepSeek's market share by economy and the regional statements on its usage, from the curated facts.

The figures are what Microsoft's AI Diffusion Report labels on its map (data/raw/facts.csv, indicator
deepseek_market_share): a handful of economies, not a table of every country, so a region without a
labelled economy is a data gap, never a zero. Statements about a continent (DeepSeek usage in Africa
2 to 4 times other regions) are kept apart, with the reporting regions they overlap.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators._checks import require
from strategy_brief.curated import facts as facts_mod
from strategy_brief.curated import regions

SHARE = "deepseek_market_share"
AFRICA_RATIO = "deepseek_usage_ratio_africa_vs_other_regions"
REGION_INDICATORS = (AFRICA_RATIO,)
# The areas regional statements name → the reporting regions they overlap (Africa: Sub-Saharan Africa
# whole, Middle East & North Africa for its North African countries only).
STATED_AREAS = {"Africa": ("Sub-Saharan Africa", "Middle East & North Africa")}
FACT_COLUMNS = (
    "fact_id",
    "indicator",
    "actor",
    "country",
    "value",
    "unit",
    "qualifier",
    "as_of_start",
    "as_of_end",
    "primary_source",
    "quote",
)
SHARE_COLUMNS = (
    "iso3",
    "country",
    "world_region",
    "share",
    "share_pct",
    "qualifier",
    "period",
    "as_of_end",
    "fact_id",
    "primary_source",
    "quote",
)


def _period(row: pd.Series) -> str:
    return fmt.period(row["as_of_start"], row["as_of_end"])


def deepseek_share_by_country(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per labelled economy: iso3, country, world_region, share (a fraction) and share_pct, the
    period, fact id, source and verbatim quote; highest share first. Refuses a unit other than percent,
    a country without an ISO code and two figures for one country and period."""
    require(facts, FACT_COLUMNS, "deepseek_share_by_country")
    rows = facts[facts["indicator"] == SHARE]
    if rows.empty:  # none known at this date: a data gap the caller states
        return pd.DataFrame(columns=SHARE_COLUMNS)
    units = sorted(set(rows["unit"]))
    if units != ["percent"]:
        raise ValueError(f"deepseek_share_by_country: expected percent, got units {units}")
    codes = rows["country"].map(lambda c: regions.iso3(c) if c else None)
    unknown = rows.loc[codes.isna(), "fact_id"].tolist()
    if unknown:
        raise ValueError(f"deepseek_share_by_country: facts without a known country: {unknown}")
    out = pd.DataFrame(
        {
            "iso3": codes,
            "country": [regions.country_name(c) for c in codes],
            "world_region": [regions.world_region(c) for c in codes],
            "share": rows["value"].astype(float) / 100,
            "share_pct": rows["value"].astype(float),
            "qualifier": rows["qualifier"],
            "period": rows.apply(_period, axis=1),
            "as_of_end": rows["as_of_end"],
            "fact_id": rows["fact_id"],
            "primary_source": rows["primary_source"],
            "quote": rows["quote"],
        }
    )
    out = out[list(SHARE_COLUMNS)]
    twice = out[out.duplicated(["iso3", "period"], keep=False)]
    if not twice.empty:
        ids = list(twice["fact_id"])
        raise ValueError(f"deepseek_share_by_country: several figures for one country and period: {ids}")
    out = out.sort_values(["share", "iso3"], ascending=[False, True], kind="mergesort")
    return out.reset_index(drop=True)


def deepseek_region_statements(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per regional statement (a range split into low and high rows joined again): the area as
    the source names it, the reporting regions it overlaps, low and high (equal for a single value), unit,
    period, fact ids and quote. Refuses an area STATED_AREAS does not place."""
    require(facts, FACT_COLUMNS, "deepseek_region_statements")
    rows = facts[facts["indicator"].isin(REGION_INDICATORS)]
    unplaced = rows.loc[~rows["actor"].isin(STATED_AREAS), "fact_id"].tolist()
    if unplaced:
        raise ValueError(f"deepseek_region_statements: area not in STATED_AREAS for {unplaced}")
    out = []
    for (indicator, area, quote), group in rows.groupby(["indicator", "actor", "quote"], sort=True):
        values = group.set_index("qualifier")["value"].astype(float)
        low = values.get("range_low", values.min())
        high = values.get("range_high", values.max())
        out.append(
            {
                "indicator": indicator,
                "area": area,
                "reporting_regions": "; ".join(STATED_AREAS[area]),
                "low": float(low),
                "high": float(high),
                "unit": group["unit"].iloc[0],
                "period": _period(group.iloc[0]),
                "fact_ids": "; ".join(sorted(group["fact_id"])),
                "primary_source": group["primary_source"].iloc[0],
                "quote": quote,
            }
        )
    columns = ["indicator", "area", "reporting_regions", "low", "high", "unit", "period", "fact_ids"]
    return pd.DataFrame(out, columns=[*columns, "primary_source", "quote"])


def deepseek_by_region(facts: pd.DataFrame) -> pd.DataFrame:
    """Per reporting region: how many economies have a labelled DeepSeek share, which (highest first), the
    highest share (NaN where none: a data gap, not a zero) and the fact ids of regional statements that
    overlap the region."""
    shares = deepseek_share_by_country(facts)
    statements = deepseek_region_statements(facts)
    out = []
    for region in regions.REPORTING_REGIONS:
        here = shares[shares["world_region"] == region]
        overlapping = statements.loc[[region in r.split("; ") for r in statements["reporting_regions"]]]
        out.append(
            {
                "world_region": region,
                "global_south": region in regions.GLOBAL_SOUTH,
                "share_countries": len(here),
                "max_share": float(here["share"].max()) if len(here) else np.nan,
                "countries": "; ".join(here["country"]),
                "share_fact_ids": "; ".join(here["fact_id"]),
                "statement_fact_ids": "; ".join(overlapping["fact_ids"]),
            }
        )
    return pd.DataFrame(out)


def deepseek_facts(as_of: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """By country, by region and the regional statements, from the curated facts known at `as_of`."""
    facts = facts_mod.load(as_of=as_of or None)
    return deepseek_share_by_country(facts), deepseek_by_region(facts), deepseek_region_statements(facts)
