"""The findings' sentences and scorecard table (report.narrative.findings), from hand-made scores."""

from __future__ import annotations

import dataclasses
import math

from strategy_brief.curated import regions
from strategy_brief.curated.classify import CN, US
from strategy_brief.report.narrative import findings as text
from tests.report.findings_rows import score, scores, view


def test_headline_and_implications_follow_the_numbers():
    base, v = scores(), view()
    said_headline = text.headline(base, v)
    assert said_headline.startswith(
        "The United States still builds the most capable models (best ECI 150 against 140"
    )
    assert "in Sub-Saharan Africa Chinese providers run 17%" in said_headline
    said = text.implications(base, v)
    assert any("4× the median Chinese one" in p for p in said[US])
    assert any("76% in Nigeria, the region's only surveyed country" in p for p in said[US])
    assert any("median 11% of AI users in Sub-Saharan Africa" in p for p in said[CN])
    # When China leads on capability and is dearer, the sentences turn round rather than repeat.
    turned = text.implications(scores(cap_us=130, cap_cn=150, price_us=0.5, price_cn=2.0), v)
    assert not any("capability lead is real" in p for p in turned[US])
    assert not any("sold at a premium" in p for p in turned[US])
    assert "China now builds the most capable models" in text.headline(scores(cap_us=130, cap_cn=150), v)
    # Global briefs carry no region paragraph; a region without survey data says trust is unknown.
    assert len(text.implications(base, view(region=regions.GLOBAL))[CN]) < len(said[CN])
    unknown = text.implications(base, view(region="Middle East & North Africa", trust=()))
    assert any(
        "the Middle East & North Africa is in the Survey, so trust is unknown" in p for p in unknown[US]
    )


def test_implications_name_the_scenario_that_ran():
    def scenario_point(name: str) -> str:
        [point] = [p for p in text.implications(scores(), view(scenario=name))[CN] if "illustrative" in p]
        return point

    assert scenario_point("status_quo").startswith("The illustrative status-quo scenario puts a median 11%")
    opened = scenario_point("us_opens_up")
    assert opened.startswith('The illustrative "US opens up" scenario puts a median 11%')
    assert "status-quo" not in opened
    assert text.scenario_adjective("new_case") == '"New case"'


def test_headline_and_implications_for_a_region_without_clouds_or_a_cheaper_china():
    empty = dataclasses.replace(view(), cloud_us=0, cloud_china=0, china_cloud_share=math.nan)
    said = text.headline(scores(), empty)
    assert (
        "nan" not in said
        and "in Sub-Saharan Africa neither country's providers list a public-cloud region" in said
    )
    assert any("open ground" in p for p in text.implications(scores(), empty)[US])
    dearer = text.headline(scores(price_us=0.5, price_cn=2.0), view())
    assert "China's models are the open ones (" in dearer and "open and cheap" not in dearer


def test_cloud_sentence_follows_which_side_runs_more_regions():
    def said(us, cn):
        v = dataclasses.replace(view(), cloud_us=us, cloud_china=cn, china_cloud_share=cn / (us + cn))
        return " ".join(text.implications(scores(), v)[US])

    assert "US providers run most of the two countries' cloud regions (5 of 6)" in said(5, 1)
    assert "Chinese providers run most of the two countries' cloud regions (4 of 7)" in said(3, 4)
    assert "run as many cloud regions each (11)" in said(11, 11)


def test_trust_in_names_a_lone_country_or_averages_several():
    assert text.trust_in(view()) == "76% in Nigeria, the region's only surveyed country"
    two = view(trust=(("Nigeria", 76.0), ("Kenya", 60.0)))
    assert text.trust_in(two) == "an average 68% across 2 surveyed countries (Nigeria 76%, Kenya 60%)"


def test_score_table_shows_each_side_and_who_it_favours():
    table = text.score_table([score("a", 10, 80, CN, note="China ahead"), score("b", 1, 1, "")])
    assert list(table["us"]) == ["10%", "1%"] and list(table["china"]) == ["80%", "1%"]
    assert list(table["favours"]) == ["China (China ahead)", "neither"]
    assert set(text.SCORE_COLUMNS) <= set(table.columns) and "source" in table.columns


def robot_point(robots) -> str:
    base = [s for s in scores() if s.key != "robot_share"]
    [point] = [p for p in text.implications([*base, robots], view())[CN] if "industrial robots" in p]
    return point


