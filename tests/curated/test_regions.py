"""Country → world region (curated.regions)."""

import pytest

from strategy_brief.curated import regions


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
