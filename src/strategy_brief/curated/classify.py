"""Classification tables (data/raw/classification/, data/raw/model_*.csv) as lookups.

Rules live in the tables and their README; this module only reads them and fails loudly,
naming the table, when a value has no classification.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from strategy_brief import config
from strategy_brief.curated import regions

# The two sides the briefs compare, by their bloc names; every module imports them from here.
US, CN = "United States", "China"
BLOCS = (US, CN, "Europe", "Rest of world")
OPEN_CLASSES = ("open_unrestricted", "open_restricted", "open_noncommercial")


def classification_dir() -> Path:
    """data/raw/classification of the project root as it is at the call."""
    return config.raw_dir() / "classification"


def __getattr__(name: str) -> Path:
    if name == "CLASSIFICATION_DIR":  # the old constant, resolved when read
        return classification_dir()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ClassificationError(LookupError):
    """A value the classification tables do not cover."""


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@functools.cache
def _country_blocs() -> dict[str, str]:
    table = _read(classification_dir() / "country_blocs.csv")
    out = {}
    for country, bloc in zip(table["country"], table["bloc"], strict=True):
        canonical = regions.canonical_country(country)
        if canonical is None or bloc not in BLOCS:
            raise ClassificationError(f"country_blocs.csv: bad row {country!r} → {bloc!r}")
        out[canonical] = bloc
    return out


@functools.cache
def bloc_of_country(country: str) -> str:
    """United States, China (with Hong Kong and Macao), Europe (UN M49), or Rest of world."""
    if not country:
        raise ClassificationError("bloc_of_country: empty country")
    overrides = _country_blocs()
    canonical = regions.canonical_country(country)
    if canonical is None:
        raise ClassificationError(f"country {country!r} is not recognised by country_converter")
    if canonical in overrides:
        return overrides[canonical]
    return "Europe" if regions.world_region(canonical) == "Europe" else "Rest of world"


@functools.cache
def _organizations() -> pd.DataFrame:
    return _read(classification_dir() / "organizations.csv").set_index("name_in_source")


def lead_organization(organizations: str) -> str:
    """A source's organization field can list several; the first listed leads (see ORGANIZATIONS.md)."""
    return organizations.split(",")[0].strip()


def organization(name_in_source: str) -> tuple[str, str]:
    """(canonical organization, its country) for a name as a source writes it."""
    table = _organizations()
    name = name_in_source.strip()
    if name not in table.index:
        raise ClassificationError(f"organizations.csv: no row for organization {name!r}")
    row = table.loc[name]
    return row["organization"], row["country"]


@functools.cache
def _openness() -> dict[tuple[str, str], str]:
    table = _read(classification_dir() / "openness_map.csv")
    return {
        (s, v): c
        for s, v, c in zip(table["source"], table["raw_value"], table["openness_class"], strict=True)
    }


def openness(source: str, raw_value: str) -> str:
    """The openness class of a source's licence or accessibility text."""
    key = (source, (raw_value or "").strip())
    mapping = _openness()
    if key not in mapping:
        raise ClassificationError(f"openness_map.csv: no row for source={source!r}, raw_value={key[1]!r}")
    return mapping[key]


@functools.cache
def crosswalk() -> pd.DataFrame:
    """Canonical models (model_id → developer, openness_class, release_date), with bloc added."""
    table = _read(config.raw_dir() / "model_crosswalk.csv")
    countries = {org: organization(org)[1] for org in table["developer"].unique()}
    table["bloc"] = [bloc_of_country(countries[d]) for d in table["developer"]]
    return table.set_index("model_id")


@functools.cache
def _aliases() -> dict[tuple[str, str], str]:
    table = _read(config.raw_dir() / "model_aliases.csv")
    return {
        (s, n): m for s, n, m in zip(table["source"], table["name_in_source"], table["model_id"], strict=True)
    }


def model_id(source: str, name_in_source: str) -> str | None:
    """The canonical model id of a source's model name, or None when it is not mapped."""
    return _aliases().get((source, name_in_source))


@functools.cache
def _lookup(filename: str, key: str, value: str) -> dict[str, str]:
    table = _read(classification_dir() / filename)
    return dict(zip(table[key], table[value], strict=True))


def hardware_country(manufacturer: str) -> str:
    table = _lookup("hardware_makers.csv", "manufacturer", "country")
    if manufacturer not in table:
        raise ClassificationError(f"hardware_makers.csv: no row for manufacturer {manufacturer!r}")
    return table[manufacturer]


def cloud_provider_country(provider: str) -> str:
    table = _lookup("cloud_providers.csv", "provider", "origin_country")
    if provider not in table:
        raise ClassificationError(f"cloud_providers.csv: no row for provider {provider!r}")
    return table[provider]


def excluded_price_hosts() -> frozenset[str]:
    """Hosts whose listed prices are known to be wrong upstream (price_hosts_excluded.csv)."""
    return frozenset(_lookup("price_hosts_excluded.csv", "host_provider", "reason"))
