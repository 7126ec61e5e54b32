"""The reach-and-trust section's sentences (report.narrative.reach) on small hand-made tables."""

from __future__ import annotations

import pandas as pd

from strategy_brief.analysis.indicators import reach, trust
from strategy_brief.curated import regions
from strategy_brief.report.narrative import reach as narrative
from tests.analysis.reach_rows import CLOUD, FACTS, fact
from tests.analysis.test_indicators_trust import CONFIDENCE, undp_table

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


def undp():
    confidence = trust.undp_confidence(undp_table(CONFIDENCE))
    return trust.UndpTrust(
        by_country=confidence,
        by_region=trust.undp_by_region(confidence).set_index("world_region"),
        coverage=trust.trust_source_coverage(confidence, FACTS).set_index("world_region"),
    )


def test_region_trust_names_the_regions_countries():
    assert (
        "Nigeria (80%, Global South); Kenya (at least 60%, Global South, a bound left out of the mean)"
        in (narrative.region_trust(view(SSA)))
    )
    assert narrative.region_trust(view(EAO)).endswith(
        "Apart from China itself, no country of the region has a figure."
    )


def test_trust_sources_follow_the_coverage_table():
    world = narrative.trust_sources(view(regions.GLOBAL), undp())
    # Barometer: Nigeria and Kenya (bound), India, US, UK, Germany, China → 5 regions with an exact figure
    assert world.startswith(
        f"5 of the 8 world regions have at least one exact trust figure in the {reach.BAROMETER} ("
    )
    assert (
        f"The {trust.UNDP} covers 7 countries and is the only trust source for Latin America & Caribbean "
        "(Brazil) and the Middle East & North Africa (Egypt; Tunisia; Türkiye)."
    ) in world
    assert world.endswith("No survey covers South-eastern Asia.")
    # Sub-Saharan Africa: the Barometer's countries, the UNDP ones beside them, never merged
    africa = narrative.trust_sources(view(SSA), undp())
    assert africa.startswith("In Sub-Saharan Africa, the survey covers Nigeria (80%")
    assert africa.endswith(
        f"The {trust.UNDP} also covers Nigeria 60% and South Africa 40% confident in AI systems: another "
        "question and scale, shown below, not merged."
    )
    mena = narrative.trust_sources(view("Middle East & North Africa"), undp())
    assert mena.startswith(
        f"No country of Middle East & North Africa has an exact figure in the {reach.BAROMETER}"
    )
    assert "Egypt 80%, Tunisia 70% and Türkiye 50%" in mena
    assert narrative.trust_sources(view("South-eastern Asia"), undp()) == ""


def test_trust_gap_only_where_no_survey_covers_the_region():
    assert narrative.trust_gap(view(regions.GLOBAL), undp()) == ""
    assert narrative.trust_gap(view(LAC), undp()) == ""  # the UNDP transcription covers Brazil
    gap = narrative.trust_gap(view("South-eastern Asia"), undp())
    assert gap.startswith(
        f"No country in South-eastern Asia has an exact trust figure in the {reach.BAROMETER}"
    )
    assert "What would fill it: a trust survey with a country in the region" in gap


def test_undp_stands_on_its_own_scale():
    said = narrative.undp(undp())
    assert said.startswith(f"The {trust.UNDP} asks how confident people are in AI systems")
    assert "runs from 25% in Brazil to 80% in Egypt (median 50%)" in said
    assert "the Middle East & North Africa 70% (3 countries)" in said
    assert "and 4 of these 4 are." in said
    assert "never averaged with Edelman's figures" in said
    assert narrative.no_undp().startswith(f"The {trust.UNDP} has no figure in this edition")


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
