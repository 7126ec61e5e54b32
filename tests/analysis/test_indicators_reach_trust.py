"""The reach-and-trust section's tables (analysis.indicators.reach: survey_facts, trust_countries,
reach_and_trust) on small hand-made tables."""

from __future__ import annotations

import math

import pytest

from strategy_brief.analysis.indicators import reach
from strategy_brief.curated import regions
from strategy_brief.curated.classify import CN, US
from tests.analysis.reach_rows import CLOUD, FACTS, B, F


def test_survey_facts_reads_one_wave_and_names_its_caller():
    rows = reach.survey_facts(FACTS, F)
    assert list(rows["fact_id"]) == ["P1", "P2"]
    with pytest.raises(ValueError, match=r"my_chart: unknown survey 'Nope'; trust_in_ai surveys: \['Edelman"):
        reach.survey_facts(FACTS, "Nope", where="my_chart")
    with pytest.raises(ValueError, match="survey_facts: expected percent"):
        reach.survey_facts(FACTS.assign(unit="share"), B)


def test_trust_countries_orders_groups_then_exact_figures_then_trust():
    out = reach.trust_countries(reach.trust_by_group(FACTS), "Sub-Saharan Africa")
    # Global South (India 70, Nigeria 80, Kenya a bound), China, West (US 30, UK 40, Germany 20).
    assert list(out["country"]) == [
        "Nigeria",
        "India",
        "Kenya",
        "China",
        "United Kingdom",
        "United States",
        "Germany",
    ]
    assert list(out.loc[out["in_region"], "country"]) == ["Nigeria", "Kenya"]
    assert not reach.trust_countries(reach.trust_by_group(FACTS), regions.GLOBAL)["in_region"].any()


def test_reach_and_trust_for_a_region():
    rt = reach.reach_and_trust(CLOUD, FACTS, "Sub-Saharan Africa")
    assert (rt.here["us_regions"], rt.here["china_regions"]) == (1, 3)
    assert (rt.world["us_regions"], rt.world["china_regions"]) == (7, 10)
    # Abroad only: Big CN's five regions in China are left out worldwide.
    assert rt.abroad.loc[regions.GLOBAL, "china_regions"] == 5
    # Counted the other way (in service only): Small CN has one of its three Kenyan regions in service.
    assert rt.other_count.loc["Sub-Saharan Africa", "china_regions"] == 1
    assert rt.providers == {US: ["Alpha US", "Zeta US"], CN: ["Big CN", "Small CN"]}
    assert (rt.south["mean_trust_pct"], rt.west["mean_trust_pct"], rt.china_trust) == (75.0, 30.0, 90.0)
    assert rt.trust_gap == 45.0
    # country by country: India 70 - UK 40 = 30 at least, Nigeria 80 - Germany 20 = 60 at most; two and
    # three countries are fewer than FEW_COUNTRIES, so the gap is an indication
    assert rt.trust_gap_range == (30.0, 60.0)
    assert rt.trust_gap_is_indication
    assert (rt.here["china_share_low"], rt.here["china_share_high"]) == reach.wilson_interval(3, 4)
    assert (rt.wave, rt.flash_wave) == ("2025 wave", "2025-10")
    assert bool(rt.coverage.loc["Sub-Saharan Africa", "has_trust"])


def test_reach_and_trust_ranks_regions_without_clouds_first():
    rt = reach.reach_and_trust(CLOUD, FACTS, regions.GLOBAL, in_service_only=True)
    ranked = rt.ranked
    assert regions.GLOBAL not in set(ranked["world_region"])
    no_share = ranked["china_share"].isna()
    assert no_share.any() and not no_share[no_share.idxmin() :].any()  # every NaN before the first share
    shares = ranked.loc[~no_share, "china_share"]
    assert shares.is_monotonic_increasing and math.isclose(shares.iloc[-1], 5 / 5)
