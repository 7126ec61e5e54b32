"""The reach-and-trust section's sentences (report.narrative.reach) on small hand-made tables."""

from __future__ import annotations

import pandas as pd

from strategy_brief.analysis.indicators import reach
from strategy_brief.curated import regions
from strategy_brief.report.narrative import reach as narrative
from tests.analysis.reach_rows import CLOUD, FACTS, fact

SSA, LAC, EAO = "Sub-Saharan Africa", "Latin America & Caribbean", "Eastern Asia & Oceania"


def view(region: str, in_service_only: bool = False) -> reach.ReachTrust:
    return reach.reach_and_trust(CLOUD, FACTS, region, in_service_only=in_service_only)


def interval(k: int, n: int) -> str:
    low, high = reach.wilson_interval(k, n)
    return f"95% interval {round(100 * low)}–{round(100 * high)}%"


def test_key_finding_counts_the_region_and_follows_the_count():
    said = narrative.key_finding(view(SSA))
    # 3 of 4 regions; trust: 2 Global South countries (70, 80) and 3 Western ones (20, 30, 40)
    assert said.startswith(
        "Chinese providers run 3 of the 4 US and Chinese public-cloud regions listed in Sub-Saharan Africa "
        f"(75%; {interval(3, 4)}); trust in AI is 80% in Nigeria and 70% in India (Global South) against 40% "
        "in the United Kingdom, 30% in the United States and 20% in Germany (West): means of 75% and 30%, "
        "45 percentage points apart, and 30 to 60 points country by country. With 2 Global South and 3 "
        "Western countries, this is an indication, not an established gap."
    )
    assert said.endswith(f"China is at 90% ({reach.BAROMETER}).")
    assert (
        "1 of the 2 US and Chinese public-cloud regions in service in Sub-Saharan Africa "
        f"(50%; {interval(1, 2)})" in narrative.key_finding(view(SSA, in_service_only=True))
    )
    assert "regions listed worldwide (" in narrative.key_finding(view(regions.GLOBAL))


def test_key_finding_states_the_gap_only_from_enough_countries():
    many = pd.DataFrame(
        [fact(f"S{i}", c, 70 + i) for i, c in enumerate(["India", "Nigeria", "Kenya", "Brazil", "Indonesia"])]
        + [fact(f"W{i}", c, 30 + i) for i, c in enumerate(["Germany", "France", "Spain", "Italy", "Canada"])]
        + [fact("C", "China", 90), fact("P", "Germany", 35, survey=reach.FLASH_POLL, as_of="2025-10")]
    )
    rt = reach.reach_and_trust(CLOUD, many, SSA)
    assert not rt.trust_gap_is_indication
    assert (
        "trust in AI averages 72% in the Global South against 32% in the West, 40 percentage points apart"
        in (narrative.key_finding(rt))
    )
    assert "indication" not in narrative.key_figures(rt, "2025-01-31")[1]["label"]


def test_key_figures_record_the_share_and_the_gap_with_their_sources():
    share, gap = narrative.key_figures(view(SSA), "2025-01-31")
    assert (share["name"], share["value"], share["as_of"]) == ("china_cloud_share_region", 0.75, "2025-01-31")
    assert share["label"].endswith("(listed regions), Sub-Saharan Africa")
    assert gap["label"].endswith("(2 Global South and 3 Western countries: an indication)")
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
    assert f"China's share is 59% ({interval(10, 17)}), highest in Eastern Asia & Oceania (100%; " in world
    assert (
        "The providers counted are, for the United States, Alpha US, Zeta US; for China, Big CN, Small CN."
        in world
    )
    here = narrative.cloud(view(SSA))
    assert here.startswith("In Sub-Saharan Africa, US providers run 1 cloud regions in 1 country and Chinese")
    assert "against 59% worldwide" in here
    assert f"China's share is 75% ({interval(3, 4)}), against 59% worldwide" in here
    assert (
        f"Counting only regions in service instead gives 50% ({interval(1, 2)}) (1 Chinese against 1 US"
        in here
    )
    assert "Counting every listed region, announced ones too, instead" in (
        narrative.cloud(view(SSA, in_service_only=True))
    )


def test_trust_means_name_the_countries_and_the_bounds_left_out():
    said = narrative.trust_means(view(SSA))
    assert said.startswith(
        "The Global South mean rests on 2 countries (India and Nigeria: 70% to 80%), the West's on 3"
    )
    assert said.endswith(
        "with 2 Global South and 3 Western countries the gap between them is not established."
    )
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
    said = narrative.cloud_caveats("2025-01-31")
    assert "single snapshot of the cloud map (January 2025)" in said
    assert "where the map gives none (announced regions, mostly), by its name" in said
