"""The policy section's prose and table cells (strategy_brief.report.narrative.policy) on small synthetic
tables: the sentences follow the numbers passed in, and clauses appear only when they apply."""

from __future__ import annotations

import pandas as pd

from strategy_brief.analysis.indicators import embodied, investment
from strategy_brief.curated import facts as facts_module
from strategy_brief.report.narrative import policy as narrative

US, CN = "United States", "China"


def fact(fact_id, indicator, country, value, unit, start, end, **extra) -> dict:
    return (
        {c: "" for c in facts_module.COLUMNS}
        | {
            "fact_id": fact_id,
            "indicator": indicator,
            "actor": country,
            "country": country,
            "value": float(value),
            "unit": unit,
            "qualifier": "exact",
            "as_of": start[:4],
            "as_of_start": start,
            "as_of_end": end,
            "primary_source": "AI Index 2025",
        }
        | extra
    )


def year(fact_id, indicator, country, value, unit, y, **extra) -> dict:
    return fact(fact_id, indicator, country, value, unit, f"{y}-01-01", f"{y}-12-31", **extra)


def facts_table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            year("F1", "private_ai_investment", US, 60, "USD billion", 2023, primary_source="AI Index 2024"),
            year("F2", "private_ai_investment", CN, 10, "USD billion", 2023, primary_source="AI Index 2024"),
            year("F3", "private_ai_investment", US, 100, "USD billion", 2024),
            year("F4", "private_ai_investment", CN, 8, "USD billion", 2024),
            year("F5", "ai_capex_forecast", CN, 80, "USD billion", 2025, qualifier="range_low", as_of="2025"),
            year(
                "F6", "ai_capex_forecast", CN, 100, "USD billion", 2025, qualifier="range_high", as_of="2025"
            ),
            year("F7", "industrial_robot_installations", US, 35000, "count", 2023, primary_source="IFR"),
            year("F8", "industrial_robot_installations", CN, 270000, "count", 2023, primary_source="IFR"),
            year(
                "F9", "industrial_robot_installations", "World", 540000, "count", 2023, primary_source="IFR"
            ),
            year("F10", "industrial_robot_installation_share", CN, 51, "percent", 2023, primary_source="IFR"),
            year(
                "F11",
                "industrial_robot_installation_share",
                CN,
                54,
                "percent",
                2024,
                primary_source="IFR 2025",
            ),
        ]
    )


def test_key_finding_and_key_figures_read_the_latest_comparable_values():
    facts = facts_table()
    money = investment.investment_gap(facts)
    inv = money.dropna(subset=["us_to_china_ratio"]).iloc[-1]
    chip = pd.DataFrame({"us_china_frontier_ratio": [4.5, 4.5]}, index=[US, CN])
    cn_share = embodied.latest_share(embodied.robot_installations(facts), CN)
    assert narrative.key_finding(inv, chip, cn_share) == (
        "Private AI investment in the United States was 12.5× China's in 2024 and the best US AI chip has "
        "4.5× the throughput of the best Chinese one, yet China installed 54% of the world's new industrial "
        "robots in 2024."
    )
    figures = {f["name"]: f for f in narrative.key_figures(inv, chip, 2025, cn_share)}
    assert figures["us_china_investment_ratio_latest"]["source"] == "F3, F4 (AI Index 2025)"
    assert figures["us_china_accelerator_ratio_latest"]["as_of"] == "2025"
    assert figures["china_robot_share_latest"] == {
        "name": "china_robot_share_latest",
        "value": 54.0,
        "unit": "percent",
        "label": "China's share of the world's industrial robot installations",
        "as_of": "2024",
        "source": "F11 (IFR 2025)",
    }
    assert narrative.global_scope("Europe").endswith("including this one (Europe).")


def test_investment_text_mentions_the_missing_official_figure_and_the_forecast_only_when_found():
    facts = facts_table()
    money = investment.investment_gap(facts)
    not_found = pd.DataFrame(
        {"fact_id": ["NF3"], "indicator_label": ["Official Chinese government AI spending, annual"]}
    )
    text = narrative.investment(money, facts, not_found)
    assert text.startswith("The ratio went from 6× in 2023 to 12.5× in 2024.")
    assert "(entry NF3 in data/raw/facts_not_found.csv); the nearest figure found is a forecast" in text
    assert text.endswith(
        "in 2025 of USD 80 billion to USD 100 billion (AI Index 2025; facts F5, F6), a bank's estimate and "
        "not an official budget."
    )
    no_forecast = narrative.investment(money, facts[~facts["fact_id"].isin(["F6"])], not_found)
    assert no_forecast.endswith("(entry NF3 in data/raw/facts_not_found.csv).")
    nothing = narrative.investment(money, facts, not_found.iloc[0:0])
    assert nothing.endswith("state funding is not included. ")