def test_robot_sentence_states_a_newer_share_beside_the_common_year_only_when_there_is_one():
    same = dataclasses.replace(score("robot_share", 7, 51, CN), as_of="2023")
    assert robot_point(same) == (
        "Factories are a data source the US lacks at the same scale: China installed 51% of the world's "
        "new industrial robots in 2023, against 7% for the US."
    )
    newer = dataclasses.replace(same, newer={CN: ("2024", 54.0, "F9 (S)")})
    assert robot_point(newer) == (
        "Factories are a data source the US lacks at the same scale: China installed 51% of the world's "
        "new industrial robots in 2023, against 7% for the US, the newest year with figures for both; "
        "China's share was 54% in 2024 (no US figure for 2024)."
    )
    assert text.newer_share(US, 2025, "9%") == "the US share was 9% in 2025 (no Chinese figure for 2025)"


def test_score_table_shows_a_newer_figure_in_its_side_cell_only():
    same = dataclasses.replace(score("robot_share", 7, 51, CN), as_of="2023")
    newer = dataclasses.replace(same, newer={CN: ("2024", 54.0, "F9 (S)")})
    table = text.score_table([same, newer])
    assert list(table["china"]) == ["51%", "51% (54% in 2024; no US figure)"]
    assert list(table["us"]) == ["7%", "7%"] and list(table["as_of"]) == ["2023", "2023"]


def test_newer_key_figures_record_china_latest_robot_share_under_the_policy_section_name():
    same = dataclasses.replace(score("robot_share", 7, 51, CN), as_of="2023")
    assert text.newer_key_figures([same]) == []
    newer = dataclasses.replace(same, newer={CN: ("2024", 54.04, "F9 (S)")})
    assert text.newer_key_figures([newer]) == [
        {
            "name": "china_robot_share_latest",
            "value": 54.0,
            "unit": "percent",
            "label": "China's share of the world's industrial robot installations",
            "as_of": "2024",
            "source": "F9 (S)",
        }
    ]


def test_by_strategy_heads_each_side():
    assert text.by_strategy({US: ["a"], CN: ["b"]}) == {
        "For the United States strategy": ["a"],
        "For the Chinese strategy": ["b"],
    }


def test_month_spells_a_day_and_keeps_a_year():
    assert (text.month("2025-08-04"), text.month("2024")) == ("August 2025", "2024")


def test_an_old_headline_says_as_of_the_month_of_its_newest_data():
    fresh = text.headline(scores(), view(), "2025-08-04", "2025-11-04")  # 3 months: not dated
    assert fresh.startswith("The United States") and not text.headline(scores(), view()).endswith("map.")
    old = text.headline(scores(), view(), "2025-08-04", "2025-12-05")
    assert old.startswith("As of August 2025, the United States still builds")
    # The cloud map (January 2025) is itself more than 3 months old at either edition: it is dated.
    assert "public-cloud regions in the January 2025 map." in fresh
    assert text.dated("China leads.", "2025-01-31", "2025-06-01") == "As of January 2025, China leads."
    assert text.dated("China leads.", "", "2025-06-01") == "China leads."
    assert text.leads_finding(scores(), "2025-01-31", "2025-06-01").startswith(
        "As of January 2025, the United States holds the edge on d, China on d"
    )


def test_a_cloud_share_of_few_regions_carries_its_wilson_interval():
    few = dataclasses.replace(view(), cloud_us=14, cloud_china=11, china_cloud_share=11 / 25)
    assert text.cloud_share(few) == "44% (95% interval 27%–63%)"  # 11 of 25, Wilson 95%
    many = dataclasses.replace(view(), cloud_us=150, cloud_china=50, china_cloud_share=0.25)
    assert text.cloud_share(many) == "25%"  # 200 regions: no interval
    assert text.cloud_share(few) in text.headline(scores(), few)


def test_a_share_of_few_models_is_shown_with_its_interval_in_the_scorecard():
    share = dataclasses.replace(
        score("open_weight_share", 16.0, 79.0, CN, "percent"),
        interval={CN: (62.0, 89.0, 33), US: (8.0, 27.0, 58)},
    )
    assert share.shown(CN) == "79% (62%–89%, 33 models)" and share.value(CN) == "79%"
