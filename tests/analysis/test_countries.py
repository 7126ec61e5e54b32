"""A country's view (analysis.countries): resolved by ISO3 or name, gaps named with their sources."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis import countries


def coverage(**state) -> pd.Series:
    base = {
        "iso3": "NGA",
        "country": "Nigeria",
        "world_region": "Sub-Saharan Africa",
        "adoption": "own",
        "us_reach": "listed",
        "cloud_compute": True,
        "trust": "edelman",
        "developers": True,
        "core_indicators": 5,
        "brief": True,
    }
    return pd.Series(base | state)


def test_gaps_name_what_is_missing_and_which_source_would_fill_it():
    assert countries.gaps(coverage()) == []
    thin = coverage(adoption="pooled", us_reach="not listed", cloud_compute="False", trust="no data")
    said = countries.gaps(thin)
    assert len(said) == 4
    assert said[0].startswith("AI use (level and trend): only a regional pool's value; would be filled by")
    assert any(s.startswith("a US closed product's reach (Claude): no data") for s in said)
    assert any("Edelman Trust Barometer or the UNDP HDR survey" in s for s in said)
    assert not any(s.startswith("developer base") for s in said)


def test_country_resolves_by_code_or_name_and_an_unknown_one_names_the_parameter():
    code = countries.country_ids()[0]
    row = countries.resolve(code)
    assert row["iso3"] == code
    assert countries.resolve(str(row["country"]))["iso3"] == code
    assert countries.resolve(code.lower())["iso3"] == code
    with pytest.raises(countries.CountryError, match=r"country='Atlantis': not an economy the data covers"):
        countries.resolve("Atlantis")


def test_every_listed_country_has_enough_core_indicators():
    table = pd.read_csv(countries.config.processed_dir() / "country_coverage.csv")
    listed = set(countries.country_ids())
    assert listed == set(table.loc[table["core_indicators"] >= 3, "iso3"])
    assert len(listed) == len(table[table["brief"]])
