"""analysis.indicators.deepseek: DeepSeek's share by economy and by region, from curated facts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import deepseek


def fact(fact_id, country, value, *, indicator=deepseek.SHARE, actor="DeepSeek", unit="percent"):
    """A curated fact as facts.load gives it (only the columns the module reads)."""
    return {
        "fact_id": fact_id,
        "indicator": indicator,
        "actor": actor,
        "country": country,
        "value": float(value),
        "unit": unit,
        "qualifier": "exact",
        "as_of_start": "2024-07-01",
        "as_of_end": "2024-12-31",
        "primary_source": "Synthetic report",
        "quote": f"{country or actor} {value}",
    }


def ratio(fact_id, value, qualifier, area="Africa"):
    row = fact(fact_id, "", value, indicator=deepseek.AFRICA_RATIO, actor=area, unit="times")
    return {**row, "qualifier": qualifier, "quote": "usage 3 to 5 times other regions"}


FACTS = pd.DataFrame(
    [
        fact("S1", "Kenya", 31),
        fact("S2", "Algeria", 62),
        fact("S3", "Viet Nam", 12.5),
        fact("S4", "Bolivia", 7),
        ratio("S5a", 3, "range_low"),
        ratio("S5b", 5, "range_high"),
        fact("X1", "Kenya", 99, indicator="trust_in_ai"),  # another indicator: never a share
    ]
)


def test_share_by_country_is_a_fraction_per_economy_highest_first():
    out = deepseek.deepseek_share_by_country(FACTS)
    assert list(out["iso3"]) == ["DZA", "KEN", "VNM", "BOL"]
    kenya = out.set_index("iso3").loc["KEN"]
    assert kenya["share"] == pytest.approx(0.31) and kenya["share_pct"] == 31
    assert kenya["world_region"] == "Sub-Saharan Africa" and kenya["fact_id"] == "S1"
    assert kenya["period"] == "Jul 2024-Dec 2024" and kenya["quote"] == "Kenya 31"
    assert out.set_index("iso3").loc["VNM", "country"] == "Vietnam"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([fact("S1", "Kenya", 31, unit="times")], "expected percent"),
        ([fact("S1", "Atlantis", 31)], r"without a known country: \['S1'\]"),
        ([fact("S1", "Kenya", 31), fact("S2", "Kenya", 30)], r"one country and period: \['S1', 'S2'\]"),
    ],
)
def test_bad_share_facts_are_refused_naming_them(rows, message):
    with pytest.raises(ValueError, match=message):
        deepseek.deepseek_share_by_country(pd.DataFrame(rows))


def test_no_share_fact_is_an_empty_table_and_every_region_a_gap():
    only_other = FACTS[FACTS["indicator"] != deepseek.SHARE]
    assert deepseek.deepseek_share_by_country(only_other).empty
    by_region = deepseek.deepseek_by_region(only_other)
    assert (by_region["share_countries"] == 0).all() and by_region["max_share"].isna().all()


def test_a_range_statement_is_joined_and_placed_in_the_regions_it_overlaps():
    statements = deepseek.deepseek_region_statements(FACTS)
    assert len(statements) == 1
    row = statements.iloc[0]
    assert (row["low"], row["high"], row["unit"]) == (3, 5, "times")
    assert row["fact_ids"] == "S5a; S5b" and row["area"] == "Africa"
    assert row["reporting_regions"] == "Sub-Saharan Africa; Middle East & North Africa"


def test_an_area_the_module_cannot_place_is_refused():
    facts = pd.DataFrame([ratio("S9", 2, "exact", area="Atlantis")])
    with pytest.raises(ValueError, match=r"STATED_AREAS for \['S9'\]"):
        deepseek.deepseek_region_statements(facts)


def test_by_region_lists_economies_and_statements_region_by_region():
    out = deepseek.deepseek_by_region(FACTS).set_index("world_region")
    africa = out.loc["Sub-Saharan Africa"]
    assert africa["share_countries"] == 1 and africa["countries"] == "Kenya"
    assert africa["max_share"] == pytest.approx(0.31) and africa["statement_fact_ids"] == "S5a; S5b"
    mena = out.loc["Middle East & North Africa"]  # Algeria and the Africa statement
    assert mena["countries"] == "Algeria" and mena["statement_fact_ids"] == "S5a; S5b"
    assert out.loc["South-eastern Asia", "countries"] == "Vietnam"
    europe = out.loc["Europe"]
    assert europe["share_countries"] == 0 and math.isnan(europe["max_share"])
    assert europe["statement_fact_ids"] == "" and not europe["global_south"]
    assert out.loc["Latin America & Caribbean", "share_fact_ids"] == "S4"
