"""analysis.indicators.infrastructure on synthetic processed tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from strategy_brief.analysis import uncertainty
from strategy_brief.analysis.indicators import infrastructure as infra

CLUSTER_KEYS = ["iso3", "country", "world_region", "owner_status", "owner_bloc"]


def clusters(*rows) -> pd.DataFrame:
    """gpu_clusters_by_country rows: (place..., existing, planned, H100e of existing, known, openings)."""
    out = []
    for iso3, country, region, status, bloc, existing, planned, h100, known, openings in rows:
        out.append(
            dict(
                zip(CLUSTER_KEYS, (iso3, country, region, status, bloc), strict=True),
                clusters=existing + planned,
                existing=existing,
                planned=planned,
                decommissioned=0,
                h100_equivalents=h100,
                h100_known=known,
                planned_h100_equivalents=0.0,
                planned_h100_known=0,
                cloud_openings=openings,
                existing_cloud_openings=openings,
            )
        )
    return pd.DataFrame(out)


SSA, SEA, LAC = "Sub-Saharan Africa", "South-eastern Asia", "Latin America & Caribbean"
EAO, NAM = "Eastern Asia & Oceania", "Northern America"
CLUSTERS = clusters(
    ("KEN", "Kenya", SSA, "classified", "United States", 2, 0, 900.0, 2, 0),
    ("IDN", "Indonesia", SEA, "classified", "China", 3, 1, 0.0, 0, 3),
    ("BRA", "Brazil", LAC, "unclassified", np.nan, 4, 0, 400.0, 3, 0),
    ("CHN", "China", EAO, "anonymized", np.nan, 10, 2, 5000.0, 9, 0),
    ("USA", "United States", NAM, "classified", "United States", 20, 5, 90000.0, 18, 0),
    ("USA", "United States", NAM, "classified", "China", 1, 0, 0.0, 0, 1),
)


def test_compute_reach_counts_owners_per_area_with_a_wilson_interval():
    reach = infra.compute_reach(CLUSTERS).set_index("area")
    south = reach.loc[infra.GLOBAL_SOUTH]
    assert (south["us_owned"], south["china_owned"], south["owner_unknown"]) == (2, 3, 4)
    assert south["china_owned_cloud_openings"] == 3
    assert south["clusters"] == 9 and south["us_h100_equivalents"] == 900
    low, high = uncertainty.wilson_interval(3, 5)
    assert south["china_share_of_us_china"] == pytest.approx(0.6)
    assert (south["china_share_low"], south["china_share_high"]) == pytest.approx((float(low), float(high)))
    assert south["interval_needed"]
    world = reach.loc["Global"]
    assert (world["us_owned"], world["china_owned"], world["owner_unknown"]) == (22, 4, 14)
    assert reach.loc["Middle East & North Africa", "clusters"] == 0
    assert np.isnan(reach.loc["Middle East & North Africa", "china_share_of_us_china"])


def test_abroad_only_leaves_out_clusters_in_their_owners_own_bloc():
    reach = infra.compute_reach(CLUSTERS, abroad_only=True).set_index("area")
    assert reach.loc["Global", "us_owned"] == 2  # Kenya only; those in the United States are home
    assert reach.loc["Global", "china_owned"] == 4  # Indonesia and the United States: both abroad
    assert reach.loc["Global", "owner_unknown"] == 14  # no bloc: nothing to call home


def test_status_chooses_the_counts_and_planned_views_do_not_split_openings():
    planned = infra.compute_reach(CLUSTERS, status="planned").set_index("area")
    assert planned.loc["Global", "clusters"] == 8
    assert np.isnan(planned.loc["Global", "china_owned_cloud_openings"])
    every = infra.compute_by_country(CLUSTERS, status="all")
    assert every["clusters"].sum() == CLUSTERS["clusters"].sum()
    with pytest.raises(ValueError, match="status must be one of"):
        infra.compute_reach(CLUSTERS, status="rumoured")


def test_compute_by_region_names_why_a_cluster_has_no_bloc():
    table = infra.compute_by_region(CLUSTERS)
    south = table[table["area"] == infra.GLOBAL_SOUTH].set_index("owner_group")
    assert south.at["Owner not classified", "clusters"] == 4
    assert south.at["China", "host_countries"] == 1
    groups = set(table["owner_group"])
    assert "Owner anonymized" in groups and "Unknown" not in groups
    bad = CLUSTERS.assign(owner_status="guessed")
    with pytest.raises(ValueError, match="unknown owner_status 'guessed'"):
        infra.compute_by_region(bad)


LAUNCHES = pd.DataFrame(
    [
        ("Amazon Web Services", "United States", "IDN", "Indonesia", SEA, 2019, 2),
        ("Google Cloud Platform", "United States", "IDN", "Indonesia", SEA, 2021, 1),
        ("Amazon Web Services", "United States", "ZAF", "South Africa", SSA, 2020, 1),
        ("Hetzner", "Europe", "SGP", "Singapore", SEA, 2022, 1),
    ],
    columns=["provider", "provider_bloc", "iso3", "country", "world_region", "launch_year", "regions"],
)
OPENINGS = pd.DataFrame(
    [
        ("Alibaba Cloud", "Indonesia", "IDN", "Indonesia", SEA, "2018-07-01", "Existing"),
        ("Alibaba Cloud", "Philippines Phase 2", "PHL", "Philippines", SEA, "2025-10-15", "Planned"),
        ("Alibaba Cloud", "Malaysia", "MYS", "Malaysia", SEA, "2020-07-01", "Decommissioned"),
        ("Alibaba Cloud", "India", "IND", "India", "Southern Asia", "2018-07-01", "Existing"),
    ],
    columns=["provider", "site", "iso3", "country", "world_region", "date", "status"],
)
COVERAGE = pd.DataFrame(
    [
        ("Amazon Web Services", "United States", "partly dated", "launch dates at year precision"),
        ("Oracle Cloud Infrastructure", "United States", "undated", "listed without launch dates"),
        (
            "Alibaba Cloud",
            "China",
            "dated elsewhere",
            "Chinese providers are not in the launch-date source; x",
        ),
        ("Tencent Cloud", "China", "not covered", "Chinese providers are not in the launch-date source; gap"),
    ],
    columns=["provider", "provider_bloc", "coverage", "note"],
)


def test_opening_timeline_is_cumulative_per_series_and_labelled_with_its_coverage():
    timeline = infra.cloud_opening_timeline(LAUNCHES, OPENINGS, COVERAGE, region=SEA, until_year=2023)
    us = timeline[timeline["series"] == infra.US_SERIES].set_index("year")
    assert list(us.index) == list(range(2018, 2024))
    assert us.loc[2019, "opened"] == 2 and us.loc[2021, "cumulative"] == 3 and us.loc[2023, "cumulative"] == 3
    assert "Oracle Cloud Infrastructure" in us.loc[2019, "coverage_note"]  # undated, left out
    ali = timeline[timeline["series"] == "Alibaba Cloud"].set_index("year")
    assert ali.loc[2018, "opened"] == 1 and ali.loc[2020, "cumulative"] == 2  # decommissioned: it opened
    assert ali["cumulative"].max() == 2  # the planned one is not an opening
    assert ali.loc[2018, "coverage_note"].startswith("Chinese providers are not in the launch-date source")
    assert set(timeline["source"]) == {"cloud_region_launches", "alibaba_cloud_openings"}
    south = infra.cloud_opening_timeline(LAUNCHES, OPENINGS, COVERAGE, region=infra.GLOBAL_SOUTH)
    assert south[south["series"] == infra.US_SERIES]["opened"].sum() == 4
    with pytest.raises(ValueError, match="unknown region 'Atlantis'"):
        infra.cloud_opening_timeline(LAUNCHES, OPENINGS, COVERAGE, region="Atlantis")


def test_launch_gaps_are_the_providers_no_source_dates():
    assert list(infra.launch_gaps(COVERAGE)["provider"]) == ["Tencent Cloud"]


CLOUD_MAP = pd.DataFrame(
    [
        ("Amazon Web Services", "United States", "Indonesia", SEA, 1, 1),
        ("Alibaba Cloud", "China", "Indonesia", SEA, 3, 3),
        ("Huawei Cloud", "China", "Indonesia", SEA, 1, 1),
        ("Huawei Cloud", "China", "Kenya", SSA, 1, 0),
    ],
    columns=["provider", "provider_bloc", "country", "world_region", "regions", "in_service"],
)


def test_country_profiles_join_the_four_tables_per_country():
    profiles = infra.country_profiles(CLUSTERS, OPENINGS, LAUNCHES, CLOUD_MAP)
    indonesia = infra.country_profile(profiles, "Indonesia")
    assert (indonesia["us_regions_dated"], indonesia["us_first_launch_year"]) == (3, 2019)
    assert (indonesia["us_regions_map"], indonesia["china_regions_map"]) == (1, 4)
    assert indonesia["china_providers_map"] == "Alibaba Cloud, Huawei Cloud"
    assert (indonesia["alibaba_openings"], indonesia["alibaba_first_opening"]) == (1, "2018-07-01")
    assert (indonesia["clusters_china_owned"], indonesia["clusters_us_owned"]) == (3, 0)
    kenya = infra.country_profile(profiles, "KEN")
    assert (kenya["clusters_us_owned"], kenya["china_regions_map"], kenya["us_regions_dated"]) == (2, 1, 0)
    assert infra.country_profile(profiles, "Brazil")["clusters_owner_unknown"] == 4
    with pytest.raises(ValueError, match="no infrastructure data for 'Chad'"):
        infra.country_profile(profiles, "Chad")


def test_a_cloud_map_country_without_a_code_is_refused():
    bad = pd.concat([CLOUD_MAP, CLOUD_MAP.head(1).assign(country="Atlantis")])
    with pytest.raises(ValueError, match="country 'Atlantis' has no ISO 3166-1 alpha-3 code"):
        infra.country_profiles(CLUSTERS, OPENINGS, LAUNCHES, bad)
