"""The reach-and-trust section's sentences (report.narrative.reach) on small hand-made tables."""

from __future__ import annotations

from strategy_brief.analysis.indicators import reach
from strategy_brief.curated import regions
from strategy_brief.report.narrative import reach as narrative
from tests.analysis.reach_rows import CLOUD, FACTS

SSA, LAC, EAO = "Sub-Saharan Africa", "Latin America & Caribbean", "Eastern Asia & Oceania"


def view(region: str, in_service_only: bool = False) -> reach.ReachTrust:
    return reach.reach_and_trust(CLOUD, FACTS, region, in_service_only=in_service_only)


def test_key_finding_counts_the_region_and_follows_the_count():
    said = narrative.key_finding(view(SSA))
    assert said.startswith(
        "Chinese providers run 3 of the 4 US and Chinese public-cloud regions in Sub-Saharan Africa (75%), "
        "yet trust in AI averages 75% in the Global South against 30% in the West, 45 percentage points apart"
    )
    assert said.endswith(f"with China at 90% ({reach.BAROMETER}).")
    assert "1 of the 2 US and Chinese public-cloud regions in service in Sub-Saharan Africa (50%)" in (
        narrative.key_finding(view(SSA, in_service_only=True))
    )
    assert "regions worldwide (" in narrative.key_finding(view(regions.GLOBAL))


def test_key_figures_record_the_share_and_the_gap_with_their_sources():
    share, gap = narrative.key_figures(view(SSA), "2025-01-31")
    assert (share["name"], share["value"], share["as_of"]) == ("china_cloud_share_region", 0.75, "2025-01-31")
    assert share["label"].endswith("(listed regions), Sub-Saharan Africa")
    assert (gap["name"], gap["value"], gap["as_of"]) == (
        "trust_gap_global_south_minus_west",
        45.0,
        "2025 wave",
    )
    assert (
        gap["source"] == f"{reach.BAROMETER}: T1, T2, T3, T4, T5" + ", T7"
    )  # the bound T6 and World T8 left out


def test_cloud_names_extremes_worldwide_and_the_region_against_the_world():
    world = narrative.cloud(view(regions.GLOBAL))
    assert world.startswith(
        "Worldwide, US providers run 7 cloud regions in 2 countries and Chinese providers 10 in 3"
    )
    assert "highest in Eastern Asia & Oceania (100%)" in world
    assert (
        "The providers counted are, for the United States, Alpha US, Zeta US; for China, Big CN, Small CN."
        in world
    )
    here = narrative.cloud(view(SSA))
    assert here.startswith("In Sub-Saharan Africa, US providers run 1 cloud regions in 1 country and Chinese")
    assert "against 59% worldwide" in here
    assert "Counting only regions in service instead gives 50%" in here
    assert "Counting every listed region instead" in narrative.cloud(view(SSA, in_service_only=True))


def test_trust_means_name_the_countries_and_the_bounds_left_out():
    said = narrative.trust_means(view(SSA))
    assert said.startswith("The Global South mean rests on 2 countries (India and Nigeria), the West's on 3")
    assert "Kenya (at least 60%, fact T6: Kenya)" in said
    assert "one survey wave (2025 wave)" in said


def test_region_trust_or_its_gap():
    assert narrative.has_trust(view(regions.GLOBAL)) and narrative.has_trust(view(SSA))
    world = narrative.region_trust(view(regions.GLOBAL))
    assert world.startswith(
        f"5 of the {len(regions.REPORTING_REGIONS)} world regions have at least one exact"
    )
    assert world.endswith(
        "Latin America & Caribbean, South-eastern Asia, Middle East & North Africa have none (Table 2)."
    )
    assert (
        "Nigeria (80%, Global South); Kenya (at least 60%, Global South, a bound left out of the mean)"
        in (narrative.region_trust(view(SSA)))
    )
    assert narrative.region_trust(view(EAO)).endswith(
        "Apart from China itself, no country of the region has a figure."
    )
    assert not narrative.has_trust(view(LAC))
    gap = narrative.no_trust(view(LAC))
    assert gap.startswith(f"No country in {LAC} has an exact trust figure in the {reach.BAROMETER}, so")
    assert gap.endswith(
        f"The separate {reach.FLASH_POLL} has Brazil (65%): shown in Table 1, not merged into the means."
    )


def test_no_cloud_only_where_the_map_lists_neither_bloc():
    assert narrative.no_cloud(view(regions.GLOBAL)) == narrative.no_cloud(view(SSA)) == ""
    assert narrative.no_cloud(view(LAC)).startswith(
        f"The cloud map lists no US or Chinese cloud region in {LAC} ("
    )


def test_flash_poll_beside_the_barometer():
    said = narrative.flash(view(LAC), FACTS)
    assert said.startswith(f"A later {reach.FLASH_POLL} (2025-10, 2 markets) gives other figures")
    assert "Germany 35% against 20% in the Barometer" in said
    assert f"For {LAC} it has Brazil (65%), which the {reach.BAROMETER} does not cover" in said
    assert "For " not in narrative.flash(view(regions.GLOBAL), FACTS)


def test_caveats_date_the_snapshot():
    assert "single snapshot of the cloud map (January 2025)" in narrative.cloud_caveats("2025-01-31")
