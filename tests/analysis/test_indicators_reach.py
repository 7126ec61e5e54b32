"""analysis.indicators.reach on small hand-computed examples (cloud presence, trust groups,
coverage), and on the committed data."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_brief.analysis.indicators import adoption, reach
from strategy_brief.curated import facts as facts_module
from strategy_brief.curated import regions
from strategy_brief.data import processed
from tests.analysis.fact_rows import facts

CLOUD = pd.DataFrame(
    {
        "provider": ["P US", "P CN", "P CN", "P CN"],
        "provider_bloc": ["United States", "China", "China", "China"],
        "country": ["Germany", "Germany", "Kenya", "China"],
        "world_region": ["Europe", "Europe", "Sub-Saharan Africa", "Eastern Asia & Oceania"],
        "regions": [3, 1, 2, 4],
        "in_service": [2, 1, 0, 4],
    }
)


def test_cloud_presence_by_hand():
    out = reach.cloud_presence(CLOUD).set_index("world_region")
    # Europe: 3 US + 1 Chinese region, China's share 1/4; Africa only Chinese (2/2); Global 7 of 3 + 7.
    assert out.loc["Europe", ["us_regions", "china_regions"]].tolist() == [3, 1]
    assert out.loc["Europe", "china_share"] == 0.25 and out.loc["Sub-Saharan Africa", "china_share"] == 1.0
    assert out.loc["Global", "china_share"] == 0.7
    assert math.isnan(out.loc["Southern Asia", "china_share"])  # no region at all: no share
    assert list(out.index) == [*regions.REPORTING_REGIONS, regions.GLOBAL]
    # In service only: Kenya's 2 are not, so Africa has none; Europe 2 US + 1 CN → 1/3.
    live = reach.cloud_presence(CLOUD, in_service_only=True).set_index("world_region")
    assert math.isnan(live.loc["Sub-Saharan Africa", "china_share"])
    assert live.loc["Europe", "china_share"] == pytest.approx(1 / 3)
    # Abroad only: the Chinese provider's 4 regions in China drop out; Global 3 US vs 3 CN → 0.5.
    abroad = reach.cloud_presence(CLOUD, abroad_only=True).set_index("world_region")
    assert abroad.loc["Global", "china_share"] == 0.5


def test_wilson_interval_by_hand():
    # 11 of 25: p = 0.44, z = 1.96; centre (0.44 + 1.96²/50) / (1 + 1.96²/25) = 0.4479, half 0.1813.
    low, high = reach.wilson_interval(11, 25)
    assert (low, high) == (pytest.approx(0.2667, abs=1e-4), pytest.approx(0.6293, abs=1e-4))
    assert reach.wilson_interval(0, 5)[0] == 0.0 and reach.wilson_interval(5, 5)[1] == 1.0
    assert all(math.isnan(x) for x in reach.wilson_interval(0, 0))
    # fewer items, wider interval, around the same share
    assert reach.wilson_interval(2, 4)[0] < reach.wilson_interval(20, 40)[0] < 0.5


def test_cloud_presence_carries_its_interval():
    out = reach.cloud_presence(CLOUD).set_index("world_region")
    assert (
        out.loc["Europe", "china_share_low"],
        out.loc["Europe", "china_share_high"],
    ) == reach.wilson_interval(1, 4)
    assert out.loc["Global", "china_share_low"] < 0.7 < out.loc["Global", "china_share_high"]
    assert math.isnan(out.loc["Southern Asia", "china_share_low"])


def test_cloud_presence_refuses_bad_tables():
    with pytest.raises(ValueError, match="empty input"):
        reach.cloud_presence(CLOUD.iloc[0:0])
    with pytest.raises(ValueError, match="in_service"):
        reach.cloud_presence(CLOUD.drop(columns="in_service"))
    with pytest.raises(ValueError, match="Atlantis"):
        reach.cloud_presence(CLOUD.assign(world_region="Atlantis"))


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.booleans(), st.sampled_from(["Europe", "Southern Asia"]), st.integers(0, 50)), min_size=1
    )
)
def test_cloud_china_share_is_a_share(rows):
    table = pd.DataFrame(
        {
            "provider": [f"P{i}" for i in range(len(rows))],
            "provider_bloc": ["China" if cn else "United States" for cn, _, _ in rows],
            "country": ["Germany" if r == "Europe" else "India" for _, r, _ in rows],
            "world_region": [r for _, r, _ in rows],
            "regions": [n for _, _, n in rows],
            "in_service": [n for _, _, n in rows],
        }
    )
    out = reach.cloud_presence(table).dropna(subset=["china_share"])
    assert out["china_share"].between(0, 1).all()
    assert (out["china_share_low"] <= out["china_share"]).all() and (
        out["china_share"] <= out["china_share_high"]
    ).all()


def trust(fact_id, country, value, qualifier="exact", source="Survey S"):
    return {"fact_id": fact_id, "indicator": "trust_in_ai", "actor": country, "country": country,
            "value": value, "unit": "percent", "qualifier": qualifier, "primary_source": source}  # fmt: skip


TRUST = facts(
    trust("F101", "United States", 30),
    trust("F102", "Germany", 20),
    trust("F103", "India", 70),
    trust("F104", "Nigeria", 80),
    trust("F105", "China", 90),
    trust("F106", "United Kingdom", 25, "at_most"),  # "<25%": a bound, left out
    trust("F107", "World", 50),  # an aggregate, left out
    trust("F108", "India", 10, source="Survey T"),  # another survey: ignored
)


def test_trust_groups_by_hand():
    out = reach.trust_by_group(TRUST, "Survey S").set_index("country")
    # West (US, Germany): (30 + 20) / 2 = 25; Global South (India, Nigeria): (70 + 80) / 2 = 75; China alone.
    assert out.loc["United States", "group_mean_pct"] == 25 and out.loc["India", "group_mean_pct"] == 75
    assert out.loc["China", "group"] == "China" and out.loc["China", "group_mean_pct"] == 90
    assert out.loc["United Kingdom", "group"] == "West" and not out.loc["United Kingdom", "in_mean"]
    assert "bound" in out.loc["United Kingdom", "left_out_reason"]
    assert pd.isna(out.loc["World", "group"]) and "aggregate" in out.loc["World", "left_out_reason"]
    means = reach.trust_group_means(out.reset_index()).set_index("group")
    assert means.loc["West", "mean_trust_pct"] == 25 and means.loc["West", "countries"] == 2
    assert means.loc["West", "left_out_countries"] == "United Kingdom"
    assert means.loc["Global South", "in_mean_countries"] == "India; Nigeria"
    # two countries each: the lowest and highest figure beside the mean, and flagged as an indication
    assert means.loc["West", ["min_trust_pct", "max_trust_pct"]].tolist() == [20, 30]
    assert means.loc["Global South", ["min_trust_pct", "max_trust_pct"]].tolist() == [70, 80]
    assert means["indication"].all()


def test_trust_group_rule():
    assert reach.country_group("Australia") == "West" and reach.country_group("Japan") == "Other high-income"
    assert reach.country_group("Hong Kong") == "China" and reach.country_group("Brazil") == "Global South"
    assert reach.country_group("World") is None
    assert set(reach.REGION_GROUPS) == set(regions.REPORTING_REGIONS)  # every region has a group
    assert set(reach.REGION_GROUPS.values()) | set(reach.COUNTRY_GROUPS.values()) <= set(reach.GROUPS)


def test_trust_refuses():
    with pytest.raises(ValueError, match="unknown survey 'Survey Z'"):
        reach.trust_by_group(TRUST, "Survey Z")
    with pytest.raises(ValueError, match="indicator 'trust_in_x'"):
        reach.trust_by_group(TRUST, "Survey S", indicator="trust_in_x")
    with pytest.raises(ValueError, match="empty input"):
        reach.trust_by_group(TRUST.iloc[0:0], "Survey S")
    with pytest.raises(ValueError, match="several Survey S figures"):
        reach.trust_by_group(facts(trust("F1", "India", 1), trust("F2", "India", 2)), "Survey S")


def test_region_coverage_by_hand():
    out = reach.region_coverage(reach.trust_by_group(TRUST, "Survey S"), reach.cloud_presence(CLOUD))
    out = out.set_index("world_region")
    # Southern Asia: India's trust figure but no cloud region of either side.
    assert out.loc["Southern Asia", "has_trust"] and not out.loc["Southern Asia", "has_cloud"]
    assert out.loc["Southern Asia", "gaps"] == "no US cloud region; no Chinese cloud region"
    # Europe: Germany in the mean, the UK only as a bound; both clouds present.
    assert out.loc["Europe", ["trust_countries", "trust_bounded"]].tolist() == [1, 1]
    assert out.loc["Europe", "gaps"] == ""
    assert out.loc["Latin America & Caribbean", "gaps"].startswith("no trust figure")
    assert out.loc["Global", "trust_countries"] == 5  # the aggregate row is not a country
    with pytest.raises(ValueError, match="presence"):
        reach.region_coverage(reach.trust_by_group(TRUST, "Survey S"), CLOUD.iloc[0:0])


# --- the committed data: structure only -----------------------------------------------------------


@pytest.fixture(scope="module")
def real_facts():
    return facts_module.load()


def test_reach_on_the_committed_data(real_facts):
    presence = reach.cloud_presence(processed.read("cloud_regions_by_origin_country"))
    assert list(presence["world_region"]) == [*regions.REPORTING_REGIONS, regions.GLOBAL]
    assert presence["china_share"].dropna().between(0, 1).all()
    trust = reach.trust_by_group(real_facts)
    assert set(trust["group"].dropna()) <= set(reach.GROUPS)
    assert not trust.loc[trust["qualifier"].isin(adoption.BOUNDS), "in_mean"].any()
    coverage = reach.region_coverage(trust, presence)
    assert len(coverage) == len(regions.REPORTING_REGIONS) + 1 and coverage["has_trust"].dtype == bool
