"""The scorecard and the region view (analysis.findings): scores from small tables, and the committed data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from strategy_brief import fmt
from strategy_brief.analysis import findings
from strategy_brief.curated.classify import CN, US
from tests.analysis.fact_rows import facts, year_fact


def test_openness_chip_investment_and_robot_scores_from_small_tables():
    models = pd.DataFrame(
        [
            (2024, US, "api", 8),
            (2024, US, "open_unrestricted", 2),
            (2024, CN, "open_restricted", 3),
            (2024, CN, "api", 1),
            (2024, CN, "unknown", 9),
            (2025, CN, "api", 5),
        ],
        columns=["year", "bloc", "openness_class", "models"],
    )
    top = pd.DataFrame(
        [
            ("2025-01-01", CN, "open_unrestricted", 1, 20),
            ("2025-02-01", CN, "open_unrestricted", 4, 20),
            ("2025-02-01", US, "api", 12, 20),
            ("2025-02-01", US, "open_restricted", 1, 20),
        ],
        columns=["leaderboard_version", "bloc", "openness_class", "models", "top_n"],
    )
    share, in_top = findings.openness_scores(models, top, 2024)
    assert (share.us, share.china, share.favours, share.as_of) == (20.0, 75.0, CN, "2024")  # unknown left out
    assert (in_top.us, in_top.china, in_top.as_of) == (1.0, 4.0, "2025-02-01")  # newest version only
    assert "20 leading" in in_top.measure

    hardware = pd.DataFrame(
        [
            ("N", "United States", US, 2024, 1, 1000.0),
            ("H", "China", CN, 2024, 1, 250.0),
            ("N", "United States", US, 2025, 1, 800.0),
        ],
        columns=["manufacturer", "country", "bloc", "year", "chips", "best_fp16_tflops"],
    )
    chip = findings.chip_score(hardware)
    assert (chip.us, chip.china, chip.as_of, chip.favours, chip.ratio) == (1000.0, 250.0, "2024", US, 4.0)


def robot_facts(*extra: dict) -> pd.DataFrame:
    """Synthetic robot facts: 2023 counts for the US, China and the world (IFR A), China's reported 2023
    share, and `extra` rows."""
    return facts(
        year_fact("R1", "industrial_robot_installations", US, 40, "count", 2023, primary_source="IFR A"),
        year_fact("R2", "industrial_robot_installations", CN, 300, "count", 2023, primary_source="IFR A"),
        year_fact(
            "R3", "industrial_robot_installations", "World", 500, "count", 2023, primary_source="IFR A"
        ),
        year_fact(
            "R4", "industrial_robot_installation_share", CN, 61, "percent", 2023, primary_source="IFR A"
        ),
        *extra,
    )


def test_robot_score_compares_the_common_year_and_keeps_a_newer_share_beside_it():
    same = findings.robot_score(robot_facts())
    # US 40 / 500 = 8% (computed), China's reported 61% before the computed 60%; no newer year.
    assert (same.us, same.china, same.as_of, same.favours, same.newer) == (8.0, 61.0, "2023", CN, {})
    assert same.fact_ids == ("R1", "R3", "R4") and same.source == "R1, R3, R4 (IFR A)"
    newer = findings.robot_score(
        robot_facts(
            year_fact(
                "R5", "industrial_robot_installation_share", CN, 64, "percent", 2024, primary_source="IFR B"
            )
        )
    )
    assert (newer.us, newer.china, newer.as_of) == (8.0, 61.0, "2023")  # still the year both have
    assert newer.newer == {CN: ("2024", 64.0, "R5 (IFR B)")}
    assert newer.fact_ids == ("R1", "R3", "R4", "R5")
    assert newer.source == "R1, R3, R4 (IFR A); R5 (IFR B)"
    # Once the US has a 2024 share too, 2024 is the common year and nothing is newer.
    both = findings.robot_score(
        robot_facts(
            year_fact("R5", "industrial_robot_installation_share", CN, 64, "percent", 2024),
            year_fact("R6", "industrial_robot_installation_share", US, 9, "percent", 2024),
        )
    )
    assert (both.us, both.china, both.as_of, both.newer) == (9.0, 64.0, "2024", {})


def test_robot_score_refuses_facts_without_a_common_year():
    lone = robot_facts(year_fact("R5", "industrial_robot_installation_share", CN, 64, "percent", 2024))
    with pytest.raises(ValueError, match=r"findings\.robot_score: embodied\.common_year: no year"):
        findings.robot_score(lone[lone["country"] != US])


def test_capability_score_names_who_is_behind_whichever_side_leads():
    eci = pd.DataFrame(
        {
            "release_date": ["2025-01-01", "2025-04-01", "2025-07-01"],
            "bloc": [US, CN, US],
            "eci_score": [140.0, 130.0, 150.0],
        }
    )
    cap, _ = findings.capability_score(eci)
    assert (cap.us, cap.china, cap.favours) == (150.0, 130.0, US) and cap.note.startswith("China ")
    flipped, _ = findings.capability_score(eci.assign(bloc=[CN, US, CN]))
    assert (flipped.us, flipped.china, flipped.favours) == (130.0, 150.0, CN) and flipped.note.startswith(
        "US "
    )


def test_scores_refuse_tables_without_a_comparable_pair():
    hardware = pd.DataFrame(
        [("N", "United States", US, 2024, 1, 1000.0)],
        columns=["manufacturer", "country", "bloc", "year", "chips", "best_fp16_tflops"],
    )
    with pytest.raises(ValueError, match="chip_score"):
        findings.chip_score(hardware)


def test_region_view_changes_with_the_region_on_the_committed_data():
    ssa, world = (
        findings.region_view("Sub-Saharan Africa", draws=200),
        findings.region_view("Global", draws=200),
    )
    assert ssa.cloud_us + ssa.cloud_china < world.cloud_us + world.cloud_china
    assert set(ssa.trust["country"]) < set(world.trust["country"])
    assert ssa.scenario_median != world.scenario_median
    assert 0 <= ssa.scenario_p10 <= ssa.scenario_median <= ssa.scenario_p90 <= 1
    with pytest.raises(ValueError, match="unknown region 'Atlantis'"):
        findings.region_view("Atlantis")


def test_region_view_runs_and_names_the_scenario_it_is_given():
    quo = findings.region_view("Sub-Saharan Africa", draws=200)
    cheaper = findings.region_view("Sub-Saharan Africa", scenario="controls_loosen", draws=200)
    assert (quo.scenario_name, cheaper.scenario_name) == ("status_quo", "controls_loosen")
    # Looser controls make the Chinese stack cheaper and closer to the frontier: its share can only grow.
    assert cheaper.scenario_median > quo.scenario_median
    with pytest.raises(ValueError, match="scenario 'nope'"):
        findings.region_view("Sub-Saharan Africa", scenario="nope", draws=10)


def test_show_formats_each_unit_and_says_no_data():
    assert findings.show(158.243, "ECI points") == fmt.number(158.243)
    assert findings.show(0.4821, "USD per million tokens") == "USD 0.48"
    assert findings.show(math.nan, "percent") == "no data"


def test_cut_required_keeps_rows_up_to_as_of_and_names_the_earliest_date_that_works():
    frame = pd.DataFrame({"snapshot_date": ["2025-02-06", "2025-04-30"], "x": [1, 2]})
    assert list(findings.cut_required(frame, "snapshot_date", "2025-03-31", "api_prices")["x"]) == [1]
    assert len(findings.cut_required(frame, "snapshot_date", "", "api_prices")) == 2
    with pytest.raises(
        ValueError, match=r"as_of=2024-12-31 is before the first api_prices date.*as_of=2025-02-06"
    ):
        findings.cut_required(frame, "snapshot_date", "2024-12-31", "api_prices")


def test_fact_ids_and_leads_come_from_the_scores():
    def make(dimension, favours, ids=()):
        return findings.Score("k", dimension, "m", 1, 2, "percent", "2024", "s", favours, fact_ids=ids)

    base = [
        make("Chips", US),
        make("Investment", CN, ("F9", "F1")),
        make("Cost", CN, ("F1",)),
        make("Tie", ""),
    ]
    assert findings.fact_ids(base) == ["F1", "F9"]
    assert findings.leads(base) == (["chips"], ["cost", "investment"])


def test_region_gaps_read_the_coverage_table_and_count_regions_for_global():
    from strategy_brief.analysis.indicators import reach
    from strategy_brief.curated import regions

    first, second, *rest = regions.REPORTING_REGIONS
    trust = pd.DataFrame(
        {"world_region": [r for r in rest], "in_mean": True, "country": [f"c{i}" for i in range(len(rest))]}
    )
    trust = pd.concat([trust, pd.DataFrame({"world_region": [second], "in_mean": [False], "country": ["b"]})])
    presence = pd.DataFrame(
        {
            "world_region": [*regions.REPORTING_REGIONS, regions.GLOBAL],
            "us_regions": [0, *[2] * (len(regions.REPORTING_REGIONS) - 1), 20],
            "china_regions": [0, 0, *[1] * (len(regions.REPORTING_REGIONS) - 2), 6],
        }
    )
    coverage = reach.region_coverage(trust, presence).set_index("world_region")
    total = len(regions.REPORTING_REGIONS)
    assert findings.region_gaps(coverage, regions.GLOBAL) == [
        f"no trust figure for 2 of the {total} regions ({first} and {second})",
        f"no US or Chinese cloud region for 1 of the {total} regions ({first})",
        f"no Chinese cloud region for 1 of the {total} regions ({second})",
    ]
    assert findings.region_gaps(coverage, second) == [
        "no trust figure (1 country only as a bound)",
        "no Chinese cloud region",
    ]
    assert findings.region_gaps(coverage, rest[0]) == []


def test_the_capability_lag_comes_with_its_range_when_the_threshold_moves():
    from strategy_brief.analysis.indicators import capability

    eci = pd.DataFrame(
        {
            "release_date": ["2024-01-01", "2024-07-01", "2025-01-01", "2025-06-01"],
            "bloc": [US, US, CN, CN],
            "eci_score": [120.0, 140.0, 118.0, 139.0],
        }
    )
    cap, _ = findings.capability_score(eci)
    moved = capability.lag_sensitivity(eci, US, CN)
    low, high = sorted(abs(moved[k]) for k in ("lag_shorter", "lag_longer"))
    assert cap.note.startswith("China ") and "months behind, " in cap.note
    assert f"{fmt.number(low)}–{fmt.number(high)} with the threshold ±1 point" in cap.note
    assert "(" not in cap.note  # it is quoted inside parentheses