def test_chips_text_says_an_incomplete_year_only_when_the_data_end_in_the_snapshot_year():
    hardware = pd.DataFrame(
        [
            ("Nvidia", US, 2023, 1, 990.0),
            ("Huawei", CN, 2023, 1, 280.0),
            ("Nvidia", US, 2025, 1, 2250.0),
            ("Cambricon", CN, 2025, 1, 200.0),
            ("Biren", CN, 2025, 1, float("nan")),
        ],
        columns=["manufacturer", "bloc", "year", "chips", "best_fp16_tflops"],
    )
    chips = investment.accelerators(hardware)
    chip_year, chip = investment.latest_comparable(chips)
    series = investment.frontier_series(chips)
    best = investment.best_chip(series, CN)
    reporting = investment.reporting_makers(chips)
    text = narrative.chips(series, chip, chip_year, best, reporting, "2025-08-01", 2025)
    assert text.startswith(
        "China's line starts in 2023, the first year a Chinese chip in the data has a reported figure, and "
        "its best chip is still Huawei's from 2023 (280 TFLOP/s). Counting only chips released in 2025, the "
        "gap is 11.2×: Nvidia (2,250 TFLOP/s) against Cambricon (200 TFLOP/s)."
    )
    assert (
        "2 of 3 Chinese maker-years in the data report an FP16 figure, against 2 of 2 for US makers." in text
    )
    assert text.endswith("The data end at the snapshot of 2025-08-01, so 2025 is incomplete.")
    assert narrative.chips(series, chip, chip_year, best, reporting, "2026-01-10", 2025).endswith(
        "make or buy."
    )


def test_robot_rows_keep_the_compared_countries_in_year_and_measure_order():
    facts = pd.concat(
        [
            facts_table(),
            pd.DataFrame([year("F12", "industrial_robot_installations", "Japan", 44000, "count", 2023)]),
        ]
    )
    robots = embodied.robot_installations(facts)
    rows = narrative.robot_rows(robots)
    assert "Japan" not in set(rows["country"])
    assert rows[["year", "measure"]].drop_duplicates().values.tolist() == [
        [2023, "installations"],
        [2023, "share_of_global"],
        [2024, "share_of_global"],
    ]
    computed = rows[(rows["basis"] == "computed") & (rows["country"] == US)].iloc[0]
    assert (computed["shown"], computed["how"], computed["facts_cited"]) == (
        "6.5%",
        "computed from counts",
        "F7, F9",
    )
    assert set(narrative.ROBOT_COLUMNS) <= set(rows.columns)


def test_robots_text_compares_one_year_and_warns_when_china_latest_is_another_source():
    robots = embodied.robot_installations(facts_table())
    cn_share = embodied.latest_share(robots, CN)
    text = narrative.robots(robots, cn_share)
    assert text.startswith(
        "In 2023 the United States installed 6.5% of the world's new industrial robots (computed from the "
        "counts) and China 50%, in line with the 51% the source reports. China's 2024 share, 54%, comes from "
        "a different source (IFR 2025) than the 2023 counts"
    )
    same_year = embodied.latest_share(robots[robots["year"] == 2023], CN)
    assert "different source" not in narrative.robots(robots, same_year)
    gaps = embodied.data_gaps(robots)
    points = dict(narrative.robot_gap_points(gaps))
    assert list(points) == [US, CN] and points[US].endswith(".")
    assert "no density figure in any year" in points[US]


def test_timeline_lists_the_chosen_facts_by_date_and_shows_the_source_dating_where_different():
    facts = pd.DataFrame(
        [
            fact("F150", "plan", "China", 2030, "year", "2030-01-01", "2030-12-31", as_of="2030 target"),
            fact(
                "F122", "export_control", "US/BIS", 3, "count", "2022-10-07", "2022-10-07", as_of="2022-10-07"
            ),
            fact("F999", "other", "US", 1, "count", "2021-01-01", "2021-01-01", as_of="2021-01-01"),
        ]
    )
    timeline = narrative.timeline(facts)
    assert timeline["fact_id"].tolist() == ["F122", "F150"]
    assert timeline["as_stated"].tolist() == ["", "2030 target"]
    assert timeline["actor"].tolist() == ["US / BIS", "China"]
    assert timeline["shown"].tolist() == ["3", "2030"]
    assert "the 2 dated policy figures" in narrative.timeline_intro(timeline)
    assert "China's 1 plan rows are dated" in narrative.timeline_intro(timeline)
    assert list(narrative.TIMELINE_COLUMNS) == [
        "as_of_start",
        "actor",
        "indicator_label",
        "shown",
        "as_stated",
        "fact_id",
    ]
