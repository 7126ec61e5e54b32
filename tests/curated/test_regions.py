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


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Türkiye", "TUR"),
        ("United States of America", "USA"),
        ("DR Congo", "COD"),
        ("Congo", "COG"),
        ("World", None),
        ("Sub-Saharan Africa", None),
        ("KEX", None),
    ],
)
def test_iso3_is_the_stable_country_id_and_unknowns_are_none(name, code):
    assert regions.iso3(name) == code
    if code:
        assert regions.iso3(regions.country_name(code)) == code, "name and code round-trip"


def test_unknown_code_has_no_name_rather_than_itself():
    assert regions.country_name("KEX") is None
    assert regions.country_name("CIV") == "Côte d'Ivoire"


def test_global_south_and_north_split_the_reporting_regions():
    assert set(regions.GLOBAL_SOUTH) | set(regions.GLOBAL_NORTH) == set(regions.REPORTING_REGIONS)
    assert not set(regions.GLOBAL_SOUTH) & set(regions.GLOBAL_NORTH)
    assert "Sub-Saharan Africa" in regions.GLOBAL_SOUTH and "Eastern Asia & Oceania" in regions.GLOBAL_NORTH
