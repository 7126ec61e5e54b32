import pandas as pd
import pytest

from strategy_brief.curated import regions
from strategy_brief.report.charts import executive


@pytest.mark.parametrize(
    ("country", "region"),
    [
        ("India", "Southern Asia"),
        ("Kazakhstan", "Southern Asia"),
        ("Nigeria", "Sub-Saharan Africa"),
        ("Egypt", "Middle East & North Africa"),
        ("Saudi Arabia", "Middle East & North Africa"),
        ("Brazil", "Latin America & Caribbean"),
        ("Indonesia", "South-eastern Asia"),
        ("United Kingdom", "Europe"),
        ("United States", "Northern America"),
        ("Taiwan", "Eastern Asia & Oceania"),
        ("World", None),
    ],
)
def test_world_region(country, region):
    assert regions.world_region(country) == region


def test_every_un_subregion_with_countries_is_classified():
    import country_converter as coco

    subregions = set(coco.CountryConverter().data["UNregion"].dropna()) - {"Antarctica"}
    assert subregions <= set(regions._subregion_table())


def test_in_region_rejects_unknown_region():
    assert regions.in_region("Nigeria", "Global")
    with pytest.raises(ValueError, match="unknown region 'Atlantis'"):
        regions.in_region("Nigeria", "Atlantis")


def synthetic_facts(rows):
    cols = [
        "fact_id",
        "indicator",
        "country",
        "value",
        "unit",
        "as_of",
        "primary_source",
        "source_url",
    ]
    return pd.DataFrame(rows, columns=cols)


def test_investment_gap_uses_latest_common_year():
    table = synthetic_facts(
        [
            (
                "A",
                "private_ai_investment",
                "United States",
                60.0,
                "USD billion",
                "2023",
                "S",
                "https://x",
            ),
            ("B", "private_ai_investment", "China", 6.0, "USD billion", "2023", "S", "https://x"),
            (
                "C",
                "private_ai_investment",
                "United States",
                100.0,
                "USD billion",
                "2024",
                "S",
                "https://x",
            ),
            ("D", "private_ai_investment", "China", 8.0, "USD billion", "2024", "S", "https://x"),
            (
                "E",
                "private_ai_investment",
                "United States",
                120.0,
                "USD billion",
                "2025",
                "S",
                "https://x",
            ),
        ]
    )
    gap = executive.investment_gap(table)
    assert (gap.as_of, gap.us, gap.china, gap.ratio) == ("2024", 100.0, 8.0, 12.5)
    assert executive.investment_gap(table, "2023").ratio == pytest.approx(10.0)


def test_trust_by_country_flags_region_and_aggregates():
    table = synthetic_facts(
        [
            ("A", "trust_in_ai", "Nigeria", 76.0, "%", "2025", "S", "https://x"),
            ("B", "trust_in_ai", "United States", 32.0, "%", "2025", "S", "https://x"),
            ("C", "trust_in_ai", "World", 49.0, "%", "2025", "S", "https://x"),
            ("D", "trust_in_ai", "China", 87.0, "%", "2025", "Other survey", "https://x"),
        ]
    )
    out = executive.trust_by_country(table, "Sub-Saharan Africa", survey="S")
    assert list(out["country"]) == ["Nigeria", "World", "United States"]
    assert list(out["in_region"]) == [True, False, False]
    assert list(out["is_aggregate"]) == [False, True, False]
    assert list(out["bloc"]) == ["Rest of world", "Rest of world", "United States"]


def test_trust_leaves_out_bounds_and_needs_the_survey():
    table = synthetic_facts(
        [
            ("A", "trust_in_ai", "China", 72.0, "%", "2025", "S", "https://x"),
            ("B", "trust_in_ai", "Germany", 30.0, "%", "2025", "S", "https://x"),
        ]
    ).assign(qualifier=["exact", "at_most"])
    assert list(executive.trust_by_country(table, "Global", survey="S")["country"]) == ["China"]
    with pytest.raises(LookupError, match="no trust_in_ai rows from 'Nope'"):
        executive.trust_by_country(table, "Global", survey="Nope")
