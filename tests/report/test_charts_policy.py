"""The policy section's charts (strategy_brief.report.charts.policy) on small synthetic tables: what each
draws, and the alt text and data it publishes with the figure."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import pandas as pd

from strategy_brief.analysis.indicators import investment
from strategy_brief.report import style
from strategy_brief.report.charts import policy as charts
from tests.report.figure_tools import texts

US, CN = "United States", "China"


def money_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2023, 2024, 2025],
            "primary_source": ["AI Index 2024", "AI Index 2025", "AI Index 2026"],
            "us_usd_bn": [60.0, 100.0, float("nan")],
            "china_usd_bn": [10.0, 8.0, 12.0],
            "us_to_china_ratio": [6.0, 12.5, float("nan")],
            "us_fact": ["F1", "F3", ""],
            "china_fact": ["F2", "F4", "F5"],
        }
    )


def test_investment_pairs_the_bars_and_labels_each_ratio(shown):
    money = money_table()
    tidy = investment.by_country(money)
    charts.investment(money, tidy, source_note="Source: S")
    [call] = shown
    fig = call["fig"]
    assert style.figure_title(fig) == "US private AI investment was 12.5× China's in 2024"
    # Five bars with a height (the US has no 2025 figure) and a ratio above the two comparable years.
    heights = [p.get_height() for p in fig.axes[0].patches if p.get_height() == p.get_height()]
    assert sorted(heights) == [8.0, 10.0, 12.0, 60.0, 100.0]
    assert [t for t in texts(fig) if t.startswith("US = ")] == ["US = 6× China", "US = 12.5× China"]
    assert call["alt"].startswith(
        "Paired bars of private AI investment by year: 2023: United States USD 60 billion, "
        "China USD 10 billion (6×); 2024: United States USD 100 billion, China USD 8 billion (12.5×); 2025: "
    )
    assert call["data"] is tidy


def test_chips_titles_the_ratio_of_one_release_year_and_dates_china_best_chip(shown):
    hardware = pd.DataFrame(
        [
            ("Nvidia", US, 2022, 1, 990.0),
            ("Huawei", CN, 2023, 1, 280.0),
            ("Nvidia", US, 2024, 1, 2250.0),
            ("Cambricon", CN, 2024, 1, 200.0),
        ],
        columns=["manufacturer", "bloc", "year", "chips", "best_fp16_tflops"],
    )
    chips = investment.accelerators(hardware)
    series = investment.frontier_series(chips)
    charts.chips(series, investment.chip_comparison(chips), source_note="Source: S")
    [call] = shown
    fig = call["fig"]
    # 2024 against 2024: 2,250 / 200 = 11.25, not 2,250 against China's older, faster 280 (8×).
    assert style.figure_title(fig) == (
        "Among AI chips released in 2024, the best US one has 11.2× the throughput of China's best"
    )
    assert "China's fastest so far is Huawei's from 2023" in " ".join(texts(fig))
    assert call["alt"].endswith(
        "Among chips released in 2024: US 2,250 TFLOP/s (Nvidia), China 200 TFLOP/s (Cambricon). Fastest so "
        "far: US 2,250 TFLOP/s (Nvidia, 2024), China 280 TFLOP/s (Huawei, 2023)."
    )
    # Each year's fastest release as an open marker: China's 2024 chip is drawn below its line.
    hollow = [line for line in fig.axes[0].get_lines() if line.get_markerfacecolor() == "white"]
    assert sorted(y for line in hollow for y in line.get_ydata()) == [200.0, 280.0, 990.0, 2250.0]
    assert list(call["data"].columns) == list(call["columns"])
    assert fig.axes[0].get_xlim() == (2021.5, 2025.8)
