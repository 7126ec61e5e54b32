"""Country → UN M49 sub-region (country_converter) → the world regions the briefs report on."""

from __future__ import annotations

import functools
import logging

import pandas as pd

from strategy_brief import config

GLOBAL = "Global"
REPORTING_REGIONS = (
    "Sub-Saharan Africa",
    "Latin America & Caribbean",
    "Southern Asia",
    "South-eastern Asia",
    "Middle East & North Africa",
    "Europe",
    "Northern America",
    "Eastern Asia & Oceania",
)
# The regions the region briefs cover: where the two strategies compete for users. The other three
# reporting regions are the "Global North" of the South–North comparisons (Eastern Asia includes China).
GLOBAL_SOUTH = REPORTING_REGIONS[:5]
GLOBAL_NORTH = REPORTING_REGIONS[5:]
SOUTH, NORTH = "Global South", "Global North"  # the two groupings' names where a view reports them


def areas() -> list[tuple[str, tuple[str, ...]]]:
    """The areas a by-region view reports, with their member regions: each reporting region, the Global
    South, and Global (no members: every country)."""
    own = [(r, (r,)) for r in REPORTING_REGIONS]
    return [*own, (SOUTH, GLOBAL_SOUTH), (GLOBAL, ())]


def in_area(frame, members: tuple[str, ...]):
    """The rows of a frame with a `world_region` column that fall in an area of `areas()`."""
    return frame if not members else frame[frame["world_region"].isin(members)]


@functools.cache
def _subregion_table() -> dict[str, str]:
    path = config.raw_dir() / "classification" / "un_subregion_to_world_region.csv"
    table = pd.read_csv(path)
    unknown = set(table["world_region"]) - set(REPORTING_REGIONS)
    if unknown:
        raise ValueError(f"{path.name}: world_region not in REPORTING_REGIONS: {sorted(unknown)}")
    return dict(zip(table["un_subregion"], table["world_region"], strict=True))


@functools.cache
def _converter():
    import country_converter as coco  # slow import; only when a country is classified

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter()


@functools.cache
def world_region(country: str) -> str | None:
    """The reporting region of a country name, or None for aggregates such as 'World'."""
    sub = _converter().convert(country, to="UNregion", not_found=None)
    if not isinstance(sub, str):
        return None
    return _subregion_table().get(sub)


@functools.cache
def canonical_country(country: str) -> str | None:
    """country_converter's short name for any spelling ('United States of America' → 'United States')."""
    name = _converter().convert(country, to="name_short", not_found=None)
    return name if isinstance(name, str) else None


def in_region(country: str, region: str) -> bool:
    """True when the country belongs to the region ('Global' contains every country)."""
    if region == GLOBAL:
        return world_region(country) is not None
    if region not in REPORTING_REGIONS:
        raise ValueError(f"unknown region {region!r}; expected Global or one of {REPORTING_REGIONS}")
    return world_region(country) == region


@functools.cache
def iso3(country: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a country name or code in any spelling ('Türkiye' → 'TUR'), or
    None for aggregates and names country_converter does not know. The stable id of a country."""
    code = _converter().convert(country, to="ISO3", not_found=None)
    # country_converter echoes some unknown names ('World') back: only a three-letter code is one.
    if not (isinstance(code, str) and len(code) == 3 and code.isupper()):
        return None
    return code if country_name(code) is not None else None  # an echoed unknown code ('KEX') is none


@functools.cache
def country_name(code: str) -> str | None:
    """The short English name of an ISO 3166-1 alpha-3 code ('CIV' → "Côte d'Ivoire")."""
    name = _converter().convert(code, src="ISO3", to="name_short", not_found=None)
    # An unknown code comes back unchanged ('KEX'): that is no name.
    return name if isinstance(name, str) and name != code else None
